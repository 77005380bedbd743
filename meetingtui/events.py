"""The events of the meeting record: their versioned JSON form, made and validated.

Every action the secretary takes becomes one event, appended to the record and never
changed. An event is a JSON object:

    {"v": 2, "kind": "left", "at": "2025-11-20T11:31:02+01:00",
     "member": "jens-wistoft", "time": "2025-11-20T11:30:00+01:00", "item": "eventuelt"}

`v` is the event format version, `kind` one of the kinds in the registry
(`eventkinds.registry`; each kind's fields, fold and description are defined together
in `eventkinds`, and validation reads the fields from there),
`at` when it was recorded (ISO 8601 with offset); the other fields are the kind's own.
Undo and corrections are events too (`retract`, `amend`), so the record keeps the
whole history. A reader refuses a version newer than VERSION rather than guess at it.

Versions: 1 was the first. 2 moved `item_added`'s item description from `item` to
`spec` (`item` is an item's id in every other kind); nothing else changed, and version-1
events are read in the version-2 shape (`eventkinds.upgrade`), so old records load as
they did. 3 (issue 10) changed no shape: a member not taking part as inhabil in a
version-3 event is said in a sentence of its own ("X erklærede sig inhabil og deltog
ikke i sagens behandling."), in an older one among the others as before, so an old
record exports as it did. Version 3 also brought new kinds (item ends recorded by the
secretary, breaks) and the roll call's "later", which an older reader refuses. 4 (issue
12) changed no shape either: it brought the kinds `approved` (the referat approved, which
locks the record) and `correction` (a dated "Rettelse" after the approval), which an
older reader refuses rather than export a locked record as if it were open.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pendulum

from meetingtui.eventkinds.corrections import AMENDABLE
from meetingtui.eventkinds.definition import (
    REASONS,
    ROLL_STATUSES,
    TIME,
    EventKind,
    FieldType,
    ListOf,
    Shape,
    parse_time,
)
from meetingtui.eventkinds.registry import REGISTRY
from meetingtui.eventkinds.registry import upgrade as to_current

VERSION = 4


# Fields every kind may carry besides its own.
OPTIONAL: dict[str, FieldType] = {
    "note": str,
    "after": str,
    "item": str,
    "time": TIME,
    "chair": str,
    "undo": bool,
    "placement": ("during", "between"),
}


class EventError(ValueError):
    """An event that is not valid; the message says which field and why."""


def make(kind: str, now: pendulum.DateTime | None = None, **fields: Any) -> dict[str, Any]:
    """A new event of this kind, recorded now (fields that are None are left out)."""
    event = {"v": VERSION, "kind": kind, "at": (now or pendulum.now()).isoformat()}
    event.update({k: v for k, v in fields.items() if v is not None})
    validate(event)
    return event


def validate(event: Any) -> dict[str, Any]:
    """The event, if valid in its version (read in the current shape); else EventError."""
    if not isinstance(event, dict):
        raise EventError("an event must be a JSON object")
    version = event.get("v")
    if not isinstance(version, int) or version < 1:
        raise EventError(f"event version {version!r} is not a version number")
    if version > VERSION:
        raise EventError(
            f"event format version {version} was written by a newer meetingtui "
            f"(this one reads up to {VERSION})"
        )
    kind = event.get("kind")
    kinds = _registry()
    if not isinstance(kind, str) or kind not in kinds:
        raise EventError(f"unknown event kind {kind!r}")
    current = upgrade(event)
    definition = kinds[kind]
    for name, expected in definition.fields.items():
        if name not in current:
            raise EventError(f"{kind} event lacks field '{name}'")
        _check(f"{kind}.{name}", current[name], expected)
    for name, expected in {**OPTIONAL, **definition.optional}.items():
        if name in current and name not in definition.fields:
            _check(f"{kind}.{name}", current[name], expected)
    _check(f"{kind}.at", current.get("at"), TIME)
    return event


# Times outside these years are a hand-edited typo, and could not be moved to another
# time zone (year 1 or 9999 overflows).
TIME_YEARS = (1900, 2199)


def _check(where: str, value: Any, expected: FieldType) -> None:
    """Raise EventError if `value` (the field at `where`, e.g. 'amend.changes.time') is
    not what `expected` says; nested objects and list elements are checked too."""
    if expected == TIME:
        _check_time(where, value)
    elif isinstance(expected, tuple):
        if not isinstance(value, str) or value not in expected:
            raise EventError(f"{where}: {_shown(value)} (expected one of {', '.join(expected)})")
    elif isinstance(expected, ListOf):
        if not isinstance(value, list):
            raise EventError(f"{where} must be a list")
        for index, element in enumerate(value):
            _check(f"{where}[{index}]", element, expected.item)
    elif isinstance(expected, Shape):
        _check_object(where, value, expected)
    elif expected is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise EventError(f"{where} must be a whole number")
    elif isinstance(expected, type) and not isinstance(value, expected):
        raise EventError(f"{where} must be of type {expected.__name__}")


def _check_object(where: str, value: Any, shape: Shape) -> None:
    if not isinstance(value, dict):
        raise EventError(f"{where} must be an object")
    allowed = {**shape.required, **shape.optional}
    for name in value:
        if name not in allowed:
            raise EventError(
                f"{where}: field {_shown(name)} is not one of {', '.join(sorted(allowed))}"
            )
    for name in shape.required:
        if name not in value:
            raise EventError(f"{where} lacks field '{name}'")
    for name, item in value.items():
        _check(f"{where}.{name}", item, allowed[name])


def _check_time(where: str, value: Any) -> None:
    if not isinstance(value, str):
        raise EventError(f"{where} must be an ISO time, not {_shown(value)}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise EventError(f"{where}: {_shown(value)} is not an ISO time") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise EventError(f"{where}: {_shown(value)} has no UTC offset (expected e.g. +01:00)")
    if not TIME_YEARS[0] <= moment.year <= TIME_YEARS[1]:
        raise EventError(
            f"{where}: {_shown(value)} is not a plausible time "
            f"(expected a year from {TIME_YEARS[0]} to {TIME_YEARS[1]})"
        )


def _shown(value: Any, limit: int = 60) -> str:
    """A value for a message: its repr, cut short (a hand-edited record may hold anything)."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def upgrade(event: Mapping[str, Any]) -> Mapping[str, Any]:
    """A validated event in the current version's shape (see eventkinds.registry.upgrade)."""
    return to_current(event)


def _registry() -> Mapping[str, EventKind[Any]]:
    return REGISTRY


def time_of(event: Mapping[str, Any], field: str = "time") -> pendulum.DateTime | None:
    """An event's time field (None if it has none), with the offset it was stored with."""
    value = event.get(field)
    return parse_time(value) if value else None


__all__ = [
    "AMENDABLE",
    "OPTIONAL",
    "REASONS",
    "ROLL_STATUSES",
    "VERSION",
    "EventError",
    "make",
    "validate",
    "time_of",
    "upgrade",
]
