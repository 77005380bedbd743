"""The referat's approval (G): when, how and by whom; it locks the record.

One dialog, keyboard only: the date (today's, DD-MM-ÅÅÅÅ or ÅÅÅÅ-MM-DD), how (three ways,
↑↓), by whom (the members who took part preselected, Space takes one in or out), and the
line saying that it locks the record. Approving is deliberate, for it cannot be undone:
Enter only moves on (date -> how -> by), Ctrl+S alone approves (what was typed before it,
however fast: form.FormDialog), Escape leaves without recording. The dialog records the approval itself (`Secretary.approve`), so a refused date or choice stays
in it with the reason shown, as an arrival's refused time does (pickers.MemberPicker).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from meetingtui import approval, labels, wording
from meetingtui.eventkinds.approval import HOWS, Approval
from meetingtui.ui.literal import PlainInput, literal
from meetingtui.ui.screens.form import ChoiceList, FormDialog, MarkedSelectionList


class ApproveScreen(FormDialog[Approval]):
    """Register the approval; dismissed with the Approval recorded (None: Escape)."""

    CSS_PATH = "approval.tcss"
    BINDINGS = [Binding("ctrl+s", "approve", "Godkend og lås", priority=True)]

    def compose(self) -> ComposeResult:
        state = self.secretary.state
        tz = self.secretary.agenda.meeting.timezone
        today = wording.date_short(self.secretary.now().in_timezone(tz))
        chosen = set(self.secretary.approvers())
        members = [
            Selection(literal(" og ".join(approval.names(state, [seat]))), seat, seat in chosen)
            for seat in state.seats
        ]
        with Vertical(classes="dialog wide", id="approve"):
            yield Label("Godkend referatet", classes="dialog-title")
            with Horizontal(classes="columns"):
                with Vertical(classes="column"):
                    date = PlainInput(today, id="approval-date")
                    date.border_title = "Dato (DD-MM-ÅÅÅÅ)"
                    yield date
                    how = ChoiceList([labels.APPROVAL_HOW[way] for way in HOWS], id="approval-how")
                    how.border_title = "Hvordan"
                    yield how
                by = MarkedSelectionList(*members, id="approval-by")
                by.border_title = "Godkendt af"
                yield by
            yield Label(labels.APPROVE_LOCKS, id="approval-locks")
            yield self.refused_line()
            yield Label(
                "Enter næste felt · Mellemrum til/fra · Ctrl+S godkend · Esc fortryd",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#approval-date", Input).focus()

    @on(Input.Submitted, "#approval-date")
    @on(ChoiceList.OptionSelected, "#approval-how")
    def _next_field(self) -> None:
        self.focus_next()  # Enter moves on: only Ctrl+S approves (and locks)

    def action_approve(self) -> None:
        self.confirm_after_typing()

    def confirmed(self) -> None:
        date = self.query_one("#approval-date", Input).value
        how = HOWS[self.query_one("#approval-how", ChoiceList).chosen]
        by = self.query_one("#approval-by", SelectionList).selected
        done = self.app.act(self.secretary.approve, date, how, by)
        if not done.ok:
            self.show_refused(done.reason)
            return
        self.dismiss(done.value)
