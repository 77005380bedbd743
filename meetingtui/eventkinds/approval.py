"""Event kinds after the meeting: the referat's approval, which locks the record, and the
dated corrections ("Rettelse") made after it.

`approved`: when the referat was approved (a date: 00:00 that day in the meeting's zone,
or the time given), how (signed on paper, approved at the body's next meeting, approved
in the body's own system), by whom (seat ids: the members who took part, preselected),
an optional note, and `seal`: the record's chain head just before the approval was
appended. Its `line_hash` (computed here while folding) is the hash of the approval's own
record line, seal and all: the full referat prints the newest approval's or correction's
as its fingerprint (fingerprint.py), so it anchors the approval's date, way and names as
well as the record before it. From then on the record is locked (`MeetingState.locked`): the Secretary records nothing but corrections.

`correction`: the secretary's Danish explanation of what was wrong and what is right,
about one item (`item`) or the meeting as a whole (no `item`: attendance, times, …).
With `field` ("decision" or "summary") and `new`, the item's decision or public summary
reads `new` from then on, and the correction keeps the text it replaces (`old`), so the
referat can say what it read before. Dated (`time`) and sealed like the approval.

A corrected decision works as `decision_set` does: a text un-postpones the item. The fold
never refuses (a hand-edited record folds as written); the Secretary checks the order
(after the close, one approval, corrections only after it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NotRequired

import pendulum

from meetingtui.eventkinds.definition import (
    Common,
    EventKind,
    IsoTime,
    item_ref,
    short,
)
from meetingtui.fingerprint import event_line_hash

if TYPE_CHECKING:
    from meetingtui.state import MeetingState

How = Literal["signed", "next_meeting", "own_system"]
Field = Literal["decision", "summary"]
HOWS: tuple[str, ...] = ("signed", "next_meeting", "own_system")
FIELDS: tuple[str, ...] = ("decision", "summary")


@dataclass(frozen=True)
class Approval:
    """The referat's approval, as the record holds it (`MeetingState.approval`)."""

    when: pendulum.DateTime  # in the meeting's zone; 00:00 when only a date was given
    how: str  # one of HOWS
    by: tuple[str, ...]  # seat ids, in the body's order
    note: str | None
    seal: str  # the record's chain head just before the approval
    line_hash: str | None = None  # its own record line's hash; None: folded without an id


@dataclass(frozen=True)
class Correction:
    """A correction made after the approval (`MeetingState.corrections`, oldest first)."""

    when: pendulum.DateTime
    text: str  # the secretary's explanation: what was wrong, what is right
    item: str | None  # the item's id; None: the meeting as a whole
    field: str | None  # "decision" or "summary": the item's text replaced by `new`
    old: str | None  # what that field read before (None without a field)
    new: str | None
    seal: str  # the record's chain head just before the correction
    line_hash: str | None = None  # its own record line's hash; None: folded without an id


# -- approved ----------------------------------------------------------------------------------
class Approved(Common):
    kind: Literal["approved"]
    time: IsoTime
    how: How
    by: list[str]
    seal: str
    note: NotRequired[str]


def _approve(state: MeetingState, e: Approved) -> None:
    order = list(state.seats)
    by = sorted(dict.fromkeys(e["by"]), key=lambda s: order.index(s) if s in order else len(order))
    state.approval = Approval(
        when=state.local_time(e["time"]),
        how=e["how"],
        by=tuple(by),
        note=e.get("note"),
        seal=e["seal"],
        line_hash=_line_hash(e),
    )


def _line_hash(e: Approved | CorrectionEvent) -> str | None:
    """The hash of the sealing event's own record line: written with `prev` equal to its
    seal (record/chain.py), so computed from the event as stored. None for an event
    folded without its record id (not read from a record)."""
    number = e.get("id")
    if not isinstance(number, int) or isinstance(number, bool):
        return None
    return event_line_hash(e, e["seal"])


# The history list's words for each way (the referat's own sentences are in wording.py).
HOW_WORDS = {
    "signed": "ved underskrift",
    "next_meeting": "på næste møde",
    "own_system": "i eget system",
}


def _day(state: MeetingState, value: str) -> str:
    return state.local_time(value).format("DD-MM-YYYY")


def _describe_approval(e: Approved, state: MeetingState) -> str:
    return f"Referatet godkendt {HOW_WORDS.get(e['how'], '')} den {_day(state, e['time'])}"


# -- correction ---------------------------------------------------------------------------------
class CorrectionEvent(Common):
    kind: Literal["correction"]
    text: str
    time: IsoTime
    seal: str
    item: NotRequired[str]
    field: NotRequired[Field]
    new: NotRequired[str]


def _correct(state: MeetingState, e: CorrectionEvent) -> None:
    item_id = e.get("item")
    field, new, old = e.get("field"), e.get("new"), None
    if item_id is not None and state.has_item(item_id) and field and new is not None:
        item_state = state.item(item_id)
        if field == "decision":
            # as the approved referat printed it ("Udsat." for a postponed item)
            old, item_state.decision = item_state.printed_decision, new
            if new.strip():
                item_state.postponed = False
        else:
            old, item_state.summary = item_state.summary, new
    else:
        field, new = None, None  # nothing replaced: a correction in words only
    state.corrections.append(
        Correction(
            when=state.local_time(e["time"]),
            text=e["text"],
            item=item_id,
            field=field,
            old=old,
            new=new,
            seal=e["seal"],
            line_hash=_line_hash(e),
        )
    )


def _describe_correction(e: CorrectionEvent, state: MeetingState) -> str:
    where = f" i {item_ref(state, e['item'])}" if e.get("item") else ""
    return f"Rettelse {_day(state, e['time'])}{where}: {short(e['text'])}"


APPROVED = EventKind(Approved, _approve, _describe_approval)
CORRECTION = EventKind(CorrectionEvent, _correct, _describe_correction)

KINDS: tuple[EventKind[Any], ...] = (APPROVED, CORRECTION)


def newest_seal(state: MeetingState) -> str | None:
    """The newest correction's seal, else the approval's: the chain before it."""
    if state.corrections:
        return state.corrections[-1].seal
    return state.approval.seal if state.approval else None


def newest_line_hash(state: MeetingState) -> str | None:
    """The fingerprint the full referat prints: the hash of the newest correction's own
    record line, else the approval's (None before the approval)."""
    if state.corrections:
        return state.corrections[-1].line_hash
    return state.approval.line_hash if state.approval else None


__all__ = [
    "FIELDS",
    "HOWS",
    "HOW_WORDS",
    "KINDS",
    "Approval",
    "Correction",
    "newest_line_hash",
    "newest_seal",
]
