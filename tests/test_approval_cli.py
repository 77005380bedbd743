"""`meetingtui approve` and `meetingtui correct` on the command line (issue 12).

The happy path prints one Danish line of what was registered and locks the record; every
refusal is one line on stderr with exit status 1 (what the meeting does not allow) or 2
(what was typed wrong), and leaves the record's bytes as they were.
"""

from __future__ import annotations

import shutil

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import cli, paths
from meetingtui.meeting import fold
from meetingtui.record import MeetingRecord
from meetingtui.secretary import Secretary

AGENDA = str(paths.DEMO_AGENDA)


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MEETINGTUI_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def record(tmp_path):
    """A copy of the demo's record: the meeting held and closed on 20-11-2025."""
    path = tmp_path / "demo.record"
    shutil.copyfile(paths.DEMO_RECORD, path)
    path.chmod(0o600)
    return path


def run(*args: str) -> int:
    return cli.main(list(args))


def state_of(path):
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    record = MeetingRecord(path, agenda.sha256, read_only=True)
    try:
        return fold(agenda, record.events)
    finally:
        record.close()


def test_approve_registers_the_approval_by_the_members_who_took_part(record, capsys):
    code = run(
        "approve", AGENDA, "--record", str(record), "--date", "04-12-2025", "--how", "underskrift"
    )
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == (
        "Referatet er godkendt ved underskrift den 04-12-2025 af Anja Lund, Meho Selman, "
        "Karsten Byrgesen, Henriette Schlesinger Kærgaard og Lars Mogensen. "
        "Referatet er nu låst.\n"
    )
    approval = state_of(record).approval
    assert approval is not None and approval.how == "signed"
    assert approval.when == pendulum.datetime(2025, 12, 4, tz="Europe/Copenhagen")


def test_approve_with_the_demo_and_chosen_members_and_a_note(record, capsys):
    code = run(
        "approve",
        "--demo",
        "--record",
        str(record),
        "--date",
        "4-12-2025",
        "--how",
        "eget-system",
        "--by",
        "lars-mogensen, anja-lund",
        "--note",
        "Godkendt i mødesystemet.",
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "i Digitaliserings- og Innovationsudvalgets eget system den 04-12-2025" in out
    assert "af Anja Lund og Lars Mogensen." in out
    approval = state_of(record).approval
    assert approval is not None
    assert (approval.by, approval.note) == (
        ("anja-lund", "lars-mogensen"),
        "Godkendt i mødesystemet.",
    )


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--by", "anja-lund,nogen"], 2, "--by: »nogen« er ikke et medlems id"),
        (["--date", "32-12-2025"], 2, "--date: Datoen »32-12-2025« findes ikke."),
        (["--date", "2025-13-04"], 2, "--date: Datoen »2025-13-04« findes ikke."),
        (["--date", "4 dec 2025"], 2, "--date: Datoen »4 dec 2025« kan ikke læses"),
        (["--by", ""], 2, "--by: ingen medlemmer nævnt (forventet id,id,…)"),
        (["--date", "19-11-2025"], 1, "før mødet sluttede den 20-11-2025"),
    ],
)
def test_approve_refuses_what_was_typed_wrong_in_one_line(record, capsys, extra, code, message):
    before = record.read_bytes()
    args = [
        "approve",
        AGENDA,
        "--record",
        str(record),
        "--date",
        "04-12-2025",
        "--how",
        "underskrift",
    ]
    assert run(*args, *extra) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("meetingtui")
    assert record.read_bytes() == before


def test_approve_refuses_a_second_approval(record, capsys):
    args = ["approve", AGENDA, "--record", str(record), "--how", "underskrift"]
    assert run(*args, "--date", "04-12-2025") == 0
    before = record.read_bytes()
    capsys.readouterr()
    assert run(*args, "--date", "05-12-2025") == 1
    err = capsys.readouterr().err
    assert err == "meetingtui: Referatet er allerede godkendt den 04-12-2025 og er låst.\n"
    assert record.read_bytes() == before


