"""Who was there, item by item: derived from the meeting state, never stored.

Rules (issue 2, and the reference minutes):
- A seat is filled from the roll call: present, or absent (afbud / without notice); a
  substitute named before the meeting opens fills an absent member's seat from the start.
- A member who arrives while an item is under way is absent for that item and present
  from the next item taken up; one who leaves while an item is under way is absent for
  that item and after. Arriving or leaving between items counts from the next item.
- An item's attendance is fixed when it is first taken up; an item not (yet) taken up is
  judged by attendance as it stands now.
- Quorum: quorate when 2 x taking part >= seats (or the agenda's fixed quorum); a member
  present but not taking part in an item does not count for that item.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from meetingtui import labels
from meetingtui.agenda import Person
from meetingtui.meeting import MeetingState, Seat


@dataclass(frozen=True)
class ItemAttendance:
    epoch: int
    present: tuple[str, ...]  # seat ids, member order
    absent_members: tuple[str, ...]  # seats whose own member was not there, member order
    not_taking_part: tuple[tuple[str, str], ...]  # (seat id, reason) of those present
    taking_part: tuple[str, ...]
    needed: int
    seats: int

    @property
    def quorate(self) -> bool:
        return len(self.taking_part) >= self.needed


@dataclass(frozen=True)
class MovementLine:
    name: str
    kind: str  # arrived / left
    time: pendulum.DateTime
    item_number: int | None
    during: bool


def _starts_present(seat: Seat) -> bool:
    """Filled when the meeting opens: the member is there, or a substitute from the start."""
    return seat.status == "present" or (seat.substitute is not None and seat.substitute_from == 0)


def seat_present(seat: Seat, epoch: int) -> bool:
    moved = seat.moved(epoch)  # the last movement applying by then (a lookup, not a scan)
    return _starts_present(seat) if moved is None else moved


def seat_in_room(seat: Seat) -> bool:
    """Physically there now: the last movement counts at once (the chair's view)."""
    if seat.movements:
        return seat.movements[-1].kind == "arrived"
    return _starts_present(seat)


def member_present(seat: Seat, epoch: int) -> bool:
    if seat.substitute is not None and epoch >= seat.substitute_from:
        return False
    return seat_present(seat, epoch)


def item_epoch(state: MeetingState, item_id: str) -> int:
    epoch = state.item(item_id).epoch
    return epoch if epoch is not None else state.epoch + 1


def for_item(state: MeetingState, item_id: str) -> ItemAttendance:
    epoch = item_epoch(state, item_id)
    item = state.item(item_id)
    present = tuple(sid for sid, seat in state.seats.items() if seat_present(seat, epoch))
    absent = tuple(sid for sid, seat in state.seats.items() if not member_present(seat, epoch))
    out = tuple((sid, item.not_taking_part[sid]) for sid in present if sid in item.not_taking_part)
    taking = tuple(sid for sid in present if sid not in item.not_taking_part)
    return ItemAttendance(
        epoch, present, absent, out, taking, state.agenda.quorum_needed(), state.agenda.seats
    )


def non_participants(state: MeetingState, item_id: str, inhabil: bool = True) -> list[str]:
    """Names for 'deltog ikke i sagens behandling': the absent, then the present who did not
    take part (without those declared inhabil when `inhabil` is False: the referat says
    theirs in a sentence of its own, `declared_inhabil`)."""
    att = for_item(state, item_id)
    own = state.item(item_id).own_sentence
    names = [state.seats[sid].member.name for sid in att.absent_members]
    names += [
        state.person(sid, att.epoch).name
        for sid, reason in att.not_taking_part
        if inhabil or reason != "inhabil" or sid not in own
    ]
    return names


def declared_inhabil(state: MeetingState, item_id: str) -> list[str]:
    """Names of those present who did not take part in the item because they were inhabil."""
    att = for_item(state, item_id)
    own = state.item(item_id).own_sentence
    return [
        state.person(sid, att.epoch).name
        for sid, reason in att.not_taking_part
        if reason == "inhabil" and sid in own
    ]


def absent_people(state: MeetingState, item_id: str) -> list[Person]:
    """The members listed under 'Fraværende' for an item."""
    att = for_item(state, item_id)
    return [
        Person(state.seats[s].member.name, state.seats[s].member.party) for s in att.absent_members
    ]


def absent_all_meeting(state: MeetingState, seat_id: str) -> bool:
    """The member never sat in the meeting ('(Fravær)' on the front page)."""
    seat = state.seats[seat_id]
    last = max(state.epoch, 1)
    if seat.substitute is not None:  # the member's own epochs end where the substitute's begin
        last = min(last, seat.substitute_from - 1)
    if seat.filled_during(1, last, _starts_present(seat)):
        return False
    return not any(m.kind == "arrived" and not m.substitute for m in seat.movements)


def expected_later(state: MeetingState, seat_id: str) -> bool:
    """Marked "kommer senere" at the roll call and not come yet, the meeting not over."""
    seat = state.seats[seat_id]
    if seat.status != "later" or state.closed is not None or seat.substitute is not None:
        return False
    return not any(m.kind == "arrived" for m in seat.movements)


def took_part(state: MeetingState) -> list[Person]:
    """Everyone who sat in the meeting at some point, seat by seat (the signatories)."""
    people: dict[Person, None] = {}  # in order, each once
    last = max(state.epoch, 1)
    for sid, seat in state.seats.items():
        at_start = _starts_present(seat)
        # the member sits until the substitute's first epoch, the substitute from it
        member_until = last if seat.substitute is None else min(last, seat.substitute_from - 1)
        if seat.filled_during(1, member_until, at_start):
            people.setdefault(state.person(sid, 1), None)
        if seat.substitute is not None:
            first = max(1, seat.substitute_from)
            if seat.filled_during(first, last, at_start):
                people.setdefault(state.person(sid, first), None)
    return list(people)


def movements(state: MeetingState) -> list[MovementLine]:
    """Arrivals and departures during the meeting, in the order they happened."""
    lines = []
    for sid, seat in state.seats.items():
        for move in seat.movements:
            person = state.person(sid, move.threshold)
            number = state.number(move.item) if move.item and state.has_item(move.item) else None
            lines.append(MovementLine(person.name, move.kind, move.time, number, move.during))
    return sorted(lines, key=lambda line: line.time)


def in_room_count(state: MeetingState) -> int:
    return sum(seat_in_room(seat) for seat in state.seats.values())


def quorum_now(state: MeetingState) -> tuple[int, bool]:
    """(in the room, quorate): overview()'s counts, without its seat and movement lines.

    For the status bar, redrawn on every key.
    """
    current = _current_item(state)
    in_room = in_room_count(state)
    counted = len(for_item(state, current).taking_part) if current else in_room
    return in_room, counted >= state.agenda.quorum_needed()


def _current_item(state: MeetingState) -> str | None:
    return state.current if state.current and state.has_item(state.current) else None


@dataclass(frozen=True)
class SeatLine:
    seat_id: str
    name: str
    party: str
    status: (
        str  # labels: "til stede", "afbud", "fraværende uden afbud", "gået", "stedfortræder for …"
    )
    in_room: bool
    taking_part: bool  # in the current item
    note: str  # why a member present does not take part in the current item: "inhabil"


CAME_DURING = "kom under punktet"  # the note of one who arrived while the item was under way


@dataclass(frozen=True)
class Overview:
    """What the chair checks at a glance: counts, quorum, who is where."""

    seats: int
    in_room: int
    current_item: str | None  # "Punkt 3: ..." or None
    taking_part: int | None  # in the current item
    needed: int
    quorate: bool
    lines: tuple[SeatLine, ...]
    movements: tuple[MovementLine, ...]
    opened: pendulum.DateTime | None
    closed: pendulum.DateTime | None
    # issue 10: the meeting's length, the low point and a substitute's seat
    duration: pendulum.Duration | None = None  # opening to close (or `now`), real time
    duration_text: str = ""  # "1 t 20 min"
    lowest_taking_part: int | None = None  # the fewest taking part in an item taken up
    lowest_item: str | None = None  # "Punkt 3" where it was
    quorum_lost: tuple[str, pendulum.DateTime] | None = None  # first item not quorate, when
    seats_filled: int = 0  # seats filled now, a substitute's included
    substitutes_seated: int = 0
    seats_text: str = ""  # "7 af 9 pladser besat, heraf 1 stedfortræder"
    # issue 13: members whose seat a substitute fills now, after that seat's line
    replaced: tuple[SeatLine, ...] = ()


def duration_text(duration: pendulum.Duration) -> str:
    """'1 t 20 min' (whole minutes; the real time passed, so DST-correct)."""
    minutes = int(duration.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} t {minutes} min" if hours else f"{minutes} min"


def seats_text(filled: int, seats: int, substitutes: int) -> str:
    text = f"{filled} af {seats} pladser besat"
    if substitutes:
        word = "stedfortræder" if substitutes == 1 else "stedfortrædere"
        text += f", heraf {substitutes} {word}"
    return text


def _low_point(
    state: MeetingState,
) -> tuple[int | None, str | None, tuple[str, pendulum.DateTime] | None]:
    lowest: tuple[int, str] | None = None
    lost: tuple[str, pendulum.DateTime] | None = None
    for item_state in state.items:
        if item_state.epoch is None or item_state.opened_at is None:
            continue
        att = for_item(state, item_state.item.id)
        label = f"Punkt {state.number(item_state.item.id)}"
        if lowest is None or len(att.taking_part) < lowest[0]:
            lowest = (len(att.taking_part), label)
        decides = item_state.item.kind != "underskriftsside"  # signed, not decided
        if decides and not att.quorate and (lost is None or item_state.opened_at < lost[1]):
            lost = (label, item_state.opened_at)
    if lowest is None:
        return None, None, lost
    return lowest[0], lowest[1], lost


def overview(state: MeetingState, now: pendulum.DateTime | None = None) -> Overview:
    """The chair's overview; `now` (the Secretary's clock) gives a running meeting's length."""
    current = _current_item(state)
    att = for_item(state, current) if current else None
    not_taking = dict(att.not_taking_part) if att else {}
    taking_part_now = set(att.taking_part) if att else set()
    lines = []
    for sid, seat in state.seats.items():
        person = state.person(sid)
        in_room = seat_in_room(seat)
        if seat.substitute and person == seat.substitute:
            status = labels.seat_substitute(seat.member.name)
        elif seat.movements:
            status = labels.SEAT_IN_ROOM if in_room else labels.SEAT_GONE
        else:
            status = labels.ROLL_STATUS[seat.status]
        note = labels.REASON.get(not_taking.get(sid, ""), "")
        taking = in_room and sid not in not_taking and (att is None or sid in taking_part_now)
        if in_room and not taking and not note:
            note = CAME_DURING  # came while the item was under way: from the next item
        lines.append(SeatLine(sid, person.name, person.party, status, in_room, taking, note))
    in_room_now = sum(line.in_room for line in lines)
    taking_part = len(att.taking_part) if att else None
    needed = state.agenda.quorum_needed()
    counted = taking_part if taking_part is not None else in_room_now
    duration = None
    if state.began is not None:
        end = state.closed or now
        if end is not None and end >= state.began:
            duration = end - state.began  # aware times: the real time passed
    lowest, lowest_item, lost = _low_point(state)
    filled = sum(1 for seat in state.seats.values() if seat_in_room(seat))
    subs = sum(
        1
        for sid, seat in state.seats.items()
        if seat_in_room(seat)
        and seat.substitute is not None
        and state.person(sid) == seat.substitute
    )
    replaced = tuple(
        SeatLine(sid, seat.member.name, seat.member.party, _replaced_status(seat), False, False, "")
        for sid, seat in state.seats.items()
        if seat.substitute is not None and state.person(sid) == seat.substitute
    )
    heading = None
    if current:
        item = state.item(current).item
        heading = f"Punkt {state.number(current)}: {item.title}"
    return Overview(
        state.agenda.seats,
        in_room_now,
        heading,
        taking_part,
        needed,
        counted >= needed,
        tuple(lines),
        tuple(movements(state)),
        state.opened,
        state.closed,
        duration,
        duration_text(duration) if duration is not None else "",
        lowest,
        lowest_item,
        lost,
        filled,
        subs,
        seats_text(filled, state.agenda.seats, subs),
        replaced,
    )


def _replaced_status(seat: Seat) -> str:
    """'afbud, stedfortræder: Ida Holm': why the member is away, and who sits instead."""
    own = labels.SEAT_GONE if seat.status == "present" else labels.ROLL_STATUS[seat.status]
    name = seat.substitute.name if seat.substitute is not None else ""
    return f"{own}, stedfortræder: {name}"
