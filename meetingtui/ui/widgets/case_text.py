"""The current item's case text, rendered from its Markdown: Resumé and Indstilling first."""

from __future__ import annotations

from collections import OrderedDict

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown
from rich.segment import Segment
from textual.containers import VerticalScroll
from textual.widgets import Static

from meetingtui.agenda import SECTION_TITLES, Item

ORDER = ("resume", "indstilling", "sagsfremstilling", "klimavurdering")


def case_markdown(item: Item) -> str:
    parts = []
    if item.closed:
        parts.append("**LUKKET PUNKT** – indholdet vises ikke i det offentlige referat.")
    if item.case:
        parts.append(f"Sag {item.case}")
    for key in ORDER:
        if key in item.sections:
            parts.append(f"## {SECTION_TITLES[key]}\n\n{item.sections[key]}")
    if item.bilag:
        parts.append("## Bilag\n\n" + "\n".join(f"- {title}" for title in item.bilag))
    if len(parts) == (1 if item.case else 0) + (1 if item.closed else 0):
        parts.append("*Ingen sagsfremstilling.*")
    return "\n\n".join(parts)


class RenderedMarkdown:
    """Markdown rendered once per width, then replayed line by line.

    Textual renders a Static's content twice in the frame that shows it (once to measure
    its height, once to draw it), and again whenever the screen is laid out; rich's
    Markdown (parse and wrap about 4 KB) was the costliest part of showing an item.
    """

    def __init__(self, text: str):
        self.markdown = Markdown(text)
        self._lines: dict[int, list[list[Segment]]] = {}  # by width: the last two

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._lines.get(options.max_width)
        if lines is None:
            lines = console.render_lines(self.markdown, options.update(height=None), pad=False)
            if len(self._lines) > 1:
                self._lines.pop(next(iter(self._lines)))
            self._lines[options.max_width] = lines
        new_line = Segment.line()
        for line in lines:
            yield from line
            yield new_line


class CaseText(VerticalScroll, can_focus=True):
    KEEP = 8  # items whose rendering is kept, for going back and forth

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._rendered: OrderedDict[str, RenderedMarkdown] = OrderedDict()

    def compose(self):
        yield Static(id="case-body")

    def show(self, item: Item) -> None:
        self.query_one("#case-body", Static).update(self._rendering(item))
        self.scroll_home(animate=False)

    def prepare(self, item: Item) -> None:
        """Render an item's case text now (when idle), so that showing it next is quick."""
        body = self.query_one("#case-body", Static)
        width = body.content_region.width
        if width > 0:
            options = self.app.console_options.update_width(width).update(highlight=False)
            self.app.console.render_lines(self._rendering(item), options, pad=False)

    def _rendering(self, item: Item) -> RenderedMarkdown:
        text = case_markdown(item)
        rendered = self._rendered.pop(text, None) or RenderedMarkdown(text)
        self._rendered[text] = rendered
        while len(self._rendered) > self.KEEP:
            self._rendered.popitem(last=False)
        return rendered
