"""The state of a meeting: a pure fold of the agenda and the recorded events.

`fold(agenda, events)` gives the state after any prefix of the record. The UI keeps a
state and `apply`s each new event (cheap); undo and corrections (`retract`, `amend`)
change the past, so after one of those the state is folded again from the start.

Where things live: the state and its parts in `state`, `seats` and `item_state`; what
each kind of event does to it (and its fields and description) in the registry,
`eventkinds`; the record as corrected (`effective`, `last_undoable`) with the kinds that
correct it, `eventkinds.corrections`. This module folds, and keeps those names importable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from meetingtui.agenda.model import Agenda
from meetingtui.eventkinds import registry
from meetingtui.eventkinds.corrections import effective, last_undoable, retracted_ids
from meetingtui.item_state import ItemState, Vote
from meetingtui.seats import Movement, Seat
from meetingtui.state import MeetingState, initial


def fold(agenda: Agenda, events: Sequence[dict[str, Any]], rehearsal: bool = False) -> MeetingState:
    """The state after these (validated) events, corrections applied (a rehearsal's state
    says so: its referat is marked PRØVE)."""
    state = initial(agenda)
    state.rehearsal = rehearsal
    registry.apply_all(state, effective(events))
    return state


def changes_past(event: Mapping[str, Any]) -> bool:
    """True for events that rewrite earlier ones: the state must be folded again."""
    return registry.rewrites_past(event)


__all__ = [
    "ItemState",
    "MeetingState",
    "Movement",
    "Seat",
    "Vote",
    "changes_past",
    "effective",
    "fold",
    "initial",
    "last_undoable",
    "retracted_ids",
]
