"""The referat's look: the sober house style, a body's own template, the same bytes each time,
and the body's wording choices."""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from meetingtui import export, session, wording
from meetingtui.agenda import body_file
from meetingtui.errors import AgendaError
from meetingtui.minutes import build, word
from meetingtui.minutes.template import TemplateError

DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


@pytest.fixture(scope="module")
def demo_state():
    return session.open_demo_session().state()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


# -- the same record gives the same file --------------------------------------------------------


def test_two_exports_of_the_same_record_are_byte_identical(demo_state):
    for full in (False, True):
        first = export.docx_bytes(demo_state, full)
        second = export.docx_bytes(session.open_demo_session().state(), full)
        assert first == second


def test_the_documents_dates_are_the_meetings_close_not_the_clock(demo_state):
    props = docx.Document(BytesIO(export.docx_bytes(demo_state, False))).core_properties
    closed = demo_state.closed.in_timezone("UTC")
    assert props.created.replace(tzinfo=None) == closed.naive().replace(microsecond=0)
    assert props.modified == props.created
    assert props.last_modified_by == "meetingtui"


def test_python_docx_leftovers_are_gone(demo_state):
    parts = members(export.docx_bytes(demo_state, False))
    assert not [name for name in parts if "thumbnail" in name or name.startswith("customXml")]
    app = parts["docProps/app.xml"].decode()
    assert "<Application>meetingtui</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app
    assert {
        info
        for info in zipfile.ZipFile(BytesIO(export.docx_bytes(demo_state, False))).infolist()
        if info.date_time != (1980, 1, 1, 0, 0, 0)
    } == set()


# -- the sober default ---------------------------------------------------------------------------


def test_headings_and_title_are_black_without_theme_colours_or_rules(demo_state):
    document = docx.Document(BytesIO(export.docx_bytes(demo_state, False)))
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        assert str(style.font.color.rgb) == "000000", name
        assert style.font.color.theme_color is None, name
        assert style.element.pPr.find(qn("w:pBdr")) is None, name  # Word 2010's rule
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:ascii")) == "Calibri"


def test_the_title_is_a_heading_for_the_pdfs_tag_tree(demo_state):
    document = docx.Document(BytesIO(export.docx_bytes(demo_state, False)))
    outline = document.styles["Title"].element.pPr.find(qn("w:outlineLvl"))
    assert outline is not None and outline.get(qn("w:val")) == "0"


def test_header_and_footer_tab_stops_fit_a4s_text_width(demo_state):
    document = docx.Document(BytesIO(export.docx_bytes(demo_state, False)))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    for name in ("Header", "Footer"):
        stops = document.styles[name].paragraph_format.tab_stops
        assert stops and max(stop.position for stop in stops) <= text_width, name


def test_the_full_versions_notice_is_a_framed_paragraph_of_its_own_on_page_1(demo_state):
    document = docx.Document(BytesIO(export.docx_bytes(demo_state, True)))
    title, notice = document.paragraphs[0], document.paragraphs[1]
    assert title.style.name == "Title" and "FORTROLIGT" not in title.text
    assert notice.text.startswith("FORTROLIGT") and notice.style.name == "Forbehold"
    assert notice.style.element.pPr.find(qn("w:pBdr")) is not None
    header = document.sections[0].header.paragraphs
    assert [p.text.startswith("FORTROLIGT") for p in header] == [True, False]  # own lines


def test_the_signature_page_has_a_place_and_date_line_and_room_before_fravaerende(demo_state):
    document = docx.Document(BytesIO(export.docx_bytes(demo_state, True)))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Punkt 7: Underskriftsside #")
    page = document.paragraphs[start:]
    assert page[1].text == "Sted og dato\tRegionshuset, mødelokale 6, den 20-11-2025"
    lines = [p for p in page if p.style.name == "Underskriftslinje"]
    names = [p for p in page if p.style.name == "Underskriver"]
    assert len(lines) == len(names) == 5
    assert names[-1].style.paragraph_format.space_after >= Pt(12)
    assert page[-1].text.startswith("Fraværende")


def test_bilag_are_a_list(demo_state):
    document = docx.Document(BytesIO(export.docx_bytes(demo_state, False)))
    texts = [p.text for p in document.paragraphs]
    first = texts.index("Bilag") + 1
    assert document.paragraphs[first].style.name == "List Bullet"


# -- the body's own template --------------------------------------------------------------------


