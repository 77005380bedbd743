"""The floors: bare Textual apps, no data model, no logic of ours.

`BareApp` has the main screen's widgets (Header, status line, OptionList, title line, a
scrolling case text, TextArea, people strip, Footer) in the same layout and nothing else.
The status line reads like the real app's ('Punkt 0 af 0') so the start-up measure can
wait for the same marker in both.

With `texts` (one Markdown text per row), `n` does in a bare app what taking up the next
item does to the screen, written the obvious Textual way: highlight the next row (the
list scrolls when the row is below its bottom edge), replace the case text, scroll it to
the top, update the status line and the one-line strip. Two variants:

- `prerender=False`: the case text is a rich `Markdown` handed to `Static.update` at the
  key (parsed, wrapped and rendered in the frame, twice: once to measure its height, once
  to draw it).
- `prerender=True`: the next item's Markdown is rendered to lines while the app is idle
  (as `CaseText.prepare` does); at the key the Static gets a renderable that replays those
  lines, so only Textual's own work is left in the frame.

    python bench/bare.py [OPTIONS]   # OPTIONS: how many plain options the list holds
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Label, OptionList, Static, TextArea

CSS = """
#status { height: 1; padding: 0 1; }
#body { height: 1fr; }
#agenda { width: 30%; min-width: 22; max-width: 42; height: 1fr; border: round $primary; }
#agenda { text-wrap: nowrap; text-overflow: ellipsis; }
#center { width: 1fr; height: 1fr; }
#title { width: 1fr; padding: 0 1; }
#case { height: 1fr; padding: 0 1; border: round $primary; }
#decision { height: 5; border: round $secondary; }
#people { height: auto; max-height: 4; padding: 0 1; }
"""


class Replay:
    """Lines rendered before (rich segments), replayed: no Markdown work left."""

    def __init__(self, lines: list[list[Segment]]):
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines:
            yield from line
            yield new_line


class BareApp(App):
    CSS = CSS
    BINDINGS = [Binding("n", "next", "Next", show=False)]

    def __init__(
        self, options: int = 0, texts: Sequence[str] = (), prerender: bool = False
    ) -> None:
        super().__init__()
        self.options = options
        self.texts = list(texts)
        self.prerender = prerender
        self.shown = 0
        self._prepared: dict[int, Replay] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Punkt 0 af 0", id="status")
        with Horizontal(id="body"):
            yield OptionList(*[f"{n}. Punkt" for n in range(1, self.options + 1)], id="agenda")
            with Vertical(id="center"):
                yield Label("", id="title")
                with VerticalScroll(id="case"):
                    yield Static("", id="case-body")
                yield TextArea(id="decision")
                yield Static("", id="people")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    # -- the floors for a next-item key -----------------------------------------------------
    def action_next(self) -> None:
        if not self.texts:
            return
        listing = self.query_one(OptionList)
        index = min((listing.highlighted or 0) + 1, len(self.texts) - 1)
        self.show(index)

    def show(self, index: int) -> None:
        """What taking up the item at `index` changes on the screen."""
        self.shown = index
        self.query_one(OptionList).highlighted = index
        self.query_one("#status", Static).update(f"Punkt {index + 1} af {len(self.texts)}")
        body = self.query_one("#case-body", Static)
        if self.prerender:
            body.update(self._prepared.pop(index, None) or self._render(index))
        else:
            body.update(Markdown(self.texts[index]))
        self.query_one("#case", VerticalScroll).scroll_home(animate=False)
        self.query_one("#people", Static).update(f"● Medlem {index % 7 + 1}  ● Medlem 2")
        if self.prerender and index + 1 < len(self.texts):
            self.set_timer(0.1, lambda: self._prepare(index + 1))

    def _prepare(self, index: int) -> None:
        if index not in self._prepared and self.query("#case-body"):  # not after exit
            self._prepared = {index: self._render(index)}

    def _render(self, index: int) -> Replay:
        body = self.query_one("#case-body", Static)
        options = self.console_options.update_width(body.content_region.width)
        lines = self.console.render_lines(
            Markdown(self.texts[index]), options.update(highlight=False), pad=False
        )
        return Replay(lines)


if __name__ == "__main__":
    BareApp(int(sys.argv[1]) if len(sys.argv) > 1 else 0).run()
