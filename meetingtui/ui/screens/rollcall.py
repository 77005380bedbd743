"""Before the meeting: roll call, substitutes, who chairs, and opening the meeting."""

from __future__ import annotations

from collections import Counter

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import ColumnKey

from meetingtui import attendance, labels
from meetingtui.terminal_text import printable
from meetingtui.ui import flows
from meetingtui.ui.literal import literal, literal_cell
from meetingtui.ui.screens.base import MeetingScreen, dialog_flow
from meetingtui.ui.widgets.key_footer import KeyFooter

MARKS = {
    "present": "●",
    "afbud": "○",
    "absent": "○",
    "later": "◐",
}  # status by mark and word, not colour
COLUMNS = ("name", "party", "status")


def roll_status(status: str) -> str:
    """'● til stede', '○ afbud', '○ fraværende uden afbud', '◐ kommer senere'."""
    return f"{MARKS[status]} {labels.ROLL_STATUS[status]}"


class RollCallScreen(MeetingScreen[None]):
    BINDINGS = [
        Binding("o", "open_meeting", "Åbn mødet"),
        Binding("a", "status('afbud')", "Afbud"),
        Binding("f", "status('absent')", "Uden afbud"),
        Binding("t", "status('present')", "Til stede"),
        Binding("k", "status('later')", "Kommer senere", show=False),
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
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (("name", "Medlem"), ("party", "Parti"), ("status", "Fremmøde")):
            table.add_column(label, key=key)
        self._rows = self._row_texts()
        # One measurement per cell, as the rows are added; later redraws touch only the
        # cells that changed (a redraw of every cell with update_width=True measured the
        # whole column again for each: 44 s to show 2,000 members).
        for sid, (name, party, status) in self._rows.items():
            table.add_row(literal_cell(name), literal_cell(party), literal_cell(status), key=sid)
        self._widths = {
            column: Counter(cell_len(printable(row[index])) for row in self._rows.values())
            for index, column in enumerate(COLUMNS)
        }
        self.watch(self.app, "revision", self.redraw, init=True)
        table.focus()

    def _row_texts(self) -> dict[str, tuple[str, str, str]]:
        """Each seat's (name, party, status) as the table shows them, by seat id."""
        state = self.secretary.state
        chair = state.chair_id
        rows = {}
        for sid, seat in state.seats.items():
            roles = [seat.member.role] if seat.member.role != "medlem" else []
            roles += ["mødeleder"] if sid == chair else []
            name = seat.member.name + (f" ({', '.join(roles)})" if roles else "")
            sub = seat.substitute
            status = roll_status(seat.status) + (
                f" → {sub.name} ({sub.party}) deltager" if sub else ""
            )
            rows[sid] = (name, seat.member.party, status)
        return rows

    def redraw(self, _revision: int = 0) -> None:
        table = self.query_one(DataTable)
        rows = self._row_texts()
        for sid, row in rows.items():
            old = self._rows.get(sid)
            if old == row or old is None:
                continue
            for index, column in enumerate(COLUMNS):
                if row[index] != old[index]:
                    self._update(table, sid, column, old[index], row[index])
        self._rows = rows
        state = self.secretary.state
        present = sum(attendance.seat_present(s, 1) for s in state.seats.values())
        needed = state.agenda.quorum_needed()
        quorum = "beslutningsdygtigt" if present >= needed else "IKKE beslutningsdygtigt"
        self.query_one("#rollcall-intro", Static).update(
            literal(
                f"Navneopråb · {present} af {state.agenda.seats} til stede: {quorum} "
                f"({needed} kræves). Marker afbud og fravær, vælg stedfortrædere, "
                "og tryk o for at åbne mødet."
            )
        )

    def _update(self, table: DataTable, sid: str, column: str, old: str, new: str) -> None:
        """Change one cell, and its column's width only if its widest cell changed.

        The widths of each column's cells are counted here, so the widest is known without
        measuring the column again. The width is set before the cell, whose update makes
        DataTable render its cells afresh (its cell cache does not know about widths).
        """
        widths = self._widths[column]
        before = max(widths)
        old_width, new_width = cell_len(printable(old)), cell_len(printable(new))
        widths[old_width] -= 1
        if not widths[old_width]:
            del widths[old_width]
        widths[new_width] += 1
        widest = max(widths)
        if widest != before:
            columns = table.columns[ColumnKey(column)]
            columns.content_width = max(widest, cell_len(columns.label.plain))
        table.update_cell(sid, column, literal_cell(new), update_width=widest != before)

    def _member(self) -> str | None:
        """The seat id of the member under the cursor."""
        table = self.query_one(DataTable)
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_status(self, status: str) -> None:
        member = self._member()
        if member is not None:
            self.app.act(self.secretary.set_roll, member, status)

    @dialog_flow
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

    @dialog_flow
    async def action_open_meeting(self) -> None:
        if await flows.ask_time_until(self.app, "Mødet begynder kl.", self.secretary.open_meeting):
            from meetingtui.ui.screens.main import MainScreen

            self.app.switch_screen(MainScreen())

    def action_undo(self) -> None:
        undone = self.app.act(self.secretary.undo)
        if undone.ok and undone.value is not None:
            self.notify(f"Fortrudt: {undone.value}")

    def action_help(self) -> None:
        from meetingtui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
