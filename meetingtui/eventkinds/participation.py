"""Event kinds of who takes part in an item and how: not taking part (and back again),
the vote, and a member's dissent (afvigende mening)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypedDict

from meetingtui import labels
from meetingtui.eventkinds.definition import Common, EventKind, Reason, item_ref, who
from meetingtui.item_state import Vote

if TYPE_CHECKING:
    from meetingtui.state import MeetingState


# -- not_taking_part / taking_part: a member present does not take part in an item ----------
class NotTakingPart(Common):
    kind: Literal["not_taking_part"]
    item: str
    member: str
    reason: Reason


def _not_taking_part(state: MeetingState, e: NotTakingPart) -> None:
    if state.has_item(e["item"]) and e["member"] in state.seats:
        item_state = state.item(e["item"])
        item_state.not_taking_part[e["member"]] = e["reason"]
        # from version 3 the referat says an inhabil member's own sentence (events.py)
        if e["v"] >= 3:
            item_state.own_sentence.add(e["member"])
        else:
            item_state.own_sentence.discard(e["member"])


class TakingPart(Common):
    kind: Literal["taking_part"]
    item: str
    member: str


def _taking_part(state: MeetingState, e: TakingPart) -> None:
    if state.has_item(e["item"]):
        state.item(e["item"]).not_taking_part.pop(e["member"], None)


# -- vote: seat ids in favour, against and abstaining; all empty takes the vote back --------
# "for" is a Python keyword: the groups are declared in the functional form.
_Groups = TypedDict("_Groups", {"for": list[str], "against": list[str], "abstain": list[str]})


class VoteCast(Common, _Groups):
    kind: Literal["vote"]
    item: str


def _vote(state: MeetingState, e: VoteCast) -> None:
    if not state.has_item(e["item"]):
        return

    def in_member_order(group: list[str]) -> tuple[str, ...]:
        chosen = set(group)  # a set: a vote of 2,000 members stays linear
        return tuple(m for m in state.seats if m in chosen)

    state.item(e["item"]).vote = (
        Vote(
            in_member_order(e["for"]), in_member_order(e["against"]), in_member_order(e["abstain"])
        )
        if (e["for"] or e["against"] or e["abstain"])
        else None
    )


def _describe_vote(e: VoteCast, state: MeetingState) -> str:
    counts = f"{len(e['for'])} for, {len(e['against'])} imod, {len(e['abstain'])} undlod"
    return f"Afstemning i {item_ref(state, e['item'])}: {counts}"


# -- dissent: a member's differing opinion, entered in the minutes ---------------------------
class Dissent(Common):
    kind: Literal["dissent"]
    item: str
    member: str
    text: str


def _dissent(state: MeetingState, e: Dissent) -> None:
    if state.has_item(e["item"]) and e["member"] in state.seats:
        state.item(e["item"]).dissents.append((e["member"], e["text"]))


NOT_TAKING_PART = EventKind(
    NotTakingPart,
    _not_taking_part,
    lambda e, s: (
        f"{who(s, e['member'])} deltager ikke i {item_ref(s, e['item'])} "
        f"({labels.REASON[e['reason']]})"
    ),
)
TAKING_PART = EventKind(
    TakingPart,
    _taking_part,
    lambda e, s: f"{who(s, e['member'])} deltager igen i {item_ref(s, e['item'])}",
)
VOTE = EventKind(VoteCast, _vote, _describe_vote)
DISSENT = EventKind(
    Dissent,
    _dissent,
    lambda e, s: f"Afvigende mening fra {who(s, e['member'])} i {item_ref(s, e['item'])}",
)

KINDS: tuple[EventKind[Any], ...] = (NOT_TAKING_PART, TAKING_PART, VOTE, DISSENT)
