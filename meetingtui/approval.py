"""The approval's rules where the Secretary, the referat and the command line meet: who is
preselected, how a seat in `by` is named, how a typed date is read, and the lock's message.

`by` holds seat ids (the agenda's member ids), never names: a seat whose substitute took
part in the member's stead is named by the substitute, one where both sat in turn by
both, and one the secretary added although nobody in it took part by its member.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pendulum

from meetingtui import attendance, times, wording
from meetingtui.agenda.model import Person
from meetingtui.eventkinds.approval import Approval
from meetingtui.state import MeetingState


def took_part(state: MeetingState) -> list[str]:
    """The seats (member ids) whose member or substitute took part, in the body's order:
    the approvers a dialog or `meetingtui approve` preselects."""
    return list(_people_by_seat(state))


def names(state: MeetingState, by: Sequence[str], labelled: bool = True) -> list[str]:
    """The approvers as the referat names them ('Anja Lund, V'; `labelled` False: the
    names alone, for a sentence), in the body's order."""
    people = _people_by_seat(state)
    out: list[str] = []
    for seat_id in state.seats:
        if seat_id not in by:
            continue
        seat = state.seats[seat_id]
        found = people.get(seat_id) or [Person(seat.member.name, seat.member.party)]
        out += [wording.member_label(p.name, p.party) if labelled else p.name for p in found]
    return out


def _people_by_seat(state: MeetingState) -> dict[str, list[Person]]:
    present = set(attendance.took_part(state))
    out: dict[str, list[Person]] = {}
    for seat_id, seat in state.seats.items():
        member = Person(seat.member.name, seat.member.party)
        found = [p for p in (member, seat.substitute) if p is not None and p in present]
        if found:
            out[seat_id] = found
    return out


# One reading of a typed day for the approval, the correction and `meetingtui new`.
DateUnreadable = times.DateUnreadable


def read_date(text: str, tz: str) -> pendulum.DateTime:
    """'04-12-2025' (also 4-12-2025, 04.12.2025, 04/12/2025) or '2025-12-04'
    (times.read_day): 00:00 that day in `tz`."""
    day = times.read_day(text)
    return pendulum.datetime(day.year, day.month, day.day, tz=tz)


def moment(when: str | date | pendulum.DateTime, tz: str) -> pendulum.DateTime:
    """A date typed or given: a text as `read_date`, a date at 00:00 in `tz`, a time as it is."""
    if isinstance(when, str):
        return read_date(when, tz)
    if isinstance(when, datetime):
        return pendulum.instance(when).in_timezone(tz)
    return pendulum.datetime(when.year, when.month, when.day, tz=tz)


def locked_message(approval: Approval) -> str:
    """What every refused action says once the referat is approved."""
    return (
        f"Referatet er godkendt den {wording.date_short(approval.when)} og låst: "
        "en ændring registreres som en rettelse."
    )


def description(state: MeetingState, approval: Approval) -> str:
    """One line of what was registered: how, when and by whom ('meetingtui approve')."""
    sentence = wording.approved(approval.how, state.agenda.meeting.body, approval.when)
    who = names(state, approval.by, labelled=False)
    return sentence[:-1] + (f" af {wording.join(who)}." if who else ".")
