"""The chair's attendance view in a terminal: a table, and --watch following the record."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from test_app_killed import Terminal

from meetingtui import agenda as agenda_mod
from meetingtui import events as ev
from meetingtui import paths
from meetingtui.record import MeetingRecord


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
