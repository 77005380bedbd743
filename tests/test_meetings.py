"""The meetings the home screen offers (meetingtui.meetings), without Textual.

The agendas in a folder, the records in the data directory and the demo: which exist,
where each stands (not started, roll call, in progress, closed), the last registration,
and what cannot be read, each in one line, never an exception.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pendulum
import pytest

from meetingtui import labels, meetings, paths
from meetingtui.meetings import Opening, Stage

EXAMPLE = Path(__file__).resolve().parents[1] / "agendas" / "example-udvalg.toml"
TZ = "Europe/Copenhagen"


def write_agenda(folder: Path, name: str, body: str, date: str = "2026-03-12") -> Path:
    """The example agenda (3 items, 16.00) under another body name and date."""
    folder.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('body = "Udvalg for Klima og Natur"', f'body = "{body}"')
    text = text.replace("date = 2026-03-12", f"date = {date}")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def at(hour: int, minute: int, date: str = "2026-03-12"):
    moment = pendulum.parse(f"{date}T{hour:02d}:{minute:02d}:00", tz=TZ)
    return lambda: moment


def open_for_writing(agenda: Path | None, now, rehearse: str | None = None):
    secretary, _notices = meetings.open_meeting(agenda, None, now=now, rehearse=rehearse)
    return secretary


def rows_by_title(rows):
    return {(row.body, row.rehearsal): row for row in rows if row.body}


def test_every_stage_has_its_danish_words():
    assert set(labels.HOME_STAGE) == {stage.value for stage in Stage}


def test_the_demo_comes_first_and_opens_as_meetingtui_does_without_an_agenda(tmp_path):
    write_agenda(tmp_path / "agendas", "a.toml", "Aaa-udvalget")
    rows = meetings.known_meetings([tmp_path / "agendas"])
    assert rows[0].demo
    assert rows[0].opening == Opening(None)  # as `meetingtui --demo`
    assert rows[0].body == "Digitaliserings- og Innovationsudvalget"
    assert rows[0].stage is Stage.NOT_STARTED
    assert [row.body for row in rows[1:]] == ["Aaa-udvalget"]


def test_each_agenda_in_the_folder_is_a_meeting_not_started(tmp_path):
    folder = tmp_path / "agendas"
    first = write_agenda(folder, "b.toml", "Børneudvalget", "2026-04-01")
    second = write_agenda(folder, "a.toml", "Kulturudvalget", "2026-03-01")
    (folder / "README.md").write_text("not an agenda", encoding="utf-8")
    rows = meetings.known_meetings([folder])[1:]
    # not started: the soonest first
    assert [(row.body, row.source, row.stage) for row in rows] == [
        ("Kulturudvalget", second, Stage.NOT_STARTED),
        ("Børneudvalget", first, Stage.NOT_STARTED),
    ]
    assert rows[0].opening == Opening(second)  # as `meetingtui agendas/a.toml`
    assert rows[0].items == 3
    assert rows[0].start == pendulum.datetime(2026, 3, 1, 16, 0, tz=TZ)
    assert rows[0].last_registration is None


def test_the_projects_copy_of_the_demo_agenda_is_the_demo_not_a_second_row(tmp_path):
    folder = tmp_path / "agendas"
    folder.mkdir()
    (folder / "diu-2025-11-20.toml").write_bytes(paths.DEMO_AGENDA.read_bytes())
    rows = meetings.known_meetings([folder])
    assert len(rows) == 1 and rows[0].demo


def test_a_folder_that_does_not_exist_gives_the_demo_alone(tmp_path):
    assert [row.demo for row in meetings.known_meetings([tmp_path / "none"])] == [True]


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("syntax.toml", b"format = 1\n[meeting\n", "syntax.toml:2: TOML-syntaksfejl"),
        ("binary.toml", b"\x00\xff\xfe garbage", "binære data"),
        ("empty.toml", b"", "[meeting] mangler (forventet en [meeting]-tabel) (+2)"),
    ],
)
def test_an_unreadable_agenda_is_a_row_with_its_one_line_problem(tmp_path, name, content, said):
    folder = tmp_path / "agendas"
    write_agenda(folder, "good.toml", "Godtudvalget")
    (folder / name).write_bytes(content)
    rows = meetings.known_meetings([folder])
    assert [row.body for row in rows[1:]] == ["Godtudvalget", ""]  # the good one as well
    bad = rows[2]
    assert bad.stage is Stage.UNREADABLE and bad.source == folder / name
    assert said in bad.problem and bad.problem.startswith(str(folder / name))
    assert "\n" not in bad.problem
    assert bad.opening == Opening(folder / name)  # opening it says the same, as the CLI does


def test_a_folder_named_like_an_agenda_is_a_row_saying_so(tmp_path):
    folder = tmp_path / "agendas"
    (folder / "odd.toml").mkdir(parents=True)
    (row,) = meetings.known_meetings([folder])[1:]
    assert row.stage is Stage.UNREADABLE and "odd.toml" in row.problem


def test_where_each_record_stands_with_its_last_registration(tmp_path):
    folder = tmp_path / "agendas"
    roll = write_agenda(folder, "roll.toml", "Rulleudvalget")
    running = write_agenda(folder, "running.toml", "Løbeudvalget")
    done = write_agenda(folder, "done.toml", "Slutudvalget")
    write_agenda(folder, "new.toml", "Nyudvalget")

    secretary = open_for_writing(roll, at(15, 50))
    secretary.set_roll(next(iter(secretary.state.seats)), "afbud")
    secretary.record.close()

    secretary = open_for_writing(running, at(16, 20))
    secretary.open_meeting("16.00")
    secretary.step(1)  # item 2 taken up at 16.20
    secretary.record.close()

    secretary = open_for_writing(done, at(17, 30))
    secretary.open_meeting("16.00")
    secretary.close_meeting("17.15")
    secretary.record.close()

    rows = meetings.known_meetings([folder])
    by_body = {row.body: row for row in rows}
    assert by_body["Rulleudvalget"].stage is Stage.ROLL_CALL
    assert by_body["Rulleudvalget"].last_registration == pendulum.datetime(
        2026, 3, 12, 15, 50, tz=TZ
    )
    assert by_body["Løbeudvalget"].stage is Stage.IN_PROGRESS
    assert by_body["Løbeudvalget"].at_item == 2
    assert by_body["Løbeudvalget"].last_registration == pendulum.datetime(
        2026, 3, 12, 16, 20, tz=TZ
    )
    assert by_body["Slutudvalget"].stage is Stage.CLOSED
    assert by_body["Slutudvalget"].closed == pendulum.datetime(2026, 3, 12, 17, 15, tz=TZ)
    assert by_body["Nyudvalget"].stage is Stage.NOT_STARTED
    # in progress (latest registration first), then not started, then closed
    assert [row.body for row in rows[1:]] == [
        "Løbeudvalget",
        "Rulleudvalget",
        "Nyudvalget",
        "Slutudvalget",
    ]
    assert all(row.held_by is None for row in rows)  # every record was closed again


def test_an_undone_opening_is_not_an_opened_meeting(tmp_path):
    folder = tmp_path / "agendas"
    agenda = write_agenda(folder, "undo.toml", "Fortrydudvalget")
    secretary = open_for_writing(agenda, at(16, 5))
    secretary.open_meeting("16.00")
    secretary.undo()  # the item taken up
    secretary.undo()  # the opening
    secretary.record.close()
    (row,) = meetings.known_meetings([folder])[1:]
    assert row.stage is Stage.ROLL_CALL  # registrations, but the meeting is not opened


def test_a_record_open_in_another_window_says_who_holds_it(tmp_path):
    folder = tmp_path / "agendas"
    agenda = write_agenda(folder, "held.toml", "Holdudvalget")
    secretary = open_for_writing(agenda, at(16, 5))
    secretary.open_meeting("16.00")
    try:
        (row,) = meetings.known_meetings([folder])[1:]
        assert row.stage is Stage.IN_PROGRESS
        assert row.held_by is not None and f"process {os.getpid()}" in row.held_by
    finally:
        secretary.record.close()


def test_listing_reads_only_and_a_damaged_record_is_a_row_that_still_opens(tmp_path):
    folder = tmp_path / "agendas"
    agenda = write_agenda(folder, "damaged.toml", "Skadeudvalget")
    secretary = open_for_writing(agenda, at(16, 5))
    secretary.open_meeting("16.00")
    record = secretary.record.path
    secretary.record.close()
    lines = record.read_bytes().splitlines(keepends=True)
    damaged = lines[0] + b"12345 not a record line\n" + b"".join(lines[1:])
    record.write_bytes(damaged)
    before = sorted(record.parent.iterdir())

    (row,) = meetings.known_meetings([folder])[1:]
    assert row.stage is Stage.DAMAGED
    assert row.problem.startswith(f"{record}, line 2: not a record line")
    assert "\n" not in row.problem
    assert row.opening == Opening(agenda)  # opening it offers a copy, as the CLI does
    assert record.read_bytes() == damaged
    assert sorted(record.parent.iterdir()) == before  # no lock, no backup, nothing made


def test_a_rehearsal_is_a_row_of_its_own_that_opens_as_a_rehearsal(tmp_path):
    folder = tmp_path / "agendas"
    agenda = write_agenda(folder, "r.toml", "Prøveudvalget")
    secretary = open_for_writing(agenda, None, rehearse="")
    secretary.open_meeting()
    secretary.record.close()
    rows = rows_by_title(meetings.known_meetings([folder]))
    real, rehearsal = rows[("Prøveudvalget", False)], rows[("Prøveudvalget", True)]
    assert real.stage is Stage.NOT_STARTED  # the real record is untouched
    assert rehearsal.stage is Stage.IN_PROGRESS
    assert rehearsal.opening == Opening(agenda, None, rehearse=True)


def test_a_record_whose_agenda_is_unknown_is_listed_with_no_way_to_open_it(tmp_path):
    elsewhere = write_agenda(tmp_path / "elsewhere", "gone.toml", "Forsvundetudvalget")
    secretary = open_for_writing(elsewhere, at(16, 5))
    secretary.open_meeting("16.00")
    record = secretary.record.path
    secretary.record.close()
    elsewhere.unlink()  # the agenda is gone: the record alone is left
    rows = meetings.known_meetings([tmp_path / "agendas"])
    (orphan,) = rows[1:]
    assert orphan.stage is Stage.NO_AGENDA
    assert orphan.opening is None
    assert orphan.source == record
    assert orphan.last_registration == pendulum.datetime(2026, 3, 12, 16, 5, tz=TZ)


def test_an_agenda_opened_from_another_folder_is_remembered(tmp_path):
    elsewhere = write_agenda(tmp_path / "Dokumenter", "moede.toml", "Fjernudvalget")
    secretary = open_for_writing(elsewhere, at(16, 5))
    secretary.open_meeting("16.00")
    secretary.record.close()
    rows = meetings.known_meetings([tmp_path / "agendas"])
    (row,) = rows[1:]
    assert row.body == "Fjernudvalget" and row.stage is Stage.IN_PROGRESS
    assert row.opening == Opening(elsewhere.absolute())
    assert oct(meetings.known_file().stat().st_mode & 0o777) == "0o600"


def test_an_agenda_both_in_the_folder_and_remembered_is_listed_once(tmp_path):
    folder = tmp_path / "agendas"
    agenda = write_agenda(folder, "once.toml", "Énudvalget")
    open_for_writing(agenda, at(16, 5)).record.close()
    assert [row.body for row in meetings.known_meetings([folder])[1:]] == ["Énudvalget"]


def test_a_record_named_with_record_is_remembered_with_it(tmp_path):
    agenda = write_agenda(tmp_path / "x", "m.toml", "Filudvalget")
    record = tmp_path / "usb" / "moede.record"
    record.parent.mkdir()
    secretary, _ = meetings.open_meeting(agenda, record, now=at(16, 5))
    secretary.open_meeting("16.00")
    secretary.record.close()
    (row,) = meetings.known_meetings([tmp_path / "agendas"])[1:]
    assert row.opening == Opening(agenda.absolute(), record.absolute())
    assert row.record == record.absolute() and row.stage is Stage.IN_PROGRESS


def test_the_demo_is_not_remembered(tmp_path):
    open_for_writing(None, at(9, 55, "2025-11-20")).record.close()
    assert meetings.remembered() == []


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"format": 99, "meetings": []}',
        b'{"format": 1, "meetings": [{"agenda": "relative.toml"}, 7, {"agenda": 3}]}',
        b"[]",
    ],
)
def test_a_broken_list_of_remembered_agendas_is_ignored(tmp_path, content):
    meetings.known_file().parent.mkdir(parents=True, exist_ok=True)
    meetings.known_file().write_bytes(content)
    assert meetings.remembered() == []
    assert [row.demo for row in meetings.known_meetings([tmp_path / "agendas"])] == [True]


def test_remembering_keeps_the_latest_first_and_forgets_nothing_twice(tmp_path):
    one = write_agenda(tmp_path / "f", "one.toml", "Et")
    two = write_agenda(tmp_path / "f", "two.toml", "To")
    for agenda in (one, two, one):
        meetings.remember(agenda, None, False)
    data = json.loads(meetings.known_file().read_text(encoding="utf-8"))
    assert [entry["agenda"] for entry in data["meetings"]] == [str(one), str(two)]


def test_a_data_directory_that_refuses_writes_does_not_stop_a_meeting_opening(
    tmp_path, monkeypatch
):
    agenda = write_agenda(tmp_path / "f", "m.toml", "Skriveudvalget")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(meetings.files, "replace_file", refuse)
    secretary = open_for_writing(agenda, at(16, 5))  # no error
    secretary.record.close()
    assert meetings.remembered() == []
