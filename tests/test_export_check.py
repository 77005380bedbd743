"""`meetingtui export` runs the pre-export check: problems are printed, and stop the export
unless --force; the format follows --pdf/--html or the -o name, and a clash is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import cli, paths
from meetingtui import events as ev
from meetingtui.demo.make_record import demo_events
from meetingtui.record import MeetingRecord


def demo_meeting_losing_quorum(folder: Path) -> tuple[Path, Path]:
    """The demo meeting, but three of the five present leave at 11.20, before item 4: items
    4 to 6 are then handled by two members, which is not a quorum of seven."""
    agenda_file = folder / "moede.toml"
    shutil.copyfile(paths.DEMO_AGENDA, agenda_file)
    agenda = agenda_mod.load(agenda_file)
    at = agenda.meeting.start.set(hour=11, minute=20)
    leaving = [
        ev.make("left", now=at, member=member, time=at.isoformat())
        for member in ("karsten-byrgesen", "henriette-schlesinger-kaergaard", "lars-mogensen")
    ]
    events = demo_events()
    opened_4 = next(
        n
        for n, e in enumerate(events)
        if e["kind"] == "item_opened" and e["item"] == "dpo-aarsrapport"
    )
    events[opened_4:opened_4] = leaving
    record_file = folder / "moede.record"
    record = MeetingRecord(record_file, agenda.sha256)
    for event in events:
        record.append(event)
    record.close()
    return agenda_file, record_file


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["export", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_an_item_handled_without_quorum_stops_the_export(tmp_path, capsys):
    agenda_file, record_file = demo_meeting_losing_quorum(tmp_path)
    out_dir = tmp_path / "ud"
    code, out, err = run(capsys, str(agenda_file), "--record", str(record_file), "-o", str(out_dir))
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    quorum = "blev behandlet, selv om udvalget ikke var beslutningsdygtigt."
    warned = [line for line in lines if line.startswith("meetingtui: advarsel: ")]
    for n in (4, 5, 6):  # items taken up after they left (item 3 was under way when they did)
        assert f"meetingtui: advarsel: Punkt {n}: {quorum}" in warned
    assert not any(f"Punkt {n}:" in line for line in warned for n in (1, 2))
    assert lines == warned + [lines[-1]]  # the problems, then one line saying why nothing
    assert "--force" in lines[-1] and "intet er eksporteret" in lines[-1]
    assert files_in(out_dir) == []
    assert "gemt" not in out


def test_force_exports_and_still_prints_the_problems(tmp_path, capsys):
    agenda_file, record_file = demo_meeting_losing_quorum(tmp_path)
    out_dir = tmp_path / "ud"
    code, out, err = run(
        capsys, str(agenda_file), "--record", str(record_file), "-o", str(out_dir), "--force"
    )
    assert code == 0, err
    for n in (4, 5, 6):
        assert f"Punkt {n}: blev behandlet, selv om udvalget ikke var beslutningsdygtigt." in err
    assert files_in(out_dir) == ["referat-digitaliserings-og-innovationsudvalget-2025-11-20.docx"]
    assert f"gemt i {out_dir}" in out


def test_the_text_preview_is_not_an_export_and_is_not_stopped(tmp_path, capsys):
    agenda_file, record_file = demo_meeting_losing_quorum(tmp_path)
    code, out, err = run(capsys, str(agenda_file), "--record", str(record_file), "--text")
    assert code == 0 and "advarsel" not in err
    assert "Punkt 4:" in out


def test_a_clean_meeting_exports_without_a_word_of_warning(tmp_path, capsys):
    code, out, err = run(capsys, "--demo", "-o", str(tmp_path))
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    ("args", "suffix"),
    [
        (("--html",), ".html"),
        ((), ".docx"),
    ],
)
def test_a_folder_gets_the_default_name_with_the_formats_suffix(tmp_path, capsys, args, suffix):
    code, out, err = run(capsys, "--demo", *args, "-o", str(tmp_path / "ud"))
    assert code == 0, err
    assert files_in(tmp_path / "ud") == [
        f"referat-digitaliserings-og-innovationsudvalget-2025-11-20{suffix}"
    ]


@pytest.mark.parametrize("name", ["referat.html", "REFERAT.HTM"])
def test_an_html_file_name_chooses_html(tmp_path, capsys, name):
    code, _, err = run(capsys, "--demo", "-o", str(tmp_path / name))
    assert code == 0, err
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args",
    [("--pdf", "-o", "x.docx"), ("--html", "-o", "x.pdf"), ("--pdf", "-o", "x.html")],
)
def test_a_format_that_clashes_with_the_file_name_is_one_line(tmp_path, capsys, args):
    flag, _, name = args
    out_dir = tmp_path / "ud"
    code, _, err = run(capsys, "--demo", flag, "-o", str(out_dir / name))
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1 and len(lines) == 1, err
    assert name in lines[0] and flag in lines[0]
    assert files_in(out_dir) == []


def test_pdf_and_html_together_are_refused_by_the_parser(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "--demo", "--pdf", "--html"])
    assert exit_.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_the_full_referat_is_never_made_as_html(tmp_path, capsys):
    out_dir = tmp_path / "ud"
    code, _, err = run(capsys, "--demo", "--full", "--html", "-o", str(out_dir / "x.html"))
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1 and len(lines) == 1, err
    assert "fortrolige" in lines[0] and "HTML" in lines[0]
    assert files_in(out_dir) == []


def test_full_html_is_refused_before_the_check_runs(tmp_path, capsys):
    agenda_file, record_file = demo_meeting_losing_quorum(tmp_path)
    args = [str(agenda_file), "--record", str(record_file), "--full", "--html"]
    code, _, err = run(capsys, *args)
    assert code == 1 and "advarsel" not in err and "HTML" in err


def test_demo_events_start_before_the_departures():
    """The quorum case above depends on the demo: five present, item 4 opened at 11.24."""
    events = demo_events()
    opened = {e["item"]: e["time"] for e in events if e["kind"] == "item_opened"}
    assert pendulum.parse(opened["dpo-aarsrapport"]).format("HH:mm") == "11:24"
    assert sum(e["kind"] == "roll_call" and e["status"] == "afbud" for e in events) == 2
