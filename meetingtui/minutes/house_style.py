"""The referat's styles: meetingtui's sober default, or a body's own template's.

The default house style looks like published Danish minutes: black Calibri throughout,
bold headings a step or two larger than the text, no colour, no rules, A4. It rewrites
the styles python-docx's template ships (Word 2010's blue Title with a rule, blue
theme-font headings, Letter-width header and footer tab stops) rather than formatting
runs: a secretary who opens the file finds Title, Heading 1-3, Normal, List Bullet in
the style list and can change the look in one place.

On a body's template (`template.py`) its own styles win: only the styles the referat
needs and the template lacks are added, built on its Normal, so its fonts carry through.
Either way the Title is an outline level 0 paragraph, which LibreOffice tags as a
heading in the PDF (a screen reader finds it), and every style says Danish.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

LANGUAGE = "da-DK"
FONT = "Calibri"
TEXT_WIDTH = Cm(16)  # A4 (21 cm) less 2.5 cm margins each side

# The referat's own paragraph styles (names a secretary sees in Word's style list).
NOTICE = "Forbehold"  # the full version's confidentiality notice
FACT = "Mødeoplysning"  # 'Mødested  Regionshuset': a bold label, a tab, the value
SIGNATURE_LINE = "Underskriftslinje"
SIGNATURE_NAME = "Underskriver"
CORRECTION = "Rettelse"  # a correction after the approval, under its item or on the signature page
FINGERPRINT = "Fingeraftryk"  # the record's seal on the full referat's signature page

# (size in points, bold, italic, space before, space after) of the default headings.
_HEADINGS = {
    "Title": (18, True, False, 0, 18),
    "Heading 1": (14, True, False, 0, 12),
    "Heading 2": (13, True, False, 12, 3),
    "Heading 3": (11, True, True, 8, 3),
}


def apply_default(document) -> None:
    """meetingtui's own look on python-docx's default template."""
    styles = document.styles
    _defaults(styles.element)
    normal = styles["Normal"]
    _font(normal, FONT, 11)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.08
    for name, (size, bold, italic, before, after) in _HEADINGS.items():
        style = styles[name]
        _font(style, FONT, size, bold, italic)
        _no_border(style)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        _font(styles[name], FONT, 9)
        _tabs(styles[name], [(Cm(8), "center"), (TEXT_WIDTH, "right")])
    for name in ("List Bullet", "List Number"):
        styles[name].paragraph_format.space_after = Pt(3)
    ensure(document)


def ensure(document) -> None:
    """The styles and settings the referat needs, added where the document lacks them."""
    styles = document.styles
    _language(styles.element)
    title = _paragraph_style(styles, "Title", 18, bold=True)
    _outline_level(title, 0)  # a heading in the PDF's tag tree, not a plain paragraph
    for level in (1, 2, 3):
        _paragraph_style(styles, f"Heading {level}", 14 if level == 1 else 11, bold=True)
    heading1 = styles["Heading 1"]
    heading1.paragraph_format.page_break_before = True  # each item on a new page
    heading1.paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Number"):
        _paragraph_style(styles, name)
    for level in (1, 2):
        toc = _paragraph_style(styles, f"toc {level}")
        if not toc.paragraph_format.tab_stops:
            toc.paragraph_format.tab_stops.add_tab_stop(
                TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
        toc.paragraph_format.space_after = Pt(3)
    if find(styles, "Strong", WD_STYLE_TYPE.CHARACTER) is None:
        styles.add_style("Strong", WD_STYLE_TYPE.CHARACTER).font.bold = True
    notice = _paragraph_style(styles, NOTICE, bold=True)
    _box(notice)
    notice.paragraph_format.space_after = Pt(12)
    fact = _paragraph_style(styles, FACT)
    if not fact.paragraph_format.tab_stops:
        fact.paragraph_format.tab_stops.add_tab_stop(Cm(3.5))
        fact.paragraph_format.left_indent = Cm(3.5)
        fact.paragraph_format.first_line_indent = Cm(-3.5)
        fact.paragraph_format.space_before = Pt(6)  # apart from a list above it (Bilag)
        fact.paragraph_format.space_after = Pt(6)
    line = _paragraph_style(styles, SIGNATURE_LINE)
    line.paragraph_format.space_before = Pt(30)
    line.paragraph_format.space_after = Pt(0)
    line.paragraph_format.keep_with_next = True
    name = _paragraph_style(styles, SIGNATURE_NAME)
    name.paragraph_format.space_after = Pt(12)
    for style in styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH and style.name in (
            "Normal",
            "Title",
            "Heading 1",
            "Heading 2",
            "Heading 3",
        ):
            _lang(style.element.get_or_add_rPr())


def ensure_after_meeting(document) -> None:
    """The styles of an approved referat (corrections, the fingerprint), added only to a
    referat that uses them: one made before any approval keeps the same styles, and bytes.
    On a body's template its own Rettelse or Fingeraftryk wins."""
    styles = document.styles
    if find(styles, CORRECTION) is None:
        correction = _paragraph_style(styles, CORRECTION)
        correction.paragraph_format.left_indent = Cm(0.75)
        correction.paragraph_format.space_before = Pt(3)
    if find(styles, FINGERPRINT) is None:
        seal = _paragraph_style(styles, FINGERPRINT)
        seal.paragraph_format.space_before = Pt(12)
        seal.paragraph_format.keep_together = True  # one paragraph, never split over pages
        seal.font.size = Pt(9)  # a technical line: on one line of A4's text width


