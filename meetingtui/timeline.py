"""One rule for every time in a meeting: where it may lie, and where a movement stands.

Pure: given the meeting state and a candidate time for a kind of registration, `check`
accepts it (returning the time as placed) or refuses it with a Danish reason
(`TimeRefused`). The Secretary sends every time through here: the opening, items taken
up and ended, arrivals, departures, substitutes stepping in, breaks, the closing, and
every correction (`consistent`, on the meeting as the correction would leave it).

The rules, in the secretary's words:
- Nothing lies before the meeting's opening or after its close.
- Items start in the order they were handled (not necessarily the agenda's): an item is
  taken up at or after the previous one started and ended, and after a break began.
- An item ends at or after it was taken up; the close comes after everything recorded.
- Only a live meeting (or a rehearsal) on its own day asks the clock: a time more than
  two minutes ahead of it has not yet come (except the opening, which may be the
  announced start, and the first item, which starts with it). A meeting entered after the fact is not
  held to the clock.
- A meeting running past midnight: a typed time earlier than the opening, and within
  twelve hours after it on the next day, is the next day (`read`).

Where a movement stands (`where`): under the item under way at its time; after an item
has ended and before the next is taken up, between the two ("før behandlingen af punkt
N+1" for an arrival, "efter behandlingen af punkt N" for a departure); the secretary
may choose the other (`placement`), which the record keeps.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import pendulum

from meetingtui import times
from meetingtui.agenda import Agenda
from meetingtui.errors import MeetingtuiError
from meetingtui.state import MeetingState

AHEAD = pendulum.duration(minutes=2)  # a clock a little behind the secretary's watch
NEXT_DAY = pendulum.duration(hours=12)  # how far past midnight a typed time may reach


class TimeRefused(MeetingtuiError):
    """A time that does not fit the meeting (the message, in Danish, says why)."""


class Mode(enum.Enum):
    """How a meeting is run: live (its date is today: the clock gives the times), after the
    fact (its date is past: every time is typed) or a rehearsal (a simulated clock, a
    record of its own, exports marked PRØVE)."""

    LIVE = "live"
    AFTER_THE_FACT = "after_the_fact"
    REHEARSAL = "rehearsal"

    @property
    def uses_clock(self) -> bool:
        return self is not Mode.AFTER_THE_FACT


def mode_for(agenda: Agenda, today: pendulum.Date) -> Mode:
    """The mode a meeting opens in by its date: today live, past after the fact, a future
    date only as a rehearsal (the CLI's --rehearse)."""
    day = agenda.meeting.date
    if day == today:
        return Mode.LIVE
    return Mode.AFTER_THE_FACT if day < today else Mode.REHEARSAL


# -- reading a typed time ------------------------------------------------------------------------
def read(state: MeetingState, text: str) -> pendulum.DateTime:
    """A typed time on the meeting's day, or the next day for a meeting past midnight."""
    meeting = state.agenda.meeting
    when = times.parse(text, meeting.date, meeting.timezone)
    began = state.began
    if began is not None and when < began:
        try:
            later = times.parse(text, meeting.date.add(days=1), meeting.timezone)
        except MeetingtuiError:
            return when
        if later - began <= NEXT_DAY:
            return later
    return when


def show(state: MeetingState, when: pendulum.DateTime) -> str:
    return times.display(when, state.agenda.meeting.timezone)


# -- where a movement stands -----------------------------------------------------------------------
@dataclass(frozen=True)
class Where:
    """Where a movement at a time stands: the epoch (the item taken up last by then),
    whether during it, which item, and the Danish words ("under behandlingen af punkt 3")."""

    epoch: int
    during: bool
    item: str | None
    words: str


def where(
    state: MeetingState, kind: str, when: pendulum.DateTime, placement: str | None = None
) -> Where:
    """Where an arrival or departure (`kind`) at `when` would stand, with its words for the
    dialog. Between items an arrival stands before the next item (when one was taken up
    after it) and a departure after the last one, as the referat says them.

    A time outside the meeting stands nowhere: TimeRefused, with `check`'s own words."""
    _inside(state, when)
    epoch, during, item = state.place(when, placement)
    if during and item is not None:
        return Where(epoch, True, item, f"under behandlingen af punkt {state.number(item)}")
    after = _taken(state, epoch)
    before = _taken(state, epoch + 1)
    if kind == "arrived" and before is not None:
        words = f"før behandlingen af punkt {state.number(before)}"
    elif after is not None:
        words = f"efter behandlingen af punkt {state.number(after)}"
    elif before is not None:
        words = f"før behandlingen af punkt {state.number(before)}"
    else:
        words = "før det første punkt"
    return Where(epoch, False, None, words)


def alternative(state: MeetingState, kind: str, when: pendulum.DateTime) -> Where | None:
    """The other place the secretary may choose for a movement at `when` (the dialog's
    one-key flip), None if there is none (before any item). During item N the other
    place is "efter punkt N, før punkt N+1"; between items, under the item before."""
    here = where(state, kind, when)
    if here.epoch < 1:
        return None
    return where(state, kind, when, "during" if not here.during else "between")


def _taken(state: MeetingState, epoch: int) -> str | None:
    found = state.taken[epoch - 1] if 1 <= epoch <= len(state.taken) else None
    return found if found and state.has_item(found) else None


# -- checking a time -------------------------------------------------------------------------------
def latest(state: MeetingState) -> pendulum.DateTime | None:
    """The latest time recorded in the meeting (openings, item starts and ends, breaks,
    movements, the close)."""
    moments = [t for t, _ in state.openings]
    moments += list(state.ended.values())
    moments += [t for pause in state.breaks for t in pause if t is not None]
    moments += [m.time for seat in state.seats.values() for m in seat.movements]
    moments += [t for t in (state.began, state.opened, state.closed) if t is not None]
    return max(moments) if moments else None


def _handled_by(state: MeetingState) -> pendulum.DateTime | None:
    """The latest time of the meeting's order: items taken up and ended, breaks."""
    moments = [t for t, _ in state.openings] + list(state.ended.values())
    moments += [t for pause in state.breaks for t in pause if t is not None]
    moments += [t for t in (state.opened,) if t is not None]
    return max(moments) if moments else None


def check(
    state: MeetingState,
    kind: str,
    when: pendulum.DateTime,
    now: pendulum.DateTime | None = None,
) -> pendulum.DateTime:
    """`when` if a registration of `kind` may lie there, else TimeRefused (in Danish).

    `now` is the clock's time on the meeting's day, for a meeting run by the clock (live,
    or a rehearsal); None for one entered after the fact.
    """
    at = show(state, when)
    recorded = latest(state)  # an opening typed ahead of the clock moves "now" on to it
    if now is not None and recorded is not None and recorded > now:
        now = recorded
    if now is not None and when > now + AHEAD and kind != "meeting_opened":
        raise TimeRefused(f"Kl. {at} er endnu ikke kommet (klokken er {show(state, now)}).")
    began, closed = state.began, state.closed
    if kind == "meeting_opened":
        if closed is not None and when < closed:
            raise TimeRefused(
                f"Mødet kan ikke genåbnes kl. {at}: det sluttede kl. {show(state, closed)}."
            )
        first = _first_registered(state) if closed is None else None
        if first is not None and when > first:
            raise TimeRefused(
                f"Mødet kan ikke begynde kl. {at}: der er registreret noget kl. {show(state, first)}."
            )
        return when
    if began is None:
        raise TimeRefused("Mødet er ikke åbnet.")
    _not_before_opening(state, when)
    if kind == "meeting_closed":
        last = latest(state)
        if last is not None and when < last:
            raise TimeRefused(
                f"Mødet kan ikke slutte kl. {at}: der er registreret noget kl. {show(state, last)}."
            )
        return when
    _not_after_close(state, when)
    if kind in ("item_opened", "meeting_suspended"):
        last = _handled_by(state)
        if last is not None and when < last:
            what = (
                "Punktet kan ikke tages op"
                if kind == "item_opened"
                else "Mødet kan ikke suspenderes"
            )
            raise TimeRefused(
                f"{what} kl. {at}: mødet var nået til kl. {show(state, last)} "
                "(punkterne begynder i den rækkefølge, de blev behandlet)."
            )
    elif kind == "item_closed":
        started = state.openings[-1][0] if state.openings else began
        if when < started:
            raise TimeRefused(
                f"Punktet kan ikke slutte kl. {at}: det blev taget op kl. {show(state, started)}."
            )
    elif kind == "meeting_resumed":
        pause = state.breaks[-1][0] if state.breaks else began
        if when < pause:
            raise TimeRefused(
                f"Mødet kan ikke genoptages kl. {at}: det blev suspenderet kl. {show(state, pause)}."
            )
    return when


def _not_before_opening(state: MeetingState, when: pendulum.DateTime) -> None:
    began = state.began
    if began is not None and when < began:
        raise TimeRefused(
            f"Kl. {show(state, when)} er før mødet begyndte (kl. {show(state, began)}); "
            "ret navneopråbet i stedet."
        )


def _not_after_close(state: MeetingState, when: pendulum.DateTime) -> None:
    closed = state.closed
    if closed is not None and when > closed:
        raise TimeRefused(
            f"Kl. {show(state, when)} er efter mødet sluttede (kl. {show(state, closed)})."
        )


def _inside(state: MeetingState, when: pendulum.DateTime) -> None:
    """Refuse a time before the opening or after the close, in `check`'s words."""
    _not_before_opening(state, when)
    _not_after_close(state, when)


def _first_registered(state: MeetingState) -> pendulum.DateTime | None:
    moments = [t for t, _ in state.openings] + list(state.ended.values())
    moments += [m.time for seat in state.seats.values() for m in seat.movements]
    return min(moments) if moments else None


def consistent(state: MeetingState) -> str | None:
    """None if the meeting's times are in order; else the first disorder, in Danish.

    What a correction must leave true: item starts in the order handled, each end after
    its start and no later than the next start, nothing before the opening or after the
    close. Movements need no order: wherever they lie, they are placed by their time.
    """
    began, closed = state.began, state.closed
    previous: pendulum.DateTime | None = None
    for index, (started, epoch) in enumerate(state.openings):
        if began is not None and started < began:
            return f"et punkt ville begynde kl. {show(state, started)}, før mødet begyndte"
        if previous is not None and started < previous:
            return (
                f"et punkt ville begynde kl. {show(state, started)}, før det forrige "
                f"punkt (kl. {show(state, previous)})"
            )
        ended = state.ended.get(epoch)
        if ended is not None:
            if ended < started:
                return f"et punkt ville slutte kl. {show(state, ended)}, før det begyndte"
            following = state.openings[index + 1][0] if index + 1 < len(state.openings) else None
            if following is not None and ended > following:
                return (
                    f"et punkt ville slutte kl. {show(state, ended)}, efter det næste "
                    f"begyndte (kl. {show(state, following)})"
                )
        previous = ended or started
    moments = [m.time for seat in state.seats.values() for m in seat.movements]
    moments += [t for pause in state.breaks for t in pause if t is not None]
    for moment in moments:
        if began is not None and moment < began:
            return f"kl. {show(state, moment)} ville være før mødet begyndte"
        if closed is not None and moment > closed:
            return f"kl. {show(state, moment)} ville være efter mødet sluttede"
    if closed is not None and previous is not None and previous > closed:
        return f"mødet ville slutte kl. {show(state, closed)}, før det sidste punkt"
    return None
