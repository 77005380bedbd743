"""What the screens show, at 80x24 and 120x40, and every dialog at 80x24.

pytest-textual-snapshot; the SVGs are in __snapshots__.
"""

from __future__ import annotations

import errno

import pytest
from ui_support import Clock, demo_app

from meetingtui.ui.screens.save_problem import SaveProblemScreen

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


# -- every dialog, at 80x24 ------------------------------------------------------------------------
MEETING = ROLL_CALL + OPEN


def test_member_picker_with_time(snap_compare):
    """Who leaves: the members in the room, and the time (Tab to type another)."""
    assert snap_compare(demo_app(Clock()), press=MEETING + ["l", "down"], run_before=settle)


def test_reason_picker(snap_compare):
    """Why Meho Selman does not take part in item 1."""
    press = MEETING + ["i", "down"]
    assert snap_compare(demo_app(Clock()), press=press + ["enter"], run_before=settle)


def test_text_prompt(snap_compare):
    """The opening time, now filled in; the secretary may type another."""
    assert snap_compare(demo_app(Clock()), press=ROLL_CALL + ["o"], run_before=settle)


def test_choice_picker(snap_compare):
    """A substitute for Jens Wistoft: his named substitute, or another typed in."""
    press = ["down"] * 5 + ["s"]
    assert snap_compare(demo_app(Clock()), press=press, run_before=settle)


def test_vote(snap_compare):
    """The vote on item 1, the first member's party (V) for."""
    press = MEETING + ITEM_1 + ["v", "F"]
    assert snap_compare(demo_app(Clock()), press=press, run_before=settle)


def test_add_item(snap_compare):
    press = MEETING + ["plus", *"Henvendelse fra borger", "tab", *"25/1234"]
    assert snap_compare(demo_app(Clock()), press=press, run_before=settle)


def test_help(snap_compare):
    """Every key of the main screen."""
    assert snap_compare(demo_app(Clock()), press=MEETING + ["f1"], run_before=settle)


def test_corrections(snap_compare):
    """Earlier registrations, newest first, to correct a time or remove one."""
    press = MEETING + ITEM_1 + ["r"]
    assert snap_compare(demo_app(Clock()), press=press, run_before=settle)


def test_preview_item(snap_compare):
    """Item 1 as it will read in the public referat."""
    press = MEETING + ITEM_1 + ["w"]
    assert snap_compare(demo_app(Clock()), press=press, run_before=settle)


def test_save_problem(snap_compare):
    """The disk is full: said at once, with what happens now and the way out."""

    async def disk_full(pilot) -> None:
        await pilot.press(*MEETING)
        await settle(pilot)
        error = "/home/sekretaer/moeder/diu-2025-11-20.record: cannot save: the disk is full"
        pilot.app.push_screen(SaveProblemScreen(error, errno.ENOSPC))
        await settle(pilot)

    assert snap_compare(demo_app(Clock()), run_before=disk_full)
