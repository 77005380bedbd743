"""Render the minutes model to a Word document with python-docx.

Named styles only, each looked up once: Title, Heading 1-3, List Bullet, List Number,
Normal, toc 1-2 and Strong, and the referat's own Forbehold (the notice), Mødeoplysning,
Underskriftslinje and Underskriver (minutes/house_style.py sets them up: meetingtui's
sober default, or those of the body's own template, minutes/template.py). The contents
are a real TOC field built from TC fields in the item headings, so its entries can read
'<title>' while the headings read 'Punkt N: <title>'; its cached result is pre-filled
with the titles and Word is asked to update fields on opening (page numbers). Page
numbers in the footer are PAGE/NUMPAGES fields. The package is finished by
minutes/package.py: the same minutes and template give the same bytes.
"""

from __future__ import annotations

import dataclasses
import re
from io import BytesIO
from pathlib import Path

import pendulum
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph

from meetingtui.markdown import Run
from meetingtui.minutes import house_style, package
from meetingtui.minutes.model import (
    Bullets,
    Contents,
    CorrectionNote,
    DatedNote,
    Fingerprint,
    Heading,
    Labelled,
    Minutes,
    Paragraph,
    Signatures,
    Title,
)
from meetingtui.minutes.template import open_template

LANGUAGE = house_style.LANGUAGE
TOC_ID = "x"
# Characters XML 1.0 cannot hold; python-docx refuses them. A control character pasted
# into a typed decision must not make the export fail, so they are left out.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(minutes: Minutes, template: Path | None = None) -> bytes:
    """The .docx bytes: on meetingtui's default style, or on the body's template."""
    minutes = _xml_safe(minutes)
    if template is None:
        document = Document()
        house_style.apply_default(document)
        _page_setup(document)
    else:
        document = open_template(template)
        house_style.ensure(document)
    after_meeting = any(isinstance(b, CorrectionNote | Fingerprint) for b in minutes.blocks)
    if after_meeting:
        house_style.ensure_after_meeting(document)
    styles = _Styles(document, after_meeting)
    _properties(document, minutes)
    _headers_and_footers(document, minutes, styles, own=template is None)
    _update_fields_on_open(document)
    body = _Body(document, styles, minutes)
    for block in minutes.blocks:
        body.add(block)
    out = BytesIO()
    document.save(out)
    return package.finish(out.getvalue(), from_template=template is not None)


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


NAMES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Number",
    "toc 1",
    "Header",
    "Footer",
    house_style.NOTICE,
    house_style.FACT,
    house_style.SIGNATURE_LINE,
    house_style.SIGNATURE_NAME,
)
AFTER_MEETING = (house_style.CORRECTION, house_style.FINGERPRINT)  # an approved referat's


class _Styles:
    """Every style the minutes use, resolved once (by name, whatever the template's ids)."""

    def __init__(self, document, after_meeting: bool = False):
        styles = document.styles
        names = NAMES + (AFTER_MEETING if after_meeting else ())
        self.by_name = {name: house_style.find(styles, name) for name in names}
        self.strong = house_style.find(styles, "Strong", WD_STYLE_TYPE.CHARACTER).style_id
        self.default_id = styles.default(WD_STYLE_TYPE.PARAGRAPH).style_id

    def __getitem__(self, name: str):
        return self.by_name[name]

    def id_of(self, style) -> str | None:
        """The id to write for a paragraph style; None for the default (Normal)."""
        if style is None:
            return None
        style_id = style.style_id
        return None if style_id == self.default_id else style_id


class _Body:
    def __init__(self, document, styles: _Styles, minutes: Minutes):
        self.document = document
        self.styles = styles
        self.minutes = minutes
        self.parent = document._body
        self.end = document.element.body.find(qn("w:sectPr"))  # paragraphs go before it

    def _paragraph(self, text: str = "", style=None):
        """A new paragraph, put before the body's section properties, with the style's id
        written directly.

        python-docx's own style setter (add_paragraph(text, style)) searches every style
        in the document for the default one on each call, even when given the style
        object: that search was 85% of an export's time. Its add_paragraph then searches
        the whole body for where the paragraph goes, which grows with the document (half
        of a 500-item export's time); the place is known, so it is put there.
        """
        p = OxmlElement("w:p")
        if self.end is not None:
            self.end.addprevious(p)
        else:
            self.document.element.body.append(p)
        paragraph = DocxParagraph(p, self.parent)
        if text:
            paragraph.add_run(text)
        if style is not None:
            paragraph._p.style = self.styles.id_of(style)  # None (default) as python-docx
        return paragraph

    def add(self, block) -> None:
        match block:
            case Title(text):
                _text_keeping_dates_whole(self._paragraph(style=self.styles["Title"]), text)
                if self.minutes.full:  # on page 1 the notice stands out, framed, under the title
                    self._paragraph(self.minutes.confidential_note, self.styles[house_style.NOTICE])
            case Heading(text, level, toc_entry):
                self._heading(text, level, toc_entry)
            case CorrectionNote() | DatedNote():  # their dates never broken across lines
                style = house_style.CORRECTION if isinstance(block, CorrectionNote) else "Normal"
                _text_keeping_dates_whole(self._paragraph(style=self.styles[style]), block.text)
            case Fingerprint():  # one run: verify reads the line back whole
                self._paragraph(block.text, self.styles[house_style.FINGERPRINT])
            case Paragraph(runs):
                self._runs(self._paragraph(style=self.styles["Normal"]), runs)
            case Labelled(label, value):
                self._fact(label, value)
            case Bullets(items, numbered):
                style = self.styles["List Number" if numbered else "List Bullet"]
                for runs in items:
                    self._runs(self._paragraph(style=style), runs)
            case Contents(entries):
                self._contents(entries)
            case Signatures(names, place):
                self._signatures(names, place)

    def _fact(self, label: str, value: str) -> None:
        """'Mødested<tab>Regionshuset': the label in Strong, the value at the style's tab."""
        paragraph = self._paragraph(style=self.styles[house_style.FACT])
        paragraph.add_run(label)._r.style = self.styles.strong  # see _paragraph
        _text_keeping_dates_whole(paragraph, "\t" + value)

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
        style = self.styles["toc 1"]
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

    def _signatures(self, names: tuple[str, ...], place: str) -> None:
        """Where and when it was signed, then a line and the name of each who took part."""
        where = f"{place}, den {self.minutes.date}" if place else f"Den {self.minutes.date}"
        self._fact("Sted og dato", where)
        for name in names:
            self._paragraph("_" * 45, self.styles[house_style.SIGNATURE_LINE])
            self._paragraph(name, self.styles[house_style.SIGNATURE_NAME])