def find(styles, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
    """The style by name (Word's 'heading 1' or LibreOffice's 'Heading 1') or id, else None."""
    wanted = {name.lower(), name.replace(" ", "").lower()}
    for style in styles:
        if style.type != kind:
            continue
        if (style.name or "").lower() in wanted or (style.style_id or "").lower() in wanted:
            return style
    return None


def _paragraph_style(styles, name: str, size: float | None = None, bold: bool = False):
    """The named paragraph style; added on Normal (with size/bold) when missing."""
    found = find(styles, name)
    if found is not None:
        return found
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = find(styles, "Normal")
    if size is not None:
        style.font.size = Pt(size)
    if bold:
        style.font.bold = True
    return style


def _font(style, name: str, size: float, bold: bool | None = None, italic: bool | None = None):
    """Black text in the named font, theme fonts and theme colours removed (they win over
    a named font in Word, and are what makes python-docx's template blue)."""
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:rFonts", "w:color", "w:spacing", "w:kern"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    style.font.name = name
    rpr.find(qn("w:rFonts")).set(qn("w:cs"), name)
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0, 0, 0)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic


def _no_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    for old in ppr.findall(qn("w:contextualSpacing")):
        ppr.remove(old)


def _box(style) -> None:
    """A thin black frame round the paragraph (the confidentiality notice stands out)."""
    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:pBdr")) is not None:
        return
    border = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "8"), ("space", "4"), ("color", "000000")):
            edge.set(qn(f"w:{key}"), value)
        border.append(edge)
    _insert_in_order(ppr, border)


# The pPr children before w:pBdr in the schema's order (Word rejects them out of order).
_BEFORE_BORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
)


def _insert_in_order(ppr, element) -> None:
    before = {qn(tag) for tag in _BEFORE_BORDER}
    index = sum(1 for child in ppr if child.tag in before)
    ppr.insert(index, element)


def _tabs(style, stops) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:tabs")):
        ppr.remove(old)
    for position, kind in stops:
        alignment = WD_TAB_ALIGNMENT.CENTER if kind == "center" else WD_TAB_ALIGNMENT.RIGHT
        style.paragraph_format.tab_stops.add_tab_stop(position, alignment)


def _outline_level(style, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:outlineLvl")) is not None:
        return
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.append(outline)
    # Schema order: outlineLvl comes late in pPr, before w:divId, w:cnfStyle, w:rPr...
    for tag in ("w:rPr", "w:sectPr", "w:pPrChange"):
        for child in ppr.findall(qn(tag)):
            ppr.remove(child)
            ppr.append(child)


def _defaults(styles_element) -> None:
    """docDefaults: Calibri, not the theme's minor font."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is None:
        return
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    rpr.insert(0, fonts)


def _language(styles_element) -> None:
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is not None:
        _lang(rpr)


def _lang(rpr) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)
    rpr.append(lang)
