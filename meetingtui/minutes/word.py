"""Render the minutes model to a Word document with python-docx.

Named styles only (Title, Heading 1-3, List Bullet, List Number, Normal, toc 1-2,
Strong), each looked up once. The contents are a real TOC field built from TC fields in
the item headings, so its entries can read '<title>' while the headings read 'Punkt N:
<title>'; its cached result is pre-filled with the titles and Word is asked to update
fields on opening (page numbers). Page numbers in the footer are PAGE/NUMPAGES fields.
"""

from __future__ import annotations

import dataclasses
import re
from io import BytesIO

import pendulum
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from meetingtui.markdown import Run
from meetingtui.minutes.model import (
    Bullets,
    Contents,
    Heading,
    Labelled,
    Minutes,
    Paragraph,
    Signatures,
    Title,
)

LANGUAGE = "da-DK"
TOC_ID = "x"
# Characters XML 1.0 cannot hold; python-docx refuses them. A control character pasted
# into a typed decision must not make the export fail, so they are left out.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(minutes: Minutes) -> bytes:
    minutes = _xml_safe(minutes)
    document = Document()
    styles = _Styles(document)
    _properties(document, minutes)
    _page_setup(document, minutes)
    _update_fields_on_open(document)
    body = _Body(document, styles)
    for block in minutes.blocks:
        body.add(block)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _xml_safe(value):
    """The same minutes with every string stripped of characters XML cannot hold."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, tuple | list):
        return type(value)(_xml_safe(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


class _Styles:
    """Every style the minutes use, set up and resolved once."""

    def __init__(self, document):
        styles = document.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        _set_language(document.styles.element)
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
            _style_language(styles[name])
        styles["Title"].font.size = Pt(20)
        styles["Heading 1"].paragraph_format.page_break_before = True
        styles["Heading 1"].paragraph_format.keep_with_next = True
        self.toc = [self._toc_style(styles, level) for level in (1, 2)]
        self.by_name = {
            name: styles[name]
            for name in (
                "Normal",
                "Title",
                "Heading 1",
                "Heading 2",
                "Heading 3",
                "List Bullet",
                "List Number",
                "Strong",
            )
        }
        self.default_id = styles.default(WD_STYLE_TYPE.PARAGRAPH).style_id

    def _toc_style(self, styles, level: int):
        name = f"toc {level}"
        try:
            return styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.paragraph_format.tab_stops.add_tab_stop(
                Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            style.paragraph_format.space_after = Pt(3)
            return style

    def __getitem__(self, name: str):
        return self.by_name[name]

    def id_of(self, style) -> str | None:
        """The id to write for a paragraph style; None for the default (Normal)."""
        style_id = style.style_id
        return None if style_id == self.default_id else style_id


class _Body:
    def __init__(self, document, styles: _Styles):
        self.document = document
        self.styles = styles

    def _paragraph(self, text: str = "", style=None):
        """A new paragraph with the style's id written directly.

        python-docx's own style setter (add_paragraph(text, style)) searches every style
        in the document for the default one on each call, even when given the style
        object: that search was 85% of an export's time.
        """
        paragraph = self.document.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self.styles.id_of(style)  # None (default) as python-docx
        return paragraph

    def add(self, block) -> None:
        match block:
            case Title(text):
                _text_keeping_dates_whole(self._paragraph(style=self.styles["Title"]), text)
            case Heading(text, level, toc_entry):
                self._heading(text, level, toc_entry)
            case Paragraph(runs):
                self._runs(self._paragraph(style=self.styles["Normal"]), runs)
            case Labelled(label, value):
                paragraph = self._paragraph(style=self.styles["Normal"])
                paragraph.add_run(label)._r.style = self.styles["Strong"].style_id  # see _paragraph
                paragraph.add_run("\t" + value)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(3.5))
                paragraph.paragraph_format.left_indent = Cm(3.5)
                paragraph.paragraph_format.first_line_indent = Cm(-3.5)
            case Bullets(items, numbered):
                style = self.styles["List Number" if numbered else "List Bullet"]
                for runs in items:
                    self._runs(self._paragraph(style=style), runs)
            case Contents(entries):
                self._contents(entries)
            case Signatures(names):
                self._signatures(names)

    def _heading(self, text: str, level: int, toc_entry: str | None) -> None:
        paragraph = self._paragraph(style=self.styles[f"Heading {level}"])
        _text_keeping_dates_whole(paragraph, text)
        if toc_entry is not None:
            _field(paragraph, f' TC "{_field_text(toc_entry)}" \\f {TOC_ID} \\l 1 ', result=None)

    def _runs(self, paragraph, runs: tuple[Run, ...]) -> None:
        for run in runs:
            added = paragraph.add_run(run.text)
            if run.bold:
                added.bold = True
            if run.italic:
                added.italic = True

    def _contents(self, entries: tuple[str, ...]) -> None:
        """A TOC field over the TC entries, its cached result one paragraph per item."""
        style = self.styles.toc[0]
        if not entries:
            return
        paragraphs = [self._paragraph(style=style) for _ in entries]
        first, last = paragraphs[0], paragraphs[-1]
        _fld_char(first, "begin")
        _instr(first, f" TOC \\f {TOC_ID} \\h \\z ")
        _fld_char(first, "separate")
        for paragraph, entry in zip(paragraphs, entries, strict=True):
            paragraph.add_run(entry + "\t")
        _fld_char(last, "end")

    def _signatures(self, names: tuple[str, ...]) -> None:
        for name in names:
            line = self._paragraph(style=self.styles["Normal"])
            line.paragraph_format.space_before = Pt(30)
            line.paragraph_format.keep_with_next = True
            line.add_run("_" * 45)
            self._paragraph(name, self.styles["Normal"])


_DATE = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")


def _text_keeping_dates_whole(paragraph, text: str) -> None:
    """Add text whose DD-MM-YYYY dates use Word's non-breaking hyphen (no line break inside)."""
    pos = 0
    for match in _DATE.finditer(text):
        paragraph.add_run(text[pos : match.start()] + match.group(1))
        for part in (match.group(2), match.group(3)):
            run = paragraph.add_run()
            run._r.append(OxmlElement("w:noBreakHyphen"))
            run._r.append(_t(part))
        pos = match.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _t(text: str):
    element = OxmlElement("w:t")
    element.text = text
    return element


