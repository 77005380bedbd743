"""The HTML referat: one accessible page with the same content as the other renderers.

The page is read back with the standard library's HTML parser, as a browser or a screen
reader would meet it: its language, its headings and their levels, its links, and the
text of every block, which must be what the plain-text renderer gives for the same model.
"""

from __future__ import annotations

import re
import typing
from html.parser import HTMLParser

import pytest
from helpers import Play, small_agenda

from meetingtui import session
from meetingtui.markdown import Run
from meetingtui.minutes import build, html, model, text

BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd"}


class Page(HTMLParser):
    """The page as a reader meets it: elements with attributes, block texts in order."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, str]] = []  # (tag, text) of every block element
        self.ids: set[str] = set()
        self.doctype = ""
        self.open: list[tuple[str, list[str]]] = []
        self.section_of_heading: dict[str, str | None] = {}  # h2 text -> its section's id
        self.sections: list[str | None] = []
        self.title = ""
        self._in_title = False
        self.lists: list[list] = []  # [marker kind, count] of each list we are inside
        self.feed(source)
        self.close()

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        if tag in ("section", "nav"):
            self.sections.append(attributes.get("id"))
        if tag == "title":
            self._in_title = True
        if tag in ("ul", "ol"):
            css = attributes.get("class") or ""
            kind = (
                "signature" if "underskrifter" in css else "contents" if "indhold" in css else tag
            )
            self.lists.append([kind, 0])
        if tag in BLOCKS:
            self.open.append((tag, [self._marker()] if tag == "li" else []))

    def _marker(self) -> str:
        """What a reader sees before a list item (as the plain-text renderer writes it)."""
        if not self.lists:
            return ""
        self.lists[-1][1] += 1
        kind, count = self.lists[-1]
        return {"ol": f"{count}. ", "ul": "- ", "signature": "_" * 30 + " ", "contents": ""}[kind]

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in ("section", "nav"):
            self.sections.pop()
        if tag in ("ul", "ol"):
            self.lists.pop()
        if tag in BLOCKS:
            opened, parts = self.open.pop()
            assert opened == tag, f"</{tag}> closes <{opened}>"
            content = "".join(parts)
            self.blocks.append((tag, content))
            if tag == "h2":
                self.section_of_heading[content] = self.sections[-1] if self.sections else None
            if self.open:  # text of a nested block also belongs to its parent
                self.open[-1][1].append(content)

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self.open:
            self.open[-1][1].append(data)

    def texts(self) -> list[str]:
        """Block texts in order, a description term and its description as one line."""
        out: list[str] = []
        for tag, content in self.blocks:
            if tag == "dd" and out:
                out[-1] += " " + content
            else:
                out.append(content)
        return out

    def headings(self) -> list[tuple[int, str]]:
        return [(int(tag[1]), content) for tag, content in self.blocks if re.fullmatch(r"h\d", tag)]


@pytest.fixture(scope="module")
def demo_minutes() -> model.Minutes:
    return build(session.open_demo_session().state(), full=False)


@pytest.fixture(scope="module")
def demo_page(demo_minutes) -> Page:
    return Page(html.render(demo_minutes).decode("utf-8"))


def test_the_page_is_danish_utf8_and_standalone(demo_page):
    assert demo_page.doctype.lower() == "doctype html"
    [(_, root)] = [(t, a) for t, a in demo_page.tags if t == "html"]
    assert root.get("lang") == "da"
    assert ("meta", {"charset": "utf-8"}) in demo_page.tags
    tags = {tag for tag, _ in demo_page.tags}
    assert not tags & {"script", "iframe", "object", "embed", "link", "img", "form"}
    for _, attributes in demo_page.tags:
        assert not any(name.startswith("on") for name in attributes), attributes
        assert "src" not in attributes
        assert (attributes.get("href") or "#").startswith("#"), "nothing off the page"


def test_every_paragraph_of_the_referat_is_on_the_page_in_order(demo_minutes, demo_page):
    assert demo_page.texts() == text.paragraphs(demo_minutes)


def test_one_h1_the_title_and_no_heading_level_skipped(demo_minutes, demo_page):
    levels = demo_page.headings()
    assert [content for level, content in levels if level == 1] == [demo_minutes.title]
    assert demo_page.title == demo_minutes.title
    for (before, _), (after, heading) in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"h{before} then h{after} ({heading})"


def test_the_title_is_found_by_searching_for_its_date(demo_page):
    [(_, title)] = [h for h in demo_page.headings() if h[0] == 1]
    assert "20-11-2025" in title


def test_the_contents_link_to_the_seven_items(demo_page):
    links = [a["href"] for tag, a in demo_page.tags if tag == "a"]
    texts = [content for tag, content in demo_page.blocks if tag == "li"][: len(links)]
    [contents] = [
        b
        for b in build(session.open_demo_session().state()).blocks
        if isinstance(b, model.Contents)
    ]
    assert texts == list(contents.entries)
    assert len(links) == 7
    items = [content for level, content in demo_page.headings() if content.startswith("Punkt ")]
    for number, (href, entry, heading) in enumerate(zip(links, texts, items, strict=True), 1):
        assert href.lstrip("#") in demo_page.ids
        # the link leads to the section whose heading is 'Punkt N: <the entry>'
        assert heading == f"Punkt {number}: {entry}"
        assert demo_page.section_of_heading[heading] == href.lstrip("#")
    assert texts[1] == "Lukket punkt: Udbudsproces"


def test_the_public_page_has_no_closed_decision(demo_page):
    assert not any("udbud med forhandling" in content for _, content in demo_page.blocks)


def sample_blocks() -> dict[type, model.Block]:
    """One block of every type the model has. A type added to the model and missing here
    fails test_every_block_type_of_the_model_is_drawn: draw it in minutes/html.py first."""
    return {
        model.Title: model.Title("Titel"),
        model.Heading: model.Heading("Overskrift", 2),
        model.Paragraph: model.Paragraph(
            (Run("fed", bold=True), Run(" og "), Run("kursiv", italic=True))
        ),
        model.Labelled: model.Labelled("Fraværende", "Bo Berg, A"),
        model.Bullets: model.Bullets(((Run("et"),), (Run("to"),)), numbered=True),
        model.Attachments: model.Attachments(((Run("Bilag et"),), (Run("Bilag to"),))),
        model.Contents: model.Contents(("Et punkt",)),
        model.Signatures: model.Signatures(("Anja Lund, V",)),
    }


def minutes_of(*blocks: model.Block, note: str = "") -> model.Minutes:
    return model.Minutes("Titel", "Udvalget", "20-11-2025", bool(note), list(blocks), note)


def test_every_block_type_of_the_model_is_drawn():
    samples = sample_blocks()
    for block_type in typing.get_args(model.Block):
        assert block_type in samples, f"{block_type.__name__}: a new block type; draw it in HTML"
        minutes = minutes_of(samples[block_type])
        page = Page(html.render(minutes).decode("utf-8"))
        assert page.texts() == text.paragraphs(minutes), block_type.__name__


def test_an_unknown_block_type_is_an_error_not_a_gap():
    class Earlier:  # what a renderer has never heard of
        pass

    with pytest.raises(TypeError, match="Earlier"):
        html.render(minutes_of(model.Paragraph.of("før"), Earlier()))  # type: ignore[arg-type]


def test_bold_italic_lists_and_labels_are_semantic():
    samples = sample_blocks()
    page = html.render(minutes_of(*samples.values())).decode("utf-8")
    assert "<p><strong>fed</strong> og <em>kursiv</em></p>" in page
    assert "<ol>\n<li>et</li>\n<li>to</li>\n</ol>" in page
    assert "<dl>\n<dt>Fraværende</dt><dd>Bo Berg, A</dd>\n</dl>" in page


def test_the_confidential_note_stands_first_when_there_is_one():
    page = Page(html.render(minutes_of(model.Title("Titel"), note="FORTROLIGT")).decode("utf-8"))
    assert page.texts() == ["FORTROLIGT", "Titel"]


HOSTILE = [
    '<script>alert("x")</script>',
    "Tom & Jerry <b>fed</b> \"citat\" 'enkelt'",
    "</p></section><h1>Falsk</h1>",
    "&lt;allerede kodet&gt; &amp;",
    "styretegn\x1b[2J\x07\x00 og C1\x85 væk",
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_text_is_shown_as_written_never_as_markup(typed):
    agenda = small_agenda()
    play = Play(agenda)
    play.open_meeting("10:00")
    play.take_item("budget", "10:00", "10:10", typed)
    minutes = build(play.state(), full=False)
    source = html.render(minutes).decode("utf-8")
    page = Page(source)
    assert sum(tag == "h1" for tag, _ in page.tags) == 1
    assert not any(tag in ("script", "b") for tag, _ in page.tags)
    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    assert not control.search(source)
    assert control.sub("", typed) in page.texts()
