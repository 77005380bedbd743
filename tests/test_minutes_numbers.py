"""The referat follows a format-2 agenda (issue 11): its item numbers, its sections in
order, its earlier decisions; a closed item is still only its heading, Fraværende and
public summary. Read from the minutes as text and from the exported .docx.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import export
from meetingtui.minutes import build
from meetingtui.minutes.text import paragraphs
from meetingtui.record import MeetingRecord
from meetingtui.secretary import Secretary
from tests.helpers import docx_paragraphs

ROOT = Path(__file__).resolve().parents[1]
MUNICIPAL = ROOT / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml"
EXAMPLE = ROOT / "agendas" / "example-udvalg.toml"


def clock():
    return pendulum.datetime(2026, 6, 11, 18, 0, tz="Europe/Copenhagen")


@pytest.fixture
def meeting(tmp_path):
    """The municipal example taken: items 49-51 decided, an item added after 51, a member
    arriving during item 50, the closed item 52 with a public summary."""
    agenda = agenda_mod.load(MUNICIPAL)
    desk = Secretary(agenda, MeetingRecord(tmp_path / "m.record", agenda.sha256), now=clock)
    desk.set_roll("tove-ravn", "afbud")
    desk.open_meeting("16.00")
    desk.go_to("dagsorden", time="16.00")
    desk.set_decision("Godkendt.")
    desk.go_to("vejplan", time="16.05")
    desk.arrive("tove-ravn", "16.10")
    desk.set_decision("Anbefales.")
    desk.go_to("moellebaekken", time="16.30")
    desk.set_decision("Godkendt.")
    added = desk.add_item("Parkering ved skolen", "26/100", False)
    desk.go_to("grundsalg", time="16.50")
    desk.set_decision("Buddet accepteres. HEMMELIG-BESLUTNING")
    desk.set_summary("Udvalget solgte grunden.")
    yield desk, added
    desk.record.close()


def test_headings_and_contents_give_the_running_numbers(meeting):
    desk, added = meeting
    text = paragraphs(build(desk.state))
    headings = [line for line in text if line.startswith("Punkt ")]
    # each heading twice: its line in the contents, then the item itself
    assert headings[:7] == headings[7:]
    assert headings[:7] == [
        "Punkt 49: Godkendelse af dagsorden",
        "Punkt 50: Vejplan 2027-2030",
        "Punkt 51: Klimatilpasning ved Møllebækken #",
        "Punkt 55: Parkering ved skolen",
        "Punkt 52: Lukket punkt: Salg af grund på Industrivej",
        "Punkt 53: Orientering om den nye affaldsordning",
        "Punkt 54: Eventuelt",
    ]
    assert "Sagen blev optaget på dagsordenen under mødet som punkt 55." in text
    assert "Tove Ravn ankom kl. 16.10 under behandlingen af punkt 50." in text
    assert desk.state.number(added) == 55


def item_lines(text: list[str], heading: str) -> list[str]:
    """An item's paragraphs after its heading, up to the next item (the heading's first
    occurrence is its line in the contents)."""
    start = text.index(heading, text.index(heading) + 1) + 1
    end = next((n for n in range(start, len(text)) if text[n].startswith("Punkt ")), len(text))
    return text[start:end]


def test_sections_in_the_agendas_order_then_earlier_decisions_then_the_decision(meeting):
    desk, _ = meeting
    item = item_lines(paragraphs(build(desk.state)), "Punkt 51: Klimatilpasning ved Møllebækken #")
    shown = [line for line in item if line in HEADINGS_51]
    assert shown == HEADINGS_51
    assert item[0] == "27.00.00-A00-1-24"
    assert item[item.index("Teknik- og Miljøudvalget, 13-11-2025, pkt. 112:") + 1] == (
        "Projektforslaget sendes i høring."
    )
    assert item[item.index("Økonomiudvalget, 21-01-2026, pkt. 9:") + 1] == "Anbefales."


HEADINGS_51 = [
    "Sagens kerne",
    "Høring",
    "Risikovurdering",
    "Lovgrundlag",
    "Indstilling",
    "Teknik- og Miljøudvalget, 13-11-2025, pkt. 112:",
    "Økonomiudvalget, 21-01-2026, pkt. 9:",
    "Beslutning i Teknik- og Miljøudvalget den 11-06-2026",
]


def test_a_closed_item_is_its_heading_summary_and_absence_only(meeting):
    desk, _ = meeting
    public = paragraphs(build(desk.state))
    full = paragraphs(build(desk.state, full=True))
    heading = "Punkt 52: Lukket punkt: Salg af grund på Industrivej"
    assert item_lines(public, heading) == [
        "Beslutning i Teknik- og Miljøudvalget den 11-06-2026",
        "Udvalget solgte grunden.",
    ]
    assert not any("HEMMELIG-BESLUTNING" in line for line in public)
    closed = item_lines(full, heading)
    assert "HEMMELIG-BESLUTNING" in " ".join(closed)
    assert "En virksomhed har budt på kommunens grund på Industrivej 14." in closed


def test_the_docx_has_the_numbers_and_earlier_decisions_as_section_headings(meeting, tmp_path):
    desk, _ = meeting
    path, _ = export.export_with_warnings(desk.state, output=tmp_path / "referat.docx")
    found = docx_paragraphs(path)
    assert ("Heading 1", "Punkt 55: Parkering ved skolen") in found
    assert ("Heading 2", "Økonomiudvalget, 21-01-2026, pkt. 9:") in found
    contents = [text for style, text in found if style == "toc 1"]
    assert contents[0].startswith("Punkt 49: Godkendelse af dagsorden")


def test_numbers_counting_the_items_keep_the_reference_contents(tmp_path):
    """Per-meeting numbers with nothing added: the contents are the titles alone."""
    agenda = agenda_mod.load(EXAMPLE)
    desk = Secretary(agenda, MeetingRecord(tmp_path / "e.record", agenda.sha256), now=clock)
    try:
        text = paragraphs(build(desk.state))
        contents = text[text.index("Indholdsfortegnelse") + 1 :][:3]
        assert contents == [
            "Godkendelse af naturplan 2027-2030",
            "Lukket punkt: Køb af grund til vådområde #",
            "Eventuelt #",
        ]
        assert "Punkt 1: Godkendelse af naturplan 2027-2030" in text
        assert "Udvalg for Klima og Natur, 13-11-2025, pkt. 41:" in text
        desk.open_meeting("16.00")
        desk.go_to("grundkoeb", time="16.00")
        desk.add_item("Ekstra punkt", "", False)  # number 4, before Eventuelt (3)
        text = paragraphs(build(desk.state))
        contents = text[text.index("Indholdsfortegnelse") + 1 :][:4]
        assert contents == [
            "Punkt 1: Godkendelse af naturplan 2027-2030",
            "Punkt 2: Lukket punkt: Køb af grund til vådområde #",
            "Punkt 4: Ekstra punkt",
            "Punkt 3: Eventuelt #",
        ]
    finally:
        desk.record.close()


def test_the_pre_export_check_names_items_by_their_numbers(meeting):
    from meetingtui import preflight

    desk, _ = meeting
    missing = [str(p) for p in preflight.problems(desk.state) if "ingen beslutning" in str(p)]
    assert missing == [
        "Punkt 55: har ingen beslutning.",
        "Punkt 53: har ingen beslutning.",
        "Punkt 54: har ingen beslutning.",
    ]
