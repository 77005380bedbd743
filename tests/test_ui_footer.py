"""The footer of keys: the screen's keys in its first frame, the right ones after the focus
moves and after a dialog closes, and a click on a key presses it. (That it looks as
Textual's Footer did is held by the screen snapshots, which were taken with Footer.)"""

from __future__ import annotations

import pytest
from ui_support import Clock, Keys, demo_app

from meetingtui.ui.screens.main import MainScreen
from meetingtui.ui.widgets.key_footer import KeyFooter

pytestmark = pytest.mark.slow  # a Pilot screen

MAIN_KEYS = ["Næste", "Beslutning", "Ankommer", "Går", "Deltager ikke", "Afstemning", "Hjælp"]


def footer(app) -> KeyFooter:
    return app.screen.query_one(KeyFooter)


def shown(app) -> str:
    """The footer's line as drawn."""
    return footer(app).render().plain


async def test_the_keys_are_in_the_screens_first_frame():
    app = demo_app(Clock(10, 5))
    async with app.run_test(size=(120, 40)):
        app.secretary.open_meeting("10.00")
        await app.switch_screen(MainScreen())  # mounted; no frame drawn since
        line = shown(app)
        assert all(f" {name} " in line for name in MAIN_KEYS), line
        assert line.startswith(" n Næste  d Beslutning ")
        assert line.rstrip().endswith("▏^k palette")  # the palette's key on the right
        assert len(line) == 120


async def test_the_keys_stay_right_after_the_focus_moves_and_a_dialog_closes():
    app = demo_app(Clock(10, 5))
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        assert shown(app).startswith(" o Åbn mødet  a Afbud ")  # the roll call's
        await keys.press("o")
        await keys.type("10.00")
        await keys.press("enter")
        before = shown(app)
        assert all(name in before for name in MAIN_KEYS), before
        await keys.press("d")  # in the decision editor a letter is typed, not a key
        await pilot.pause()
        assert "Næste" not in shown(app)
        await keys.press("escape")  # out of it: the keys again
        await pilot.pause()
        assert shown(app) == before
        await keys.press("question_mark")  # help over the screen, closed again
        await keys.press("escape")
        await pilot.pause()
        assert shown(app) == before


async def test_a_click_on_a_key_presses_it():
    app = demo_app(Clock(10, 5))
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("o")
        await keys.type("10.00")
        await keys.press("enter")
        first = app.secretary.state.current
        column = shown(app).index(" n Næste ") + 1
        await pilot.click(KeyFooter, offset=(column, 0))
        await pilot.pause()
        assert app.secretary.state.current not in (None, first)  # the next item is taken up
        assert footer(app).key_at(shown(app).index("Hjælp")).description == "Hjælp"
        assert footer(app).key_at(118).description == "palette"