def unsupported_characters(minutes: Minutes) -> int:
    """How many characters a Word file cannot hold (they are left out of the export)."""
    from meetingtui.minutes.text import paragraphs

    return sum(len(_NOT_XML.findall(p)) for p in paragraphs(minutes))


def _field(paragraph, instruction: str, result: str | None) -> None:
    _fld_char(paragraph, "begin")
    _instr(paragraph, instruction)
    if result is not None:
        _fld_char(paragraph, "separate")
        paragraph.add_run(result)
    _fld_char(paragraph, "end")


def _fld_char(paragraph, kind: str) -> None:
    run = paragraph.add_run()
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def _instr(paragraph, text: str) -> None:
    run = paragraph.add_run()
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run._r.append(element)


def _field_text(text: str) -> str:
    """Text for a quoted field argument: Word reads a backslash as an escape, so a title
    with a quote or a backslash must not end the argument or eat the switch after it."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


PROPERTY_LIMIT = 255  # characters python-docx (and Word's core properties) allow


def _property_text(text: str, suffix: str = "") -> str:
    """A long body name or title shortened to fit a document property, keeping the suffix
    (the text is whole in the document itself)."""
    room = PROPERTY_LIMIT - len(suffix)
    return (text if len(text) <= room else text[: room - 1] + "…") + suffix


def _properties(document, minutes: Minutes) -> None:
    props = document.core_properties
    props.title = _property_text(minutes.title, " (fuld udgave)" if minutes.full else "")
    props.subject = _property_text(minutes.subject)
    props.author = _property_text(minutes.subject)
    props.last_modified_by = "meetingtui"
    props.keywords = "referat"
    props.comments = minutes.confidential_note
    props.language = LANGUAGE
    props.category = "Fortroligt" if minutes.full else "Offentligt referat"
    when = pendulum.from_format(minutes.date, "DD-MM-YYYY", tz="UTC")
    props.created = props.modified = when
    props.revision = 1


def _page_setup(document, minutes: Minutes) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.different_first_page_header_footer = True  # the front page has its title already
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["Footer"]
        paragraph.add_run("Side ")
        _field(paragraph, " PAGE ", "1")
        paragraph.add_run(" af ")
        _field(paragraph, " NUMPAGES ", "1")
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.text = (minutes.confidential_note + "  " if minutes.full else "") + minutes.title
    if minutes.full:
        first = section.first_page_header.paragraphs[0]
        first.style = document.styles["Header"]
        first.text = minutes.confidential_note
        for run in [*header.runs, *first.runs]:
            run.bold = True


def _update_fields_on_open(document) -> None:
    """w:updateFields makes Word offer to update the TOC (page numbers) when opened."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:
        settings.append(update)


def _set_language(styles_element) -> None:
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is not None:
        _lang(rpr)


def _style_language(style) -> None:
    _lang(style.element.get_or_add_rPr())


def _lang(rpr) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)
    rpr.append(lang)


__all__ = ["render"]
