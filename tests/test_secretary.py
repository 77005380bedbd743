"""The secretary's actions without the UI: times typed after the fact, and refusals."""

from __future__ import annotations

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import attendance, paths, timeline
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
    with pytest.raises(ActionError, match="endnu ikke kommet"):  # the close is held to the clock
        secretary.close_meeting("10.40")
    clock.at(10, 40)
    secretary.close_meeting("10.40")
    kinds = [e["kind"] for e in secretary.record.events]
    assert kinds.count("left") == 1 and kinds.count("meeting_closed") == 1


def test_a_meeting_taken_another_day_is_entered_after_the_fact_with_typed_times(tmp_path):
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    clock = Clock(day=(2026, 11, 25))  # a year later: the clock is never asked
    clock.at(10, 5)
    secretary = Secretary(agenda, MeetingRecord(tmp_path / "m.record", agenda.sha256), now=clock)
    try:
        assert secretary.mode is timeline.Mode.AFTER_THE_FACT
        secretary.open_meeting("10.00")
        assert secretary.now_text() == "10.00"  # the previous registration's time
        secretary.go_to("udbudsproces", time="10.30")
        opened = secretary.state.item("udbudsproces").opened_at
        assert opened.date() == agenda.meeting.date
        secretary.leave("anja-lund", "10.20")  # typed: before item 2 on the same day
        assert "Anja Lund forlod mødet kl. 10.20 under behandlingen af punkt 1." in full_text(
            secretary
        )
        secretary.close_meeting("15.00")  # not "not yet come": no clock after the fact
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


# -- one person, one seat (issue 9) --------------------------------------------------------------
def quorum_count(secretary) -> int:
    return len(attendance.for_item(secretary.state, secretary.viewing).taking_part)


def test_one_substitute_cannot_fill_two_seats(desk):
    """Before issue 9 'Peter Hansen' could sit in for Anja and for Jens, and count twice."""
    secretary, _ = desk
    secretary.set_roll("anja-lund", "afbud")
    secretary.set_roll("jens-wistoft", "afbud")
    secretary.substitute("anja-lund", "Peter Hansen", "V")
    for typed in ("Peter Hansen", "peter  HANSEN", "Peter\u200b Hansen", " Peter Hansen "):
        with pytest.raises(ActionError, match="allerede stedfortræder for Anja Lund"):
            secretary.substitute("jens-wistoft", typed, "V")
    assert secretary.state.seats["jens-wistoft"].substitute is None
    secretary.open_meeting("10.00")
    assert quorum_count(secretary) == 6  # 5 members and one substitute


def test_names_are_compared_normalised_composed_or_decomposed(desk):
    secretary, _ = desk
    secretary.set_roll("anja-lund", "afbud")
    secretary.set_roll("jens-wistoft", "afbud")
    secretary.substitute("anja-lund", "Rene\u0301 Sørensen", "V")  # é decomposed
    assert secretary.state.seats["anja-lund"].substitute.name == "René Sørensen"  # NFC
    with pytest.raises(ActionError, match="allerede stedfortræder"):
        secretary.substitute("jens-wistoft", "René Sørensen", "V")


def test_the_same_seat_may_name_its_substitute_again(desk):
    secretary, _ = desk
    secretary.set_roll("anja-lund", "afbud")
    secretary.substitute("anja-lund", "Peter Hansen", "V")
    secretary.substitute("anja-lund", "Peter  Hansen", "V")  # corrected spacing
    assert secretary.state.seats["anja-lund"].substitute.name == "Peter Hansen"


def test_a_present_member_cannot_be_typed_in_as_a_substitute(desk):
    """Before issue 9 Jens Wistoft, present, could also fill Anja's seat: quorum counted him twice."""
    secretary, _ = desk
    secretary.set_roll("anja-lund", "afbud")
    with pytest.raises(
        ActionError, match="Jens Wistoft er til stede og kan ikke være stedfortræder"
    ):
        secretary.substitute("anja-lund", "jens wistoft", "V")
    secretary.set_roll("lars-mogensen", "afbud")
    with pytest.raises(ActionError, match="Lars Mogensen er medlem af udvalget"):
        secretary.substitute("anja-lund", "Lars Mogensen", "Ø")  # absent: still a member
    with pytest.raises(ActionError, match="for sig selv"):
        secretary.substitute("anja-lund", "Anja Lund", "V")
    assert all(seat.substitute is None for seat in secretary.state.seats.values())


def test_a_substitute_named_during_the_meeting_is_checked_too(desk):
    secretary, clock = desk
    secretary.set_roll("lars-mogensen", "afbud")
    secretary.open_meeting("10.00")
    clock.at(10, 20)
    secretary.leave("jens-wistoft", "10.15")
    secretary.substitute("jens-wistoft", "Maja Lindholm", "V", "10.16")
    with pytest.raises(ActionError, match="allerede stedfortræder for Jens Wistoft"):
        secretary.substitute("lars-mogensen", "Maja Lindholm", "Ø", "10.17")


