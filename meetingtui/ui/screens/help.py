"""Every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Label, Static

from meetingtui.ui.screens.base import MeetingDialog

KEY_NAMES = {"plus": "+", "full_stop": ".", "question_mark": "?", "escape": "Esc", "enter": "Enter"}


def key_label(keys: str) -> str:
    labels = []
    for key in keys.split(","):
        key = KEY_NAMES.get(key, key)
        labels.append(
            key.replace("ctrl+", "Ctrl+").upper()
            if key.startswith("f") and key[1:].isdigit()
            else key.replace("ctrl+", "Ctrl+")
        )
    return " / ".join(labels)


def bindings_of(screen: DOMNode) -> list[Binding]:
    """A screen's own key bindings (all are Binding objects here, none plain tuples)."""
    return [binding for binding in screen.BINDINGS if isinstance(binding, Binding)]


class HelpScreen(MeetingDialog[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Luk")]

    def __init__(self, screen: DOMNode):
        super().__init__()
        self.source = screen

    def compose(self) -> ComposeResult:
        table = Table(show_edge=False, expand=True)
        table.add_column("Tast", no_wrap=True)
        table.add_column("Handling")
        for binding in bindings_of(self.source):
            table.add_row(Text(key_label(binding.key)), Text(binding.description))
        table.add_row("Ctrl+K", "Kommandopalet: søg efter enhver handling")
        table.add_row("Tab", "Skift mellem felterne")
        yield Label("Hjælp: alle taster", classes="dialog-title")
        with VerticalScroll(id="help"):
            yield Static(table)
        yield Label("Esc luk", classes="hint")
