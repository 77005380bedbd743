"""The secretary's actions without the UI: times typed after the fact, and refusals."""

from __future__ import annotations

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import attendance, paths
from meetingtui.minutes import build
from meetingtui.minutes.text import render
from meetingtui.record import MeetingRecord
from meetingtui.secretary import ActionError, Secretary

TZ = "Europe/Copenhagen"


class Clock:
    def __init__(self, day=(2025, 11, 20)):
        self.moment = pendulum.datetime(*day, 9, 55, tz=TZ)

    def __call__(self):
        return self.moment

    def at(self, hour, minute):
        self.moment = self.moment.set(hour=hour, minute=minute)


@pytest.fixture
def desk(tmp_path):
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    clock = Clock()
    secretary = Secretary(agenda, MeetingRecord(tmp_path / "m.record", agenda.sha256), now=clock)
    yield secretary, clock
    secretary.record.close()


def full_text(secretary) -> str:
    return render(build(secretary.state, full=True))


def test_an_arrival_typed_after_the_fact_belongs_to_the_item_under_way_at_that_time(desk):
    secretary, clock = desk
    secretary.set_roll("lars-mogensen", "afbud")
    secretary.open_meeting("10.00")  # item 1 starts with the meeting
    clock.at(10, 20)
    secretary.step(1)  # item 2 taken up at 10.20
    clock.at(10, 25)
    secretary.arrive("lars-mogensen", "10.15")  # he came at 10.15, recorded at 10.25
    state = secretary.state
    assert "lars-mogensen" not in attendance.for_item(state, "delstrategier").present
    assert "lars-mogensen" in attendance.for_item(state, "internationalt-samarbejde").present
    assert "lars-mogensen" in attendance.for_item(state, "udbudsproces").present
    assert "Lars Mogensen ankom kl. 10.15 under behandlingen af punkt 1." in full_text(secretary)


def test_correcting_the_time_moves_the_arrival_to_the_right_item(desk):
    secretary, clock = desk
    secretary.set_roll("lars-mogensen", "afbud")
    secretary.open_meeting("10.00")
    clock.at(10, 20)
    secretary.step(1)
    clock.at(10, 30)
    secretary.arrive("lars-mogensen")  # now: during item 2
    assert "ankom kl. 10.30 under behandlingen af punkt 2." in full_text(secretary)
    arrival = next(e for e in secretary.record.events if e["kind"] == "arrived")
    secretary.amend_time(arrival["id"], "10.10")
    text = full_text(secretary)
    assert "Lars Mogensen ankom kl. 10.10 under behandlingen af punkt 1." in text
    assert "lars-mogensen" in attendance.for_item(secretary.state, "udbudsproces").present


def test_times_outside_the_meeting_or_ahead_of_now_are_refused(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 30)
    with pytest.raises(ActionError, match="før mødet begyndte"):
        secretary.leave("anja-lund", "09.45")
    with pytest.raises(ActionError, match="endnu ikke kommet"):
        secretary.leave("anja-lund", "11.50")
    secretary.leave("anja-lund", "10.25")
    with pytest.raises(ActionError, match="kan ikke slutte"):
        secretary.close_meeting("10.20")
    secretary.close_meeting("10.40")
    kinds = [e["kind"] for e in secretary.record.events]
    assert kinds.count("left") == 1 and kinds.count("meeting_closed") == 1


def test_now_is_taken_on_the_meeting_day_when_the_agenda_is_taken_another_day(tmp_path):
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    clock = Clock(day=(2026, 11, 25))  # a rehearsal a year later
    clock.at(10, 5)
    secretary = Secretary(agenda, MeetingRecord(tmp_path / "m.record", agenda.sha256), now=clock)
    try:
        secretary.open_meeting("10.00")
        clock.at(10, 30)
        secretary.step(1)
        opened = secretary.state.item("udbudsproces").opened_at
        assert opened.date() == agenda.meeting.date
        secretary.leave("anja-lund", "10.20")  # typed: before item 2 on the same day
        assert "Anja Lund forlod mødet kl. 10.20 under behandlingen af punkt 1." in full_text(
            secretary
        )
    finally:
        secretary.record.close()


def test_an_item_handled_without_quorum_is_flagged_and_said_in_the_minutes(desk):
    secretary, clock = desk
    for member in ("anja-lund", "meho-selman", "karsten-byrgesen", "anne-marie-geisler-andersen"):
        secretary.set_roll(member, "afbud")
    secretary.open_meeting("10.00")  # 3 of 7 present: not quorate
    secretary.set_decision("Indstillingen godkendt.")
    problems = [str(p) for p in secretary.problems()]
    assert "Punkt 1: blev behandlet, selv om udvalget ikke var beslutningsdygtigt." in problems
    assert "Udvalget var ikke beslutningsdygtigt under behandlingen af punktet." in full_text(
        secretary
    )


def test_undo_takes_back_a_removal_made_in_corrections_and_steps_back_one_at_a_time(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 20)
    secretary.leave("lars-mogensen")
    departure = next(e for e in secretary.record.events if e["kind"] == "left")
    secretary.retract(departure["id"])  # removed in the corrections screen
    assert not secretary.state.seats["lars-mogensen"].movements
    assert secretary.undo() == "Fjernelse af en registrering"
    assert secretary.state.seats["lars-mogensen"].movements  # the departure is back
    secretary.undo()  # the next undo takes back the departure itself
    assert not secretary.state.seats["lars-mogensen"].movements
    assert secretary.state.opened is not None  # and nothing else


def test_undoing_a_time_correction_says_what_it_undid(desk):
    secretary, clock = desk
    secretary.open_meeting("10.00")
    clock.at(10, 30)
    secretary.leave("anja-lund")
    departure = next(e for e in secretary.record.events if e["kind"] == "left")
    secretary.amend_time(departure["id"], "10.25")
    assert secretary.undo() == "Rettelse af et tidspunkt til kl. 10.25"
    assert "kl. 10.30" in full_text(secretary)


def test_the_history_lists_the_changes_in_force_newest_first_in_danish(desk):
    secretary, clock = desk
    secretary.set_roll("lars-mogensen", "afbud")
    secretary.open_meeting("10.00")
    clock.at(10, 10)
    secretary.not_taking_part("meho-selman", "other")
    new = secretary.add_item("Hastesag om vand", "25/999")
    added = secretary.record.events[-1]
    assert added["spec"] == {"title": "Hastesag om vand", "case": "25/999", "closed": False}
    assert "item" not in added and secretary.state.item(new).added
    assert [line for _, line in secretary.history()] == [
        "Punkt tilføjet: Hastesag om vand",
        "Meho Selman deltager ikke i punkt 1 (anden grund)",
        "Behandling af punkt 1 begyndt kl. 10.00",
        "Mødet åbnet kl. 10.00",
        "Navneopråb: Lars Mogensen afbud",
    ]
    assert secretary.undo() == "Punkt tilføjet: Hastesag om vand"
    assert not secretary.state.has_item(new)
