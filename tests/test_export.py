"""`meetingtui export` as a user runs it: in a subprocess, reading what it prints."""

from __future__ import annotations

import os
import stat
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

    args = ["export", str(agenda_file), "--record", str(record_path), "-o", str(tmp_path / "out")]
    # the meeting was never closed and six items have no decision: the check stops the export
    refused = meetingtui(*args, cwd=tmp_path)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Mødet er ikke afsluttet (intet sluttidspunkt)." in refused.stderr
    assert "--force" in refused.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    result = meetingtui(*args, "--force", cwd=tmp_path)
    assert "Punkt 2: har ingen beslutning." in result.stderr  # still said, then exported
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


# -- every way a path can fail: one line, no partial file, no traceback ------------------------
def export_in_process(capsys, *args: str) -> tuple[int, str]:
    """`meetingtui export --demo ARGS` in this process (so the disk can be made to fail)."""
    from meetingtui import cli

    code = cli.main(["export", "--demo", *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def one_line(code: int, err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1 and len(lines) == 1, err
    return lines[0]


def no_docx_under(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.is_file() and "docx" in p.name]


@pytest.fixture
def refusing(monkeypatch):
    """refusing(folder, errno): the disk refuses everything under `folder` with errno."""

    def install(folder: Path, code: int, calls=("stat", "lstat", "open", "mkdir", "link")):
        for name in calls:
            real = getattr(os, name)

            def refused(path, *args, _real=real, **kwargs):
                if str(path).startswith(str(folder) + os.sep):
                    raise OSError(code, os.strerror(code), str(path))
                return _real(path, *args, **kwargs)

            monkeypatch.setattr(os, name, refused)

    return install


@pytest.mark.parametrize(
    ("code", "words"),
    [(13, "permission denied"), (30, "the disk is read-only")],
    ids=["no-permission", "read-only"],
)
@pytest.mark.parametrize("named", ["folder", "file"])
def test_a_folder_that_refuses_is_one_line(tmp_path, capsys, refusing, code, words, named):
    folder = tmp_path / "referater"
    folder.mkdir()
    refusing(folder, code)
    target = folder / "x.docx" if named == "file" else folder
    line = one_line(*export_in_process(capsys, "-o", str(target)))
    assert str(folder) in line and words in line
    assert no_docx_under(tmp_path)


def test_a_folder_that_cannot_be_looked_into_is_one_line(tmp_path, capsys, refusing):
    """`-o` in a folder without search permission: stat itself fails (was a traceback)."""
    folder = tmp_path / "lukket"
    folder.mkdir()
    refusing(folder, 13, calls=("stat", "lstat"))
    line = one_line(*export_in_process(capsys, "-o", str(folder / "x.docx")))
    assert "x.docx: cannot be reached: permission denied" in line


@pytest.mark.parametrize(
    ("under", "folder"), [("x.docx", ""), ("sub/x.docx", "/sub"), ("sub/", "/sub")]
)
def test_a_path_under_a_regular_file_is_one_line(tmp_path, capsys, under, folder):
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    line = one_line(*export_in_process(capsys, "-o", f"{afile}/{under}"))
    assert line == (
        f"meetingtui: {afile}: is a file, not a folder "
        f"(the referat cannot be saved in {afile}{folder})"
    )
    assert afile.read_text() == "mine"


def test_the_default_output_folder_under_a_regular_file_is_one_line(tmp_path, capsys, monkeypatch):
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    monkeypatch.setenv("MEETINGTUI_OUTPUT_DIR", str(afile / "out"))
    line = one_line(*export_in_process(capsys))
    assert line.startswith(f"meetingtui: {afile}: is a file, not a folder")


@pytest.mark.parametrize("overwrite", [False, True], ids=["plain", "overwrite"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_is_never_overwritten(tmp_path, capsys, overwrite, kind):
    target = tmp_path / "x.docx"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        try:
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
        except PermissionError:
            pytest.skip("creating a device node needs privileges")
    before = os.lstat(target)
    args = ["-o", str(target)] + (["--overwrite"] if overwrite else [])
    line = one_line(*export_in_process(capsys, *args))
    assert "is a named pipe" in line or "is a device" in line
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode), "still there"
    assert no_docx_under(tmp_path)


def test_overwrite_onto_a_folder_is_one_line(tmp_path, capsys):
    folder = tmp_path / "x.docx"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    code, err = export_in_process(capsys, "-o", f"{folder}", "--overwrite")
    assert code == 0, err  # a folder named like a file is still a folder: the default name
    assert (folder / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("overwrite", [False, True], ids=["new", "overwrite"])
def test_a_full_disk_leaves_no_partial_file(tmp_path, capsys, monkeypatch, overwrite):
    target = tmp_path / "out" / "x.docx"
    if overwrite:
        target.parent.mkdir()
        target.write_bytes(b"old")
    real_write = os.write

    def half_then_full(fd, data):
        real_write(fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    args = ["-o", str(target)] + (["--overwrite"] if overwrite else [])
    line = one_line(*export_in_process(capsys, *args))
    assert "the disk is full" in line
    monkeypatch.undo()
    left = sorted(p.name for p in target.parent.iterdir())
    assert left == (["x.docx"] if overwrite else []), "no temporary or partial file"
    if overwrite:
        assert target.read_bytes() == b"old"


@pytest.mark.parametrize("explicit", [False, True], ids=["default-name", "explicit"])
def test_a_disk_without_hard_links_still_gets_the_referat(tmp_path, capsys, monkeypatch, explicit):
    """FAT and exFAT (USB sticks) have no hard links: os.link fails with EPERM there."""

    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    out = tmp_path / "usb"
    out.mkdir()
    target = out / "x.docx" if explicit else out
    for _ in range(2):
        code, err = export_in_process(capsys, "-o", str(target))
        if explicit:
            break
        assert code == 0, err
    assert code == 0, err
    made = sorted(p.name for p in out.iterdir())
    assert all(name.endswith(".docx") and not name.startswith(".") for name in made)
    assert len(made) == (1 if explicit else 2)
    for path in out.iterdir():
        assert path.read_bytes().startswith(b"PK")


def test_export_path_failures_are_export_errors_for_the_app(tmp_path, demo_agenda):
    """The app catches MeetingtuiError: no OSError may come out of an export."""
    from meetingtui import export, session
    from meetingtui.errors import ExportError

    state = session.open_demo_session().state()
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    for output, overwrite in [(afile / "x.docx", False), (afile / "sub", True), (fifo, True)]:
        with pytest.raises(ExportError):
            export.export(state, output=output, overwrite=overwrite)
