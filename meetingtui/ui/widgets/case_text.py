"""The current item's case text, rendered from its Markdown: Resumé and Indstilling first."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from rich.markdown import Markdown
from rich.style import Style as RichStyle
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize
from textual.widget import Widget

from meetingtui import wording
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
    for earlier in item.earlier:  # as the referat gives them, after the sections
        heading = wording.earlier_decision(earlier.body, earlier.date, earlier.item)
        parts.append(f"## {markdown_literal(heading)}\n\n{earlier.text}")
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


class CaseText(ScrollView, can_focus=True):
    """The case text: a Rendering's lines, scrolled (Textual's line API).

    A frame that shows a rendered item copies lines into the box; nothing is laid out
    but the scroll bar. The text is rendered at the box's width less the scroll bar when
    it is taller than the box (as almost every case text is), at the full width when it
    fits.
    """

    DEFAULT_CSS = "CaseText { overflow-x: hidden; overflow-y: auto; }"
    KEEP = 8  # items whose rendering is kept, for going back and forth

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rendered: OrderedDict[str, Rendering] = OrderedDict()
        self._shown: Rendering | None = None
        self._lines: list[Strip] = []
        self._fitted_to: tuple[Rendering | None, Size] | None = None

    def show(self, item: Item) -> None:
        self._shown = self._rendering(item)
        self._fit()
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def prepare(self, item: Item) -> None:
        """Render an item's case text once the screen is drawn and idle, so that showing it
        next is quick (never before a frame still to come, e.g. at start-up)."""
        self.call_after_refresh(self._fitted, self._rendering(item))

    def render_lines(self, crop: Region) -> list[Strip]:
        self._fit()  # the box may have another size than when the item was shown
        return super().render_lines(crop)

    def _fit(self) -> None:
        """The lines to show at the box's size, and the scrollable size they make."""
        fitted_to = (self._shown, self.content_region.size)
        if fitted_to == self._fitted_to:
            return
        self._fitted_to = fitted_to
        self._lines, width = self._fitted(self._shown) if self._shown else ([], 0)
        self.virtual_size = Size(width, len(self._lines))
        # overflow-y: auto, decided now: Textual would decide it in the layout after the
        # next one (it looks at the virtual size when a layout has given the box its size),
        # one more frame before the screen shows the scroll bar the lines were fitted to.
        self.show_vertical_scrollbar = len(self._lines) > self.content_region.height

    def _fitted(self, rendering: Rendering) -> tuple[list[Strip], int]:
        """The lines at the width they will have in the box, and that width."""
        full = self.content_region.width
        narrow = full - self.styles.scrollbar_size_vertical
        if narrow <= 0:
            return [], 0
        lines = rendering.strips(self, narrow)
        if len(lines) > self.content_region.height:
            return lines, narrow  # taller than the box: a scroll bar beside it
        return rendering.strips(self, full), full

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if 0 <= index < len(self._lines):
            return self._lines[index]
        # Below the text: the box's background, as a scrolling container shows it.
        background = RichStyle(bgcolor=self.visual_style.rich_style.bgcolor)
        return Strip.blank(self.scrollable_content_region.width, background)

    def _rendering(self, item: Item) -> Rendering:
        text = case_markdown(item)
        rendering = self._rendered.pop(text, None) or Rendering(text)
        self._rendered[text] = rendering
        while len(self._rendered) > self.KEEP:
            self._rendered.popitem(last=False)
        return rendering
