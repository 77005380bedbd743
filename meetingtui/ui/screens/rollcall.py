"""Before the meeting: roll call, substitutes, who chairs, and opening the meeting."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from meetingtui import attendance
from meetingtui.ui import flows

STATUS = {"present": "● til stede", "afbud": "○ afbud", "absent": "○ fravær uden afbud"}


class RollCallScreen(Screen):
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
        for member in self.app.secretary.agenda.members:
            table.add_row(member.name, member.party, "", key=member.id)
        self.watch(self.app, "revision", self.redraw, init=True)
        table.focus()

    def redraw(self, _revision: int = 0) -> None:
        state = self.app.secretary.state
        table = self.query_one(DataTable)
        chair = state.chair_id
        for sid, seat in state.seats.items():
            roles = [seat.member.role] if seat.member.role != "medlem" else []
            roles += ["mødeleder"] if sid == chair else []
            name = seat.member.name + (f" ({', '.join(roles)})" if roles else "")
            table.update_cell(sid, "name", name, update_width=True)
            sub = seat.substitute
            status = STATUS[seat.status] + (f" → {sub.name} ({sub.party}) deltager" if sub else "")
            table.update_cell(sid, "status", status, update_width=True)
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
        if await flows.ask_time_until(self, "Mødet begynder kl.", self.app.secretary.open_meeting):
            from meetingtui.ui.screens.main import MainScreen

            self.app.switch_screen(MainScreen())

    def action_undo(self) -> None:
        text = self.app.act(self.app.secretary.undo)
        if isinstance(text, str):
            self.notify(f"Fortrudt: {text}")

    def action_help(self) -> None:
        from meetingtui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
