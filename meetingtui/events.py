"""Event kinds of the meeting record, and their versioned JSON form.

Every action the secretary takes becomes one event, appended to the record and never
changed. An event is a JSON object:

    {"v": 1, "kind": "left", "at": "2025-11-20T11:31:02+01:00",
     "member": "jens-wistoft", "time": "2025-11-20T11:30:00+01:00", "item": "eventuelt"}

`v` is the event format version, `kind` one of KINDS below, `at` when it was recorded
(ISO 8601 with offset); the other fields are the kind's own (FIELDS). Undo and
corrections are events too (`retract`, `amend`), so the record keeps the whole history.
A reader refuses a version newer than VERSION rather than guess at it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pendulum

VERSION = 1

ROLL_STATUSES = ("present", "afbud", "absent")
REASONS = ("inhabil", "left_room", "other")
REASON_LABELS = {"inhabil": "inhabil", "left_room": "forlod lokalet", "other": "andet"}

# kind -> {field: type}; a type of tuple means "one of these values".
FIELDS: dict[str, dict[str, Any]] = {
    "meeting_opened": {"time": "time"},
    "meeting_closed": {"time": "time"},
    "roll_call": {"member": str, "status": ROLL_STATUSES},
    "chair_set": {"member": str},
    "substitute": {"member": str, "name": str, "party": str},
    "arrived": {"member": str, "time": "time"},
    "left": {"member": str, "time": "time"},
    "item_opened": {"item": str, "time": "time"},
    "item_closed": {"item": str, "time": "time"},
    "item_postponed": {"item": str},
    "decision_set": {"item": str, "text": str},
    "summary_set": {"item": str, "text": str},
    "not_taking_part": {"item": str, "member": str, "reason": REASONS},
    "taking_part": {"item": str, "member": str},
    "vote": {"item": str, "for": list, "against": list, "abstain": list},
    "dissent": {"item": str, "member": str, "text": str},
    "item_added": {"item": dict},
    "retract": {"target": int},
    "amend": {"target": int, "changes": dict},
}
KINDS = tuple(FIELDS)
# Fields every kind may carry besides its own.
OPTIONAL = {"note": str, "after": str, "item": str, "time": "time", "chair": str, "undo": bool}
AMENDABLE = {"time", "text", "name", "party", "status", "reason"}


class EventError(ValueError):
    """An event that is not valid; the message says which field and why."""


def make(kind: str, now: pendulum.DateTime | None = None, **fields: Any) -> dict:
    event = {"v": VERSION, "kind": kind, "at": (now or pendulum.now()).isoformat()}
    event.update({k: v for k, v in fields.items() if v is not None})
    validate(event)
    return event


def validate(event: Any) -> dict:
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
    if kind not in FIELDS:
        raise EventError(f"unknown event kind {kind!r}")
    for name, expected in FIELDS[kind].items():
        if name not in event:
            raise EventError(f"{kind} event lacks field '{name}'")
        _check(kind, name, event[name], expected)
    for name, expected in OPTIONAL.items():
        if name in event and name not in FIELDS[kind]:
            _check(kind, name, event[name], expected)
    _check(kind, "at", event.get("at"), "time")
    return event


def _check(kind: str, name: str, value: Any, expected: Any) -> None:
    if expected == "time":
        if not isinstance(value, str):
            raise EventError(f"{kind}.{name} must be an ISO time, not {value!r}")
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise EventError(f"{kind}.{name}: {value!r} is not an ISO time") from None
    elif isinstance(expected, tuple):
        if value not in expected:
            raise EventError(f"{kind}.{name}: {value!r} (expected one of {', '.join(expected)})")
    elif expected is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise EventError(f"{kind}.{name} must be a whole number")
    elif not isinstance(value, expected):
        raise EventError(f"{kind}.{name} must be of type {expected.__name__}")


def time_of(event: dict, field: str = "time") -> pendulum.DateTime | None:
    value = event.get(field)
    # datetime.fromisoformat reads what isoformat() wrote, at a tenth of pendulum.parse's cost
    return pendulum.instance(datetime.fromisoformat(value)) if value else None
