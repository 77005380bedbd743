"""The approval's dialogs and the locked main screen at 80x24 (pytest-textual-snapshot; the
SVGs are in __snapshots__). The demo meeting, closed, on 4 December 2025."""

from __future__ import annotations

import shutil

import pendulum
import pytest
from ui_support import Clock

from meetingtui import paths
from meetingtui.ui.app import create_app

pytestmark = pytest.mark.slow  # Pilot-driven screens

TO_ITEM_1 = ["g", "home", "enter"]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


def quietly(*keys: str):
    """Press the keys, then clear the toasts (the approval's own), which would hide the screen."""

    async def run(pilot) -> None:
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    return run


@pytest.fixture
def closed_demo(tmp_path):
    record = tmp_path / "demo.record"
    shutil.copyfile(paths.DEMO_RECORD, record)
    record.chmod(0o600)
    clock = Clock()
    clock.moment = pendulum.datetime(2025, 12, 4, 10, 0, tz="Europe/Copenhagen")
    return create_app(None, record, now=clock)


def test_approve_dialog(snap_compare, closed_demo):
    """Today's date, signed on paper, the five members who took part chosen; it locks."""
    assert snap_compare(closed_demo, press=["G"], run_before=settle)


def test_approve_dialog_refused_date(snap_compare, closed_demo):
    """A date that does not exist stays in the dialog, the reason under it."""
    press = ["G", *["backspace"] * 10, *"31-02-2025", "ctrl+s"]
    assert snap_compare(closed_demo, press=press, run_before=settle)


def test_locked_main_screen(snap_compare, closed_demo):
    """Approved: the status line says so, the decision's title says R corrects."""
    assert snap_compare(closed_demo, run_before=quietly("G", "ctrl+s", *TO_ITEM_1))


def test_correction_dialog(snap_compare, closed_demo):
    """Item 1's decision, filled in as it reads, and the explanation to write."""
    assert snap_compare(closed_demo, run_before=quietly("G", "ctrl+s", *TO_ITEM_1, "R"))
