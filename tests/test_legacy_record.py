"""A record written by an earlier release loads and exports to the same referat text.

`tests/legacy/` holds a record made by main at 61c3be7 (before the redesign of the event
and record layers), using every event kind that version could record, with the public
and full referat text that version exported from it (`tests/legacy/make_legacy.py` is
the script it was made with, kept for the record; it is not run). A secretary's meeting
outlives a release: whatever changes inside, these must keep coming out the same.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import events as ev
from meetingtui.meeting import fold
from meetingtui.minutes import build, text
from meetingtui.record import MeetingRecord

LEGACY = Path(__file__).parent / "legacy"


@pytest.fixture
def legacy_record(tmp_path):
    copy = tmp_path / "meeting.record"
    shutil.copyfile(LEGACY / "meeting.record", copy)
    copy.chmod(0o600)
    return copy


@pytest.mark.parametrize("full", [False, True], ids=["public", "full"])
def test_a_record_from_an_earlier_release_exports_the_same_text(legacy_record, full):
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    record = MeetingRecord(legacy_record, agenda.sha256, read_only=True)
    try:
        state = fold(agenda, record.events)
    finally:
        record.close()
    expected = (LEGACY / f"referat-{'full' if full else 'public'}.txt").read_text()
    assert text.render(build(state, full=full)) == expected


def test_a_record_from_an_earlier_release_can_be_continued(legacy_record):
    """Opened for writing, it takes new events after the old ones and reads back whole."""
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    record = MeetingRecord(legacy_record, agenda.sha256)
    try:
        kinds = {e["kind"] for e in record.events}
        assert {"amend", "retract", "item_added", "vote", "dissent"} <= kinds
        record.append(ev.make("chair_set", member="meho-selman"))
    finally:
        record.close()
    reopened = MeetingRecord(legacy_record, agenda.sha256, read_only=True)
    try:
        assert [e["id"] for e in reopened.events] == list(range(1, 40))
        assert reopened.events[-1]["member"] == "meho-selman"
    finally:
        reopened.close()
