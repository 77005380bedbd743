"""The current item's case text, rendered from its Markdown: Resumé and Indstilling first."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from rich.markdown import Markdown
from textual.app import ComposeResult, RenderResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize
from textual.widget import Widget

from meetingtui.agenda import Item, Section
from meetingtui.terminal_text import printable

# What the secretary reads first during the item; the other sections follow in the agenda's order.
FIRST = ("resumé", "resume", "indstilling")


def case_markdown(item: Item) -> str:
    parts = []
    if item.closed:
        parts.append("**LUKKET PUNKT** – indholdet vises ikke i det offentlige referat.")
    if item.case:
        parts.append(f"Sag {markdown_literal(item.case)}")
    for section in reading_order(item.sections):
        parts.append(f"## {markdown_literal(section.heading)}\n\n{section.text}")
    if item.bilag:
        titles = (markdown_literal(title) for title in item.bilag)
        parts.append("## Bilag\n\n" + "\n".join(f"- {title}" for title in titles))
    if len(parts) == (1 if item.case else 0) + (1 if item.closed else 0):
        parts.append("*Ingen sagsfremstilling.*")
    return "\n\n".join(parts)


def reading_order(sections: tuple[Section, ...]) -> list[Section]:
    def rank(section: Section) -> int:
        heading = section.heading.strip().lower()
        return FIRST.index(heading) if heading in FIRST else len(FIRST)

    return sorted(sections, key=rank)  # stable: the others keep the agenda's order


def markdown_literal(text: str) -> str:
    """One-line agenda text (a case number, an attachment's title) inside the Markdown:
    shown as written, its Markdown characters escaped, never a link or a heading."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~&])", r"\\\1", printable(text))


def case_markdown_renderable(text: str) -> Markdown:
    """The case text's Markdown, with control characters shown, never as terminal links."""
    return Markdown(printable(text, multiline=True), hyperlinks=False)


class Rendering:
    """One case text's Markdown, rendered to screen lines once per width (the last two).

    A Static holding rich's Markdown renders it twice in the frame that shows it (once
    to measure its height, once to draw it), and again whenever the screen is laid out:
    parsing and wrapping about 4 KB was the costliest part of showing an item. These
    lines are what that Static drew (the same `Visual.to_strips` call), kept.
    """

    KEEP_WIDTHS = 2

    def __init__(self, text: str):
        self.text = text
        self._strips: dict[tuple[int, Style], list[Strip]] = {}

    def strips(self, widget: Widget, width: int) -> list[Strip]:
        """The lines at `width`, styled as `widget` shows them."""
        key = (width, widget.visual_style)
        strips = self._strips.get(key)
        if strips is None:
            visual = visualize(widget, case_markdown_renderable(self.text), markup=False)
            strips = Visual.to_strips(widget, visual, width, None, widget.visual_style)
            if len(self._strips) >= self.KEEP_WIDTHS:
                self._strips.pop(next(iter(self._strips)))
            self._strips[key] = strips
        return strips


class CaseBody(Widget):
    """The lines of one Rendering; as tall as they are (the CaseText around it scrolls).

    Uses Textual's line API: a frame that shows a rendered item copies lines, and laying
    the screen out asks only how many there are.
    """

    DEFAULT_CSS = "CaseBody { height: auto; }"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rendering: Rendering | None = None

    def show(self, rendering: Rendering) -> None:
        if rendering is not self.rendering:
            self.rendering = rendering
            self.refresh(layout=True)  # another height

    def render(self) -> RenderResult:
        """What is shown, for anything that asks (measuring a width, selecting text)."""
        return case_markdown_renderable(self.rendering.text) if self.rendering else ""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.rendering is None or not width:
            return 0
        return len(self.rendering.strips(self, width))

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        strips = self.rendering.strips(self, width) if self.rendering and width else []
        if y < len(strips):
            return strips[y]
        return Strip.blank(width, self.visual_style.rich_style)


class CaseText(VerticalScroll, can_focus=True):
    KEEP = 8  # items whose rendering is kept, for going back and forth

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rendered: OrderedDict[str, Rendering] = OrderedDict()

    def compose(self) -> ComposeResult:
        yield CaseBody(id="case-body")

    def show(self, item: Item) -> None:
        self.query_one(CaseBody).show(self._rendering(item))
        self.scroll_home(animate=False)

    def prepare(self, item: Item) -> None:
        """Render an item's case text now (when idle), so that showing it next is quick.

        At the width it will be shown at: the case text's width less the scroll bar when
        the text is taller than the box (as almost every case text is), the full width
        when it fits.
        """
        body = self.query_one(CaseBody)
        full = self.content_region.width
        if full <= 0 or not body.is_mounted:
            return
        rendering = self._rendering(item)
        narrow = full - self.styles.scrollbar_size_vertical
        if narrow <= 0 or len(rendering.strips(body, narrow)) <= self.content_region.height:
            rendering.strips(body, full)

    def _rendering(self, item: Item) -> Rendering:
        text = case_markdown(item)
        rendering = self._rendered.pop(text, None) or Rendering(text)
        self._rendered[text] = rendering
        while len(self._rendered) > self.KEEP:
            self._rendered.popitem(last=False)
        return rendering
