"""The main screen's actions on the meeting as a whole and its record: a break, the close,
undo, corrections, the previews, the chair's views, the export and help; the referat's
approval (G) and the corrections after it (R). MainScreen binds their keys.

Once the referat is approved, every ordinary edit is refused at its key (`lock.py`); the
decision editor is read-only and the status line says `Godkendt DD-MM-ÅÅÅÅ · låst`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from meetingtui import labels, wording
from meetingtui.ui import flows
from meetingtui.ui.screens.base import dialog_flow
from meetingtui.ui.screens.lock import ordinary_edit
from meetingtui.ui.screens.people import PeopleActions
from meetingtui.ui.widgets.decision_editor import DecisionEditor


class MeetingActions(PeopleActions):
    if TYPE_CHECKING:

        def save_typed_text(self) -> None:
            """Record the decision text typed (MainScreen, which holds the editor)."""

    def show_lock(self) -> None:
        """An approved referat's decision editor is read-only, and its title says why (the
        status line says 'Godkendt DD-MM-ÅÅÅÅ · låst')."""
        found = self.secretary.state.approval
        editor = self.query_one("#decision", DecisionEditor)
        if editor.read_only != (found is not None):
            editor.read_only = found is not None
            editor.border_title = labels.DECISION_LOCKED if found else labels.DECISION_KEYS

    # -- approval and corrections ----------------------------------------------------------
    @dialog_flow
    async def action_approve(self) -> None:
        from meetingtui import approval
        from meetingtui.ui.screens.approve import ApproveScreen

        self.save_typed_text()
        if self.secretary.locked:
            self.app.act(self.secretary.refuse_if_locked)  # approved already: when, and locked
            return
        if self.secretary.state.closed is None:
            self.notify(labels.APPROVE_NOT_CLOSED, severity="warning")
            return
        if self.secretary.rehearsal:
            self.notify(labels.APPROVE_REHEARSAL, severity="warning")
            return
        approved = await self.app.push_screen_wait(ApproveScreen())
        if approved is not None:
            said = approval.description(self.secretary.state, approved)
            self.notify(f"{said} {labels.APPROVED_NOW_LOCKED}", timeout=12)

    @dialog_flow
    async def action_correct(self) -> None:
        from meetingtui.ui.screens.correction import CorrectionScreen

        if not self.secretary.locked:
            self.notify(labels.CORRECT_NOT_APPROVED, severity="warning")
            return
        made = await self.app.push_screen_wait(CorrectionScreen(self.secretary.viewing))
        if made is not None:
            self.notify(f"Registreret: {wording.correction(made.when, made.text)}", timeout=10)

    # -- the meeting ------------------------------------------------------------------------
    @ordinary_edit
    @dialog_flow
    async def action_close_meeting(self) -> None:
        self.save_typed_text()
        if await flows.ask_time_until(self.app, "Mødet slutter kl.", self.secretary.close_meeting):
            self.notify("Mødet er afsluttet. Tryk e for at eksportere referatet.")

    @ordinary_edit
    @dialog_flow
    async def action_pause(self) -> None:
        """A break: the meeting is suspended (ending the item under way), or goes on."""
        self.save_typed_text()
        if self.secretary.state.suspended:
            if await flows.ask_time_until(self.app, "Mødet genoptages kl.", self.secretary.resume):
                self.notify("Mødet er genoptaget. Tryk n for at tage det næste punkt op.")
        elif await flows.ask_time_until(self.app, "Mødet suspenderes kl.", self.secretary.suspend):
            self.notify("Mødet er suspenderet. Tryk b, når det genoptages.")

    @ordinary_edit
    def action_undo(self) -> None:
        self.save_typed_text()
        undone = self.app.act(self.secretary.undo)
        if undone.ok:
            if undone.value is None:
                self.notify("Intet at fortryde.")
            else:
                self.notify(f"Fortrudt: {undone.value}")

    def action_corrections(self) -> None:
        from meetingtui.ui.screens.history import HistoryScreen

        self.save_typed_text()
        self.app.push_screen(HistoryScreen())

    def action_preview_item(self) -> None:
        from meetingtui.ui.screens.preview import PreviewScreen

        self.save_typed_text()
        self.app.push_screen(PreviewScreen(self.secretary.state, self.secretary.viewing))

    def action_preview_all(self) -> None:
        from meetingtui.ui.screens.preview import PreviewScreen

        self.save_typed_text()
        self.app.push_screen(PreviewScreen(self.secretary.state, None))

    def action_attendance(self) -> None:
        from meetingtui.ui.screens.chair_panel import ChairPanel

        self.app.push_screen(ChairPanel())

    def action_serve(self) -> None:
        from meetingtui.ui.screens.serve import ServeScreen

        self.app.push_screen(ServeScreen())

    def action_export(self) -> None:
        from meetingtui.ui.screens.export import ExportScreen

        self.save_typed_text()
        self.app.push_screen(ExportScreen())

    def action_help(self) -> None:
        from meetingtui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    async def action_quit(self) -> None:
        await self.app.action_quit()
