"""The meeting, item by item: agenda, case text, decision, people; every action a key away."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label, OptionList

from meetingtui import attendance, labels, wording
from meetingtui.meeting import Seat
from meetingtui.terminal_text import without_controls
from meetingtui.ui import flows
from meetingtui.ui.literal import literal
from meetingtui.ui.save_status import SaveStatus
from meetingtui.ui.screens.base import MeetingScreen
from meetingtui.ui.screens.pickers import MemberPicker, PickedMember, ReasonPicker, TextPrompt
from meetingtui.ui.widgets.agenda_list import AgendaList
from meetingtui.ui.widgets.case_text import CaseText
from meetingtui.ui.widgets.decision_editor import DecisionEditor
from meetingtui.ui.widgets.people_strip import PeopleStrip
from meetingtui.ui.widgets.status_bar import StatusBar


class MainScreen(MeetingScreen[None]):
    BINDINGS = [
        Binding("n", "next", "Næste"),
        Binding("p", "previous", "Forrige", show=False),
        Binding("g", "jump", "Gå til", show=False),
        Binding("d", "edit", "Beslutning"),
        Binding("f2", "quick('recommend')", "Anbefaler", show=False),
        Binding("f3", "quick('approved')", "Godkendt", show=False),
        Binding("f4", "quick('information')", "Til orientering", show=False),
        Binding("f5", "quick('no_remarks')", "Ingen bemærkn.", show=False),
        Binding("f6", f"quick('{labels.POSTPONE}')", "Udsat", show=False),
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
        Binding("e", "export", "Eksportér"),
        Binding("x", "close_meeting", "Afslut møde", show=False),
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
        yield Footer()

    def on_mount(self) -> None:
        self._shown_item: str | None = None
        self._shown_decision = ""  # the recorded decision the editor was last in step with
        self.watch(self.app, "revision", self.redraw, init=True)
        self.watch(self.app, "save_status", self.redraw_status)
        agenda = self.query_one(AgendaList)
        agenda.border_title = "Dagsorden"
        agenda.border_subtitle = "▶ i gang ✓ besluttet ⏸ udsat ! mangler"
        self.query_one(DecisionEditor).border_title = (
            "Beslutning · d skriv · F2 anbefaler · F3 godkendt · F4 til orientering · "
            "F5 ingen bemærkninger · F6 udsat · Esc færdig"
        )
        agenda.focus()

    # -- drawing ------------------------------------------------------------------------
    def redraw(self, _revision: int = 0) -> None:
        state, viewing = self.secretary.state, self.secretary.viewing
        self.query_one(AgendaList).show(state, viewing)
        self.redraw_status()
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
            self.secretary.state, self.secretary.viewing, self.app.save_status
        )

    def _show_item(self, item_id: str) -> None:
        state = self.secretary.state
        item_state = state.item(item_id)
        item = item_state.item
        heading = wording.item_heading(state.number(item_id), item.title, item.closed, item.flag)
        self.query_one("#item-title", Label).update(literal(heading))
        self.query_one(CaseText).show(item)
        self.query_one(DecisionEditor).load(item_state.decision)
        self._shown_item, self._shown_decision = item_id, item_state.decision
        number = state.number(item_id)
        if number < len(state.items):  # the next item is the likeliest to be shown next
            following = state.items[number].item
            self.set_timer(0.2, lambda: self.query_one(CaseText).prepare(following))

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

    def action_edit(self) -> None:
        self.query_one(DecisionEditor).focus()

    def action_quick(self, name: str) -> None:
        meeting = self.secretary.agenda.meeting
        text = labels.quick_texts(meeting.body, meeting.recommends_to)[name]
        editor = self.query_one(DecisionEditor)
        if editor.has_focus:
            editor.insert(text)
        else:
            current = self._editor_text()
            editor.load(f"{current}\n{text}" if current.strip() else text)
        self.save_typed_text()
        if name == labels.POSTPONE:
            self.app.act(self.secretary.postpone)

    # -- moving ---------------------------------------------------------------------------
    def _go(self, move: Callable[[], None]) -> None:
        self.save_typed_text()
        self.app.act(move)

    def action_next(self) -> None:
        self._go(lambda: self.secretary.step(1))

    def action_previous(self) -> None:
        self._go(lambda: self.secretary.step(-1))

    def action_jump(self) -> None:
        self.query_one(AgendaList).focus()

    @on(OptionList.OptionSelected, "#agenda")
    def _jump_to(self, event: OptionList.OptionSelected) -> None:
        item_id = event.option.id
        if item_id is not None and (
            item_id != self.secretary.viewing or not self.secretary.state.in_item
        ):
            self._go(lambda: self.secretary.go_to(item_id))

    def action_postpone(self) -> None:
        if self.app.act(self.secretary.postpone).ok:
            self.notify("Punktet er udsat.")

    # -- people -----------------------------------------------------------------------------
    def _members(self, where: Callable[[str, Seat], bool]) -> list[tuple[str, str]]:
        state = self.secretary.state
        return [
            (sid, wording.member_label(state.person(sid).name, state.person(sid).party))
            for sid, seat in state.seats.items()
            if where(sid, seat)
        ]

    @work(exclusive=True)
    async def action_arrive(self) -> None:
        members = self._members(lambda sid, seat: not attendance.seat_in_room(seat))
        picked = await self._pick("Hvem ankommer?", members, with_time=True)
        if picked:
            self.app.act(self.secretary.arrive, picked.member, picked.time)

    @work(exclusive=True)
    async def action_leave(self) -> None:
        members = self._members(lambda sid, seat: attendance.seat_in_room(seat))
        picked = await self._pick("Hvem går?", members, with_time=True)
        if picked:
            self.app.act(self.secretary.leave, picked.member, picked.time)

    @work(exclusive=True)
    async def action_not_taking_part(self) -> None:
        item = self.secretary.state.item(self.secretary.viewing)
        att = attendance.for_item(self.secretary.state, item.item.id)
        members = self._members(
            lambda sid, seat: sid in att.present and sid not in item.not_taking_part
        )
        picked = await self._pick("Hvem deltager ikke i dette punkt?", members)
        if not picked:
            return
        reason = await self.app.push_screen_wait(
            ReasonPicker(self.secretary.state.person(picked.member).name)
        )
        if reason:
            self.app.act(self.secretary.not_taking_part, picked.member, reason)

    @work(exclusive=True)
    async def action_taking_part(self) -> None:
        item = self.secretary.state.item(self.secretary.viewing)
        members = self._members(lambda sid, seat: sid in item.not_taking_part)
        picked = await self._pick("Hvem deltager alligevel i punktet?", members)
        if picked:
            self.app.act(self.secretary.taking_part, picked.member)

    @work(exclusive=True)
    async def action_substitute(self) -> None:
        members = self._members(lambda sid, seat: not attendance.seat_in_room(seat))
        picked = await self._pick("Stedfortræder for hvem?", members)
        if not picked:
            return
        person = await flows.ask_substitute(self.app, picked.member)
        if person:
            self.app.act(self.secretary.substitute, picked.member, *person)

    async def _pick(
        self, title: str, members: list[tuple[str, str]], with_time: bool = False
    ) -> PickedMember | None:
        if not members:
            self.notify("Ingen at vælge imellem.", severity="warning")
            return None
        time = self.secretary.now_text() if with_time else None
        return await self.app.push_screen_wait(MemberPicker(title, members, time))

    @work(exclusive=True)
    async def action_vote(self) -> None:
        from meetingtui.ui.screens.vote import VoteScreen

        result = await self.app.push_screen_wait(
            VoteScreen(self.secretary.state, self.secretary.viewing)
        )
        if result is not None:
            self.app.act(self.secretary.vote, result.in_favour, result.against, result.abstaining)

    @work(exclusive=True)
    async def action_dissent(self) -> None:
        att = attendance.for_item(self.secretary.state, self.secretary.viewing)
        members = self._members(lambda sid, seat: sid in att.taking_part)
        picked = await self._pick("Hvis afvigende mening skal tilføres protokollen?", members)
        if not picked:
            return
        name = self.secretary.state.person(picked.member).name
        text = await self.app.push_screen_wait(
            TextPrompt(
                f"Afvigende mening fra {name}: skriv kun selve bemærkningen",
                hint=f"Referatet skriver: {name} (…) ønskede følgende bemærkning tilført "
                'beslutningsprotokollen: "…" · Enter gem · Esc fortryd',
            )
        )
        if text:
            self.app.act(self.secretary.dissent, picked.member, text)

    @work(exclusive=True)
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

    @work(exclusive=True)
    async def action_add_item(self) -> None:
        from meetingtui.ui.screens.add_item import AddItemScreen

        new = await self.app.push_screen_wait(AddItemScreen())
        if new is None:
            return
        added = self.app.act(self.secretary.add_item, new.title, new.case, new.closed)
        if added.ok:
            number = self.secretary.state.number(added.value)
            self.notify(f"Punkt {number} er tilføjet efter det aktuelle punkt; n går dertil.")

    # -- the meeting ------------------------------------------------------------------------
    @work(exclusive=True)
    async def action_close_meeting(self) -> None:
        self.save_typed_text()
        if await flows.ask_time_until(self.app, "Mødet slutter kl.", self.secretary.close_meeting):
            self.notify("Mødet er afsluttet. Tryk e for at eksportere referatet.")

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

    def action_export(self) -> None:
        from meetingtui.ui.screens.export import ExportScreen

        self.save_typed_text()
        self.app.push_screen(ExportScreen())

    def action_help(self) -> None:
        from meetingtui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    async def action_quit(self) -> None:
        await self.app.action_quit()


def as_edited(decision: str) -> str:
    """A recorded decision as the editor holds it: no control characters (an old record's)."""
    return without_controls(decision, multiline=True).strip("\n")
