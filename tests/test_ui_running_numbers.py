"""A body that numbers its items through the year (format 2, items 49-54): the screens give the
numbers the referat gives, and the case text shows the earlier decisions the referat prints."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from ui_support import Keys, screen_text

from meetingtui.ui.app import create_app
from meetingtui.ui.screens.main import MainScreen
from meetingtui.ui.widgets.case_text import CaseText

pytestmark = pytest.mark.slow  # a Pilot screen

AGENDA = Path(__file__).parent.parent / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml"


def on_meeting_day(hour: int, minute: int):
    moment = pendulum.datetime(2026, 6, 11, hour, minute, tz="Europe/Copenhagen")
    return lambda: moment


async def test_rows_status_and_case_text_use_the_agendas_running_numbers(tmp_path):
    app = create_app(AGENDA, tmp_path / "meeting.record", now=on_meeting_day(16, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("o")
        await keys.type("16.00")
        await keys.press("enter")
        assert isinstance(app.screen, MainScreen)
        await keys.press("n")  # on to the second item, Vejplan 2027-2030
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert "49. Godkendelse af dagsorden" in shown
        assert "50. Vejplan 2027-2030" in shown
        assert "54. Eventuelt" in shown
        assert " 1. Godkendelse" not in shown
        assert "Punkt 50 (2 af 6)" in shown
        app.screen.query_one(CaseText).scroll_end(animate=False)  # to the case text's end
        await pilot.pause(0.1)
        shown = screen_text(app)
        assert "Teknik- og Miljøudvalget, 12-03-2026, pkt. 23:" in shown
        assert "Forslaget sendes i høring hos lokalrådene." in shown
