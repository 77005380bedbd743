"""Event kinds of the agenda's items: taking one up and finishing it, postponing it, its
decision and public summary, and an item added during the meeting.

`item_added` is the one kind whose shape changed: version 1 kept the new item's
description in `item`, the field that holds an item's id in every other kind. From
version 2 it is in `spec`; `from_v1` reads a version-1 event in the new shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

from meetingtui.agenda.model import Item, slug
from meetingtui.eventkinds.definition import (
    Common,
    EventKind,
    IsoTime,
    Stored,
    clock,
    item_ref,
    short,
)
from meetingtui.item_state import ItemState

if TYPE_CHECKING:
    from meetingtui.state import MeetingState


# -- item_opened: an item is taken up (again) -------------------------------------------------
class ItemOpened(Common):
    kind: Literal["item_opened"]
    item: str
    time: IsoTime


def _open(state: MeetingState, e: ItemOpened) -> None:
    item_state = state.find(e["item"])
    if item_state is None:
        return
    time = state.local_time(e["time"])
    if state.in_item:
        state.ended.setdefault(state.epoch, time)
    state.epoch += 1
    state.taken.append(e["item"])
    state.openings.append((time, state.epoch))
    state.current, state.in_item = e["item"], True
    if item_state.epoch is None:
        item_state.epoch, item_state.opened_at = state.epoch, time
    state.replace_movements(time)


# -- item_closed: the item under way is finished ------------------------------------------------
class ItemClosed(Common):
    kind: Literal["item_closed"]
    item: str
    time: IsoTime


def _close(state: MeetingState, e: ItemClosed) -> None:
    if e["item"] == state.current and state.in_item:
        ended = state.local_time(e["time"])
        state.ended[state.epoch] = ended
        state.in_item = False
        state.replace_movements(ended)


# -- item_postponed ---------------------------------------------------------------------------
class ItemPostponed(Common):
    kind: Literal["item_postponed"]
    item: str


def _postpone(state: MeetingState, e: ItemPostponed) -> None:
    item_state = state.find(e["item"])
    if item_state is not None:
        item_state.postponed = True


# -- decision_set / summary_set: the item's decision, and a closed item's public summary ------
class DecisionSet(Common):
    kind: Literal["decision_set"]
    item: str
    text: str


def _decide(state: MeetingState, e: DecisionSet) -> None:
    item_state = state.find(e["item"])
    if item_state is not None:
        item_state.decision = e["text"]
        if e["text"].strip():
            item_state.postponed = False


class SummarySet(Common):
    kind: Literal["summary_set"]
    item: str
    text: str


def _summarise(state: MeetingState, e: SummarySet) -> None:
    item_state = state.find(e["item"])
    if item_state is not None:
        item_state.summary = e["text"]


# -- item_added: a new item put on the agenda during the meeting ------------------------------
class ItemSpec(TypedDict, total=False):
    id: str  # chosen from the title if not given; made unique
    title: str
    case: str
    closed: bool
    flag: bool


class ItemAdded(Common):
    kind: Literal["item_added"]
    spec: ItemSpec
    after: NotRequired[str]  # the item it follows; before Eventuelt if not given


def _add(state: MeetingState, e: ItemAdded) -> None:
    spec = e["spec"]
    # str() and bool(): validation checks that the spec is an object, not its values' types.
    title = str(spec.get("title", "")).strip() or "Nyt punkt"
    item_id = str(spec.get("id") or slug(title))
    while state.has_item(item_id):
        item_id += "-x"
    # With the agenda's own numbers (format 2) it takes the next free number after them
    # all, as published minutes do ("optaget på dagsordenen som punkt 59"); in format 1
    # it is numbered by its place, and the items after it move up one, as always.
    number = None
    if state.agenda.fixed_numbers:
        number = max((s.item.number or 0 for s in state.items), default=0) + 1
    item = Item(
        id=item_id,
        title=title,
        case=str(spec.get("case", "")),
        closed=bool(spec.get("closed", False)),
        flag=bool(spec.get("flag", False)),
        number=number,
    )
    state.insert_item(state.insert_position(e.get("after")), ItemState(item, added=True))


def _added_from_v1(event: Stored) -> dict[str, Any]:
    """Version 1 kept the spec in `item`; it is `spec` now."""
    upgraded = {k: v for k, v in event.items() if k != "item"}
    if "item" in event:
        upgraded["spec"] = event["item"]
    return upgraded


OPENED = EventKind(
    ItemOpened,
    _open,
    lambda e, s: f"Behandling af {item_ref(s, e['item'])} begyndt {clock(s, e['time'])}",
)
CLOSED = EventKind(
    ItemClosed,
    _close,
    lambda e, s: f"Behandling af {item_ref(s, e['item'])} afsluttet {clock(s, e['time'])}",
)
POSTPONED = EventKind(
    ItemPostponed, _postpone, lambda e, s: f"{item_ref(s, e['item']).capitalize()} udsat"
)
DECISION_SET = EventKind(
    DecisionSet, _decide, lambda e, s: f"Beslutning i {item_ref(s, e['item'])}: {short(e['text'])}"
)
SUMMARY_SET = EventKind(
    SummarySet,
    _summarise,
    lambda e, s: f"Offentligt resumé i {item_ref(s, e['item'])}: {short(e['text'])}",
)
ADDED = EventKind(
    ItemAdded,
    _add,
    lambda e, s: f"Punkt tilføjet: {e['spec'].get('title', '')}",
    from_v1=_added_from_v1,
)

KINDS: tuple[EventKind[Any], ...] = (OPENED, CLOSED, POSTPONED, DECISION_SET, SUMMARY_SET, ADDED)
