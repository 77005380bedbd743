"""The registry of event kinds: one definition per kind, each in one place.

A kind's definition (`definition.EventKind`) holds its fields (a TypedDict shape), its
fold into the meeting state and its Danish description line. They live in modules by
subject: `sitting` (the meeting and its people), `items` (the agenda's items),
`participation` (who takes part in an item, votes, dissent), `corrections` (retract,
amend) and `approval` (the referat approved and the record locked, corrections after it). `REGISTRY` below is the only list of kinds: `events.validate` checks events
against it, `MeetingState.apply` folds through it, `describe` words through it. A kind
missing its fold or its description cannot be defined, and an event of an unknown kind
never passes validation, so every event the state sees has a fold.

Events are stored as written; an event written in an earlier version of the format is
read in the current shape by `upgrade`, applied here before a fold or a description
(and by `events.validate` before checking the fields).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from meetingtui.eventkinds import approval, corrections, items, participation, sitting
from meetingtui.eventkinds.definition import EventKind, Stored

if TYPE_CHECKING:
    from meetingtui.state import MeetingState

REGISTRY: Mapping[str, EventKind[Any]] = {
    kind.name: kind
    for kind in (
        *sitting.KINDS,
        *items.KINDS,
        *participation.KINDS,
        *corrections.KINDS,
        *approval.KINDS,
    )
}


def upgrade(event: Stored) -> Stored:
    """A validated event in the current format's shape (the event itself if unchanged).

    Version 1 -> 2: `item_added` keeps the new item's spec in `spec`, not `item`.
    """
    if event.get("v") == 1:
        from_v1 = REGISTRY[event["kind"]].from_v1
        if from_v1 is not None:
            return from_v1(event)
    return event


def apply(state: MeetingState, event: Stored) -> None:
    """Fold one validated event into the state."""
    REGISTRY[event["kind"]].fold_stored(state, upgrade(event))


def apply_all(state: MeetingState, events: Iterable[Stored]) -> None:
    """Fold validated events in order, as `apply` does each (the fold of a whole record:
    thousands of events, without two calls per event around each kind's fold)."""
    kinds = REGISTRY
    for event in events:
        event = upgrade(event)
        kinds[event["kind"]].fold(state, event)


def describe(event: Stored, state: MeetingState) -> str:
    """One Danish line for a validated event (history list, undo message)."""
    return REGISTRY[event["kind"]].line(upgrade(event), state)


def rewrites_past(event: Stored) -> bool:
    """True for events that rewrite earlier ones: the state must be folded again."""
    return REGISTRY[event["kind"]].rewrites_past


__all__ = ["REGISTRY", "apply", "apply_all", "describe", "rewrites_past", "upgrade"]
