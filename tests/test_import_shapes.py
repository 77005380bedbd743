"""Dagsordener in the shapes case systems and Word make (../shared/notes/AGENDA-SHAPES.md),
built here with python-docx, and a saved portal page: each gives the agenda a secretary
would have typed."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from import_support import to_pdf

from meetingtui import agenda as agenda_mod
from meetingtui.cli import main
from meetingtui.importing import import_source

CASE_TEXT = (
    "Vejplanen fastlægger vedligeholdelsen af kommunens veje i 2027. Planen bygger på "
    "tilstandsregistreringen fra foråret og prioriterer de mest nedslidte strækninger."
)


def _numbered(paragraph, num_id: str) -> None:
    """A list number set on the paragraph itself (numPr), as Word writes a typed list."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    num_id_el = OxmlElement("w:numId")
    num_id_el.set(qn("w:val"), num_id)
    num_pr.append(ilvl)
    num_pr.append(num_id_el)
    ppr.append(num_pr)


def danish_word(path):
    """Danish Word: heading style ids Overskrift1/Overskrift2, a custom item style based on
    Overskrift1, a section style known only by its outline level, metadata in a table,
    lists by style and by numPr, members with roles and a local party."""
    doc = Document()
    doc.styles["Heading 1"].style_id = "Overskrift1"
    doc.styles["Heading 2"].style_id = "Overskrift2"
    item_style = doc.styles.add_style("Punktoverskrift", WD_STYLE_TYPE.PARAGRAPH)
    item_style.base_style = doc.styles["Heading 1"]
    section_style = doc.styles.add_style("Afsnitsoverskrift", WD_STYLE_TYPE.PARAGRAPH)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "1")
    section_style.element.get_or_add_pPr().append(outline)
    doc.add_paragraph("Dagsorden", style="Title")
    doc.add_paragraph("Udvalg: Teknik- og Miljøudvalget")
    table = doc.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        table.rows,
        [
            ("Mødedato", "Torsdag den 11. juni 2026"),
            ("Mødetidspunkt", "Kl. 16.00"),
            ("Mødested", "Rådhuset, mødelokale 2"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    doc.add_paragraph(
        "Medlemmer: Formand Erik Nielsen (A), Næstformand Lone Berg (V), Ida Holm (F), "
        "Søren Kragh (L)"
    )
    doc.add_paragraph("Punkt 1: Vejplan 2027", style="Punktoverskrift")
    meta = doc.add_table(rows=1, cols=2)
    meta.rows[0].cells[0].text, meta.rows[0].cells[1].text = "Sagsnr.", "23/11174"
    doc.add_paragraph("Sagsfremstilling", style="Afsnitsoverskrift")
    doc.add_paragraph(CASE_TEXT)
    doc.add_paragraph("Gennemgang af broer", style="List Bullet")
    doc.add_paragraph("Nye cykelstier", style="List Bullet")
    doc.add_paragraph("Indstilling", style="Heading 2")
    doc.add_paragraph("Forvaltningen indstiller,")
    for line in ("at vejplanen godkendes", "at rammen afsættes"):
        _numbered(doc.add_paragraph(line), "5")
    doc.add_paragraph("Bilag", style="Heading 2")
    doc.add_paragraph("Vejplan 2027 - udkast.pdf", style="List Bullet")
    doc.add_paragraph("Punkt 2: Lukket punkt: Køb af areal", style="Punktoverskrift")
    doc.add_paragraph("Sagsfremstilling", style="Afsnitsoverskrift")
    doc.add_paragraph("Forhandlingerne om arealet er afsluttet.")
    doc.add_paragraph("Punkt 3: Eventuelt", style="Punktoverskrift")
    doc.save(path)


def bold_paragraphs(path):
    """No heading styles at all: items and sections are bold paragraphs, one section in
    capitals, a table of figures, an item marked closed by a label line."""
    doc = Document()
    doc.add_paragraph().add_run("REFERAT").bold = True
    doc.add_paragraph("Mødedato: 3. marts 2026")
    doc.add_paragraph("Tid: 17:00-19:00")
    doc.add_paragraph("Sted: Medborgerhuset, salen")
    doc.add_paragraph().add_run("1. Godkendelse af dagsorden").bold = True
    doc.add_paragraph().add_run("Indstilling").bold = True
    doc.add_paragraph("Dagsordenen godkendes.")
    doc.add_paragraph().add_run("2. Budget 2027 for lokaludvalget").bold = True
    doc.add_paragraph().add_run("Baggrund").bold = True
    doc.add_paragraph("Lokaludvalget skal fordele puljen for 2027.")
    doc.add_paragraph().add_run("ØKONOMI").bold = True
    table = doc.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Drift", "1.200.000 kr."
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Anlæg", "300.000 kr."
    doc.add_paragraph().add_run("Indstilling").bold = True
    doc.add_paragraph("Budgettet vedtages.")
    doc.add_paragraph().add_run("3. Personsag").bold = True
    doc.add_paragraph("Lukket punkt")
    doc.add_paragraph().add_run("Sagsfremstilling").bold = True
    doc.add_paragraph("Sagen behandles for lukkede døre.")
    doc.save(path)


def running_numbers(path):
    """A municipality's running numbers (from 49) after a contents list with the same
    numbers, sections the reference has not, a case number of another shape, an earlier
    decision line and another body's decision kept as a section."""
    doc = Document()
    doc.add_paragraph("Dagsorden Teknik- og Miljøudvalget den 11-06-2026", style="Title")
    doc.add_paragraph("Tidspunkt: 16:00")
    doc.add_paragraph("Sted: Rådhuset, mødelokale 2")
    doc.add_paragraph("Mødedeltagere: Erik Nielsen (A), Lone Berg (V), Ida Holm (F)")
    doc.add_paragraph("Indholdsfortegnelse", style="Heading 1")
    doc.add_paragraph("49. Vejplan 2027\t3")
    doc.add_paragraph("50. Ny cykelsti langs Ringvejen\t5")
    doc.add_paragraph("49. Vejplan 2027", style="Heading 1")
    doc.add_paragraph("Sagsnr.: 306-2009-600")
    doc.add_paragraph("Økonomiudvalget, 20. maj 2026, pkt. 65: Anbefales.")
    doc.add_paragraph("Sagens kerne", style="Heading 2")
    doc.add_paragraph(CASE_TEXT)
    doc.add_paragraph("Beslutningskompetence", style="Heading 2")
    doc.add_paragraph("Byrådet.")
    doc.add_paragraph("Høring", style="Heading 2")
    doc.add_paragraph("Planen har været i høring i fire uger.")
    doc.add_paragraph("Beslutning i Økonomiudvalget den 20-05-2026", style="Heading 2")
    doc.add_paragraph("Anbefales.")
    doc.add_paragraph("50. Ny cykelsti langs Ringvejen", style="Heading 1")
    doc.add_paragraph("Sagsnr.: 299835")
    doc.add_paragraph("Sagens kerne", style="Heading 2")
    doc.add_paragraph("Der foreslås en dobbeltrettet cykelsti.")
    doc.add_paragraph("Lovgrundlag", style="Heading 2")
    doc.add_paragraph("Vejloven § 8.")
    doc.save(path)


def test_danish_word_style_ids_outline_levels_and_lists(tmp_path):
    path = tmp_path / "dagsorden.docx"
    danish_word(path)
    result = import_source(path)
    data = result.data
    assert data["meeting"] == {
        "body": "Teknik- og Miljøudvalget",
        "date": dt.date(2026, 6, 11),
        "start": dt.time(16, 0),
        "place": "Rådhuset, mødelokale 2",
        "timezone": "Europe/Copenhagen",
        "parties": ["L"],
    }
    assert data["members"] == [
        {"name": "Erik Nielsen", "party": "A", "role": "formand"},
        {"name": "Lone Berg", "party": "V", "role": "næstformand"},
        {"name": "Ida Holm", "party": "F"},
        {"name": "Søren Kragh", "party": "L"},
    ]
    vejplan, areal, eventuelt = data["items"]
    assert vejplan["title"] == "Vejplan 2027" and vejplan["case"] == "23/11174"
    assert vejplan["sections"] == [
        {
            "heading": "Sagsfremstilling",
            "text": CASE_TEXT + "\n\n- Gennemgang af broer\n- Nye cykelstier",
        },
        {
            "heading": "Indstilling",
            "text": "Forvaltningen indstiller,\n\n1. at vejplanen godkendes\n1. at rammen afsættes",
        },
    ]
    assert vejplan["attachments"] == ["Vejplan 2027 - udkast.pdf"]
    assert (areal["title"], areal["closed"]) == ("Køb af areal", True)
    assert (eventuelt["kind"], eventuelt.get("sections")) == ("eventuelt", None)
    assert result.missing == []


def test_bold_paragraphs_instead_of_heading_styles(tmp_path):
    path = tmp_path / "referat.docx"
    bold_paragraphs(path)
    result = import_source(path)
    items = result.data["items"]
    assert [i["title"] for i in items] == [
        "Godkendelse af dagsorden",
        "Budget 2027 for lokaludvalget",
        "Personsag",
    ]
    assert [s["heading"] for s in items[1]["sections"]] == ["Baggrund", "Økonomi", "Indstilling"]
    assert items[1]["sections"][1]["text"] == "Drift: 1.200.000 kr.\n\nAnlæg: 300.000 kr."
    assert [i["closed"] for i in items] == [False, False, True]
    meeting = result.data["meeting"]
    assert (meeting["date"], meeting["start"], meeting["place"]) == (
        dt.date(2026, 3, 3),
        dt.time(17, 0),
        "Medborgerhuset, salen",
    )
    assert "numbering" not in meeting
    # No members and no body in the document: named in the report, not invented.
    assert "members" not in result.data
    assert result.missing == ["udvalg (body)", "medlemmer ([[members]])"]


def test_running_numbers_and_sections_the_reference_does_not_have(tmp_path):
    path = tmp_path / "dagsorden.docx"
    running_numbers(path)
    data = import_source(path).data
    assert data["meeting"]["numbering"] == "running"
    assert data["meeting"]["first_number"] == 49
    assert data["meeting"]["body"] == "Teknik- og Miljøudvalget"
    assert (data["meeting"]["start"], data["meeting"]["place"]) == (
        dt.time(16, 0),
        "Rådhuset, mødelokale 2",
    )
    assert [m["name"] for m in data["members"]] == ["Erik Nielsen", "Lone Berg", "Ida Holm"]
    vejplan, cykelsti = data["items"]
    assert vejplan["case"] == "306-2009-600" and cykelsti["case"] == "299835"
    assert [s["heading"] for s in vejplan["sections"]] == [
        "Sagens kerne",
        "Beslutningskompetence",
        "Høring",
        "Beslutning i Økonomiudvalget den 20-05-2026",
    ]
    assert vejplan["earlier"] == [
        {
            "body": "Økonomiudvalget",
            "date": dt.date(2026, 5, 20),
            "item": "65",
            "text": "Anbefales.",
        }
    ]
    assert [s["heading"] for s in cykelsti["sections"]] == ["Sagens kerne", "Lovgrundlag"]


PORTAL = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Teknik- og Miljøudvalget - Dagsorden</title>
<script>window.analytics = "Punkt 99: ikke et punkt";</script><style>h2 { color: red }</style></head>
<body><nav><a href="/">Forside</a> &gt; <a href="/politik">Politik</a></nav>
<div class="meeting-info">
<h3>UDVALG</h3><p>Teknik- og Miljøudvalget</p>
<h3>MØDE</h3><p>Ordinært møde</p>
<h3>STED</h3><p>Rådhuset, mødelokale 2</p>
<h3>STARTTIDSPUNKT</h3><p>11-06-2026 16:00:00</p>
<h3>SLUTTIDSPUNKT</h3><p>11-06-2026 18:30:00</p>
<h3>PUNKTER</h3>
<ol><li><a href="#p49">49. Vejplan 2027</a></li><li><a href="#p50">50. Lukket punkt: Køb af areal</a></li></ol>
</div>
<div class="item" id="p49"><h2>49. Vejplan 2027</h2><h4>Vejplan 2027</h4>
<h3>SAGSFREMSTILLING</h3><p>Vejplanen fastlægger vedligeholdelsen af kommunens veje i 2027.</p>
<ul><li>Broer</li><li>Cykelstier &amp; fortove</li></ul>
<h3>INDSTILLING</h3><p>Direktionen indstiller, at vejplanen godkendes.</p>
<h3>BILAG</h3><ul><li><a href="/bilag/1.pdf">Vejplan 2027 - udkast.pdf</a></li></ul></div>
<div class="item" id="p50"><h2>50. Lukket punkt: Køb af areal</h2><h4>Lukket punkt: Køb af areal</h4></div>
<footer>Kommunen · Rådhustorvet 1</footer></body></html>
"""


def test_a_saved_portal_page(tmp_path):
    path = tmp_path / "agenda_1234.html"
    path.write_text(PORTAL, encoding="utf-8")
    result = import_source(path)
    data = result.data
    assert data["meeting"]["body"] == "Teknik- og Miljøudvalget"
    assert data["meeting"]["date"] == dt.date(2026, 6, 11)
    assert data["meeting"]["start"] == dt.time(16, 0)
    assert data["meeting"]["place"] == "Rådhuset, mødelokale 2"
    assert (data["meeting"]["numbering"], data["meeting"]["first_number"]) == ("running", 49)
    vejplan, areal = data["items"]
    assert result.front_unplaced == []
    assert [d.unplaced for d in result.drafts] == [[], []]  # the title again is not text
    assert vejplan["sections"] == [
        {
            "heading": "Sagsfremstilling",
            "text": "Vejplanen fastlægger vedligeholdelsen af kommunens veje i 2027.\n\n"
            "- Broer\n- Cykelstier & fortove",
        },
        {"heading": "Indstilling", "text": "Direktionen indstiller, at vejplanen godkendes."},
    ]
    assert vejplan["attachments"] == ["Vejplan 2027 - udkast.pdf"]
    assert (areal["title"], areal["closed"], areal.get("sections")) == ("Køb af areal", True, None)


def test_the_report_names_what_it_could_not_place_and_find(tmp_path, capsys):
    path = tmp_path / "referat.docx"
    bold_paragraphs(path)
    doc = Document(str(path))
    doc.paragraphs[4].insert_paragraph_before("Husk kaffe til mødet")
    doc.save(str(path))
    assert main(["import", str(path), "-o", str(tmp_path / "a.toml")]) == 0
    report = capsys.readouterr().out
    assert "Kunne ikke placeres" in report and "»Husk kaffe til mødet«" in report
    assert "Ikke fundet, udfyld selv i agendaen: udvalg (body), medlemmer ([[members]])." in report


def test_each_shape_passes_check(tmp_path, capsys):
    for make in (danish_word, running_numbers):
        source = tmp_path / f"{make.__name__}.docx"
        make(source)
        target = tmp_path / f"{make.__name__}.toml"
        assert main(["import", str(source), "-o", str(target)]) == 0
        assert main(["check", str(target)]) == 0, capsys.readouterr()
        assert agenda_mod.load(target).items


@pytest.mark.slow
def test_the_shapes_as_pdf_give_the_same_items(tmp_path):
    """A case system's PDF is Word's document printed: no styles, only fonts and sizes."""
    for make in (danish_word, bold_paragraphs, running_numbers):
        source = tmp_path / f"{make.__name__}.docx"
        make(source)
        from_word = import_source(source).data
        from_pdf = import_source(to_pdf(source, tmp_path)).data
        assert from_pdf["items"] == from_word["items"], make.__name__
        assert from_pdf["meeting"] == from_word["meeting"], make.__name__
