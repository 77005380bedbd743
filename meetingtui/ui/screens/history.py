"""Corrections: every change still in force, newest first; fix a time or take one back."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from meetingtui import times
from meetingtui.events import time_of
from meetingtui.secretary import describe
from meetingtui.ui import flows


class HistoryScreen(ModalScreen):
    BINDINGS = [
        Binding("t,enter", "amend_time", "Ret tidspunkt"),
        Binding("delete,x", "retract", "Fjern registreringen"),
        Binding("escape", "dismiss", "Luk"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Ret en tidligere registrering (nyeste først)", classes="dialog-title")
        yield OptionList(id="history")
        yield Label(
            "t/Enter ret tidspunkt · x/Delete fjern · Esc luk · beslutninger rettes ved at gå til punktet",
            classes="hint",
        )

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        entries = self.app.secretary.history()
        self._events = {str(event["id"]): event for event, _ in entries}  # for _selected
        options = [Option(text, id=str(event["id"])) for event, text in entries]
        history = self.query_one(OptionList)
        history.set_options(options)
        if options:
            history.highlighted = 0

    def _selected(self) -> dict | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None:
            return None
        return self._events.get(option.id)

    def on_option_list_option_selected(self, _event) -> None:
        self.action_amend_time()

    @work(exclusive=True)
    async def action_amend_time(self) -> None:
        event = self._selected()
        if event is None or "time" not in event:
            self.notify("Denne registrering har intet tidspunkt.", severity="warning")
            return
        current = times.display(time_of(event), self.app.secretary.tz)
        what = describe(event, self.app.secretary.state)
        time = await flows.ask_time(self, f"Ret tidspunktet for: {what}", current)
        if time:
            self.app.act(self.app.secretary.amend_time, event["id"], time)
            self._fill()

    def action_retract(self) -> None:
        event = self._selected()
        if event is not None:
            self.app.act(self.app.secretary.retract, event["id"])
            self.notify("Registreringen er fjernet (historikken bevares i registreringsfilen).")
            self._fill()
