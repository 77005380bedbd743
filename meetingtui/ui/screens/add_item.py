"""Add an item during the meeting: title, case number, closed or not."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label

from meetingtui.ui.literal import PlainInput
from meetingtui.ui.screens.base import MeetingDialog


class NewItem(NamedTuple):
    title: str
    case: str  # the case number, or ""
    closed: bool


class AddItemScreen(MeetingDialog[NewItem | None]):
    BINDINGS = [Binding("escape", "cancel", "Fortryd"), Binding("ctrl+s", "save", "Gem")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                "Nyt punkt på dagsordenen (efter det aktuelle punkt)", classes="dialog-title"
            )
            yield PlainInput(placeholder="Titel", id="title")
            yield PlainInput(placeholder="Sagsnummer (valgfrit, fx 25/1234)", id="case-number")
            yield Checkbox("Lukket punkt: nej (mellemrum skifter)", id="closed")
            yield Label("Enter gem · Tab næste felt · Esc fortryd", classes="hint")

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        answer = "ja" if event.value else "nej"
        event.checkbox.label = f"Lukket punkt: {answer} (mellemrum skifter)"

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        title = self.query_one("#title", Input).value
        if not title.strip():
            self.notify("Skriv en titel.", severity="warning")
            self.query_one("#title", Input).focus()
            return
        self.dismiss(
            NewItem(
                title,
                self.query_one("#case-number", Input).value,
                self.query_one("#closed", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
