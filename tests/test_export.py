"""`meetingtui export` as a user runs it: in a subprocess, reading what it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from meetingtui import events as ev
from meetingtui import paths
from meetingtui.record import MeetingRecord

TITLE = "REFERAT Digitaliserings- og Innovationsudvalget d. 20-11-2025"


def meetingtui(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "meetingtui", *args],
        cwd=cwd,
        env=dict(os.environ, COLUMNS="200", NO_COLOR="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )


def written(result: subprocess.CompletedProcess) -> Path:
    """The file the command says it wrote (the last path-like word of its output)."""
    assert result.returncode == 0, result.stderr
    words = [w for w in result.stdout.split() if w.endswith(".docx")]
    assert words, result.stdout
    return Path(words[-1])


def body_text(path: Path) -> list[str]:
    """Paragraph texts, a label's tab read as a space ('Fraværende<tab>...')."""
    return [" ".join(p.text.split()) for p in docx.Document(str(path)).paragraphs]


def assert_one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_export_demo_writes_the_public_referat(tmp_path):
    out = tmp_path / "referater"
    out.mkdir()
    result = meetingtui("export", "--demo", "-o", str(out), cwd=tmp_path)
    path = written(result)
    if not path.is_absolute():
        path = tmp_path / path
    assert path.parent == out and path.suffix == ".docx"
    assert "public" in result.stdout or "offentlig" in result.stdout.lower()
    text = body_text(path)
    assert text[0] == TITLE
    assert "Punkt 2: Lukket punkt: Udbudsproces" in text
    # the closed item's invented decision is not in the public file
    assert not any("udbud med forhandling" in p for p in text)


def test_export_demo_into_a_new_folder(tmp_path):
    out = tmp_path / "ny-mappe"
    path = written(meetingtui("export", "--demo", "-o", str(out), cwd=tmp_path))
    assert (tmp_path / path if not path.is_absolute() else path).parent == out


def test_export_demo_full_writes_the_confidential_referat(tmp_path):
    result = meetingtui("export", "--demo", "--full", "-o", str(tmp_path), cwd=tmp_path)
    path = written(result)
    text = body_text(path)
    assert any("udbud med forhandling" in p for p in text)  # the closed item's decision
    header = " ".join(p.text for p in docx.Document(str(path)).sections[0].header.paragraphs)
    assert "FORTROLIG" in header.upper()


def test_export_twice_never_overwrites(tmp_path):
    first = written(meetingtui("export", "--demo", "-o", str(tmp_path), cwd=tmp_path))
    second = written(meetingtui("export", "--demo", "-o", str(tmp_path), cwd=tmp_path))
    assert first != second and first.exists() and second.exists()


def test_export_to_an_existing_file_is_refused(tmp_path):
    target = tmp_path / "referat.docx"
    target.write_bytes(b"mine")
    result = meetingtui("export", "--demo", "-o", str(target), cwd=tmp_path)
    line = assert_one_line_error(result)
    assert str(target) in line
    assert target.read_bytes() == b"mine"
    result = meetingtui("export", "--demo", "-o", str(target), "--overwrite", cwd=tmp_path)
    assert result.returncode == 0 and target.read_bytes().startswith(b"PK")


def test_export_agenda_without_a_record_is_a_one_line_error(tmp_path):
    agenda = tmp_path / "moede.toml"
    agenda.write_bytes(paths.DEMO_AGENDA.read_bytes())
    result = meetingtui("export", str(agenda), cwd=tmp_path)
    line = assert_one_line_error(result)
    assert "record" in line.lower()
    assert not list(tmp_path.rglob("*.docx"))
    # and looking did not leave a record behind
    data = tmp_path / "data"
    assert not (data.exists() and list(data.rglob("*.record")))


def test_export_without_agenda_or_demo_is_a_one_line_error(tmp_path):
    assert_one_line_error(meetingtui("export", cwd=tmp_path))


def test_export_of_a_missing_agenda_file_is_a_one_line_error(tmp_path):
    line = assert_one_line_error(meetingtui("export", str(tmp_path / "nope.toml"), cwd=tmp_path))
    assert "nope.toml" in line


def test_export_agenda_with_its_record(tmp_path):
    agenda_file = tmp_path / "moede.toml"
    agenda_file.write_bytes(paths.DEMO_AGENDA.read_bytes())
    from meetingtui import agenda as agenda_mod

    agenda = agenda_mod.load(agenda_file)
    record_path = tmp_path / "moede.record"
    record = MeetingRecord(record_path, agenda.sha256)
    start = agenda.meeting.start
    record.append(ev.make("roll_call", now=start, member="jens-wistoft", status="afbud"))
    record.append(ev.make("meeting_opened", now=start, time=start.isoformat()))
    record.append(ev.make("item_opened", now=start, item="delstrategier", time=start.isoformat()))
    record.append(ev.make("decision_set", now=start, item="delstrategier", text="Godkendt."))
    record.close()

    result = meetingtui(
        "export",
        str(agenda_file),
        "--record",
        str(record_path),
        "-o",
        str(tmp_path / "out"),
        cwd=tmp_path,
    )
    text = body_text(written(result))
    assert "Godkendt." in text
    assert "Jens Wistoft deltog ikke i sagens behandling." in text
    assert "Fraværende Jens Wistoft, V" in text


def test_export_text_prints_the_referat(tmp_path):
    result = meetingtui("export", "--text", "--demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert TITLE in out
    assert "Punkt 1: Godkendelse af delstrategier under digitaliseringsstrategien" in out
    assert "Anne Marie Geisler Andersen, Jens Wistoft og Meho Selman deltog ikke i sagens" in out
    assert "udbud med forhandling" not in out  # public by default
    assert not list(tmp_path.rglob("*.docx"))  # printed, not written


def test_export_text_full_shows_the_closed_item(tmp_path):
    result = meetingtui("export", "--text", "--full", "--demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "udbud med forhandling" in " ".join(result.stdout.split())


@pytest.mark.parametrize("args", [("export", "--demo", "--bogus"), ("export", "--demo", "-o")])
def test_bad_arguments_exit_with_usage_not_a_traceback(tmp_path, args):
    result = meetingtui(*args, cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
