"""Importing the published referat of the reference meeting (the text pdftotext gives)
gives back the demo agenda: six public items word for word, the closed item's title,
all seven members, the meeting's facts."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from conftest import REFERENCE
from import_support import demo_items, item_problems

from meetingtui import agenda as agenda_mod
from meetingtui.cli import main
from meetingtui.importing import import_source


@pytest.fixture(scope="module")
def imported():
    return import_source(REFERENCE)


def test_six_public_items_match_the_demo_agenda_word_for_word(imported):
    got = imported.data["items"]
    expected = demo_items()
    assert len(got) == len(expected) == 7
    problems = {}
    for index, (item, want) in enumerate(zip(got, expected, strict=True), start=1):
        found = item_problems(item, want, text=not want.closed)
        if found:
            problems[index] = found
    assert problems == {}
    assert [i["closed"] for i in got] == [False, True, False, False, False, False, False]


def test_all_seven_members_in_the_published_order_with_their_parties(imported):
    members = [(m["name"], m["party"]) for m in imported.data["members"]]
    assert members == [
        ("Anja Lund", "V"),
        ("Meho Selman", "A"),
        ("Karsten Byrgesen", "løsgænger"),
        ("Anne Marie Geisler Andersen", "B"),
        ("Henriette Schlesinger Kærgaard", "V"),
        ("Jens Wistoft", "V"),
        ("Lars Mogensen", "Ø"),
    ]


def test_the_meeting_facts_come_from_the_front_page(imported):
    meeting = imported.data["meeting"]
    assert meeting["body"] == "Digitaliserings- og Innovationsudvalget"
    assert meeting["date"] == dt.date(2025, 11, 20)
    assert meeting["start"] == dt.time(10, 0)
    assert meeting["place"] == "Regionshuset, mødelokale 6"
    assert meeting["recommends_to"] == "Regionsrådet"
    assert "numbering" not in meeting  # numbered per meeting from 1: the default
    assert imported.missing == []


def test_kinds_and_the_flags_the_contents_page_carries(imported):
    items = imported.data["items"]
    assert [i["kind"] for i in items][-2:] == ["eventuelt", "underskriftsside"]
    # Item 5's heading lost its '#' in the published PDF; the contents page still has it.
    assert [i["flag"] for i in items] == [False, False, True, False, True, True, True]


def test_the_command_writes_readable_toml_and_reports_in_danish(tmp_path, capsys):
    target = tmp_path / "diu.toml"
    assert main(["import", str(REFERENCE), "-o", str(target)]) == 0
    report = capsys.readouterr().out
    assert "7 punkter (punkt 1-7), 7 medlemmer" in report
    assert "Punkt 2: Udbudsproces [lukket]" in report
    assert f"meetingtui check {target}" in report
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == 2
    assert data["items"][0]["sections"][0] == {
        "heading": "Resumé",
        "text": demo_items()[0].sections[0].text,
    }
    assert "[[items.sections]]" in target.read_text(encoding="utf-8")


def test_an_existing_agenda_is_not_overwritten_without_asking(tmp_path, capsys):
    target = tmp_path / "diu.toml"
    target.write_text("# mine\n", encoding="utf-8")
    assert main(["import", str(REFERENCE), "-o", str(target)]) == 2
    assert "findes allerede" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert main(["import", str(REFERENCE), "-o", str(target), "--overwrite"]) == 0


def test_the_imported_agenda_passes_check(tmp_path, capsys):
    target = tmp_path / "diu.toml"
    assert main(["import", str(REFERENCE), "-o", str(target)]) == 0
    assert main(["check", str(target)]) == 0
    assert "OK (7 members, 7 items)" in capsys.readouterr().out
    agenda = agenda_mod.load(target)
    assert [item.title for item in agenda.items] == [item.title for item in demo_items()]


def test_the_imported_agenda_opens_and_its_referat_has_the_demo_headings(tmp_path):
    """The third of the three commands: the imported agenda opens as a meeting, and the
    referat it would make heads its items as the demo agenda's does."""
    from meetingtui import paths, session
    from meetingtui.minutes import build
    from meetingtui.minutes.text import paragraphs

    target = tmp_path / "diu.toml"
    assert main(["import", str(REFERENCE), "-o", str(target)]) == 0

    def headings(agenda_path):
        state = session.open_session(agenda_path, None, read_only=True).state()
        return [p for p in paragraphs(build(state, full=False)) if p.startswith("Punkt ")]

    assert headings(target) == headings(paths.DEMO_AGENDA)
    assert len(headings(target)) == 7
