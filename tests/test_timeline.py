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


def test_a_rehearsal_has_its_own_record_a_simulated_clock_and_a_marked_referat(
    tmp_path, monkeypatch
):
    from meetingtui import paths, session, times
    from meetingtui.minutes import text as minutes_text

    monkeypatch.setenv("MEETINGTUI_DATA_DIR", str(tmp_path))
    agenda_file = tmp_path / "a.toml"
    agenda_file.write_text(__import__("helpers").SMALL_AGENDA.format(quorum=""), encoding="utf-8")
    opened = session.open_session(agenda_file, rehearse=True)
    try:
        assert opened.record.path == paths.rehearsal_record(opened.agenda)
        assert opened.record.path != paths.default_record(opened.agenda)
        assert opened.record.meta["rehearsal"] is True
        # a rehearsal weeks before: the simulated clock starts at the meeting's start
        wall = Clock(day=(2025, 11, 1), hour=9, minute=0)
        clock = times.SimulatedClock(opened.agenda.meeting.start, real=wall)
        secretary = Secretary(opened.agenda, opened.record, now=clock)
        assert secretary.mode is timeline.Mode.REHEARSAL
        wall.at(9, 12, 5)
        secretary.open_meeting()
        assert secretary.state.opened == pendulum.datetime(2025, 11, 20, 10, 12, 5, tz=TZ)
        out = minutes_text.render(build(secretary.state))
        assert out.startswith("PRØVE – REFERAT Testudvalget d. 20-11-2025")
        assert "PRØVE: dette referat er fra en prøvegennemgang, ikke fra mødet." in out
    finally:
        opened.record.close()
    with pytest.raises(session.RecordKindMismatch):
        session.open_session(agenda_file, paths.rehearsal_record(opened.agenda))


def test_a_break_is_told_under_the_item_before_it_and_movements_in_it_stand_between(desk):
    secretary, clock = desk
    secretary.set_roll("bo", "later")
    assert "Bo Berg, A (kommer senere)" in text(secretary)
    secretary.open_meeting("10.00")
    clock.at(11, 0)
    secretary.suspend()
    clock.at(11, 5)
    secretary.arrive("bo")
    clock.at(11, 15)
    secretary.step(1)  # taking up item 2 resumes the meeting
    out = text(secretary)
    told = out.index("Mødet blev suspenderet kl. 11.00 og genoptaget kl. 11.15.")
    assert out.index("Punkt 1: Budget 2026") < told < out.index("Punkt 2: Nyt byggeri")
    assert "Bo Berg ankom kl. 11.05 før behandlingen af punkt 2." in out
    assert "(kommer senere)" not in out


def test_postponing_records_udsat_unless_a_decision_is_typed(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    secretary.postpone()
    assert secretary.state.item("budget").decision == "Udsat."
    secretary.set_decision("Sagen genoptages på et senere møde.", "byggeri")
    secretary.postpone("byggeri")
    assert secretary.state.item("byggeri").decision == "Sagen genoptages på et senere møde."


def test_the_overview_shows_duration_low_point_and_seats_filled(desk):
    secretary, clock = desk
    secretary.set_roll("bo", "afbud")
    secretary.substitute("bo", "Cecilie Dam", "A")
    secretary.open_meeting("10.00")
    clock.at(10, 5)
    for member in ("anja", "carl", "dorte", "erik", "frida"):
        secretary.leave(member, "10.05")
    clock.at(10, 30)
    secretary.step(1)
    view = attendance.overview(secretary.state, now=secretary.now_on_meeting_day())
    assert view.duration_text == "30 min"
    assert view.seats_text == "3 af 8 pladser besat, heraf 1 stedfortræder"
    # leaving during item 1 they took no part in it: quorum was lost there
    assert view.lowest_taking_part == 3 and view.lowest_item == "Punkt 1"
    assert view.quorum_lost == ("Punkt 1", pendulum.datetime(2025, 11, 20, 10, 0, tz=TZ))


def test_the_duration_is_real_time_across_the_spring_forward_night():
    start = pendulum.datetime(2026, 3, 29, 1, 30, tz=TZ)
    end = pendulum.datetime(2026, 3, 29, 3, 50, tz=TZ)
    assert attendance.duration_text(end - start) == "1 t 20 min"


def test_where_a_movement_stands_refuses_times_outside_the_meeting(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 20)
    before = "Kl. 09.30 er før mødet begyndte (kl. 10.00); ret navneopråbet i stedet."
    with pytest.raises(timeline.TimeRefused) as refused:
        secretary.where("arrived", "09.30")
    assert str(refused.value) == before
    with pytest.raises(timeline.TimeRefused) as refused:
        secretary.alternative("left", "09.30")
    assert str(refused.value) == before
    with pytest.raises(ActionError) as action_refused:  # the registration: the same line
        secretary.leave("bo", "09.30")
    assert str(action_refused.value) == before
    secretary.close_meeting("10.20")
    with pytest.raises(timeline.TimeRefused, match=r"^Kl\. 10\.25 er efter mødet sluttede"):
        secretary.where("left", "10.25")


def test_an_older_records_departure_before_the_opening_can_still_be_corrected(tmp_path):
    from meetingtui import events as ev

    clock = Clock(hour=10, minute=30)
    record = MeetingRecord(tmp_path / "m.record", AGENDA.sha256)
    opened = pendulum.datetime(2025, 11, 20, 10, 0, tz=TZ).isoformat()
    record.append(ev.make("meeting_opened", time=opened))
    record.append(ev.make("item_opened", item="budget", time=opened))
    early = pendulum.datetime(2025, 11, 20, 9, 40, tz=TZ).isoformat()  # as no check now allows
    departure = record.append(ev.make("left", member="bo", time=early))
    secretary = Secretary(AGENDA, record, now=clock)
    try:
        secretary.amend_time(departure["id"], "10.05")  # moved into the meeting, no error
        assert "Bo Berg forlod mødet kl. 10.05 under behandlingen af punkt 1." in text(secretary)
    finally:
        record.close()
