"""Corrections: every change still in force, newest first; fix a time or take one back."""

from __future__ import annotations

from typing import NamedTuple

import pendulum
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from meetingtui import labels, times
from meetingtui.events import time_of
from meetingtui.ui import flows
from meetingtui.ui.literal import literal
from meetingtui.ui.screens.base import MeetingDialog, dialog_flow
from meetingtui.ui.screens.lock import ordinary_edit
from meetingtui.ui.screens.pickers import ChoicePicker


class Entry(NamedTuple):
    """One registration in the list."""

    event_id: int
    time: pendulum.DateTime | None  # its time, if it has one to correct
    text: str  # Secretary.history's description


class HistoryScreen(MeetingDialog[None]):
    BINDINGS = [
        Binding("t,enter", "amend_time", "Ret tidspunkt"),
        Binding("delete,x", "retract", "Fjern registreringen"),
        Binding("escape", "dismiss", "Luk"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Ret en tidligere registrering (nyeste først)", classes="dialog-title")
        yield OptionList(id="history")
        yield Label(
            labels.HISTORY_LOCKED
            if self.secretary.locked
            else "t/Enter ret tidspunkt · x/Delete fjern · Esc luk · beslutninger rettes ved at gå til punktet",
            classes="hint",
        )

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self, keep: int | None = None) -> None:
        """List the registrations; `keep`: the row the cursor stays on (as near as there is)."""
        self._entries = {
            str(event["id"]): Entry(event["id"], time_of(event), text)
            for event, text in self.secretary.history()
        }
        options = [Option(literal(entry.text), id=key) for key, entry in self._entries.items()]
        history = self.query_one(OptionList)
        history.set_options(options)
        if options:
            history.highlighted = min(keep or 0, len(options) - 1)

    def _selected(self) -> Entry | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self._entries.get(option.id)

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_amend_time()

    @ordinary_edit
    @dialog_flow
    async def action_amend_time(self) -> None:
        entry = self._selected()
        if entry is None or entry.time is None:
            self.notify("Denne registrering har intet tidspunkt.", severity="warning")
            return
        current = times.display(entry.time, self.secretary.tz)
        time = await flows.ask_time(self.app, f"Ret tidspunktet for: {entry.text}", current)
        if time:
            row = self.query_one(OptionList).highlighted
            amended = self.app.act(self.secretary.amend_time, entry.event_id, time)
            if amended.ok and amended.value:  # an arrival or departure now stands elsewhere
                self.notify(amended.value, timeout=12)
            self._fill(row)

    @ordinary_edit
    @dialog_flow
    async def action_retract(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        answer = await self.app.push_screen_wait(
            ChoicePicker(
                f"Fjern registreringen: {entry.text}?",
                [("no", "Nej, behold den"), ("yes", "Ja, fjern den")],
            )
        )
        if answer != "yes":
            return
        row = self.query_one(OptionList).highlighted
        if self.app.act(self.secretary.retract, entry.event_id).ok:
            self.notify("Registreringen er fjernet (historikken bevares i registreringsfilen).")
            self._fill(row)
