"""The home screen: the meetings the app knows, to resume or start (`meetingtui` alone).

It shows what `meetingtui.meetings` found, the demo first and highlighted, and opens the
one chosen exactly as `meetingtui AGENDA [--record FILE] [--rehearse]` would
(`meetings.open_meeting`: the same session, lock and rehearsal rules). What the command
line would print and exit on, a notification shows and the list stays; a damaged record
is offered as a copy of what can be read, as the command line asks in the terminal. The
app takes the opened meeting (`HomeScreen.Opened`). Keys: ↑↓ and Enter, a digit opens
that row, q quits.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from meetingtui import files, labels, meetings, times, wording
from meetingtui.errors import MeetingtuiError, RecordDamaged
from meetingtui.meetings import KnownMeeting, Opening, Stage
from meetingtui.notices import Notice
from meetingtui.secretary import Secretary
from meetingtui.terminal_text import printable
from meetingtui.ui.literal import literal
from meetingtui.ui.screens.base import MeetingScreen, dialog_flow
from meetingtui.ui.screens.pickers import ChoicePicker
from meetingtui.ui.widgets.key_footer import KeyFooter


def title_line(meeting: KnownMeeting) -> str:
    """'Demo · Digitaliserings- og Innovationsudvalget, 20-11-2025 kl. 10.00'."""
    if meeting.start is None:  # no agenda read: the file stands for the meeting
        title = str(meeting.source)
    else:
        title = labels.home_meeting(meeting.body, meeting.start)
    if meeting.rehearsal:
        title = f"{wording.REHEARSAL} · {title}"
    if meeting.demo:
        title = f"{labels.HOME_DEMO} · {title}"
    return title


def status_line(meeting: KnownMeeting) -> str:
    """Where it stands, with what helps to choose: the item, the last registration, the file."""
    stage = labels.HOME_STAGE[meeting.stage.value]
    parts = []
    if meeting.stage is Stage.UNREADABLE:
        parts.append(f"{stage}: {meeting.problem}")
    elif meeting.stage is Stage.DAMAGED:
        parts += [f"{stage}: {meeting.problem}", labels.HOME_DAMAGED_OFFER]
    elif meeting.stage is Stage.IN_PROGRESS and meeting.at_item is not None:
        parts.append(f"{stage}, {labels.home_at_item(meeting.at_item, meeting.items)}")
    elif meeting.stage is Stage.CLOSED and meeting.closed is not None:
        parts.append(f"{stage} {labels.home_closed_at(meeting.closed)}")
        if meeting.approved is not None:
            parts.append(labels.home_approved(meeting.approved))
        else:
            parts.append(labels.HOME_READY_TO_EXPORT)
    else:
        parts.append(stage)
    if meeting.stage is Stage.NOT_STARTED and meeting.items:
        parts.append(labels.home_items(meeting.items))
    if meeting.last_registration is not None and meeting.stage is not Stage.CLOSED:
        parts.append(labels.home_last_registration(meeting.last_registration))
    if meeting.held_by:
        parts.append(labels.home_held_by(meeting.held_by))
    if meeting.demo:
        parts.append(labels.HOME_DEMO_NOTE)
    elif meeting.start is not None:  # else the title is the file already
        parts.append(str(meeting.source))
    return " · ".join(parts)


def row(number: int, meeting: KnownMeeting) -> Table:
    """Its number (the first nine), then the meeting over where it stands; a long line
    wraps under the text, not under the number. Literal: names and paths are data."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    text = Text.assemble(
        (printable(title_line(meeting)), "bold"), "\n", printable(status_line(meeting))
    )
    grid.add_row(Text(str(number) if number <= 9 else " "), text)
    return grid


class HomeScreen(MeetingScreen[None]):
    """The meetings the app knows; the one chosen is opened and handed to the app.

    Shown before any meeting is open: `self.secretary` does not exist yet here."""

    BINDINGS = [
        Binding("enter", "open", "Åbn", priority=True),
        Binding("q", "app.quit", "Afslut"),
        *(Binding(str(n), f"open_number({n})", show=False) for n in range(1, 10)),
    ]

    class Opened(Message):
        """A meeting is open: the app shows it (roll call, or the meeting if opened)."""

        def __init__(self, secretary: Secretary, notices: list[Notice]) -> None:
            super().__init__()
            self.secretary = secretary
            self.notices = notices

    def __init__(self, known: list[KnownMeeting], where: str, now: times.Now | None = None):
        super().__init__()
        self.known = known
        self.where = where
        self.now = now

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(labels.HOME_INTRO, id="home-intro")
        yield OptionList(
            *(
                Option(row(number, meeting), id=str(number))
                for number, meeting in enumerate(self.known, 1)
            ),
            id="meetings",
        )
        yield Static(literal(self.where), id="home-where", classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = labels.HOME_SUBTITLE
        listed = self.query_one("#meetings", OptionList)
        listed.highlighted = 0  # the demo: one Enter reaches it
        listed.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    def action_open(self) -> None:
        highlighted = self.query_one("#meetings", OptionList).highlighted
        if highlighted is not None:
            self.choose(highlighted)

    def action_open_number(self, number: int) -> None:
        if number <= len(self.known):
            self.query_one("#meetings", OptionList).highlighted = number - 1
            self.choose(number - 1)

    def choose(self, index: int) -> None:
        meeting = self.known[index]
        if meeting.opening is None:
            self.notify(labels.home_no_agenda(meeting.record), severity="warning", timeout=12)
        else:
            self.open(meeting.opening)

    def open(self, opening: Opening) -> None:
        try:
            secretary, notices = meetings.open_meeting(
                opening.agenda, opening.record, self.now, "" if opening.rehearse else None
            )
        except RecordDamaged as damage:
            self.offer_recovered_copy(opening, damage)
        except MeetingtuiError as error:
            self.notify(str(error), severity="error", timeout=15)
        except OSError as error:  # one line, as the command line gives it
            where = f"{error.filename}: " if error.filename else ""
            self.notify(f"{where}{files.reason(error)}", severity="error", timeout=15)
        else:
            self.post_message(self.Opened(secretary, notices))

    @dialog_flow
    async def offer_recovered_copy(self, opening: Opening, damage: RecordDamaged) -> None:
        question = (
            f"{labels.RECORD_DAMAGED} {labels.recover_question(damage.readable_events)} ({damage})"
        )
        choices = [("no", labels.RECOVER_NO), ("yes", labels.RECOVER_YES)]  # no, first
        if await self.app.push_screen_wait(ChoicePicker(question, choices)) != "yes":
            return
        try:
            copy = meetings.recover(Path(damage.path))
        except MeetingtuiError as error:
            self.notify(str(error), severity="error", timeout=15)
            return
        self.notify(labels.recovered(copy.path, copy.events, len(copy.left_out)), timeout=15)
        self.open(replace(opening, record=copy.path))
