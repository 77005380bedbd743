"""A correction ("Rettelse") of the approved referat (R): dated, explained, shown as such.

For the item on screen or the meeting as a whole: what is corrected (the item's decision,
its public summary if it is closed, or something else, said in the explanation alone),
the new text (filled in with the current one), and the explanation, which is required:
what was wrong and what is right. Ctrl+S (or Enter in the explanation; Enter in the new
text is a new line, in the choices it chooses) records it through `Secretary.correct`; a refusal stays in the dialog with the reason shown. Escape
leaves without recording.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from meetingtui import labels, wording
from meetingtui.eventkinds.approval import Correction
from meetingtui.ui.literal import PlainInput, literal
from meetingtui.ui.screens.form import ChoiceList, FormDialog
from meetingtui.ui.widgets.decision_editor import DecisionEditor


class CorrectionScreen(FormDialog[Correction]):
    """Register a correction about `item_id` (or the meeting); dismissed with it (None: Esc)."""

    CSS_PATH = "approval.tcss"
    BINDINGS = [Binding("ctrl+s", "save", "Gem rettelsen", priority=True)]

    def __init__(self, item_id: str):
        super().__init__()
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        state = self.secretary.state
        item = state.item(self.item_id).item
        number = state.number(self.item_id)
        heading = wording.item_heading(number, item.title, item.closed, item.flag)
        # What may be corrected: (item id or None for the meeting, field or None)
        self.choices: list[tuple[str | None, str | None]] = []
        if item.kind != "underskriftsside":  # signed, not decided: no decision to correct
            self.choices.append((self.item_id, "decision"))
        if item.closed:  # a public summary is a closed item's
            self.choices.append((self.item_id, "summary"))
        self.choices += [(self.item_id, None), (None, None)]
        with Vertical(classes="dialog wide", id="correction"):
            yield Label(literal(f"Rettelse · {heading}"), classes="dialog-title")
            where = {self.item_id: f"punkt {number}", None: labels.WHOLE_MEETING.lower()}
            what = ChoiceList(
                [labels.correction_choice(field, where[item]) for item, field in self.choices],
                id="correction-what",
            )
            what.border_title = "Hvad rettes"
            yield what
            editor = DecisionEditor(id="correction-new")
            editor.border_title = "Ny tekst (F7 markerer alt)"
            yield editor
            why = PlainInput(id="correction-why")
            why.border_title = "Forklaring (skal udfyldes): hvad var forkert, hvad er rigtigt"
            yield why
            yield self.refused_line()
            yield Label(
                "Tab felt · ↑↓ vælg · Ctrl+S gem (Enter i forklaringen) · Esc fortryd",
                classes="hint",
            )

    def on_mount(self) -> None:
        self._show_field()
        self.query_one("#correction-what", ChoiceList).focus()

    # -- what is corrected -----------------------------------------------------------------
    def _chosen(self) -> tuple[str | None, str | None]:
        """(item id, field) chosen: the item or None (the meeting); the field or None."""
        return self.choices[self.query_one("#correction-what", ChoiceList).chosen]

    @on(ChoiceList.OptionHighlighted, "#correction-what")
    def _changed(self) -> None:
        self._show_field()

    @on(ChoiceList.OptionSelected, "#correction-what")
    def _chosen_with_enter(self) -> None:
        self.focus_next()  # Enter on a choice: on to the text (or the explanation)

    def _show_field(self) -> None:
        """The new text, filled in with the field's current text; none without a field."""
        field = self._chosen()[1]
        editor = self.query_one("#correction-new", DecisionEditor)
        editor.display = field is not None
        if field is not None:
            item_state = self.secretary.state.item(self.item_id)
            editor.load(item_state.printed_decision if field == "decision" else item_state.summary)

    @on(DecisionEditor.Done)
    def _escape_in_the_text(self) -> None:
        self.action_cancel()  # Escape leaves the dialog, from the text too

    # -- recording -------------------------------------------------------------------------
    @on(Input.Submitted, "#correction-why")
    def _submitted(self) -> None:
        self.confirmed()  # the explanation's own Enter: after every key typed before it

    def action_save(self) -> None:
        self.confirm_after_typing()

    def confirmed(self) -> None:
        why = self.query_one("#correction-why", Input).value
        item_id, field = self._chosen()
        new = self.query_one("#correction-new", DecisionEditor).text if field else None
        done = self.app.act(self.secretary.correct, why, item_id, field, new)
        if not done.ok:
            self.show_refused(done.reason)
            return
        self.dismiss(done.value)
