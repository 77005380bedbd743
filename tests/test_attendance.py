"""Attendance, quorum and the sentences about them, from meetings played event by event.

The expectations follow the rules in issue 2 and attendance.py's docstring: someone who
arrives or leaves while an item is under way is absent for that item (present from the
next one after arriving), the non-participation sentence names the absent in member
order and then those present who did not take part, quorum is 2 x taking part >= seats
unless the agenda fixes it; the wording is that of WORDING.md and FORMAT.md.
"""

from __future__ import annotations

import re

import pendulum
from helpers import (
    MEMBER_IDS,
    Play,
    item_section,
    line_starting,
    small_agenda,
    unjoin,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from meetingtui import attendance, meeting

NOT_TAKING_PART = " deltog ikke i sagens behandling."


def started(quorum: int | None = None, afbud=(), absent=()) -> Play:
    """Roll call (everyone present unless named), meeting opened at 10:00."""
    play = Play(small_agenda(quorum))
    for member in MEMBER_IDS:
        status = "afbud" if member in afbud else "absent" if member in absent else "present"
        play.roll_call(member, status)
    play.open_meeting("10:00")
    return play


def absent_names(state, item: str) -> list[str]:
    return [state.seats[sid].member.name for sid in attendance.for_item(state, item).absent_members]


def fravaerende(paragraphs: list[str], number: int) -> str | None:
    return line_starting(item_section(paragraphs, number), "Fraværende")


def non_participation(paragraphs: list[str], number: int) -> list[str]:
    line = next((p for p in item_section(paragraphs, number) if p.endswith(NOT_TAKING_PART)), None)
    return unjoin(line.removesuffix(NOT_TAKING_PART)) if line else []


# -- late arrival, early departure ---------------------------------------------------------------


def test_late_arrival_during_an_item_is_absent_for_it_and_present_from_the_next():
    play = started(absent=("carl",))
    play.take_item("budget", "10:00", "10:20")
    play.open_item("byggeri", "10:21")
    play.arrive("carl", "10:40")
    play.decide("byggeri", "Godkendt.")
    play.close_item("byggeri", "10:50")
    play.take_item("udbud", "10:51", "11:00")
    state = play.state()

    assert "Carl Carlsen" in absent_names(state, "budget")
    assert "Carl Carlsen" in absent_names(state, "byggeri")
    assert "Carl Carlsen" not in absent_names(state, "udbud")
    assert "carl" in attendance.for_item(state, "udbud").taking_part

    text = play.paragraphs()
    item2 = item_section(text, 2)
    assert "Carl Carlsen ankom kl. 10.40 under behandlingen af punkt 2." in item2
    assert "Carl Carlsen" in non_participation(text, 2)
    assert "Carl Carlsen, V" in fravaerende(text, 2)
    assert "Carl Carlsen" not in (fravaerende(text, 4) or "")
    # the sentence belongs to item 2 alone
    assert sum("ankom" in p for p in text) == 1
    # he came, so he neither stayed away all day nor 'udeblev'
    front = line_starting(text, "Mødedeltagere")
    assert "Carl Carlsen, V" in front and "Carl Carlsen, V (Fravær)" not in front
    assert not any("Carl Carlsen" in p and "udeblev" in p for p in text)


def test_arrival_between_items_counts_from_the_next_item():
    play = started(absent=("dorte",))
    play.take_item("budget", "10:00", "10:20")
    play.arrive("dorte", "10:25")
    play.take_item("byggeri", "10:30", "10:50")
    state = play.state()

    assert "Dorte Dahl" in absent_names(state, "budget")
    assert "Dorte Dahl" not in absent_names(state, "byggeri")
    assert "dorte" in attendance.for_item(state, "byggeri").present
    text = play.paragraphs()
    arrival = [p for p in text if p.startswith("Dorte Dahl ankom kl. 10.25")]
    assert len(arrival) == 1
    # said where it helps the reader: with item 2, which she attended from its start
    assert arrival[0] in item_section(text, 2)
    assert "under behandlingen" not in arrival[0]
    assert "Dorte Dahl" not in non_participation(text, 2)


def test_early_departure_during_an_item_is_absent_for_it_and_after():
    play = started()
    play.take_item("budget", "10:00", "10:20")
    play.take_item("byggeri", "10:20", "10:40")
    play.take_item("udbud", "10:40", "11:00")
    play.take_item("it", "11:00", "11:20")
    play.open_item("orientering", "11:21")
    play.leave("gustav", "11:30")
    play.decide("orientering", "Til orientering.")
    play.close_item("orientering", "11:35")
    play.take_item("eventuelt", "11:35", "11:40", "Ingen bemærkninger.")
    play.open_item("underskriftsside", "11:41")
    play.close_meeting("11:45")
    state = play.state()

    assert "Gustav Græsbøll" not in absent_names(state, "it")
    for item in ("orientering", "eventuelt", "underskriftsside"):
        assert "Gustav Græsbøll" in absent_names(state, item)

    text = play.paragraphs()
    assert "Gustav Græsbøll forlod mødet kl. 11.30 under behandlingen af punkt 5." in (
        item_section(text, 5)
    )
    assert non_participation(text, 5) == ["Gustav Græsbøll"]
    assert fravaerende(text, 5) == "Fraværende Gustav Græsbøll, V"
    assert fravaerende(text, 6) == "Fraværende Gustav Græsbøll, V"
    assert fravaerende(text, 4) is None
    # he took part in the meeting: no '(Fravær)', and he signs in the full version
    assert "Gustav Græsbøll, V (Fravær)" not in line_starting(text, "Mødedeltagere")
    assert any(p.name == "Gustav Græsbøll" for p in attendance.took_part(state))


def test_departure_between_items_says_after_which_item():
    play = started()
    play.take_item("budget", "10:00", "10:20")
    play.leave("erik", "10:22")
    play.take_item("byggeri", "10:25", "10:40")
    state = play.state()
    assert "Erik Eriksen" not in absent_names(state, "budget")
    assert "Erik Eriksen" in absent_names(state, "byggeri")
    text = play.paragraphs()
    assert sum(p.startswith("Erik Eriksen forlod mødet kl. 10.22") for p in text) == 1


def test_departure_before_the_first_item_is_told():
    play = started()
    play.leave("anja", "10:02")
    play.take_item("budget", "10:05", "10:20")
    state = play.state()
    assert "Anja Lund" in absent_names(state, "budget")
    text = play.paragraphs()
    assert "Anja Lund forlod mødet kl. 10.02 før behandlingen af punkt 1." in item_section(text, 1)


def test_departure_during_an_item_taken_up_again_is_told_under_it():
    play = started()
    play.take_item("budget", "10:00", "10:20", decision="")
    play.take_item("byggeri", "10:20", "10:40")
    play.open_item("budget", "10:40")  # back to item 1
    play.leave("erik", "10:45")
    play.decide("budget", "Godkendt.")
    play.close_item("budget", "10:50")
    text = play.paragraphs()
    assert "Erik Eriksen forlod mødet kl. 10.45 under behandlingen af punkt 1." in (
        item_section(text, 1)
    )
    assert sum("Erik Eriksen forlod" in p for p in text) == 1


def test_departure_during_the_signature_page_is_told_on_the_front_page():
    play = started()
    play.take_item("eventuelt", "10:00", "10:05", "Ingen bemærkninger.")
    play.open_item("underskriftsside", "10:05")
    play.leave("hans", "10:06")
    play.close_meeting("10:10")
    text = play.paragraphs()
    contents = text.index("Indholdsfortegnelse")
    assert "Hans Holm forlod mødet kl. 10.06 under behandlingen af punkt 7." in text[:contents]


def test_times_are_shown_in_the_meeting_time_zone():
    """A time stored with another offset (here UTC) still reads as Danish wall clock time."""
    play = started()
    play.open_item("budget", "10:00")
    play.add(
        "left", member="erik", time=pendulum.datetime(2025, 11, 20, 9, 30, tz="UTC").isoformat()
    )
    play.close_item("budget", "10:40")
    text = play.paragraphs()
    assert "Erik Eriksen forlod mødet kl. 10.30 under behandlingen af punkt 1." in text


# -- substitutes -----------------------------------------------------------------------------------


def test_substitute_named_before_the_meeting_fills_the_seat():
    play = Play(small_agenda())
    for member in MEMBER_IDS:
        play.roll_call(member, "afbud" if member == "bo" else "present")
    play.substitute("bo", "Cecilie Dam", "A")
    play.open_meeting("10:00")
    play.take_item("budget", "10:00", "10:20")
    state = play.state()

    att = attendance.for_item(state, "budget")
    assert "bo" in att.present and "bo" in att.taking_part  # the seat counts for quorum
    assert len(att.taking_part) == 8
    assert state.person("bo", att.epoch).name == "Cecilie Dam"

    text = play.paragraphs()
    sentence = next(p for p in text if "havde meldt afbud" in p)
    assert re.fullmatch(
        r"Bo Berg(, A| \(A\))? havde meldt afbud, og Cecilie Dam(, A| \(A\))? deltog i stedet\.",
        sentence,
    ), sentence
    # the substitute appears under her own name with her party
    assert "Cecilie Dam, A" in line_starting(text, "Mødedeltagere")
    # and signs the full version
    assert any(p.name == "Cecilie Dam" and p.party == "A" for p in attendance.took_part(state))
    full = play.paragraphs(full=True)
    assert any(p.endswith("Cecilie Dam, A") for p in item_section(full, 7))


def test_substitute_votes_under_her_own_name():
    play = Play(small_agenda())
    for member in MEMBER_IDS:
        play.roll_call(member, "afbud" if member == "bo" else "present")
    play.substitute("bo", "Cecilie Dam", "A")
    play.open_meeting("10:00")
    play.open_item("budget", "10:00")
    play.vote("budget", for_=["bo", "anja"], against=["frida"])
    play.close_item("budget", "10:20")
    vote = next(p for p in play.paragraphs() if p.startswith("For stemte"))
    assert "Cecilie Dam" in vote and "Bo Berg" not in vote


# -- not taking part ---------------------------------------------------------------------------------


def test_inhabil_in_one_item_only_is_named_after_the_absent():
    play = started(afbud=("carl", "frida"))
    play.open_item("budget", "10:00")
    play.not_taking_part("budget", "bo", "inhabil")
    play.decide("budget", "Godkendt.")
    play.close_item("budget", "10:20")
    play.take_item("byggeri", "10:20", "10:40")
    state = play.state()

    att = attendance.for_item(state, "budget")
    assert "bo" in att.present and "bo" not in att.taking_part
    assert dict(att.not_taking_part) == {"bo": "inhabil"}
    # the absent are named first; the inhabil member in a sentence of its own after them
    text = play.paragraphs()
    section = item_section(text, 1)
    assert "Carl Carlsen og Frida Friis deltog ikke i sagens behandling." in section
    inhabil = "Bo Berg erklærede sig inhabil og deltog ikke i sagens behandling."
    assert section.index(inhabil) > section.index(
        "Carl Carlsen og Frida Friis deltog ikke i sagens behandling."
    )
    assert "Carl Carlsen og Frida Friis deltog ikke i sagens behandling." in item_section(text, 2)
    # not taking part is not absence
    assert fravaerende(text, 1) == "Fraværende Carl Carlsen, V, Frida Friis, A"
    assert "bo" in attendance.for_item(state, "byggeri").taking_part


def test_taking_part_again_undoes_not_taking_part():
    play = started()
    play.open_item("budget", "10:00")
    play.not_taking_part("budget", "bo", "left_room")
    play.add("taking_part", item="budget", member="bo")
    play.close_item("budget", "10:20")
    att = attendance.for_item(play.state(), "budget")
    assert "bo" in att.taking_part and not att.not_taking_part


# -- quorum ---------------------------------------------------------------------------------------------


def test_quorum_lost_and_regained():
    # 8 seats: quorate with 4 taking part. 5 present at the start.
    play = started(afbud=("gustav", "hans"), absent=("frida",))
    play.take_item("budget", "10:00", "10:20")
    play.open_item("byggeri", "10:20")
    play.leave("erik", "10:25")
    play.leave("dorte", "10:26")
    play.close_item("byggeri", "10:40")
    play.take_item("udbud", "10:40", "10:50")
    play.open_item("it", "10:50")
    play.arrive("frida", "10:55")
    play.close_item("it", "11:00")
    play.take_item("orientering", "11:00", "11:10")
    state = play.state()

    def quorate(item):
        return attendance.for_item(state, item).quorate

    assert len(attendance.for_item(state, "budget").taking_part) == 5 and quorate("budget")
    assert len(attendance.for_item(state, "byggeri").taking_part) == 3
    assert not quorate("byggeri")  # 2 x 3 < 8
    assert not quorate("udbud")
    assert not quorate("it")  # Frida arrived during item 4: counts from item 5
    assert len(attendance.for_item(state, "orientering").taking_part) == 4
    assert quorate("orientering")  # 2 x 4 >= 8


def test_members_not_taking_part_do_not_count_for_quorum():
    play = started(afbud=("gustav", "hans", "frida"))  # 5 present
    play.open_item("budget", "10:00")
    play.not_taking_part("budget", "bo", "inhabil")
    play.not_taking_part("budget", "anja", "other")
    play.close_item("budget", "10:20")
    att = attendance.for_item(play.state(), "budget")
    assert len(att.present) == 5 and len(att.taking_part) == 3
    assert not att.quorate


def test_the_agenda_can_fix_the_quorum():
    play = started(quorum=3, afbud=("dorte", "erik", "frida", "gustav", "hans"))  # 3 present
    play.take_item("budget", "10:00", "10:20")
    play.open_item("byggeri", "10:20")
    play.not_taking_part("byggeri", "anja")
    play.close_item("byggeri", "10:30")
    state = play.state()
    assert attendance.for_item(state, "budget").quorate  # 3 >= 3, though 2 x 3 < 8
    assert not attendance.for_item(state, "byggeri").quorate


def test_overview_counts_for_the_chair():
    play = started(afbud=("gustav",))
    play.open_item("budget", "10:00")
    play.not_taking_part("budget", "bo")
    play.leave("erik", "10:05")
    view = attendance.overview(play.state())
    assert view.seats == 8
    assert view.in_room == 6  # erik left, gustav never came
    assert view.current_item == "Punkt 1: Budget 2026"
    assert view.taking_part == 5  # Erik left during the item: absent for it; Bo out
    assert view.quorate


# -- undo and corrections ------------------------------------------------------------------------------


def facts(state: meeting.MeetingState) -> dict:
    """What the minutes say about attendance and decisions, item by item."""
    out = {}
    for item_state in state.items:
        item_id = item_state.item.id
        att = attendance.for_item(state, item_id)
        out[item_id] = (
            att.present,
            att.absent_members,
            att.not_taking_part,
            att.taking_part,
            att.quorate,
            item_state.decision,
            item_state.postponed,
            item_state.vote,
            tuple(item_state.dissents),
            state.number(item_id),
        )
    return out


def test_undo_gives_exactly_the_state_before_the_event():
    play = started(absent=("carl",))
    play.open_item("budget", "10:00")
    before_events = list(play.events)
    before = play.state()
    last = play.arrive("carl", "10:05")
    assert meeting.last_undoable(play.events) == last
    play.retract(last["id"], undo=True)
    after = play.state()
    assert facts(after) == facts(before)
    assert attendance.movements(after) == attendance.movements(before) == []
    assert play.paragraphs() == Play.paragraphs(_with(play, before_events))
    # a second undo takes back the event before it, not the retraction
    assert meeting.last_undoable(play.events)["kind"] == "item_opened"


def _with(play: Play, events: list[dict]) -> Play:
    other = Play(play.agenda)
    other.events = list(events)
    return other


def test_amending_an_arrival_time_changes_the_sentence():
    play = started(absent=("carl",))
    play.open_item("budget", "10:00")
    arrival = play.arrive("carl", "10:05")
    play.close_item("budget", "10:20")
    assert "Carl Carlsen ankom kl. 10.05 under behandlingen af punkt 1." in play.paragraphs()
    play.amend(arrival["id"], time=play.at("10:15").isoformat())
    text = play.paragraphs()
    assert "Carl Carlsen ankom kl. 10.15 under behandlingen af punkt 1." in text
    assert not any("10.05" in p for p in text)


def test_amending_a_decision_text():
    play = started()
    play.open_item("budget", "10:00")
    decision = play.decide("budget", "Godkendt.")
    play.amend(decision["id"], text="Indstillingen godkendt.")
    section = item_section(play.paragraphs(), 1)
    assert "Indstillingen godkendt." in section and "Godkendt." not in section


# -- decisions, postponement, added items ---------------------------------------------------------------


def test_postponed_item_says_udsat():
    play = started()
    play.open_item("budget", "10:00")
    play.postpone("budget")
    play.close_item("budget", "10:05")
    section = item_section(play.paragraphs(), 1)
    heading = "Beslutning i Testudvalget den 20-11-2025"
    assert section[section.index(heading) + 1] == "Udsat."


def test_postponed_item_not_taken_up_still_says_udsat():
    play = started()
    play.postpone("byggeri")
    section = item_section(play.paragraphs(), 2)
    assert "Udsat." in section


def test_item_added_during_the_meeting_goes_before_eventuelt():
    play = started()
    play.take_item("budget", "10:00", "10:20")
    play.add_item({"id": "hastesag", "title": "Hastesag om vand", "case": "25/999"})
    play.take_item("hastesag", "10:20", "10:30", "Godkendt.")
    state = play.state()
    assert [s.item.id for s in state.items] == [
        "budget",
        "byggeri",
        "udbud",
        "it",
        "orientering",
        "hastesag",
        "eventuelt",
        "underskriftsside",
    ]
    assert state.number("hastesag") == 6
    text = play.paragraphs()
    section = item_section(text, 6)
    assert section[0] == "Punkt 6: Hastesag om vand"
    assert "Sagen blev optaget på dagsordenen under mødet som punkt 6." in section
    assert "Punkt 7: Eventuelt #" in text and "Punkt 8: Underskriftsside #" in text
    # listed in the contents as well
    assert text.count("Hastesag om vand") == 1


def test_item_added_after_a_named_item_renumbers_those_after_it():
    play = started()
    play.add_item({"id": "ekstra", "title": "Ekstra punkt"}, after="budget")
    state = play.state()
    assert state.number("ekstra") == 2
    assert state.number("byggeri") == 3
    assert "Punkt 3: Nyt byggeri" in play.paragraphs()


# -- votes and dissent ----------------------------------------------------------------------------------


def vote_line(paragraphs: list[str], number: int) -> str:
    return next(p for p in item_section(paragraphs, number) if p.startswith("For stemte"))


def test_votes_along_party_lines_give_party_letters():
    play = started()
    play.open_item("budget", "10:00")
    play.vote(
        "budget",
        for_=["anja", "bo", "carl", "erik", "frida", "gustav"],
        against=["dorte"],
    )
    play.decide("budget", "Godkendt.")
    play.close_item("budget", "10:20")
    # Hans Holm (løsgænger) did not vote
    assert vote_line(play.paragraphs(), 1) == "For stemte: A, B og V. Imod stemte: Ø."


def test_a_split_party_is_named_member_by_member():
    play = started()
    play.open_item("budget", "10:00")
    play.vote("budget", for_=["anja", "carl", "bo", "frida"], against=["gustav", "dorte"])
    play.close_item("budget", "10:20")
    line = vote_line(play.paragraphs(), 1)
    found = re.fullmatch(r"For stemte: (.*)\. Imod stemte: (.*)\.", line)
    assert found, line
    in_favour, against = unjoin(found[1]), unjoin(found[2])
    assert "A" in in_favour and "V" not in in_favour
    assert {"Anja Lund", "Carl Carlsen"} <= {n.split(" (")[0] for n in in_favour}
    assert "Ø" in against
    assert any(n.startswith("Gustav Græsbøll") for n in against)


def test_abstentions_are_recorded():
    play = started()
    play.open_item("budget", "10:00")
    play.vote("budget", for_=["anja", "carl", "gustav"], against=[], abstain=["hans"])
    play.close_item("budget", "10:20")
    line = vote_line(play.paragraphs(), 1)
    assert line.startswith("For stemte: V.")
    assert "Undlod at stemme: Hans Holm" in line


def test_dissent_is_recorded_in_the_protocol_wording():
    play = started()
    play.open_item("budget", "10:00")
    play.vote("budget", for_=["anja", "bo", "carl", "erik", "frida", "gustav"], against=["dorte"])
    play.dissent("budget", "dorte", "Budgettet rammer de svageste.")
    play.close_item("budget", "10:20")
    section = item_section(play.paragraphs(), 1)
    line = next(p for p in section if "beslutningsprotokollen" in p)
    assert line.startswith("Dorte Dahl")
    assert line.endswith(
        'ønskede følgende bemærkning tilført beslutningsprotokollen: "Budgettet rammer de svageste."'
    )


# -- the whole meeting ---------------------------------------------------------------------------------


def test_meeting_start_and_end_sentence():
    play = started()
    play.take_item("budget", "10:00", "10:20")
    play.close_meeting("11:45")
    assert "Mødet begyndte kl. 10.00 og sluttede kl. 11.45." in play.paragraphs()


def test_absent_all_meeting_marked_fravaer_and_in_every_fravaerende_line():
    play = started(afbud=("erik",))
    for n, item in enumerate(("budget", "byggeri", "udbud", "it", "orientering", "eventuelt")):
        play.take_item(item, f"1{n}:00", f"1{n}:30")
    text = play.paragraphs()
    assert "Erik Eriksen, B (Fravær)" in line_starting(text, "Mødedeltagere")
    for number in range(1, 8):
        assert fravaerende(text, number) == "Fraværende Erik Eriksen, B"


# -- linear cost (issue 9): the quick answers equal the plain rules ------------------------------
def _naive_present(seat, epoch: int) -> bool:
    """attendance.seat_present as it was: every movement in the order they happened."""
    present = attendance._starts_present(seat)
    for move in seat.movements:
        if epoch >= move.threshold:
            present = move.kind == "arrived"
    return present


_moves = st.lists(
    st.tuples(
        st.sampled_from(["arrived", "left"]),
        st.integers(0, 40),  # minutes after 10:00, in any recording order
        st.integers(0, 6),  # epoch
        st.booleans(),  # during an item
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(
    _moves,
    st.sampled_from(["present", "afbud"]),
    st.none() | st.integers(0, 7),
    st.integers(0, 8),
    st.integers(0, 8),
)
def test_seat_presence_lookups_equal_the_scan_of_every_movement(moves, status, sub, a, b):
    agenda = small_agenda()
    seat = meeting.Seat(agenda.members[0], status=status)
    if sub is not None:
        seat.substitute, seat.substitute_from = agenda.members[1].substitutes[0], sub
    start = pendulum.datetime(2025, 11, 20, 10, tz="Europe/Copenhagen")
    for event_id, (kind, minute, epoch, during) in enumerate(moves, 1):
        move = meeting.Movement(kind, start.add(minutes=minute), epoch, during, None, event_id)
        seat.add_movement(move)
        for e in range(0, 9):  # asked between additions too: the steps follow the movements
            assert attendance.seat_present(seat, e) == _naive_present(seat, e)
    assert seat.movements == sorted(seat.movements, key=lambda m: (m.time, m.event_id))
    first, last = min(a, b), max(a, b)
    at_start = attendance._starts_present(seat)
    assert seat.filled_during(first, last, at_start) == any(
        _naive_present(seat, e) for e in range(first, last + 1)
    )


def test_moment_at_with_openings_out_of_time_order_looks_through_them_all():
    """A corrected item time can put the openings out of order: the answer is the plain one."""
    play = started()
    play.open_item("budget", "10:00")
    first = play.open_item("byggeri", "10:20")
    play.open_item("udbud", "10:40")
    play.amend(first["id"], time=play.at("10:50").isoformat())  # now after item 3's opening
    state = play.state()
    assert state.moment_at(play.at("10:30"))[2] == "budget"
    assert state.moment_at(play.at("10:45"))[2] == "udbud"
    assert state.moment_at(play.at("10:55"))[2] == "udbud"  # the last taken up, opened by then
    assert state.moment_at(play.at("09:59")) == (0, False, None)


def test_took_part_and_absent_all_meeting_follow_the_substitute(tmp_path):
    play = started(afbud=["bo"])
    play.open_item("budget", "10:00")
    play.close_item("budget", "10:10")
    play.substitute("bo", "Cecilie Dam", "A", "10:15")
    play.open_item("byggeri", "10:20")
    state = play.state()
    people = [p.name for p in attendance.took_part(state)]
    assert "Cecilie Dam" in people and "Bo Berg" not in people
    assert attendance.absent_all_meeting(state, "bo")
    assert not attendance.absent_all_meeting(state, "anja")
