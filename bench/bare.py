"""The floor for start-up, key to screen and memory: a bare Textual app, no data, no logic.

It has the main screen's widgets (Header, OptionList, TextArea, Static, Footer) in the
same layout and nothing else. The status line reads like the real app's ('Punkt 0 af 0')
so the start-up measure can wait for the same marker in both.

    python bench/bare.py [OPTIONS]   # OPTIONS: how many plain options the list holds
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, OptionList, Static, TextArea

CSS = """
#status { height: 1; padding: 0 1; }
#body { height: 1fr; }
#agenda { width: 30%; max-width: 42; height: 1fr; border: round $primary; }
#center { width: 1fr; height: 1fr; }
#case { height: 1fr; border: round $primary; }
#decision { height: 6; border: round $secondary; }
"""


class BareApp(App):
    CSS = CSS

    def __init__(self, options: int = 0):
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Punkt 0 af 0", id="status")
        with Horizontal(id="body"):
            yield OptionList(*[f"{n}. Punkt" for n in range(1, self.options + 1)], id="agenda")
            with Vertical(id="center"):
                yield Static("", id="case")
                yield TextArea(id="decision")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()


if __name__ == "__main__":
    BareApp(int(sys.argv[1]) if len(sys.argv) > 1 else 0).run()
