"""The whole of issue 12's tamper evidence, as a secretary and a reader meet it: approve a
meeting, export the full referat, and `meetingtui verify` ties the referat to the record;
a byte changed by hand in the approved record is named by its event."""

from __future__ import annotations

import hashlib
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
def approved_only(tmp_path, capsys):
    """The demo meeting carried on and approved, nothing after: the approval is the last line."""
    path = tmp_path / "demo.record"
    shutil.copyfile(paths.DEMO_RECORD, path)
    path.chmod(0o600)
    assert cli.main(["approve", AGENDA, "--record", str(path), "--date", "04-12-2025",
                     "--how", "underskrift"]) == 0  # fmt: skip
    capsys.readouterr()
    return path


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


def test_the_full_referat_carries_the_hash_of_the_newest_corrections_own_line(
    approved, tmp_path, capsys
):
    export(approved, tmp_path / "full.docx", "--full")
    code, out = verify(capsys, approved, tmp_path / "full.docx")
    assert code == 0
    record = MeetingRecord(approved, read_only=True)
    newest = record.events[-1]
    record.close()
    assert newest["kind"] == "correction"
    # The SHA-256 of the correction's line as it stands in the file (after the checksum).
    own_line = hashlib.sha256(approved.read_bytes().splitlines()[-1][9:]).hexdigest()
    assert fingerprint.display(own_line) in out
    assert fingerprint.display(newest["seal"]) not in out
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


def _rewrite(path, number, change) -> None:
    """Change one line's entry by hand and write its checksum anew (the edit hides)."""
    lines = _lines(path)
    entry = json.loads(lines[number][9:])
    change(entry)
    payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    lines[number] = b"%08x %s\n" % (zlib.crc32(payload), payload)
    path.write_bytes(b"".join(lines))


@pytest.mark.parametrize("field,value", [("time", "2025-12-05T00:00:00+01:00"), ("by", [])])
def test_the_approval_itself_changed_no_longer_matches_the_referat(
    approved_only, tmp_path, capsys, field, value
):
    """The approval is the newest line, anchored by no event after it: the referat's
    fingerprint is its own line's hash, so its date or names changed are caught."""
    export(approved_only, tmp_path / "full.docx", "--full")
    assert verify(capsys, approved_only, tmp_path / "full.docx")[0] == 0
    number, _ = _event_line(_lines(approved_only), "approved")
    _rewrite(approved_only, number, lambda entry: entry["d"].__setitem__(field, value))
    code, out = verify(capsys, approved_only, tmp_path / "full.docx")
    assert code == 1
    assert "Referatets fingeraftryk findes ikke i denne protokol" in out


def test_a_deleted_approval_line_does_not_pass_with_the_referat(approved_only, tmp_path, capsys):
    export(approved_only, tmp_path / "full.docx", "--full")
    lines = _lines(approved_only)
    number, _ = _event_line(lines, "approved")
    assert number == len(lines) - 1
    for cut in (b"".join(lines[:-1]), b"".join(lines[:-1]) + lines[-1][:40]):  # gone, torn
        approved_only.write_bytes(cut)
        code, out = verify(capsys, approved_only, tmp_path / "full.docx")
        assert code == 1, out
        assert "Referatets fingeraftryk findes ikke i denne protokol" in out


def test_a_record_stripped_of_its_chain_is_not_taken_for_an_older_meetingtuis(approved, capsys):
    """Every prev and seal taken away, checksums fixed: the events written by this version
    (format 4) cannot be an older meetingtui's, so the first of them is named as changed."""
    lines = _lines(approved)
    first_new = None
    for number in range(1, len(lines)):
        entry = json.loads(lines[number][9:])
        if "prev" in entry and first_new is None:
            first_new = (number, entry["id"])
        _rewrite(approved, number, lambda e: (e.pop("prev", None), e["d"].pop("seal", None)))
    assert first_new is not None
    code, out = verify(capsys, approved)
    assert code == 1
    assert "Protokollen er ændret" in out
    assert (
        f"Registrering {first_new[1]} (linje {first_new[0] + 1}) har fået sit fingeraftryk" in out
    )
    assert "ældre meetingtui og kan ikke efterprøves" not in out.split("\n")[0]


@pytest.mark.parametrize("seal", [None, ["ikke", "en", "streng"], {"a": 1}, 7])
def test_an_approval_without_a_readable_seal_is_refused_in_one_line(approved_only, capsys, seal):
    """The approval is the last line, so no later prev gives the edit away: its seal
    missing or not a string is refused, never a traceback."""
    number, _ = _event_line(_lines(approved_only), "approved")

    def change(entry):
        if seal is None:
            del entry["d"]["seal"]
        else:
            entry["d"]["seal"] = seal

    _rewrite(approved_only, number, change)
    code = cli.main(["verify", str(approved_only)])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.err
    found = [line for line in captured.out.splitlines() if "ingen læsbar forsegling" in line]
    assert len(found) == 1 and found[0].startswith("Godkendt: registrering")
