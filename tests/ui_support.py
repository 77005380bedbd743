"""Helpers for the UI tests: a fixed clock, key counting, building the app the CLI builds."""

from __future__ import annotations

import io

import pendulum
from rich.console import Console

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


# -- what reaches the terminal -------------------------------------------------------------------


def screen_segments(app) -> list:
    """The segments the app would write for its whole screen now (toasts and dialogs too)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    return list(console.render(update))


def screen_text(app) -> str:
    """The characters on the screen, row by row (no styles)."""
    rows: list[str] = []
    for segment in screen_segments(app):
        if segment.control:  # a full update moves the cursor to the start of each row
            rows.append("")
        elif rows:
            rows[-1] += segment.text
    return "\n".join(row.rstrip() for row in rows)


async def paste(pilot, text: str) -> None:
    """Paste into the focused widget, as a terminal's bracketed paste arrives."""
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def text_of(app, selector: str) -> str:
    """The text a widget shows, rich renderables included."""
    widget = app.screen.query_one(selector)
    content = getattr(widget, "content", None)
    if content is None or isinstance(content, str):
        return str(widget.render())
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(content)
    return console.export_text()
