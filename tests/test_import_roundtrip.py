"""The demo meeting's full referat (`meetingtui export --full`), imported again as .docx
and as PDF (made by LibreOffice), gives back every item: titles, case numbers, flags,
closed flags, section headings and texts (≥ 0.97 word match per item) and attachments.
Ids, substitutes and quorum are not in a referat and are not compared."""

from __future__ import annotations

import datetime as dt

import pytest
from import_support import demo_items, item_problems, to_pdf, tool_or_skip

from meetingtui.cli import main
from meetingtui.importing import import_source


@pytest.fixture(scope="module")
def full_docx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    path = folder / "referat-fuld.docx"
    assert main(["export", "--demo", "--full", "-o", str(path)]) == 0
    return path


def assert_same_items(data: dict) -> None:
    expected = demo_items()
    got = data["items"]
    assert [i["title"] for i in got] == [i.title for i in expected]
    problems = {
        number: found
        for number, (item, want) in enumerate(zip(got, expected, strict=True), start=1)
        if (found := item_problems(item, want))
    }
    assert problems == {}


def assert_same_meeting(data: dict) -> None:
    meeting = data["meeting"]
    assert meeting["body"] == "Digitaliserings- og Innovationsudvalget"
    assert meeting["date"] == dt.date(2025, 11, 20)
    assert meeting["start"] == dt.time(10, 0)
    assert meeting["place"] == "Regionshuset, mødelokale 6"
    assert len(data["members"]) == 7


def test_the_full_referat_as_docx_gives_back_the_agenda(full_docx):
    result = import_source(full_docx)
    assert_same_items(result.data)
    assert_same_meeting(result.data)
    # The closed item's case text is in the full version, so it comes back too.
    assert result.data["items"][1]["closed"] is True
    assert [s["heading"] for s in result.data["items"][1]["sections"]] == [
        "Resumé",
        "Sagsfremstilling",
        "Indstilling",
    ]


@pytest.mark.slow
def test_the_full_referat_as_pdf_gives_back_the_agenda(full_docx, tmp_path):
    pdf = to_pdf(full_docx, tmp_path)
    result = import_source(pdf)
    assert_same_items(result.data)
    assert_same_meeting(result.data)


@pytest.mark.slow
def test_the_pdf_as_pdftotext_gives_it_gives_back_titles_cases_and_attachments(full_docx, tmp_path):
    """Raw `pdftotext` output runs headings into text and splits paragraphs at line ends;
    the structure still comes back (the text's paragraphs differ from the agenda's)."""
    import subprocess

    pdftotext = tool_or_skip(("pdftotext",), "poppler-utils")
    pdf = to_pdf(full_docx, tmp_path)
    text = tmp_path / "referat.txt"
    subprocess.run([pdftotext, str(pdf), str(text)], check=True, timeout=60)
    data = import_source(text).data
    expected = demo_items()
    assert [i["title"] for i in data["items"]] == [i.title for i in expected]
    assert [i.get("case", "") for i in data["items"]] == [i.case for i in expected]
    assert [i["closed"] for i in data["items"]] == [i.closed for i in expected]
    assert [i.get("attachments", []) for i in data["items"]] == [list(i.bilag) for i in expected]
    assert_same_meeting(data)  # the date too, though pdftotext writes it "2011-2025"
    # pdftotext sets each bullet on a line of its own, its text after: still a list.
    assert "\n- Borger og patient\n" in data["items"][0]["sections"][1]["text"]
