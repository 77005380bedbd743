"""The first frame: it imports only the screens it shows (a dialog's module, and the
screens not shown, are imported at their key, so opening a meeting does not wait for them),
and it is built without garbage collection passes, which resume once it is drawn.

The imports are checked in a fresh interpreter: the app built as `meetingtui` builds it,
run until its first screen is up, then the UI modules loaded are listed.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest

from meetingtui import meetings
from meetingtui.ui.app import COLLECT_AFTER_SECONDS, create_app

pytestmark = pytest.mark.slow  # fresh interpreters with Textual, a running app

# Loaded on first use. Not here: the save-problem dialog and the text prompt it asks a new
# folder with, loaded with the app (meetingtui/ui/app.py says why).
DIALOGS = {
    "meetingtui.ui.commands",
    "meetingtui.ui.screens.add_item",
    "meetingtui.ui.screens.approve",
    "meetingtui.ui.screens.chair_panel",
    "meetingtui.ui.screens.correction",
    "meetingtui.ui.screens.export",
    "meetingtui.ui.screens.form",
    "meetingtui.ui.screens.help",
    "meetingtui.ui.screens.history",
    "meetingtui.ui.screens.preview",
    "meetingtui.ui.screens.serve",
    "meetingtui.ui.screens.vote",
}
HOME = "meetingtui.ui.screens.home"
ROLL_CALL = "meetingtui.ui.screens.rollcall"
MAIN = "meetingtui.ui.screens.main"

FIRST_SCREEN = """
import asyncio, json, sys

import pendulum

from meetingtui.ui.app import COLLECT_AFTER_SECONDS, create_app, create_home_app

now = lambda: pendulum.datetime(2025, 11, 20, 10, 5, tz="Europe/Copenhagen")
if sys.argv[1] == "home":
    app = create_home_app(now=now, folders=[])
else:
    app = create_app(None, sys.argv[1], now=now)


async def first_screen() -> str:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if sys.argv[2:] == ["later"]:
            await pilot.pause(COLLECT_AFTER_SECONDS + 0.5)
        return type(app.screen).__name__


shown = asyncio.run(first_screen())
print(json.dumps([shown, sorted(m for m in sys.modules if m.startswith("meetingtui.ui"))]))
"""


def first_screen(what: str, *later: str) -> tuple[str, set[str]]:
    """The screen shown first and the UI modules loaded by then (or, with "later", a
    moment after the first screen), in a new interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN, what, *later],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    shown, modules = json.loads(result.stdout.splitlines()[-1])
    return shown, set(modules)


def opened_meeting(record: Path) -> None:
    """The demo meeting opened (past its roll call), as a secretary leaves it mid-meeting."""
    now = pendulum.datetime(2025, 11, 20, 10, 5, tz="Europe/Copenhagen")
    secretary, _notices = meetings.open_meeting(None, record, now=lambda: now)
    secretary.open_meeting("10.00")
    secretary.record.close()


def test_a_meeting_opened_at_its_item_loads_no_dialog_nor_other_screen(tmp_path):
    record = tmp_path / "demo.record"
    opened_meeting(record)
    shown, modules = first_screen(str(record))
    assert shown == "MainScreen"
    assert MAIN in modules
    assert not modules & (DIALOGS | {HOME, ROLL_CALL})


def test_every_screen_and_dialog_is_loaded_a_moment_after_the_first_screen(tmp_path):
    """So that no key in the meeting waits on the disk the program is on (ui/deferred.py)."""
    record = tmp_path / "demo.record"
    opened_meeting(record)
    shown, modules = first_screen(str(record), "later")
    assert shown == "MainScreen"
    assert modules >= DIALOGS | {HOME, ROLL_CALL}


def test_the_roll_call_loads_neither_the_main_screen_nor_a_dialog(tmp_path):
    shown, modules = first_screen(str(tmp_path / "new.record"))
    assert shown == "RollCallScreen"
    assert not modules & (DIALOGS | {HOME, MAIN})


def test_the_home_screen_loads_no_meeting_screen():
    shown, modules = first_screen("home")
    assert shown == "HomeScreen"
    assert not modules & (DIALOGS | {ROLL_CALL, MAIN})


def test_collection_waits_for_the_first_screen_and_resumes(tmp_path):
    now = pendulum.datetime(2025, 11, 20, 10, 5, tz="Europe/Copenhagen")
    app = create_app(None, tmp_path / "demo.record", now=lambda: now)
    seen = {}

    async def secretary(pilot) -> None:
        seen["drawn"] = gc.isenabled()
        await pilot.pause(COLLECT_AFTER_SECONDS + 0.3)
        seen["later"] = gc.isenabled()
        app.exit()

    try:
        app.run(headless=True, size=(120, 40), auto_pilot=secretary)
        assert seen == {"drawn": False, "later": True}
        assert gc.isenabled()
    finally:
        gc.enable()
