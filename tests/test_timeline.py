"""Issue 10, the timeline tells the truth: items end, movements stand where they happened,
one rule for every time, and the modes (live, after the fact, rehearsal).

The exported sentences are asserted word for word, driving the Secretary as the UI does.
"""

from __future__ import annotations

import pendulum
import pytest
from helpers import small_agenda

from meetingtui import attendance, timeline
from meetingtui.minutes import build
from meetingtui.minutes.text import render
from meetingtui.record import MeetingRecord
from meetingtui.secretary import ActionError, Secretary

TZ = "Europe/Copenhagen"
AGENDA = small_agenda()  # dated 2025-11-20, starting 10:00


class Clock:
    def __init__(self, day=(2025, 11, 20), hour=9, minute=55, second=0):
        self.moment = pendulum.datetime(*day, hour, minute, second, tz=TZ)

    def __call__(self):
        return self.moment

    def at(self, hour, minute, second=0):
        self.moment = self.moment.set(hour=hour, minute=minute, second=second)


@pytest.fixture
def desk(tmp_path):
    clock = Clock()
    secretary = Secretary(AGENDA, MeetingRecord(tmp_path / "m.record", AGENDA.sha256), now=clock)
    yield secretary, clock
    secretary.record.close()


def text(secretary) -> str:
    return render(build(secretary.state, full=True))


def test_an_arrival_after_an_item_ended_stands_before_the_next(desk):
    secretary, clock = desk
    secretary.set_roll("bo", "afbud")
    secretary.open_meeting("10.00")
    clock.at(10, 10)
    secretary.set_decision("Godkendt.")
    secretary.end_item()  # the quick decision records the end
    clock.at(10, 12)
    secretary.arrive("bo")
    clock.at(10, 15)
    secretary.step(1)
    assert "Bo Berg ankom kl. 10.12 før behandlingen af punkt 2." in text(secretary)
    assert "bo" not in attendance.for_item(secretary.state, "budget").present
    assert "bo" in attendance.for_item(secretary.state, "byggeri").present


def test_a_departure_right_after_the_decision_stands_after_the_item(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 10)
    secretary.set_decision("Godkendt.")
    secretary.end_item()
    clock.at(10, 11)
    secretary.leave("anja")
    clock.at(10, 15)
    secretary.step(1)
    out = text(secretary)
    assert "Anja Lund forlod mødet kl. 10.11 efter behandlingen af punkt 1." in out
    assert "anja" in attendance.for_item(secretary.state, "budget").taking_part
    assert "Anja Lund deltog ikke i sagens behandling." not in out.split("Punkt 2")[0]


def test_leaving_and_returning_within_an_item(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 5)
    secretary.leave("carl")
    clock.at(10, 8)
    secretary.arrive("carl")
    out = text(secretary)
    assert "Carl Carlsen forlod mødet kl. 10.05 under behandlingen af punkt 1." in out
    assert "Carl Carlsen ankom kl. 10.08 under behandlingen af punkt 1." in out
    assert "Carl Carlsen deltog ikke i sagens behandling." in out


def test_a_correction_moves_a_departure_to_the_next_item_and_says_so(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 40)
    secretary.leave("dorte", "10.40")
    clock.at(10, 43)
    secretary.step(1)  # item 2 at 10.43
    clock.at(10, 50)
    departure = next(e for e in secretary.record.events if e["kind"] == "left")
    said = secretary.amend_time(departure["id"], "10.44")
    assert said == (
        "Flyttet: står nu under behandlingen af punkt 2 (før: under behandlingen af punkt 1)."
    )
    out = text(secretary)
    assert "Dorte Dahl forlod mødet kl. 10.44 under behandlingen af punkt 2." in out
    assert "dorte" in attendance.for_item(secretary.state, "budget").taking_part


