"""The chair's attendance view in a terminal: a table, and --watch following the record."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time

import pendulum
import pytest
from hostile_strings import HOSTILE, has_control
from rich.console import Console
from test_app_killed import Terminal

from meetingtui import agenda as agenda_mod
from meetingtui import attendance, chair_table, paths
from meetingtui import events as ev
from meetingtui.record import MeetingRecord
from meetingtui.terminal_text import printable


def writer(path):
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    return MeetingRecord(path, agenda.sha256)


def test_attendance_prints_counts_quorum_and_members(tmp_path):
    record = writer(tmp_path / "m.record")
    record.append(ev.make("roll_call", member="jens-wistoft", status="afbud"))
    record.append(ev.make("meeting_opened", time="2025-11-20T10:00:00+01:00"))
    out = subprocess.run(
        [sys.executable, "-m", "meetingtui", "attendance", "--record", str(tmp_path / "m.record")],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
    )
    record.close()
    assert out.returncode == 0, out.stderr
    assert "Til stede: 6 af 7 medlemmer" in out.stdout
    assert "JA, beslutningsdygtigt" in out.stdout
    assert "Jens Wistoft" in out.stdout and "afbud" in out.stdout


def test_watch_follows_the_writer_within_a_second_without_taking_its_lock(tmp_path):
    path = tmp_path / "m.record"
    record = writer(path)  # the secretary's app holds the lock throughout
    record.append(ev.make("meeting_opened", time="2025-11-20T10:00:00+01:00"))
    term = Terminal(
        [sys.executable, "-m", "meetingtui", "attendance", "--watch", "--record", str(path)],
        dict(os.environ),
    )
    try:
        term.wait_for("Til stede: 7 af 7")
        record.append(ev.make("left", member="lars-mogensen", time="2025-11-20T10:20:00+01:00"))
        started = time.monotonic()
        term.wait_for("Til stede: 6 af 7", seconds=5)
        assert time.monotonic() - started < 1.0
        record.append(
            ev.make("decision_set", item="delstrategier", text="Godkendt")
        )  # the writer still writes
        assert record.saved
    finally:
        term.kill()
        record.close()


def overview_of(names: list[str]) -> attendance.Overview:
    """An overview whose every shown text (names, parties, notes, the item) is given."""
    at = pendulum.datetime(2025, 11, 20, 10, 30, tz="Europe/Copenhagen")
    lines = tuple(
        attendance.SeatLine(f"s{i}", name, name, f"stedfortræder for {name}", True, False, name)
        for i, name in enumerate(names)
    )
    moves = tuple(attendance.MovementLine(name, "left", at, 1, True) for name in names)
    return attendance.Overview(
        len(names), len(names), f"Punkt 1: {names[0]}", 0, 1, False, lines, moves, at, None
    )


@pytest.mark.parametrize("key", list(HOSTILE))
def test_the_chairs_table_shows_every_text_as_written_and_writes_only_styles(key):
    """Markup is not parsed ([/] does not raise, [link=…] makes no link) and control
    characters are shown as U+FFFD: only Rich's own colour sequences reach the terminal."""
    text = HOSTILE[key]
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=4000)
    console.print(chair_table.render(overview_of([text]), text))
    written = out.getvalue()
    assert "\x1b]" not in written  # no OSC: no hyperlink, no clipboard
    assert not has_control(re.sub(r"\x1b\[[0-9;]*m", "", written), allowed="\n")
    plain = Console(file=io.StringIO(), width=4000, record=True)
    plain.print(chair_table.render(overview_of([text]), text))
    shown = plain.export_text()
    visible = " ".join(printable(text).split())
    # the body, the item, and each seat's name, party, status, note and movement
    assert " ".join(shown.split()).count(visible) >= 7


def test_the_table_shows_seats_length_low_point_and_lost_quorum():
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    events = [
        ev.make("roll_call", member="jens-wistoft", status="afbud"),
        ev.make("substitute", member="jens-wistoft", name="Ida Holm", party="A"),
        ev.make("meeting_opened", time="2025-11-20T10:00:00+01:00"),
        ev.make("item_opened", item="delstrategier", time="2025-11-20T10:00:00+01:00"),
        ev.make("left", member="anja-lund", time="2025-11-20T10:10:00+01:00"),
        ev.make("meeting_closed", time="2025-11-20T11:30:00+01:00"),
    ]
    for number, event in enumerate(events, 1):
        event["id"] = number
    from meetingtui.meeting import fold

    view = attendance.overview(fold(agenda, events))
    console = Console(record=True, width=120, file=io.StringIO())
    console.print(chair_table.render(view, agenda.meeting.body))
    shown = console.export_text()
    assert "6 af 7 pladser besat, heraf 1 stedfortræder" in shown
    assert "Mødets varighed: 1 t 30 min" in shown
    assert "Færrest deltagende: 6 (Punkt 1)" in shown