def test_approve_refuses_an_open_meeting(tmp_path, capsys):
    path = tmp_path / "open.record"
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    noon = pendulum.datetime(2025, 11, 20, 10, 30, tz="Europe/Copenhagen")
    secretary = Secretary(agenda, MeetingRecord(path, agenda.sha256), now=lambda: noon)
    secretary.open_meeting("10.00")
    secretary.record.close()
    before = path.read_bytes()
    code = run(
        "approve", AGENDA, "--record", str(path), "--date", "20-11-2025", "--how", "naeste-moede"
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err == "meetingtui: Mødet er ikke afsluttet: et referat godkendes, når mødet er slut.\n"
    assert path.read_bytes() == before


def test_approve_without_a_record_says_so_and_makes_none(tmp_path, capsys):
    missing = tmp_path / "none.record"
    code = run(
        "approve", AGENDA, "--record", str(missing), "--date", "04-12-2025", "--how", "underskrift"
    )
    err = capsys.readouterr().err
    assert code == 1 and "no record of this meeting" in err and err.count("\n") == 1
    assert not missing.exists()


def test_correct_after_approval_and_refused_before(record, capsys):
    correct = ["correct", AGENDA, "--record", str(record), "--text", "Navnet var stavet forkert."]
    assert run(*correct, "--item", "eventuelt") == 1
    assert "Referatet er ikke godkendt" in capsys.readouterr().err
    run("approve", AGENDA, "--record", str(record), "--date", "04-12-2025", "--how", "underskrift")
    capsys.readouterr()
    code = run(
        *correct,
        "--item",
        "eventuelt",
        "--decision",
        "Ingen bemærkninger fra udvalget.",
        "--date",
        "09-12-2025",
    )
    assert code == 0
    assert capsys.readouterr().out == (
        "Rettelse 09-12-2025 i punkt 6 registreret: Navnet var stavet forkert.\n"
    )
    state = state_of(record)
    assert state.item("eventuelt").decision == "Ingen bemærkninger fra udvalget."
    assert state.corrections[-1].old == "Ingen bemærkninger."
    assert run(*correct, "--item", "findes-ikke") == 2
    assert "--item: punktet »findes-ikke« findes ikke" in capsys.readouterr().err


def test_correct_finds_the_item_by_the_number_the_referat_gives_it(record, capsys):
    run("approve", AGENDA, "--record", str(record), "--date", "04-12-2025", "--how", "underskrift")
    code = run(
        "correct", AGENDA, "--record", str(record), "--text", "Rettet.", "--item", "6",
        "--decision", "Ingen bemærkninger fra udvalget.",
    )  # fmt: skip
    assert code == 0
    assert "i punkt 6 registreret" in capsys.readouterr().out
    assert state_of(record).item("eventuelt").decision == "Ingen bemærkninger fra udvalget."


def test_approve_reads_an_iso_date_as_meetingtui_new_does(record, capsys):
    code = run(
        "approve", AGENDA, "--record", str(record), "--date", "2025-12-04", "--how", "underskrift"
    )
    assert code == 0 and "den 04-12-2025" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        # an open item's summary is printed nowhere: refused as the meeting does not allow it
        (["--item", "eventuelt", "--summary", "Et resumé."], 1, "Kun et lukket punkt"),
        # an empty text is said to be empty, not taken for a correction in words only
        (["--item", "udbudsproces", "--summary", ""], 1, "Skriv den rettede tekst."),
    ],
)
def test_correct_refuses_a_summary_that_does_not_fit_in_one_line(
    record, capsys, extra, code, message
):
    run("approve", AGENDA, "--record", str(record), "--date", "04-12-2025", "--how", "underskrift")
    capsys.readouterr()
    before = len(state_of(record).corrections)
    assert run("correct", AGENDA, "--record", str(record), "--text", "Rettet.", *extra) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert len(state_of(record).corrections) == before
