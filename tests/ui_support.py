"""Helpers for the UI tests: a fixed clock, key counting, building the app the CLI builds."""

from __future__ import annotations

import pendulum

from meetingtui.ui.app import create_app

TZ = "Europe/Copenhagen"


class Clock:
    """A clock the test moves by hand; the app asks it for 'now'."""

    def __init__(self, hour: int = 9, minute: int = 55):
        self.moment = pendulum.datetime(2025, 11, 20, hour, minute, tz=TZ)

    def __call__(self) -> pendulum.DateTime:
        return self.moment

    def set(self, hour: int, minute: int) -> None:
        self.moment = self.moment.set(hour=hour, minute=minute)


class Keys:
    """Press keys through Pilot, counting the keys (typed text is counted apart)."""

    def __init__(self, pilot):
        self.pilot = pilot
        self.count = 0
        self.typed = 0

    async def press(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def type(self, text: str) -> None:
        self.typed += len(text)
        await self.pilot.press(*text)
        await self.pilot.pause()


def demo_app(clock: Clock | None = None, record=None):
    """The app on the bundled demo agenda with a new record of its own (as `meetingtui`)."""
    return create_app(None, record, now=clock or Clock())
