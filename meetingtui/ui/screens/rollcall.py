"""Before the meeting: roll call, substitutes, who chairs, and opening the meeting."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from meetingtui import attendance
from meetingtui.ui import flows

STATUS = {"present": "● til stede", "afbud": "○ afbud", "absent": "○ fraværende uden afbud"}


class RollCallScreen(Screen):
    BINDINGS = [
        Binding("t", "status('present')", "Til stede"),
        Binding("a", "status('afbud')", "Afbud"),
        Binding("f", "status('absent')", "Fravær u. afbud"),
        Binding("s", "substitute", "Stedfortræder"),
        Binding("c", "chair", "Mødeleder"),
        Binding("o", "open_meeting", "Åbn mødet"),
        Binding("ctrl+z", "undo", "Fortryd"),
        Binding("f1,question_mark", "help", "Hjælp"),
        Binding("q", "app.quit", "Afslut"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="rollcall-intro")
        yield DataTable(id="roll", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (
            ("name", "Medlem"),
            ("party", "Parti"),
            ("role", "Rolle"),
            ("status", "Fremmøde"),
            ("sub", "Stedfortræder"),
        ):
            table.add_column(label, key=key)
        for member in self.app.secretary.agenda.members:
            table.add_row(member.name, member.party, member.role, "", "", key=member.id)
        self.watch(self.app, "revision", self.redraw, init=True)
        table.focus()

    def redraw(self, _revision: int = 0) -> None:
        state = self.app.secretary.state
        table = self.query_one(DataTable)
        chair = state.chair_id
        for sid, seat in state.seats.items():
            role = seat.member.role + (" · mødeleder" if sid == chair else "")
            table.update_cell(sid, "role", role)
            table.update_cell(sid, "status", STATUS[seat.status])
            sub = seat.substitute
            table.update_cell(sid, "sub", f"{sub.name} ({sub.party})" if sub else "")
        present = sum(attendance.seat_present(s, 1) for s in state.seats.values())
        needed = state.agenda.quorum_needed()
        quorum = "beslutningsdygtigt" if present >= needed else "IKKE beslutningsdygtigt"
        self.query_one("#rollcall-intro", Static).update(
            f"Navneopråb · {present} af {state.agenda.seats} til stede: {quorum} "
            f"({needed} kræves). Marker afbud og fravær, vælg stedfortrædere, og tryk o for at åbne mødet."
        )

    def _member(self) -> str:
        table = self.query_one(DataTable)
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_status(self, status: str) -> None:
        self.app.act(self.app.secretary.set_roll, self._member(), status)

    @work(exclusive=True)
    async def action_substitute(self) -> None:
        member = self._member()
        picked = await flows.ask_substitute(self, self.app.secretary, member)
        if picked:
            if self.app.secretary.state.seats[member].status == "present":
                self.app.act(self.app.secretary.set_roll, member, "afbud")
            self.app.act(self.app.secretary.substitute, member, *picked)

    def action_chair(self) -> None:
        self.app.act(self.app.secretary.set_chair, self._member())

    @work(exclusive=True)
    async def action_open_meeting(self) -> None:
        time = await flows.ask_time(self, "Mødet begynder kl.", self.app.secretary.now_text())
        if time is None:
            return
        if self.app.act(self.app.secretary.open_meeting, time):
            from meetingtui.ui.screens.main import MainScreen

            self.app.switch_screen(MainScreen())

    def action_undo(self) -> None:
        text = self.app.act(self.app.secretary.undo)
        if isinstance(text, str):
            self.notify(f"Fortrudt: {text}")

    def action_help(self) -> None:
        from meetingtui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
