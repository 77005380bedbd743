"""The whole of issue 12's tamper evidence, as a secretary and a reader meet it: approve a
meeting, export the full referat, and `meetingtui verify` ties the referat to the record;
a byte changed by hand in the approved record is named by its event."""

from __future__ import annotations

import json
import shutil
import zlib

import pytest

from meetingtui import cli, fingerprint, paths
from meetingtui.record import MeetingRecord

AGENDA = str(paths.DEMO_AGENDA)


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MEETINGTUI_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def approved(tmp_path, capsys):
    """The demo meeting's record, carried on by this version (so its new events are chained):
    a correction of attendance before approval, the approval, and a correction after it."""
    path = tmp_path / "demo.record"
    shutil.copyfile(paths.DEMO_RECORD, path)
    path.chmod(0o600)
    assert cli.main(["approve", AGENDA, "--record", str(path), "--date", "04-12-2025",
                     "--how", "underskrift"]) == 0  # fmt: skip
    assert cli.main(["correct", AGENDA, "--record", str(path), "--text", "Rettet navn.",
                     "--item", "6", "--decision", "Ingen bemærkninger fra udvalget.",
                     "--date", "09-12-2025"]) == 0  # fmt: skip
    capsys.readouterr()
    return path


def export(record, target, *extra: str) -> None:
    assert cli.main(["export", AGENDA, "--record", str(record), "-o", str(target), *extra]) == 0


def verify(capsys, *files) -> tuple[int, str]:
    code = cli.main(["verify", *map(str, files)])
    return code, capsys.readouterr().out


def test_the_full_referat_carries_the_seal_of_the_newest_correction(approved, tmp_path, capsys):
    export(approved, tmp_path / "full.docx", "--full")
    code, out = verify(capsys, approved, tmp_path / "full.docx")
    assert code == 0
    record = MeetingRecord(approved, read_only=True)
    head_before_correction = record.events[-1]
    record.close()
    assert head_before_correction["kind"] == "correction"
    assert fingerprint.display(head_before_correction["seal"]) in out
    assert "ingen senere rettelser" in out


def test_a_referat_made_before_a_later_correction_says_it_is_missing(approved, tmp_path, capsys):
    export(approved, tmp_path / "full.docx", "--full")
    assert cli.main(["correct", AGENDA, "--record", str(approved), "--text", "Endnu en."]) == 0
    capsys.readouterr()
    code, out = verify(capsys, approved, tmp_path / "full.docx")
    assert code == 0
    assert "1 senere rettelse" in out


def test_the_public_referat_has_no_fingerprint_to_tie_it(approved, tmp_path, capsys):
    export(approved, tmp_path / "public.docx")
    code, out = verify(capsys, approved, tmp_path / "public.docx")
    assert code == 1
    assert "bærer ikke et fingeraftryk" in out


def _lines(path):
    return path.read_bytes().splitlines(keepends=True)


def _event_line(lines, kind):
    for number, line in enumerate(lines):
        entry = json.loads(line[9:])
        if entry.get("t") == "events" and entry["d"]["kind"] == kind:
            return number, entry
    raise AssertionError(kind)


@pytest.mark.parametrize("fix_checksum", [False, True])
def test_one_byte_changed_in_the_approved_record_is_named(approved, capsys, fix_checksum):
    lines = _lines(approved)
    number, entry = _event_line(lines, "approved")
    changed = lines[number].replace(b"04T", b"05T", 1)  # the approval's date, one byte
    assert changed != lines[number]
    if fix_checksum:
        payload = changed[9:-1]
        changed = b"%08x %s\n" % (zlib.crc32(payload), payload)
    lines[number] = changed
    approved.write_bytes(b"".join(lines))
    code, out = verify(capsys, approved)
    assert code == 1
    assert f"Registrering {entry['id']} (linje {number + 1}) er ændret" in out