def test_corrections_and_times_outside_the_meeting_are_refused(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 20)
    secretary.step(1)  # item 2 at 10.20
    clock.at(10, 30)
    secretary.leave("erik", "10.25")
    departure = next(e for e in secretary.record.events if e["kind"] == "left")
    with pytest.raises(ActionError, match="før mødet begyndte"):
        secretary.amend_time(departure["id"], "09.30")
    with pytest.raises(ActionError, match="endnu ikke kommet"):
        secretary.amend_time(departure["id"], "10.45")
    item2 = [e for e in secretary.record.events if e["kind"] == "item_opened"][-1]
    with pytest.raises(ActionError, match="Rettelsen kan ikke foretages"):
        secretary.amend_time(item2["id"], "09.59")
    with pytest.raises(ActionError, match="Mødet kan ikke genåbnes|allerede åbnet"):
        secretary.open_meeting("10.30")
    with pytest.raises(ActionError, match="endnu ikke kommet"):
        secretary.close_meeting("11.30")


def test_the_default_time_keeps_its_seconds(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 51, 55)
    secretary.step(1)  # item 2 taken up at 10:51:55
    clock.at(10, 52, 10)
    shown = secretary.now_text()
    assert shown == "10.52"
    clock.at(10, 51, 58)
    assert secretary.now_text() == "10.51"  # the dialog opened: 10:51:58 offered
    clock.at(10, 52, 30)
    secretary.leave("frida", "10.51")  # the pre-filled text: its seconds kept
    assert "Frida Friis forlod mødet kl. 10.51 under behandlingen af punkt 2." in text(secretary)


def test_the_dialog_can_flip_a_movement_between_items_and_back(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 10)
    assert secretary.where("left").words == "under behandlingen af punkt 1"
    flip = secretary.alternative("left")
    assert flip is not None and flip.words == "efter behandlingen af punkt 1"
    secretary.leave("gustav", placement="between")
    clock.at(10, 20)
    secretary.step(1)
    assert "Gustav Græsbøll forlod mødet kl. 10.10 efter behandlingen af punkt 1." in text(
        secretary
    )


def test_a_meeting_dated_last_month_is_entered_after_the_fact(tmp_path):
    clock = Clock(day=(2025, 12, 22), hour=8)
    secretary = Secretary(AGENDA, MeetingRecord(tmp_path / "m.record", AGENDA.sha256), now=clock)
    try:
        assert secretary.mode is timeline.Mode.AFTER_THE_FACT
        assert secretary.now_text() == "10.00"  # the meeting's start, never the wall clock
        secretary.set_roll("hans", "later")
        secretary.open_meeting("14.00")
        assert secretary.now_text() == "14.00"  # the previous registration's time
        secretary.set_decision("Godkendt.")
        secretary.end_item("14.20")
        secretary.arrive("hans", "14.25")
        secretary.go_to("byggeri", time="14.30")
        secretary.leave("anja", "15.10")
        secretary.close_meeting("16.00")
        out = text(secretary)
        assert "Mødet begyndte kl. 14.00 og sluttede kl. 16.00." in out
        assert "Hans Holm ankom kl. 14.25 før behandlingen af punkt 2." in out
        assert "Anja Lund forlod mødet kl. 15.10 under behandlingen af punkt 2." in out
    finally:
        secretary.record.close()


def test_a_time_before_the_opening_is_the_next_day_for_a_meeting_past_midnight(tmp_path):
    clock = Clock(day=(2025, 12, 22))
    secretary = Secretary(AGENDA, MeetingRecord(tmp_path / "m.record", AGENDA.sha256), now=clock)
    try:
        secretary.open_meeting("19.00")
        secretary.leave("bo", "00.30")
        departure = secretary.state.seats["bo"].movements[0]
        assert departure.time == pendulum.datetime(2025, 11, 21, 0, 30, tz=TZ)
        with pytest.raises(ActionError, match="før mødet begyndte"):
            secretary.leave("carl", "08.00")  # 13 hours on: not the night of the meeting
    finally:
        secretary.record.close()


def test_mode_for_the_meetings_date():
    day = AGENDA.meeting.date
    assert timeline.mode_for(AGENDA, day) is timeline.Mode.LIVE
    assert timeline.mode_for(AGENDA, day.add(days=30)) is timeline.Mode.AFTER_THE_FACT
    assert timeline.mode_for(AGENDA, day.subtract(days=1)) is timeline.Mode.REHEARSAL
