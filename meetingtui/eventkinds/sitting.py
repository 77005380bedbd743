"""Event kinds of the sitting and its people: opening and closing, roll call, the chair,
substitutes, arrivals and departures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NotRequired

from meetingtui import labels
from meetingtui.agenda.model import Person
from meetingtui.eventkinds.definition import (
    Common,
    EventKind,
    IsoTime,
    Placement,
    RollStatus,
    clock,
    who,
)
from meetingtui.seats import Movement

if TYPE_CHECKING:
    from meetingtui.state import MeetingState


# -- meeting_opened: the meeting begins (or goes on after being closed) ---------------------
class MeetingOpened(Common):
    kind: Literal["meeting_opened"]
    time: IsoTime
    chair: NotRequired[str]  # who chairs it, if not the formand


def _open(state: MeetingState, e: MeetingOpened) -> None:
    state.opened = state.local_time(e["time"])
    if state.began is None:
        state.began = state.opened
    state.closed = None
    chair = e.get("chair")
    if chair is not None and chair in state.seats:
        state.chair = chair


# -- meeting_closed ---------------------------------------------------------------------------
class MeetingClosed(Common):
    kind: Literal["meeting_closed"]
    time: IsoTime


def _close(state: MeetingState, e: MeetingClosed) -> None:
    closed = state.local_time(e["time"])
    state.closed = closed
    if state.in_item:
        state.ended[state.epoch] = closed
        state.replace_movements(closed)
    state.in_item = False


# -- meeting_suspended / meeting_resumed: a break ---------------------------------------------
# A break ends the item under way (its end is the suspension's time): movements during a
# break stand between items. The referat tells the break under the item taken up last
# before it (minutes.build), on the front page if none was.
class MeetingSuspended(Common):
    kind: Literal["meeting_suspended"]
    time: IsoTime


class MeetingResumed(Common):
    kind: Literal["meeting_resumed"]
    time: IsoTime


def _suspend(state: MeetingState, e: MeetingSuspended) -> None:
    if state.opened is None or state.closed is not None or state.suspended:
        return
    time = state.local_time(e["time"])
    if state.in_item:
        state.ended[state.epoch] = time
        state.in_item = False
        state.replace_movements(time)
    state.breaks.append((time, None))
    state.break_epochs.append(state.epoch)


def _resume(state: MeetingState, e: MeetingResumed) -> None:
    if state.suspended:
        state.breaks[-1] = (state.breaks[-1][0], state.local_time(e["time"]))


# -- roll_call: a member's status before the meeting ----------------------------------------
class RollCall(Common):
    kind: Literal["roll_call"]
    member: str
    status: RollStatus


def _roll_call(state: MeetingState, e: RollCall) -> None:
    if e["member"] in state.seats:
        state.seats[e["member"]].status = e["status"]


# -- chair_set: who leads the meeting ---------------------------------------------------------
class ChairSet(Common):
    kind: Literal["chair_set"]
    member: str


def _set_chair(state: MeetingState, e: ChairSet) -> None:
    if e["member"] in state.seats:
        state.chair = e["member"]


# -- substitute: someone sits in for a member, from the start or from a time ---------------
class Substitute(Common):
    kind: Literal["substitute"]
    member: str
    name: str
    party: str
    time: NotRequired[IsoTime]  # when they took the seat, if after the meeting opened


def _substitute(state: MeetingState, e: Substitute) -> None:
    seat = state.seats.get(e["member"])
    if seat is None:
        return
    seat.substitute = Person(e["name"], e["party"])
    if state.opened is None:
        seat.substitute_from = 0
    else:
        time = state.local_time(e.get("time") or e["at"])
        epoch, during, item = state.moment_at(time)
        move = Movement("arrived", time, epoch, during, item, e.get("id", 0), substitute=True)
        seat.substitute_from = move.threshold
        seat.add_movement(move)
        state.note_movement(time)


# -- arrived / left: a member (or their substitute) comes or goes during the meeting --------
# `placement` is the secretary's choice where the time alone would say otherwise:
# "during" (under the item taken up last, though it had ended) or "between" (after the
# item under way, before the next). Without it the time decides (timeline.where).
class Arrived(Common):
    kind: Literal["arrived"]
    member: str
    time: IsoTime
    placement: NotRequired[Placement]


class Left(Common):
    kind: Literal["left"]
    member: str
    time: IsoTime
    placement: NotRequired[Placement]


def _move(state: MeetingState, e: Arrived | Left) -> None:
    seat = state.seats.get(e["member"])
    if seat is None:
        return
    time = state.local_time(e["time"])
    placement = e.get("placement")
    epoch, during, item = state.place(time, placement)
    seat.add_movement(
        Movement(e["kind"], time, epoch, during, item, e.get("id", 0), placement=placement)
    )
    state.note_movement(time)


SUSPENDED = EventKind(
    MeetingSuspended, _suspend, lambda e, s: f"Mødet suspenderet {clock(s, e['time'])}"
)
RESUMED = EventKind(MeetingResumed, _resume, lambda e, s: f"Mødet genoptaget {clock(s, e['time'])}")
OPENED = EventKind(MeetingOpened, _open, lambda e, s: f"Mødet åbnet {clock(s, e['time'])}")
CLOSED = EventKind(MeetingClosed, _close, lambda e, s: f"Mødet afsluttet {clock(s, e['time'])}")
ROLL_CALL = EventKind(
    RollCall,
    _roll_call,
    lambda e, s: f"Navneopråb: {who(s, e['member'])} {labels.ROLL_STATUS[e['status']]}",
)
CHAIR_SET = EventKind(ChairSet, _set_chair, lambda e, s: f"Mødeleder: {who(s, e['member'])}")
SUBSTITUTE = EventKind(
    Substitute, _substitute, lambda e, s: f"Stedfortræder for {who(s, e['member'])}: {e['name']}"
)
ARRIVED = EventKind(
    Arrived, _move, lambda e, s: f"{who(s, e['member'])} ankom {clock(s, e['time'])}"
)
LEFT = EventKind(Left, _move, lambda e, s: f"{who(s, e['member'])} gik {clock(s, e['time'])}")

KINDS: tuple[EventKind[Any], ...] = (
    OPENED,
    CLOSED,
    SUSPENDED,
    RESUMED,
    ROLL_CALL,
    CHAIR_SET,
    SUBSTITUTE,
    ARRIVED,
    LEFT,
)
