"""The meeting, item by item: agenda, case text, decision, people; every action a key away."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Label, OptionList

from meetingtui import labels, wording
from meetingtui.terminal_text import without_controls
from meetingtui.ui import flows
from meetingtui.ui.literal import literal
from meetingtui.ui.save_status import SaveStatus
from meetingtui.ui.screens.base import dialog_flow, focus_move, opens_dialog_when
from meetingtui.ui.screens.meeting_actions import MeetingActions, ordinary_edit
from meetingtui.ui.screens.pickers import TextPrompt
from meetingtui.ui.widgets.agenda_list import AgendaList
from meetingtui.ui.widgets.case_text import CaseText
from meetingtui.ui.widgets.decision_editor import DecisionEditor
from meetingtui.ui.widgets.key_footer import KeyFooter
from meetingtui.ui.widgets.people_strip import PeopleStrip
from meetingtui.ui.widgets.status_bar import StatusBar


def _after_the_fact(screen: MainScreen) -> bool:
    """F2-F6 and F8 open a time dialog only in a meeting entered after the fact, on the
    item under way (MainScreen._end_item)."""
    state = screen.secretary.state
    return _typed_times(screen) and state.in_item and state.current == screen.secretary.viewing


def _typed_times(screen: MainScreen) -> bool:
    """A running meeting entered after the fact: taking up an item asks its time."""
    return screen.secretary.live and not screen.secretary.mode.uses_clock


PREPARE_NEXT = 0.2
"""Seconds after an item is shown before the next item's case text is rendered."""
PREPARE_AT_START = 1.0
"""The same when the screen is first shown: after its first frames (Textual lays the
screen out again when the terminal's size and the scroll bars are known), not among them."""