def png(width: int = 4, height: int = 2) -> bytes:
    """A tiny red PNG, made here (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def make_template(path: Path) -> Path:
    """A .dotx as a body would have: its own Normal font, a letterhead text and a logo."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    header = document.sections[0].header
    header.paragraphs[0].text = "Teknik- og Miljøforvaltningen, Rådhuset"
    header.add_paragraph().add_run().add_picture(BytesIO(png()))
    document.add_paragraph("Skabelonens egen tekst, som referatet ikke skal have med.")
    out = BytesIO()
    document.save(out)
    parts = members(out.getvalue())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        DOCUMENT.encode(), TEMPLATE.encode()
    )
    with zipfile.ZipFile(path, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return path


def test_a_referat_on_the_bodys_template_keeps_its_font_header_and_logo(demo_state, tmp_path):
    template = make_template(tmp_path / "udvalg.dotx")
    data = export.docx_bytes(demo_state, False, template)
    parts = members(data)
    assert DOCUMENT in parts["[Content_Types].xml"].decode()
    assert TEMPLATE not in parts["[Content_Types].xml"].decode()
    document = docx.Document(BytesIO(data))
    assert document.styles["Normal"].font.name == "Georgia"
    header = document.sections[0].header
    assert "Teknik- og Miljøforvaltningen, Rådhuset" in [p.text for p in header.paragraphs]
    logos = [name for name in parts if name.startswith("word/media/")]
    assert logos and parts[logos[0]] == png()
    texts = [p.text for p in document.paragraphs]
    assert "Skabelonens egen tekst, som referatet ikke skal have med." not in texts
    assert texts[0].startswith("REFERAT")
    assert data == export.docx_bytes(demo_state, False, template)  # reproducible here too


def test_the_full_version_on_a_template_still_says_fortroligt_on_every_page(demo_state, tmp_path):
    template = make_template(tmp_path / "udvalg.dotx")
    document = docx.Document(BytesIO(export.docx_bytes(demo_state, True, template)))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert (
        header[0].startswith("FORTROLIGT") and "Teknik- og Miljøforvaltningen, Rådhuset" in header
    )


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("mangler.dotx", None, "findes ikke"),
        ("tekst.dotx", b"ikke en zip", "ikke en zip-fil"),
        ("tom.docx", b"", "ikke en zip-fil"),
    ],
)
def test_a_missing_or_broken_template_is_one_danish_line_exit_2(
    tmp_path, capsys, name, content, says
):
    from meetingtui import cli

    template = tmp_path / name
    if content is not None:
        template.write_bytes(content)
    out = tmp_path / "ud"
    code = cli.main(["export", "--demo", "--force", "--template", str(template), "-o", str(out)])
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert code == 2
    assert len(lines) == 1 and str(template) in lines[0] and says in lines[0], lines
    assert not out.exists()


def test_a_template_that_is_a_zip_but_not_word_is_refused(tmp_path, demo_state):
    template = tmp_path / "arkiv.dotx"
    with zipfile.ZipFile(template, "w") as package:
        package.writestr("hej.txt", "hej")
    with pytest.raises(TemplateError, match="ikke et Word-dokument"):
        word.render(build(demo_state), template)


# -- the body file: template and wording --------------------------------------------------------

BODY = """\
body = "Teknik- og Miljøudvalget"
template = "skabeloner/tmu.dotx"

[wording]
item_heading = "N."
inhabil = "folded"
substitute = "stedfortræder"

[[members]]
id = "a"
name = "Anja Lund"
party = "V"
role = "formand"
"""


def test_a_body_file_names_its_template_relative_to_itself_and_its_wording(tmp_path):
    path = tmp_path / "bodies" / "tmu.toml"
    path.parent.mkdir()
    path.write_text(BODY)
    body = body_file.load(path)
    assert body.template == tmp_path / "bodies" / "skabeloner" / "tmu.dotx"
    assert body.choices == wording.Choices("N.", "folded", "stedfortræder")


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ('item_heading = "N."', 'item_heading = "Pkt. N"', 5, '"Punkt N:" eller "N."'),
        ('inhabil = "folded"', 'inhabil = "ja"', 6, '"named" eller "folded"'),
        ('item_heading = "N."', 'rubrik = "x"', 5, "ukendt felt"),
    ],
)
def test_an_unknown_wording_choice_is_named_with_its_line(tmp_path, old, new, line, says):
    path = tmp_path / "tmu.toml"
    path.write_text(BODY.replace(old, new))
    with pytest.raises(AgendaError) as raised:
        body_file.load(path)
    assert f"{path}:{line}:" in str(raised.value) and says in str(raised.value)


