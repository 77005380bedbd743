"""Issue 10's property: for any sequence of registrations and corrections the app
accepts, every movement sits under exactly one item or between two, item times are
ordered, and no accepted time lies outside the meeting. Hypothesis drives the Secretary
(after the fact: every time typed, some refused)."""

from __future__ import annotations

import pendulum
from helpers import MEMBER_IDS, small_agenda
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingtui import timeline
from meetingtui.errors import MeetingtuiError
from meetingtui.meeting import fold
from meetingtui.record import MeetingRecord
from meetingtui.secretary import Secretary

AGENDA = small_agenda()
TZ = "Europe/Copenhagen"
ACTIONS = ("arrive", "leave", "step", "end", "suspend", "amend", "close", "reopen")


def typed(minute: int) -> str:
    minute = 9 * 60 + 50 + minute
    return f"{minute // 60:02d}.{minute % 60:02d}"


def check(state) -> None:
    began, closed = state.began, state.closed
    starts = [t for t, _ in state.openings]
    assert starts == sorted(starts)
    for epoch, ended in state.ended.items():
        assert ended >= starts[epoch - 1]
        if epoch < len(starts):
            assert ended <= starts[epoch]
    for seat in state.seats.values():
        for move in seat.movements:
            assert began is not None and move.time >= began
            assert closed is None or move.time <= closed
            if move.during:
                assert move.item is not None and move.item == state.taken[move.epoch - 1]
            else:
                assert move.item is None and 0 <= move.epoch <= len(state.taken)
            assert timeline.where(state, move.kind, move.time, move.placement).words
    assert timeline.consistent(state) is None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_accepted_times_keep_the_timeline_true(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("p") / "m.record"
    clock = lambda: pendulum.datetime(2026, 1, 10, 12, 0, tz=TZ)  # noqa: E731 a month later
    secretary = Secretary(AGENDA, MeetingRecord(path, AGENDA.sha256), now=clock)
    try:
        secretary.open_meeting(typed(data.draw(st.integers(0, 20))))
        for _ in range(data.draw(st.integers(1, 25))):
            action = data.draw(st.sampled_from(ACTIONS))
            when = typed(data.draw(st.integers(0, 240)))
            member = data.draw(st.sampled_from(MEMBER_IDS))
            placement = data.draw(st.sampled_from((None, "during", "between")))
            try:
                if action == "arrive":
                    secretary.arrive(member, when, placement)
                elif action == "leave":
                    secretary.leave(member, when, placement)
                elif action == "step":
                    ids = [s.item.id for s in secretary.state.items]
                    secretary.go_to(data.draw(st.sampled_from(ids)), time=when)
                elif action == "end":
                    secretary.end_item(when)
                elif action == "suspend":
                    secretary.suspend(when)
                elif action == "close":
                    secretary.close_meeting(when)
                elif action == "reopen":
                    secretary.open_meeting(when)
                else:
                    timed = [
                        e for e in secretary.record.events if "time" in e and e["kind"] != "amend"
                    ]
                    if timed:
                        target = data.draw(st.sampled_from(timed))
                        secretary.amend_time(target["id"], when)
            except MeetingtuiError:
                pass  # refused: nothing recorded
            check(secretary.state)
            # applying each new event places movements as folding the record does
            assert secretary.state == fold(AGENDA, secretary.record.events)
    finally:
        secretary.record.close()
