"""Record a vote: for, against or abstaining, member by member, with a party shortcut."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from meetingtui import attendance
from meetingtui.meeting import MeetingState
from meetingtui.ui.literal import literal, literal_cell
from meetingtui.ui.screens.base import MeetingDialog

CHOICES = {"for": "For", "against": "Imod", "abstain": "Undlod", "": "–"}


class VoteResult(NamedTuple):
    """Seat ids by how they voted."""

    in_favour: tuple[str, ...]
    against: tuple[str, ...]
    abstaining: tuple[str, ...]


class VoteScreen(MeetingDialog[VoteResult | None]):
    BINDINGS = [
        Binding("f", "set('for')", "For"),
        Binding("i", "set('against')", "Imod"),
        Binding("u", "set('abstain')", "Undlod"),
        Binding("0", "set('')", "Ryd"),
        Binding("F", "party('for')", "Partiet for"),
        Binding("I", "party('against')", "Partiet imod"),
        Binding("U", "party('abstain')", "Partiet undlod"),
        Binding("a", "everyone('for')", "Alle for"),
        Binding("enter,ctrl+s", "save", "Gem", priority=True),
        Binding("escape", "cancel", "Fortryd"),
    ]

    def __init__(self, state: MeetingState, item_id: str):
        super().__init__()
        self.state = state
        att = attendance.for_item(state, item_id)
        self.voters = list(att.taking_part)
        vote = state.item(item_id).vote
        self.choice = {sid: "" for sid in self.voters}
        if vote:
            for key, group in (
                ("for", vote.in_favour),
                ("against", vote.against),
                ("abstain", vote.abstaining),
            ):
                for sid in group:
                    if sid in self.choice:
                        self.choice[sid] = key
        self.number = state.number(item_id)
        self.epoch = att.epoch  # who sat in each seat during this item

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(literal(f"Afstemning, punkt {self.number}"), classes="dialog-title")
            yield DataTable(id="votes", cursor_type="row")
            yield Label(id="tally")
            yield Label(
                "f/i/u for/imod/undlod · F/I/U hele partiet · a alle for · 0 ryd · Enter gem · Esc fortryd",
                classes="hint",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Medlem", key="name")
        table.add_column("Parti", key="party")
        table.add_column("Stemme", key="vote")
        for sid in self.voters:
            person = self.state.person(sid, self.epoch)
            table.add_row(literal_cell(person.name), literal_cell(person.party), "", key=sid)
        self._redraw()
        table.focus()

    def _redraw(self) -> None:
        table = self.query_one(DataTable)
        for sid in self.voters:
            table.update_cell(sid, "vote", CHOICES[self.choice[sid]])
        counts = {k: sum(v == k for v in self.choice.values()) for k in CHOICES}
        self.query_one("#tally", Label).update(
            literal(
                f"For {counts['for']} · Imod {counts['against']} · Undlod {counts['abstain']} · "
                f"mangler {counts['']} af {len(self.voters)}"
            )
        )

    def _current(self) -> str | None:
        table = self.query_one(DataTable)
        if not self.voters:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_set(self, choice: str) -> None:
        sid = self._current()
        if sid:
            self.choice[sid] = choice
            self.query_one(DataTable).action_cursor_down()
            self._redraw()

    def action_party(self, choice: str) -> None:
        sid = self._current()
        if sid:
            party = self.state.person(sid, self.epoch).party
            for other in self.voters:
                if self.state.person(other, self.epoch).party == party:
                    self.choice[other] = choice
            self.query_one(DataTable).action_cursor_down()
            self._redraw()

    def action_everyone(self, choice: str) -> None:
        self.choice = dict.fromkeys(self.voters, choice)
        self._redraw()

    def action_save(self) -> None:
        in_favour, against, abstaining = (
            tuple(s for s in self.voters if self.choice[s] == k)
            for k in ("for", "against", "abstain")
        )
        self.dismiss(VoteResult(in_favour, against, abstaining))

    def action_cancel(self) -> None:
        self.dismiss(None)