_DATE = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")


def _text_keeping_dates_whole(paragraph, text: str) -> None:
    """Add text whose DD-MM-YYYY dates use Word's non-breaking hyphen (no line break inside),
    and "d. DATE" a no-break space, so a title that wraps moves "d." with its date."""
    pos = 0
    for match in _DATE.finditer(text):
        before = text[pos : match.start()]
        if before.endswith(" d. "):
            before = before[:-1] + "\u00a0"
        paragraph.add_run(before + match.group(1))
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
    """Core properties from the minutes and the record, never from the clock."""
    props = document.core_properties
    props.title = _property_text(minutes.title, " (fuld udgave)" if minutes.full else "")
    props.subject = _property_text(minutes.subject)
    props.author = _property_text(minutes.subject)
    props.last_modified_by = "meetingtui"
    props.keywords = "referat"
    props.comments = minutes.confidential_note
    props.language = LANGUAGE
    props.category = "Fortroligt" if minutes.full else "Offentligt referat"
    when = minutes.made or pendulum.from_format(minutes.date, "DD-MM-YYYY", tz="UTC")
    props.created = props.modified = when.in_timezone("UTC").replace(microsecond=0)
    props.revision = 1


def _page_setup(document) -> None:
    """A4 with 2.5 cm margins; the front page has no header (it has its title)."""
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.different_first_page_header_footer = True


def _headers_and_footers(document, minutes: Minutes, styles: _Styles, own: bool) -> None:
    """Page numbers in the footer; the title in the header after page 1; the full
    version's notice on every page, on a line of its own. A template's own header and
    footer stay: its footer gets the page numbers only where it has none, and the notice
    goes above its header."""
    section = document.sections[0]
    firsts = [section.first_page_footer] if section.different_first_page_header_footer else []
    for footer in [section.footer, *firsts]:
        if (
            own
            or footer.is_linked_to_previous
            or not "".join(p.text for p in footer.paragraphs).strip()
        ):
            paragraph = _first_empty(footer, styles["Footer"], styles)
            paragraph.add_run("Side ")
            _field(paragraph, " PAGE ", "1")
            paragraph.add_run(" af ")
            _field(paragraph, " NUMPAGES ", "1")
    if own:
        _header_line(section.header, minutes.title, styles, keep_dates=True)
    if minutes.full:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            paragraph = _header_line(header, "", styles, at_top=True)
            paragraph.add_run(minutes.confidential_note)._r.style = styles.strong


def _first_empty(part, style, styles: _Styles):
    """The part's only paragraph if it is empty (python-docx's fresh part), else a new one."""
    paragraphs = part.paragraphs
    if len(paragraphs) == 1 and _empty(paragraphs[0]):
        paragraph = paragraphs[0]
    else:
        paragraph = part.add_paragraph()
    paragraph._p.style = styles.id_of(style)
    return paragraph


def _empty(paragraph) -> bool:
    """No runs at all: not even a logo, a field or a content control."""
    return not paragraph._p.xpath("./w:r|./w:hyperlink|./w:fldSimple|./w:sdt")


def _header_line(header, text: str, styles: _Styles, keep_dates: bool = False, at_top=False):
    style = styles["Header"]
    if at_top and not (len(header.paragraphs) == 1 and _empty(header.paragraphs[0])):
        paragraph = header.paragraphs[0].insert_paragraph_before()
        paragraph._p.style = styles.id_of(style)
    else:
        paragraph = _first_empty(header, style, styles)
    if keep_dates:
        _text_keeping_dates_whole(paragraph, text)
    elif text:
        paragraph.add_run(text)
    return paragraph


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


__all__ = ["render"]
