"""What an event kind is: its shape (a TypedDict), its fold, its Danish description.

An `EventKind` is one frozen definition per kind of event:

- `shape`: a TypedDict naming the event's fields and their types. It is the only
  statement of the fields: validation (`events.validate`) reads them from it at start-up
  (`fields`), and mypy reads it to check the fold and the description. A field is read
  as: `str`, `int`, `bool`; `IsoTime` (an ISO 8601 time with offset); a `Literal` (one
  of these values); `list[X]` (a list, each element read as X); a nested TypedDict (an
  object holding those fields and no other: `amend`'s changes, `item_added`'s spec); a
  bare `dict` (any object). `NotRequired` fields are the kind's optional ones; the fields
  common to every event (`Common`: v, at, id) are not the kind's own.
- `fold(state, event)`: what the event does to the meeting state (state.MeetingState).
- `describe(event, state)`: one Danish line for the history list and the undo message.
- `rewrites_past`: the kind changes earlier events (retract, amend). Its fold changes
  nothing: `corrections.effective` applies it to the record before folding, so after
  one the state must be folded again from the start.
- `from_v1`: how an event written in version 1 of the format reads in the current shape,
  for a kind whose shape changed (see `eventkinds.upgrade`).

The kind's name is the `Literal` of its shape's `kind` field, so the two cannot differ.

Each module binds every definition to a name of its own (`ARRIVED = EventKind(...)`)
before listing them in its `KINDS`: mypy then infers `EventKind[Arrived]` and checks the
fold and the description against the shape. Written straight into the tuple, annotated
`EventKind[Any]`, they would not be checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Literal,
    NewType,
    NotRequired,
    TypeAlias,
    TypedDict,
    TypeVar,
    cast,
    get_args,
    get_origin,
    get_type_hints,
    is_typeddict,
)

import pendulum

from meetingtui import times

if TYPE_CHECKING:  # the state applies events through this module's kinds
    from meetingtui.state import MeetingState

# An ISO 8601 time with its offset, as `pendulum.DateTime.isoformat()` writes it.
IsoTime = NewType("IsoTime", str)

RollStatus = Literal["present", "afbud", "absent", "later"]
Placement = Literal["during", "between"]
Reason = Literal["inhabil", "left_room", "other"]
ROLL_STATUSES: tuple[str, ...] = get_args(RollStatus)
REASONS: tuple[str, ...] = get_args(Reason)


@dataclass(frozen=True)
class ListOf:
    """A list whose every element is read as `item`."""

    item: FieldType


@dataclass(frozen=True)
class Shape:
    """A nested object: its required and optional fields, and no others."""

    name: str
    required: Mapping[str, FieldType]
    optional: Mapping[str, FieldType]


# How validation checks a field: a type, "time" (an ISO time), one of a tuple of values,
# a list of one of these (ListOf), or a nested object (Shape).
TIME = "time"
FieldType: TypeAlias = type | tuple[str, ...] | str | ListOf | Shape


class Common(TypedDict):
    """The fields of every event: format version, when it was recorded, and (once in the
    record) its id. Each kind's shape adds `kind: Literal["<name>"]` and its own fields."""

    v: int
    at: IsoTime
    id: NotRequired[int]


COMMON_FIELDS = frozenset({"v", "kind", "at", "id"})

# A stored event: a validated JSON object, as the record holds it.
Stored = Mapping[str, Any]
E = TypeVar("E", bound=Mapping[str, object])


@dataclass(frozen=True)
class EventKind(Generic[E]):
    shape: type[E]
    fold: Callable[[MeetingState, E], None]
    describe: Callable[[E, MeetingState], str]
    rewrites_past: bool = False
    from_v1: Callable[[Stored], dict[str, Any]] | None = None
    name: str = field(init=False)

    def __post_init__(self) -> None:
        (name,) = get_args(get_type_hints(self.shape)["kind"])
        object.__setattr__(self, "name", name)

    # What validation checks, read off the shape at the first validation, not at import:
    # every start would pay for it, and an opened record's checked lines need none.
    @cached_property
    def _own_fields(self) -> tuple[dict[str, FieldType], dict[str, FieldType]]:
        return fields_of(self.shape)

    @property
    def fields(self) -> Mapping[str, FieldType]:
        """The kind's own required fields."""
        return self._own_fields[0]

    @property
    def optional(self) -> Mapping[str, FieldType]:
        """The kind's own optional fields."""
        return self._own_fields[1]

    def fold_stored(self, state: MeetingState, event: Stored) -> None:
        """Fold a validated event of this kind, in the current shape (see `upgrade`)."""
        self.fold(state, cast(E, event))

    def line(self, event: Stored, state: MeetingState) -> str:
        """The Danish line for a validated event of this kind."""
        return self.describe(cast(E, event), state).strip()


def fields_of(
    shape: type, nested: bool = False
) -> tuple[dict[str, FieldType], dict[str, FieldType]]:
    """A shape's own fields, (required, optional), each with how validation checks it.

    An event's shape leaves out the fields common to every event; a `nested` one (an
    object inside an event) keeps them all. Every field of a `total=False` shape is optional.
    """
    required: dict[str, FieldType] = {}
    optional: dict[str, FieldType] = {}
    optional_keys: frozenset[str] = getattr(shape, "__optional_keys__", frozenset())
    for name, hint in get_type_hints(shape, include_extras=True).items():
        if name in COMMON_FIELDS and not nested:
            continue
        if get_origin(hint) is NotRequired:
            optional[name] = field_type(get_args(hint)[0])
        elif name in optional_keys:
            optional[name] = field_type(hint)
        else:
            required[name] = field_type(hint)
    return required, optional


def field_type(hint: Any) -> FieldType:
    if hint is IsoTime:
        return TIME
    if get_origin(hint) is Literal:
        return tuple(get_args(hint))
    if hint in (str, int, bool, list, dict):
        return cast(type, hint)
    if get_origin(hint) is list:
        return ListOf(field_type(get_args(hint)[0]))
    if get_origin(hint) is dict:
        return dict
    if is_typeddict(hint):
        required, optional = fields_of(hint, nested=True)
        return Shape(hint.__name__, required, optional)
    raise TypeError(f"an event field cannot be of type {hint!r}")


def parse_time(value: str) -> pendulum.DateTime:
    # datetime.fromisoformat reads what isoformat() wrote, at a tenth of pendulum.parse's cost
    return pendulum.instance(datetime.fromisoformat(value))


# -- pieces of the Danish lines -------------------------------------------------------------
def who(state: MeetingState, member: str) -> str:
    seat = state.seats.get(member)
    return seat.member.name if seat else member


def item_ref(state: MeetingState, item_id: str) -> str:
    return f"punkt {state.number(item_id)}" if state.has_item(item_id) else "et punkt"


def clock(state: MeetingState, value: str) -> str:
    return f"kl. {times.display(parse_time(value), state.agenda.meeting.timezone)}"


def short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