def test_wording_choices_change_the_heading_the_inhabil_and_the_substitute_sentences():
    assert wording.item_heading(3, "Vejplan", False, False, "N.") == "3. Vejplan"
    assert wording.item_heading(3, "Vejplan", False, False) == "Punkt 3: Vejplan"
    assert (
        wording.substitute("Bo Berg (A)", "Eva Holm (A)", True, "stedfortræder")
        == "Eva Holm (A) mødte som stedfortræder for Bo Berg (A)."
    )


def test_the_municipal_agendas_referat_follows_its_body_files_wording(tmp_path, monkeypatch):
    """The agenda's body_file leads to the wording: 'N. Title' headings in the referat."""
    import shutil

    root = Path(__file__).parent.parent
    (tmp_path / "agendas").mkdir()
    (tmp_path / "bodies").mkdir()
    agenda = tmp_path / "agendas" / "tmu.toml"
    shutil.copyfile(root / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml", agenda)
    body = (root / "bodies" / "teknik-og-miljoeudvalget.toml").read_text()
    (tmp_path / "bodies" / "teknik-og-miljoeudvalget.toml").write_text(
        body + '\n[wording]\nitem_heading = "N."\n'
    )
    state = session.open_session(str(agenda), None, read_only=True).state()
    document = docx.Document(BytesIO(export.docx_bytes(state, False)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[1].split(" ")[0].rstrip(".").isdigit() and not headings[1].startswith("Punkt")


def test_a_bodys_wording_choices_in_the_referat():
    """folded inhabil among 'deltog ikke', 'N.' headings, the substitute as 'mødte som'."""
    from helpers import MEMBER_IDS, Play, small_agenda

    from meetingtui.minutes import text

    play = Play(small_agenda(None))
    for member in MEMBER_IDS:
        play.roll_call(member, "afbud" if member == "carl" else "present")
    play.substitute("carl", "Vera Vik", "V")
    play.open_meeting("10:00")
    play.open_item("budget", "10:00")
    play.not_taking_part("budget", "bo", "inhabil")
    play.decide("budget", "Godkendt.")
    play.close_item("budget", "10:20")
    state = play.state()
    choices = wording.Choices("N.", "folded", "stedfortræder")
    chosen = text.paragraphs(build(state, choices=choices))
    reference = text.paragraphs(build(state))
    assert "Carl Carlsen og Bo Berg deltog ikke i sagens behandling." in chosen
    assert not [p for p in chosen if "inhabil" in p]
    assert "Bo Berg erklærede sig inhabil og deltog ikke i sagens behandling." in reference
    assert "1. Budget 2026" in chosen and "Punkt 1: Budget 2026" in reference
    assert not [p for p in chosen if p.startswith("Punkt ")]
    assert "Vera Vik (V) mødte som stedfortræder for Carl Carlsen (V)." in chosen
    assert "Carl Carlsen (V) havde meldt afbud, og Vera Vik (V) deltog i stedet." in reference


def test_an_agendas_body_file_leads_to_the_bodys_template(tmp_path):
    import shutil

    root = Path(__file__).parent.parent
    (tmp_path / "agendas").mkdir()
    (tmp_path / "bodies" / "skabeloner").mkdir(parents=True)
    agenda = tmp_path / "agendas" / "tmu.toml"
    shutil.copyfile(root / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml", agenda)
    body = (root / "bodies" / "teknik-og-miljoeudvalget.toml").read_text()
    (tmp_path / "bodies" / "teknik-og-miljoeudvalget.toml").write_text(
        'template = "skabeloner/tmu.dotx"\n' + body
    )
    make_template(tmp_path / "bodies" / "skabeloner" / "tmu.dotx")
    state = session.open_session(str(agenda), None, read_only=True).state()
    document = docx.Document(BytesIO(export.docx_bytes(state, False)))
    assert document.styles["Normal"].font.name == "Georgia"
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert "Teknik- og Miljøforvaltningen, Rådhuset" in header


def test_a_template_for_an_html_page_is_refused_in_one_line(tmp_path, capsys):
    from meetingtui import cli

    template = make_template(tmp_path / "udvalg.dotx")
    out = tmp_path / "ud"
    code = cli.main(
        ["export", "--demo", "--force", "--html", "--template", str(template), "-o", str(out)]
    )
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert code == 1 and len(lines) == 1 and "HTML-side" in lines[0]
    assert not out.exists()
