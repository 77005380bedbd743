"""Linear cost in movements and members (issue 9): ten times the size, about ten times the time.

A meeting with 2,000 members or 50,000 arrivals and departures must not take minutes to
fold, count or write up. bench/scale.py measures it (the table is in its output); these
tests catch a return of the quadratic paths: the time at ten times the size must be well
under the hundred times a quadratic cost gives (each measure is the best of three, and
the bound, 35x, leaves room for a busy machine).
"""

from __future__ import annotations

import time
from pathlib import Path

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import attendance, meeting, preflight
from meetingtui import events as ev
from meetingtui.minutes import build, text

pytestmark = pytest.mark.slow  # seconds of timing

TZ = "Europe/Copenhagen"
BOUND = 35  # ten times the size: linear gives about 10x, quadratic about 100x


def agenda(members: int, items: int) -> agenda_mod.Agenda:
    lines = ["format = 1", "[meeting]", 'body = "Udvalget"', "date = 2025-11-20"]
    lines += ["start = 07:00:00", 'place = "Lokale 1"']
    for n in range(members):
        lines += ["[[members]]", f'id = "m{n}"', f'name = "Medlem {n}"', 'party = "A"']
    for n in range(items):
        lines += ["[[items]]", f'id = "p{n}"', f'title = "Punkt {n}"']
    return agenda_mod.parse("\n".join(lines).encode(), Path("scale.toml"))


def events(kinds: list[tuple[str, dict]]) -> list[dict]:
    start = pendulum.datetime(2025, 11, 20, 7, tz=TZ)
    out = []
    for number, (kind, fields) in enumerate(kinds, 1):
        event = ev.make(kind, now=start, **fields)
        event["id"] = number
        out.append(event)
    return out


def best(work) -> float:
    times = []
    for _ in range(3):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def growth(make, work, small: int) -> float:
    """The time of `work` at ten times the size over its time at `small`."""
    little, big = make(small), make(10 * small)
    return best(lambda: work(big)) / best(lambda: work(little))


def movements_on_two_seats(count: int):
    """Two members leaving and coming back, a second apart, during one long item."""
    start = pendulum.datetime(2025, 11, 20, 7, tz=TZ)
    plan = [("meeting_opened", {"time": start.isoformat()})]
    plan.append(("item_opened", {"item": "p0", "time": start.isoformat()}))
    for n in range(count):
        member, kind = f"m{n % 2}", "left" if n % 4 < 2 else "arrived"
        plan.append((kind, {"member": member, "time": start.add(seconds=n + 1).isoformat()}))
    return agenda(4, 3), events(plan)


def test_folding_movements_is_linear():
    """Before: each movement sorted its seat's whole list (1,000 -> 10,000 took ~100x)."""
    ratio = growth(movements_on_two_seats, lambda m: meeting.fold(*m), 1000)
    assert ratio < BOUND, ratio


def many_members(count: int):
    """`count` members, three items with a vote of everyone, each item taken up."""
    members = [f"m{n}" for n in range(count)]
    start = pendulum.datetime(2025, 11, 20, 7, tz=TZ)
    plan = [("meeting_opened", {"time": start.isoformat()})]
    for n in range(3):
        at = start.add(minutes=n).isoformat()
        plan.append(("item_opened", {"item": f"p{n}", "time": at}))
        plan.append(("decision_set", {"item": f"p{n}", "text": "Godkendt."}))
        half = count // 2
        votes = {"for": members[:half], "against": members[half:], "abstain": []}
        plan.append(("vote", {"item": f"p{n}", **votes}))
    the_agenda = agenda(count, 3)
    return the_agenda, meeting.fold(the_agenda, events(plan)), events(plan)


def test_votes_of_many_members_fold_count_and_write_up_linearly():
    """Before: a vote's groups, the vote check and the vote sentence looked each member up
    in a list of all of them (300 -> 3,000 members took ~100x)."""
    assert growth(many_members, lambda m: meeting.fold(m[0], m[2]), 300) < BOUND
    assert growth(many_members, lambda m: preflight.problems(m[1]), 300) < BOUND
    assert growth(many_members, lambda m: text.render(build(m[1], full=True)), 300) < BOUND


def many_epochs(count: int):
    """A member away the whole meeting while `count` items are taken up, one at a time."""
    start = pendulum.datetime(2025, 11, 20, 7, tz=TZ)
    plan = [("roll_call", {"member": "m1", "status": "afbud"})]
    plan.append(("meeting_opened", {"time": start.isoformat()}))
    for n in range(count):
        at = start.add(seconds=n).isoformat()
        plan.append(("item_opened", {"item": f"p{n}", "time": at}))
        plan.append(("left" if n % 2 else "arrived", {"member": "m0", "time": at}))
    the_agenda = agenda(3, count)
    return meeting.fold(the_agenda, events(plan))


def test_who_took_part_is_linear_in_items_taken_up():
    """Before: took_part and absent_all_meeting asked every seat about every epoch, each
    question a scan of the seat's movements (epochs x movements)."""
    ratio = growth(
        many_epochs,
        lambda state: (attendance.took_part(state), attendance.absent_all_meeting(state, "m1")),
        300,
    )
    assert ratio < BOUND, ratio
