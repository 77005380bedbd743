"""Event kinds that change earlier events: `retract` (undo, or a removal in the corrections
screen) and `amend` (a corrected time, or text).

They do not change the state when folded; they change which events are folded and
how. `effective()` applies them to the record, and the state is folded again from the
start after one (`EventKind.rewrites_past`). That is their fold, so it lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict, get_type_hints

from meetingtui import times
from meetingtui.eventkinds.definition import (
    Common,
    EventKind,
    IsoTime,
    Reason,
    RollStatus,
    Stored,
    parse_time,
)

if TYPE_CHECKING:
    from meetingtui.state import MeetingState


# -- retract: take an event back ---------------------------------------------------------------
class Retract(Common):
    kind: Literal["retract"]
    target: int  # the id of the event taken back
    undo: NotRequired[bool]  # made by undo (which steps over its own retractions)


# -- amend: change fields of an earlier event --------------------------------------------------
class AmendChanges(TypedDict, total=False):
    """The fields an amendment may change, each of the type it has in every kind holding it;
    validation refuses any other field (events.validate)."""

    time: IsoTime
    text: str
    name: str
    party: str
    status: RollStatus
    reason: Reason


class Amend(Common):
    kind: Literal["amend"]
    target: int
    changes: AmendChanges


AMENDABLE = frozenset(get_type_hints(AmendChanges))


def _rewrites_the_record(state: MeetingState, event: Retract | Amend) -> None:
    """Nothing: `effective()` has applied it to the events folded (see the module text)."""


def _describe_amend(e: Amend, state: MeetingState) -> str:
    time = e["changes"].get("time")
    if not time:
        return "Rettelse af et tidspunkt"
    return f"Rettelse af et tidspunkt til kl. {times.display(parse_time(time), state.agenda.meeting.timezone)}"


RETRACT = EventKind(
    Retract,
    _rewrites_the_record,
    lambda e, s: "Fjernelse af en registrering",
    rewrites_past=True,
)
AMEND = EventKind(Amend, _rewrites_the_record, _describe_amend, rewrites_past=True)

KINDS: tuple[EventKind[Any], ...] = (RETRACT, AMEND)
_REWRITING = frozenset(kind.name for kind in KINDS)


# -- the record as corrected -------------------------------------------------------------------
def retracted_ids(events: Sequence[Stored]) -> set[int]:
    """Ids of events taken back. A retraction can itself be taken back (undoing a removal
    made in the corrections screen), which puts its target back in force."""
    retracted: set[int] = set()
    for e in reversed(events):  # newest first: a retraction only ever targets older events
        if e["kind"] == "retract" and e.get("id") not in retracted:
            retracted.add(e["target"])
    return retracted


def effective(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events as they stand after every retraction and amendment."""
    if not any(e["kind"] in _REWRITING for e in events):  # the usual record: none at all
        return list(events)
    retracted = retracted_ids(events)
    amended: dict[int, dict[str, Any]] = {}
    for e in events:
        if e["kind"] == "amend" and e.get("id") not in retracted:
            changes = {k: v for k, v in e["changes"].items() if k in AMENDABLE}
            amended.setdefault(e["target"], {}).update(changes)
    out: list[dict[str, Any]] = []
    for e in events:
        if e["kind"] in _REWRITING or e.get("id") in retracted:
            continue
        out.append({**e, **amended[e["id"]]} if e.get("id") in amended else e)
    return out


def last_undoable(events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest change still in force (what undo takes back), or None.

    Undo's own retractions are skipped, so undo steps back one change at a time; a
    removal made in the corrections screen is a change like any other and can be undone.
    """
    retracted = retracted_ids(events)
    for e in reversed(events):
        if e.get("id") in retracted or (e["kind"] == "retract" and e.get("undo")):
            continue
        return e
    return None