class MainScreen(MeetingActions):
    BINDINGS = [
        Binding("n", "next", "Næste"),
        Binding("p", "previous", "Forrige", show=False),
        Binding("g", "jump", "Gå til", show=False),
        Binding("d", "edit", "Beslutning"),
        Binding("f2", "quick('recommend')", "Anbefaler", show=False),
        Binding("f3", "quick('approved')", "Godkendt", show=False),
        Binding("f4", "quick('information')", "Til orientering", show=False),
        Binding("f5", "quick('no_remarks')", "Ingen bemærkn.", show=False),
        # F6 and F8 work in the editor too (TextArea binds F6 itself: priority wins; its F7 selects all)
        Binding("f6", f"quick('{labels.POSTPONE}')", "Udsat", show=False, priority=True),
        Binding("f8", "end_item", "Punktet slut", show=False, priority=True),
        Binding("full_stop", "end_item", "Punktet slut", show=False),
        Binding("a", "arrive", "Ankommer"),
        Binding("l", "leave", "Går"),
        Binding("i", "not_taking_part", "Deltager ikke"),
        Binding("j", "taking_part", "Deltager igen", show=False),
        Binding("s", "substitute", "Stedfortræder", show=False),
        Binding("v", "vote", "Afstemning"),
        Binding("m", "dissent", "Afvigende mening", show=False),
        Binding("u", "postpone", "Udsæt", show=False),
        Binding("plus", "add_item", "Nyt punkt", show=False),
        Binding("o", "summary", "Offentligt resumé", show=False),
        Binding("ctrl+z", "undo", "Fortryd", show=False),
        Binding("r", "corrections", "Ret", show=False),
        Binding("w", "preview_item", "Vis punkt", show=False),
        Binding("W", "preview_all", "Vis referat", show=False),
        Binding("t", "attendance", "Fremmøde"),
        Binding("T", "serve", "Formandens skærm i browser", show=False),
        Binding("e", "export", "Eksportér"),
        Binding("b", "pause", "Pause/genoptag", show=False),
        Binding("x", "close_meeting", "Afslut møde", show=False),
        Binding("G", "approve", "Godkend referatet (låser det)", show=False),
        Binding("R", "correct", "Rettelse til godkendt referat", show=False),
        Binding("f1,question_mark", "help", "Hjælp"),
        Binding("ctrl+q", "quit", "Afslut (gemmer alt)", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBar(id="status")
        with Horizontal(id="body"):
            yield AgendaList(id="agenda")
            with Vertical(id="center"):
                yield Label(id="item-title")
                yield CaseText(id="case")
                yield DecisionEditor(id="decision")
                yield PeopleStrip(id="people")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._shown_item: str | None = None
        self._shown_decision = ""  # the recorded decision the editor was last in step with
        self.watch(self.app, "revision", self.redraw, init=True)
        self.watch(self.app, "save_status", self.redraw_status)
        agenda = self.query_one(AgendaList)
        agenda.border_title = "Dagsorden"
        agenda.border_subtitle = "▶ i gang ✓ besluttet ⏸ udsat ! mangler"
        self.query_one(DecisionEditor).border_title = labels.DECISION_KEYS
        agenda.focus()

    # -- drawing ------------------------------------------------------------------------
    def redraw(self, _revision: int = 0) -> None:
        state, viewing = self.secretary.state, self.secretary.viewing
        self.query_one(AgendaList).show(state, viewing)
        self.redraw_status()
        self.show_lock()
        self.query_one(PeopleStrip).show(state, viewing)
        # Another item, or its decision changed by something other than the editor (undo,
        # corrections) while the editor holds no edits of its own: show it afresh.
        changed_elsewhere = state.item(
            viewing
        ).decision != self._shown_decision and self._editor_text() == as_edited(
            self._shown_decision
        )
        if viewing != self._shown_item or changed_elsewhere:
            self._show_item(viewing)

    def redraw_status(self, _status: SaveStatus = SaveStatus.SAVED) -> None:
        self.query_one(StatusBar).show(
            self.secretary.state,
            self.secretary.viewing,
            self.app.save_status,
            self.secretary.rehearsal,
        )

    def _show_item(self, item_id: str) -> None:
        state = self.secretary.state
        starting = self._shown_item is None  # the screen's first frames are still to come
        item_state = state.item(item_id)
        item = item_state.item
        heading = wording.item_heading(state.number(item_id), item.title, item.closed, item.flag)
        self.query_one("#item-title", Label).update(literal(heading))
        self.query_one(CaseText).show(item)
        editor = self.query_one(DecisionEditor)
        editor.display = item.kind != "underskriftsside"  # signed, not decided: no decision
        editor.load(item_state.decision)
        self._shown_item, self._shown_decision = item_id, item_state.decision
        position = state.position(item_id)  # from 1, so items[position] is the next one
        if position < len(state.items):  # the next item is the likeliest to be shown next
            following = state.items[position].item
            delay = PREPARE_AT_START if starting else PREPARE_NEXT
            self.set_timer(delay, lambda: self.query_one(CaseText).prepare(following))

    # -- the decision text ------------------------------------------------------------------
    @on(DecisionEditor.Changed)
    def _typing(self) -> None:
        recorded = self.secretary.state.item(self.secretary.viewing).decision
        if self._editor_text() != as_edited(recorded):
            self.app.save_status = SaveStatus.TYPING

    @on(DecisionEditor.Paused)
    def _paused(self) -> None:
        self.save_typed_text()

    def save_typed_text(self) -> None:
        """Record the decision text as it stands in the editor (HoldsTypedText)."""
        if self._shown_item is None:
            return
        kept = self.take_text_kept()  # typed right after d, not yet in the editor
        if kept:
            self.query_one(DecisionEditor).insert(kept)
        text = self._editor_text()
        recorded = self.secretary.state.item(self._shown_item).decision
        if text != as_edited(recorded):
            result = self.app.act(self.secretary.set_decision, text, self._shown_item)
            if result.ok:
                if result.value.dropped:  # the record holds the text without them
                    self.query_one(DecisionEditor).load(result.value.text)
                self._shown_decision = result.value.text  # the editor and the record agree
        if self.app.save_status is SaveStatus.TYPING:
            self.app.save_status = SaveStatus.SAVED

    def _editor_text(self) -> str:
        return self.query_one(DecisionEditor).text.strip("\n")

    @on(DecisionEditor.Done)
    def _leave_editor(self) -> None:
        self.query_one(AgendaList).focus()

    @ordinary_edit
    @focus_move
    def action_edit(self) -> None:
        if not self.signing():  # at once: the keys typed next go into it (base.focus_move)
            self.set_focus(self.query_one(DecisionEditor))

    @ordinary_edit
    @opens_dialog_when(_after_the_fact)
    def action_quick(self, name: str) -> None:
        if self.signing():
            return
        meeting = self.secretary.agenda.meeting
        text = labels.quick_texts(meeting.body, meeting.recommends_to)[name]
        editor = self.query_one(DecisionEditor)
        if editor.has_focus:
            editor.insert(text)
        else:
            current = self._editor_text()
            editor.load(f"{current}\n{text}" if current.strip() else text)
        self.save_typed_text()
        if name == labels.POSTPONE and not self.app.act(self.secretary.postpone).ok:
            return
        self._end_item(tell=False)  # the status line says so: no toast on every quick decision

    @ordinary_edit
    @opens_dialog_when(_after_the_fact)
    def action_end_item(self) -> None:
        """The handling of the item ends, after the decision typed (F8, or . outside the
        editor). Typing and autosave never end an item: only this key and F2-F6 do."""
        self.save_typed_text()
        if self._end_item(tell=True) is False:
            self.notify("Intet punkt er i gang.", severity="warning")

    def _end_item(self, tell: bool) -> bool:
        """End the item under way, if one is and it is the one shown (False if not).

        Live (or in a rehearsal) it ends now. After the fact no clock knows when: the time
        is asked, offered as the previous registration's (its seconds kept).
        """
        state = self.secretary.state
        if not (state.in_item and state.current == self.secretary.viewing):
            return False
        number = state.number(self.secretary.viewing)
        if not self.secretary.mode.uses_clock:
            self.set_focus(self.query_one(AgendaList))  # at once: keys typed next go to the dialog
            self._end_after_the_fact(number, tell)
            return True
        result = self.app.act(self.secretary.end_item)
        if tell and result.ok and result.value:
            self.notify(f"Behandlingen af punkt {number} er slut.")
        return True

    @dialog_flow
    async def _end_after_the_fact(self, number: int, tell: bool) -> None:
        ended = await flows.ask_time_until(
            self.app, f"Behandlingen af punkt {number} slutter kl.", self.secretary.end_item
        )
        if ended and tell:
            self.notify(f"Behandlingen af punkt {number} er slut.")

    # -- moving ---------------------------------------------------------------------------
    def _go(self, move: Callable[[], None]) -> None:
        self.save_typed_text()
        self.app.act(move)

    @opens_dialog_when(_typed_times)
    def action_next(self) -> None:
        self._step(1)

    @opens_dialog_when(_typed_times)
    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, offset: int) -> None:
        if not _typed_times(self):
            self._go(lambda: self.secretary.step(offset))
            return
        state, viewing = self.secretary.state, self.secretary.viewing
        ids = [s.item.id for s in state.items]
        index = ids.index(viewing) if viewing in ids else 0
        target = ids[min(max(index + offset, 0), len(ids) - 1)]
        if target != viewing or not state.in_item:
            self._take_up_after_the_fact(target)

    @dialog_flow
    async def _take_up_after_the_fact(self, target: str) -> None:
        """After the fact no clock gives the time: an item (the next, the previous, one
        picked in the list) is taken up at the time typed (offered: the latest registered)."""
        self.save_typed_text()
        number = self.secretary.state.number(target)
        await flows.ask_time_until(
            self.app,
            f"Punkt {number} tages op kl.",
            lambda time: self.secretary.go_to(target, time=time),
        )

    def action_jump(self) -> None:
        self.query_one(AgendaList).focus()

    @on(OptionList.OptionSelected, "#agenda")
    def _jump_to(self, event: OptionList.OptionSelected) -> None:
        item_id = event.option.id
        if item_id is not None and (
            item_id != self.secretary.viewing or not self.secretary.state.in_item
        ):
            if _typed_times(self):
                self._take_up_after_the_fact(item_id)
            else:
                self._go(lambda: self.secretary.go_to(item_id))

    @on(AgendaList.Rested)
    def _prepare_highlighted(self, event: AgendaList.Rested) -> None:
        """The row the highlight rests on may be jumped to: render its case text now."""
        self.query_one(CaseText).prepare(self.secretary.state.item(event.item_id).item)

    @ordinary_edit
    def action_postpone(self) -> None:
        if self.signing():
            return
        if self.app.act(self.secretary.postpone).ok:
            self.notify("Punktet er udsat.")

    @ordinary_edit
    @dialog_flow
    async def action_summary(self) -> None:
        item = self.secretary.state.item(self.secretary.viewing)
        if not item.item.closed:
            self.notify("Offentligt resumé bruges kun ved lukkede punkter.", severity="warning")
            return
        text = await self.app.push_screen_wait(
            TextPrompt(
                "Offentligt resumé af beslutningen (vises i det offentlige referat)", item.summary
            )
        )
        if text is not None:
            self.app.act(self.secretary.set_summary, text)

    @ordinary_edit
    @dialog_flow
    async def action_add_item(self) -> None:
        from meetingtui.ui.screens.add_item import AddItemScreen

        new = await self.app.push_screen_wait(AddItemScreen())
        if new is None:
            return
        added = self.app.act(self.secretary.add_item, new.title, new.case, new.closed)
        if added.ok:
            number = self.secretary.state.number(added.value)
            self.notify(f"Punkt {number} er tilføjet efter det aktuelle punkt; n går dertil.")


def as_edited(decision: str) -> str:
    """A recorded decision as the editor holds it: no control characters (an old record's)."""
    return without_controls(decision, multiline=True).strip("\n")
