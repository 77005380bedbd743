"""The footer of keys: the screen's keys in its first frame, and the right ones after the
focus moves and after a dialog closes (it is rebuilt only when they change)."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey
from ui_support import Clock, Keys, demo_app

from meetingtui.ui.screens.main import MainScreen
from meetingtui.ui.widgets.key_footer import KeyFooter

pytestmark = pytest.mark.slow  # a Pilot screen

MAIN_KEYS = ["Næste", "Beslutning", "Ankommer", "Går", "Deltager ikke", "Afstemning", "Hjælp"]


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(KeyFooter).query(FooterKey))


def descriptions(app) -> list[str]:
    return [key.description for key in footer_keys(app)]


async def test_the_keys_are_in_the_screens_first_frame():
    app = demo_app(Clock(10, 5))
    async with app.run_test(size=(120, 40)):
        app.secretary.open_meeting("10.00")
        await app.switch_screen(MainScreen())  # mounted; no frame drawn since
        assert all(name in descriptions(app) for name in MAIN_KEYS), descriptions(app)


async def test_the_keys_stay_right_after_the_focus_moves_and_a_dialog_closes():
    app = demo_app(Clock(10, 5))
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        assert descriptions(app)[:2] == ["Åbn mødet", "Afbud"]  # the roll call's
        await keys.press("o")
        await keys.type("10.00")
        await keys.press("enter")
        shown = descriptions(app)
        assert all(name in shown for name in MAIN_KEYS), shown
        await keys.press("d")  # in the decision editor a letter is typed, not a key
        await pilot.pause()
        assert "Næste" not in descriptions(app)
        await keys.press("escape")  # out of it: the keys again
        await pilot.pause()
        assert descriptions(app) == shown
        before = footer_keys(app)
        await keys.press("question_mark")  # help over the screen, closed again
        await keys.press("escape")
        await pilot.pause()
        assert footer_keys(app) == before  # the very same keys: not rebuilt for nothing
