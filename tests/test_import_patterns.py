"""The shapes the recogniser knows, one by one: item headings, case-number labels, member
lists and front-page dates, as published Danish agendas write them."""

from __future__ import annotations

import datetime as dt

import pytest

from meetingtui.importing import patterns
from meetingtui.importing.blocks import Para
from meetingtui.importing.frontmatter import parse_date, parse_members, parse_time
from meetingtui.importing.recognise import recognise


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Punkt 1: Godkendelse af dagsorden", (1, "Godkendelse af dagsorden", True)),
        ("Pkt. 42 Lokalplan for Musicon", (42, "Lokalplan for Musicon", True)),
        ("Sag nr. 129 Budgetopfølgning", (129, "Budgetopfølgning", True)),
        ("49. Vejplan 2027", (49, "Vejplan 2027", False)),
        ("3) Eventuelt", (3, "Eventuelt", False)),
        ("2. at planen godkendes", None),  # a numbered recommendation, not an item
        ("2027. Et årstal", (2027, "Et årstal", False)),
        ("Punktum", None),
    ],
)
def test_item_headings(line, expected):
    assert patterns.item_heading(line) == expected


@pytest.mark.parametrize(
    ("line", "case"),
    [
        ("Sagsnr.: 23/11174", "23/11174"),
        ("Sagsnr. 23/11174 Dok.nr. 4471/25", "23/11174"),
        ("Sag: 306-2009-600", "306-2009-600"),
        ("J.nr. 27.00.00-A00-1-24", "27.00.00-A00-1-24"),
        ("Sagsid: 299835", "299835"),
        ("Journalnummer 25/3108", "25/3108"),
    ],
)
def test_case_number_labels(line, case):
    assert patterns.case_number(line, bare=False) == case


def test_a_bare_number_is_a_case_number_only_where_one_is_expected():
    assert patterns.case_number("299835", bare=True) == "299835"
    assert patterns.case_number("299835", bare=False) is None


@pytest.mark.parametrize(
    ("text", "members", "substitutes"),
    [
        (
            "Anja Lund, V, Karsten Byrgesen (løsgænger), Jens Wistoft, V (Fravær)",
            [
                {"name": "Anja Lund", "party": "V"},
                {"name": "Karsten Byrgesen", "party": "løsgænger"},
                {"name": "Jens Wistoft", "party": "V"},
            ],
            [],
        ),
        (
            "Formand Erik Nielsen (A), Næstformand Lone Berg (V) og Ida Holm (Ø)",
            [
                {"name": "Erik Nielsen", "party": "A", "role": "formand"},
                {"name": "Lone Berg", "party": "V", "role": "næstformand"},
                {"name": "Ida Holm", "party": "Ø"},
            ],
            [],
        ),
        (
            "Erik Nielsen (A), Ole Berg (A), Suppleant for Ida Holm (A)",
            [{"name": "Erik Nielsen", "party": "A"}],
            ["Ole Berg"],
        ),
        (
            "Anja Lund, V, Peter Hansen, V (stedfortræder)",
            [{"name": "Anja Lund", "party": "V"}],
            ["Peter Hansen"],
        ),
    ],
)
def test_member_lists(text, members, substitutes):
    assert parse_members(text) == (members, substitutes)


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("Torsdag d. 20. november 2025 kl. 10:00", dt.date(2025, 11, 20), dt.time(10, 0)),
        ("11-06-2026 16:00:00", dt.date(2026, 6, 11), dt.time(16, 0)),
        ("den 3.3.2026 kl. 17.30", dt.date(2026, 3, 3), dt.time(17, 30)),
        ("2026-06-11", dt.date(2026, 6, 11), None),
        ("31. februar 2026", None, None),
    ],
)
def test_front_page_dates_and_times(text, date, time):
    assert (parse_date(text), parse_time(text)) == (date, time)


def test_sag_nr_with_the_title_on_the_next_line():
    blocks = [
        Para("Sag nr. 129", bold=True),
        Para("Budgetopfølgning"),
        Para("Sagsfremstilling", bold=True),
        Para("Opfølgning pr. 31. marts."),
        Para("Sag nr. 130", bold=True),
        Para("Eventuelt"),
    ]
    items = recognise(blocks, "kilde").data["items"]
    assert [(i["title"], i["kind"]) for i in items] == [
        ("Budgetopfølgning", "sag"),
        ("Eventuelt", "eventuelt"),
    ]
    assert items[0]["sections"] == [
        {"heading": "Sagsfremstilling", "text": "Opfølgning pr. 31. marts."}
    ]
