"""What the screens show, at 80x24 and 120x40 (pytest-textual-snapshot; SVGs in __snapshots__)."""

from __future__ import annotations

import pytest
from ui_support import Clock, demo_app

SIZES = [(80, 24), (120, 40)]
ROLL_CALL = ["down", "down", "down", "a", "down", "down", "a"]
OPEN = ["o", "1", "0", ".", "0", "0", "enter"]
ITEM_1 = ["i", "down", "enter", "3", "f2"]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_roll_call(snap_compare, size):
    assert snap_compare(demo_app(Clock()), press=ROLL_CALL, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, size):
    assert snap_compare(
        demo_app(Clock()), press=ROLL_CALL + OPEN + ITEM_1, terminal_size=size, run_before=settle
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_attendance_panel(snap_compare, size):
    press = ROLL_CALL + OPEN + ITEM_1 + ["t"]
    assert snap_compare(demo_app(Clock()), press=press, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_check(snap_compare, size):
    press = ROLL_CALL + OPEN + ITEM_1 + ["n", "e"]
    assert snap_compare(demo_app(Clock()), press=press, terminal_size=size, run_before=settle)