# -- typed text enters through one rule (issue 9) ------------------------------------------------
def test_a_decision_keeps_tabs_and_line_breaks_and_drops_other_control_characters(desk):
    secretary, _ = desk
    secretary.open_meeting("10.00")
    typed = "Godkendt\tenstemmigt.\r\nMed \x1b[1mrettelser\x1b[0m\x07 og\x00 NUL.\u2028Slut."
    saved = secretary.set_decision(typed)
    assert saved and saved.changed
    assert saved.text == "Godkendt\tenstemmigt.\r\nMed rettelser og NUL.\nSlut."
    assert saved.dropped == 10
    assert saved.message and "10 tegn er fjernet" in saved.message
    assert secretary.take_notice() == saved.message
    assert secretary.take_notice() is None  # told once
    assert secretary.state.item(secretary.viewing).decision == saved.text
    again = secretary.set_decision(typed)  # the editor still holds the pasted text
    assert not again and again.text == saved.text
    clean = secretary.set_decision("Godkendt.")
    assert clean and clean.dropped == 0 and clean.message is None
    assert secretary.take_notice() is None


def test_summary_dissent_and_case_text_are_cleaned_the_same_way(desk):
    secretary, _ = desk
    secretary.open_meeting("10.00")
    assert secretary.set_summary("Resumé\x1b]52;c;SGVq\x07 her.").text == "Resumé her."
    saved = secretary.dissent("jens-wistoft", "Imod\x08 forslaget.\n\tBegrundelse.")
    assert saved.text == "Imod forslaget.\n\tBegrundelse." and saved.dropped == 1
    with pytest.raises(ActionError, match="Skriv den bemærkning"):
        secretary.dissent("jens-wistoft", "\x1b\x07")
    new = secretary.add_item("Hastesag", "25/999\x00")
    assert secretary.state.item(new).item.case == "25/999"
    assert secretary.take_notice() is not None
    text = full_text(secretary)
    assert "Imod forslaget." in text and "\x1b" not in text and "\x08" not in text


ONE_LINE_REFUSED = {
    "tab": ("Peter\tHansen", "en tabulator (U+0009)"),
    "line break": ("Peter\nHansen", "et linjeskift (U+000A)"),
    "escape": ("Peter \x1b[31mHansen", "et styretegn (U+001B)"),
    "C1": ("Peter\x85Hansen", "et styretegn (U+0085)"),
    "NUL": ("Peter\x00", "et styretegn (U+0000)"),
    "line separator": ("Peter\u2028Hansen", "et linjeskift (U+2028"),
    "bidi override": ("Peter \u202eHansen", "retningstegn (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    "bidi isolate": ("\u2067Peter Hansen\u2069", "retningstegn (U+2067"),
}


@pytest.mark.parametrize("case", list(ONE_LINE_REFUSED))
def test_one_line_fields_refuse_every_control_character(desk, case):
    secretary, _ = desk
    typed, shown = ONE_LINE_REFUSED[case]
    secretary.set_roll("anja-lund", "afbud")
    with pytest.raises(ActionError) as raised:
        secretary.substitute("anja-lund", typed, "V")
    assert str(raised.value).startswith("Stedfortræderens navn indeholder ")
    assert shown in str(raised.value) and len(str(raised.value).splitlines()) == 1
    with pytest.raises(ActionError, match="^Titlen indeholder"):
        secretary.add_item(typed)
    with pytest.raises(ActionError, match="^Partiet indeholder"):
        secretary.substitute("anja-lund", "Peter Hansen", typed)
    secretary.open_meeting("10.00")
    with pytest.raises(ActionError, match="^Klokkeslættet indeholder"):
        secretary.leave("jens-wistoft", "10.00" + typed)
    assert [e["kind"] for e in secretary.record.events] == [
        "roll_call",
        "meeting_opened",
        "item_opened",
    ]


def test_a_name_of_only_invisible_characters_is_no_name(desk):
    secretary, _ = desk
    secretary.set_roll("anja-lund", "afbud")
    with pytest.raises(ActionError, match="skal have et navn"):
        secretary.substitute("anja-lund", "\u200b\u200d\ufeff", "V")
    with pytest.raises(ActionError, match="skal have en titel"):
        secretary.add_item("\u2060\u00ad")


def test_typed_names_and_titles_come_through_nfc_normalised(desk):
    secretary, _ = desk
    secretary.set_roll("anja-lund", "afbud")
    secretary.substitute("anja-lund", "Zoe\u0308 Ørsted-Ra\u030ashøj", "V")
    new = secretary.add_item("Cafe\u0301 og [bold]budget[/bold] 👩‍👩‍👧 {x} %s \\n")
    assert secretary.state.seats["anja-lund"].substitute.name == "Zoë Ørsted-Råshøj"
    assert secretary.state.item(new).item.title == "Café og [bold]budget[/bold] 👩‍👩‍👧 {x} %s \\n"
    text = full_text(secretary)
    assert "Zoë Ørsted-Råshøj" in text and "Café og [bold]budget[/bold] 👩‍👩‍👧 {x} %s \\n" in text
