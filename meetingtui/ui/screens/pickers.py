"""Small modal dialogs: pick a member, a reason, type a time or a text.

Titles, hints and options often hold names and text people typed: all are shown
literally (ui.literal); input fields drop pasted control characters (PlainInput).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from meetingtui import labels
from meetingtui.errors import MeetingtuiError
from meetingtui.events import REASONS
from meetingtui.ui.literal import PlainInput, literal
from meetingtui.ui.screens.base import MeetingDialog, ResultT


class Dialog(MeetingDialog[ResultT | None]):
    """A framed modal giving a ResultT; escape cancels (gives None)."""

    BINDINGS = [Binding("escape", "cancel", "Fortryd")]

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class PickedMember:
    member: str  # seat id
    time: str | None  # as typed (empty: now); None when the picker asked for no time
    placement: str | None = None  # "during"/"between" when flipped; None: by the time


Move = Callable[[str, str | None, str | None], object]
"""An arrival or departure: Secretary.arrive or .leave (member, time, placement)."""


class MemberPicker(Dialog[PickedMember]):
    """Pick a member (enter); optionally with a time (tab to edit; empty = now).

    For an arrival or departure (`kind` "arrived"/"left", `move` the Secretary's action)
    it shows where the registration will stand at the time typed, Ctrl+F flips it to the
    other place, and it records the move itself: a refused time keeps the dialog open,
    the reason shown inside it and the member still chosen.
    """

    BINDINGS = [Binding("ctrl+f", "flip", "Anden placering", show=False, priority=True)]

    def __init__(
        self,
        title: str,
        members: list[tuple[str, str]],
        time: str | None = None,
        kind: str | None = None,
        move: Move | None = None,
    ):
        super().__init__()
        self.title_text = title
        self.members = members
        self.time = time
        self.kind = kind
        self.move = move
        self.flipped = False
        self.typed = ""  # typed to find a member by part of the name

    def _options(self) -> list[Option]:
        """The members whose label holds what was typed; the first nine numbered 1-9."""
        wanted = self.typed.casefold()
        return [
            Option(literal(f"{number if number <= 9 else ' '}  {label}"), id=mid)
            for number, (mid, label) in enumerate(self.members, 1)
            if wanted in label.casefold()
        ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Label(id="search", classes="hint")
            yield OptionList(*self._options(), id="members")
            if self.time is not None:
                yield Label("Tidspunkt (TT.MM, tom = nu):")
                yield PlainInput(self.time, id="time")
            if self.kind is not None:
                yield Label(id="placement")
                yield self.refused_line()
            tab = " · Tab tidspunkt" if self.time is not None else ""
            yield Label(
                literal(f"1-9, skriv en del af navnet eller ↑↓ · Enter gem{tab} · Esc fortryd"),
                classes="hint",
            )

    def on_key(self, event: events.Key) -> None:
        """In the list: a digit picks that member, letters find by part of the name."""
        members = self.query_one("#members", OptionList)
        if self.focused is not members or self.app.screen is not self:
            return  # not in the list, or already dismissed (base.HoldsKeys passes it on)
        char = event.character or ""
        if char and char in "123456789" and int(char) <= len(self.members):
            event.stop()
            self._finish(self.members[int(char) - 1][0])
        elif char.isalpha() or (char == " " and self.typed) or event.key == "backspace":
            event.stop()
            self.typed = self.typed[:-1] if event.key == "backspace" else self.typed + char
            self._find()

    def _find(self) -> None:
        members = self.query_one("#members", OptionList)
        members.set_options(self._options())
        if members.option_count:
            members.highlighted = 0
        search = self.query_one("#search", Label)
        search.display = bool(self.typed)
        found = "" if members.option_count else " · ingen fundet"
        search.update(literal(f"Søg: {self.typed}{found} (Backspace sletter)"))

    def on_mount(self) -> None:
        self.query_one("#search", Label).display = False
        self._show_placement()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.flipped = False  # another time: where it stands by that time first
        self._show_placement()

    def action_flip(self) -> None:
        if self.kind is not None:
            self.flipped = not self.flipped
            self._show_placement()

    def _typed_time(self) -> str | None:
        return self.query_one("#time", Input).value if self.time is not None else None

    def placement(self) -> str | None:
        """The placement chosen: None (by the time) unless flipped to the other place."""
        if self.kind is None or not self.flipped:
            return None
        try:
            other = self.secretary.alternative(self.kind, self._typed_time())
        except MeetingtuiError:
            return None
        if other is None:
            return None
        return "during" if other.during else "between"

    def _show_placement(self) -> None:
        if self.kind is None:
            return
        label = self.query_one("#placement", Label)
        time = self._typed_time()
        try:
            here = self.secretary.where(self.kind, time)
            other = self.secretary.alternative(self.kind, time)
        except MeetingtuiError as error:
            label.update(literal(str(error)))
            return
        if other is None:
            self.flipped = False
        shown, offered = (other, here) if self.flipped and other is not None else (here, other)
        text = f"Registreringen står {shown.words}"
        if offered is not None:
            text += f"\nCtrl+F: {offered.words} i stedet"
        label.update(literal(text, multiline=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._finish(event.option.id)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        option = self.query_one("#members", OptionList).highlighted_option
        if option is not None:
            self._finish(option.id)

    def _finish(self, member_id: str | None) -> None:
        if member_id is None:  # every option has an id; nothing to pick otherwise
            self.dismiss(None)
            return
        picked = PickedMember(member_id, self._typed_time(), self.placement())
        if self.move is not None:
            done = self.app.act(self.move, picked.member, picked.time, picked.placement)
            if not done.ok:
                self.show_refused(done.reason)
                return
        self.dismiss(picked)


class ReasonPicker(Dialog[str]):
    """Why a member does not take part: one of events.REASONS."""

    BINDINGS = [
        Binding(str(number), f"pick('{reason}')", labels.REASON[reason].capitalize())
        for number, reason in enumerate(REASONS, 1)
    ]

    def __init__(self, name: str):
        super().__init__()
        self.member_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                literal(f"Hvorfor deltager {self.member_name} ikke?"), classes="dialog-title"
            )
            yield OptionList(
                *[
                    Option(literal(f"{number}  {labels.REASON[reason].capitalize()}"), id=reason)
                    for number, reason in enumerate(REASONS, 1)
                ],
                id="reasons",
            )
            yield Label(literal(f"1-{len(REASONS)} eller ↑↓ Enter · Esc fortryd"), classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, reason: str) -> None:
        self.dismiss(reason)


class TextPrompt(Dialog[str]):
    """One line of text (a time, a name, a remark): enter returns it."""

    def __init__(
        self,
        title: str,
        value: str = "",
        hint: str = "Enter gem · Esc fortryd",
        placeholder: str = "",
    ):
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield PlainInput(self.value, placeholder=self.placeholder, id="value")
            yield Label(literal(self.hint), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class ChoicePicker(Dialog[str]):
    """Pick one of a few labelled choices (by id)."""

    def __init__(self, title: str, choices: list[tuple[str, str]]):
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(literal(label), id=cid) for cid, label in self.choices], id="choices"
            )
            yield Label("↑↓ vælg · Enter · Esc fortryd", classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
