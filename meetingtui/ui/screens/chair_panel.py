"""The chair's attendance panel: counts, quorum in words, who came and went, who sits out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from meetingtui import attendance, chair_table
from meetingtui.ui.screens.base import MeetingDialog


class ChairPanel(MeetingDialog[None]):
    BINDINGS = [Binding("escape,t,q", "dismiss", "Luk")]

    def compose(self) -> ComposeResult:
        yield Label("Fremmøde og beslutningsdygtighed", classes="dialog-title")
        with VerticalScroll(id="attendance"):
            yield Static(id="attendance-body")
        yield Label("Esc luk", classes="hint")

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self.redraw, init=True)

    def redraw(self, _revision: int = 0) -> None:
        secretary = self.secretary
        now = secretary.now() if secretary.mode.uses_clock else None  # after the fact: none
        view = attendance.overview(secretary.state, now=now)
        self.query_one("#attendance-body", Static).update(
            chair_table.render(view, secretary.agenda.meeting.body)
        )
