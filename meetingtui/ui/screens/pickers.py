"""Small modal dialogs: pick a member, a reason, type a time or a text.

Titles, hints and options often hold names and text people typed: all are shown
literally (ui.literal); input fields drop pasted control characters (PlainInput).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from meetingtui import labels
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


class MemberPicker(Dialog[PickedMember]):
    """Pick a member (enter); optionally with a time (tab to edit; empty = now)."""

    def __init__(self, title: str, members: list[tuple[str, str]], time: str | None = None):
        super().__init__()
        self.title_text = title
        self.members = members
        self.time = time

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(literal(label), id=mid) for mid, label in self.members], id="members"
            )
            if self.time is not None:
                yield Label("Tidspunkt (TT.MM, tom = nu):")
                yield PlainInput(self.time, id="time")
            tab = " · Tab tidspunkt" if self.time is not None else ""
            yield Label(literal(f"↑↓ vælg · Enter gem{tab} · Esc fortryd"), classes="hint")

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
        time = self.query_one("#time", Input).value if self.time is not None else None
        self.dismiss(PickedMember(member_id, time))


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
