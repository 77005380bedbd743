"""Before the meeting: roll call, substitutes, who chairs, and opening the meeting."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from meetingtui import attendance, labels
from meetingtui.ui import flows
from meetingtui.ui.screens.base import MeetingScreen
from meetingtui.ui.screens.help import HelpScreen
from meetingtui.ui.screens.main import MainScreen

MARKS = {"present": "●", "afbud": "○", "absent": "○"}  # status by mark and word, not colour


def roll_status(status: str) -> str:
    """'● til stede', '○ afbud', '○ fraværende uden afbud'."""
    return f"{MARKS[status]} {labels.ROLL_STATUS[status]}"


class RollCallScreen(MeetingScreen[None]):
    BINDINGS = [
        Binding("o", "open_meeting", "Åbn mødet"),
        Binding("a", "status('afbud')", "Afbud"),
        Binding("f", "status('absent')", "Uden afbud"),
        Binding("t", "status('present')", "Til stede"),
        Binding("s", "substitute", "Stedfortræder"),
        Binding("c", "chair", "Mødeleder", show=False),
        Binding("ctrl+z", "undo", "Fortryd", show=False),
        Binding("f1,question_mark", "help", "Hjælp"),
        Binding("ctrl+q", "app.quit", "Afslut (gemmer alt)", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="rollcall-intro")
        yield DataTable(id="roll", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (("name", "Medlem"), ("party", "Parti"), ("status", "Fremmøde")):
            table.add_column(label, key=key)
        for member in self.secretary.agenda.members:
            table.add_row(member.name, member.party, "", key=member.id)
        self.watch(self.app, "revision", self.redraw, init=True)
        table.focus()

    def redraw(self, _revision: int = 0) -> None:
        state = self.secretary.state
        table = self.query_one(DataTable)
        chair = state.chair_id
        for sid, seat in state.seats.items():
            roles = [seat.member.role] if seat.member.role != "medlem" else []
            roles += ["mødeleder"] if sid == chair else []
            name = seat.member.name + (f" ({', '.join(roles)})" if roles else "")
            table.update_cell(sid, "name", name, update_width=True)
            sub = seat.substitute
            status = roll_status(seat.status) + (
                f" → {sub.name} ({sub.party}) deltager" if sub else ""
            )
            table.update_cell(sid, "status", status, update_width=True)
        present = sum(attendance.seat_present(s, 1) for s in state.seats.values())
        needed = state.agenda.quorum_needed()
        quorum = "beslutningsdygtigt" if present >= needed else "IKKE beslutningsdygtigt"
        self.query_one("#rollcall-intro", Static).update(
            f"Navneopråb · {present} af {state.agenda.seats} til stede: {quorum} "
            f"({needed} kræves). Marker afbud og fravær, vælg stedfortrædere, og tryk o for at åbne mødet."
        )

    def _member(self) -> str | None:
        """The seat id of the member under the cursor."""
        table = self.query_one(DataTable)
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_status(self, status: str) -> None:
        member = self._member()
        if member is not None:
            self.app.act(self.secretary.set_roll, member, status)

    @work(exclusive=True)
    async def action_substitute(self) -> None:
        member = self._member()
        if member is None:
            return
        picked = await flows.ask_substitute(self.app, member)
        if picked:
            if self.secretary.state.seats[member].status == "present":
                self.app.act(self.secretary.set_roll, member, "afbud")
            self.app.act(self.secretary.substitute, member, *picked)

    def action_chair(self) -> None:
        member = self._member()
        if member is not None:
            self.app.act(self.secretary.set_chair, member)

    @work(exclusive=True)
    async def action_open_meeting(self) -> None:
        if await flows.ask_time_until(self.app, "Mødet begynder kl.", self.secretary.open_meeting):
            self.app.switch_screen(MainScreen())

    def action_undo(self) -> None:
        undone = self.app.act(self.secretary.undo)
        if undone.ok and undone.value is not None:
            self.notify(f"Fortrudt: {undone.value}")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
