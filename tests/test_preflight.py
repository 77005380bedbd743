"""The check before an export: each thing that looks wrong is named, with its item number;
a meeting run properly gives nothing to say."""

from __future__ import annotations

from helpers import ITEM_IDS, MEMBER_IDS, Play, small_agenda

from meetingtui import preflight


def said(play: Play) -> list[str]:
    return [str(problem) for problem in preflight.problems(play.state())]


def a_whole_meeting(decide_all: bool = True) -> Play:
    """The small meeting: all eight present, every item decided, opened 10.00, closed 11.00."""
    play = Play(small_agenda())
    play.open_meeting("10:00")
    for n, item in enumerate(ITEM_IDS[:-1]):
        start, end = f"10:{n * 5:02d}", f"10:{n * 5 + 4:02d}"
        if decide_all:
            play.take_item(item, start, end, "Godkendt.")
        else:
            play.open_item(item, start)
            play.close_item(item, end)
    play.open_item("underskriftsside", "10:55")
    play.close_meeting("11:00")
    return play


def test_a_meeting_run_properly_has_nothing_to_say():
    assert said(a_whole_meeting()) == []


def test_a_meeting_never_opened_says_so():
    assert said(Play(small_agenda()))[0] == "Mødet er ikke åbnet (intet starttidspunkt)."


def test_a_meeting_not_closed_says_so():
    play = Play(small_agenda())
    play.open_meeting("10:00")
    assert said(play)[0] == "Mødet er ikke afsluttet (intet sluttidspunkt)."


def test_every_item_without_a_decision_is_named_but_not_the_signature_page():
    problems = said(a_whole_meeting(decide_all=False))
    assert problems == [f"Punkt {n}: har ingen beslutning." for n in range(1, 7)]


def test_a_postponed_item_needs_no_decision():
    play = a_whole_meeting()
    play.decide("byggeri", "")
    assert said(play) == ["Punkt 2: har ingen beslutning."]
    play.postpone("byggeri")
    assert said(play) == []


def test_an_item_handled_without_quorum_is_named():
    play = Play(small_agenda())
    for member in ("carl", "dorte", "erik", "frida", "gustav"):
        play.roll_call(member, "afbud")  # three of eight left: not half
    play.open_meeting("10:00")
    play.take_item("budget", "10:00", "10:10", "Godkendt.")
    assert "Punkt 1: blev behandlet, selv om udvalget ikke var beslutningsdygtigt." in said(play)


def test_a_vote_that_does_not_add_up_is_named():
    play = a_whole_meeting()
    play.vote("budget", for_=MEMBER_IDS[:5], against=MEMBER_IDS[5:7])  # seven of eight
    assert said(play) == ["Punkt 1: afstemningen har 7 stemmer, men 8 deltager i punktet."]


def test_an_absent_member_who_voted_is_named():
    play = Play(small_agenda())
    play.roll_call("hans", "afbud")
    play.open_meeting("10:00")
    play.take_item("budget", "10:00", "10:10", "Godkendt.")
    play.vote("budget", for_=MEMBER_IDS)  # Hans Holm too
    problems = said(play)
    assert "Punkt 1: Hans Holm er fraværende, men har stemt." in problems


def test_a_member_not_taking_part_who_voted_is_named():
    play = a_whole_meeting()
    play.not_taking_part("budget", "dorte")
    play.vote("budget", for_=MEMBER_IDS)
    assert "Punkt 1: Dorte Dahl deltager ikke i punktet, men har stemt." in said(play)


def test_a_member_who_voted_twice_is_named():
    play = a_whole_meeting()
    play.vote("budget", for_=MEMBER_IDS, against=["anja"])
    assert "Punkt 1: et medlem har stemt mere end én gang." in said(play)


def test_a_departure_after_the_close_is_named():
    play = a_whole_meeting()
    play.leave("carl", "11:30")
    assert said(play) == ["Carl Carlsen gik kl. 11.30, efter mødet sluttede."]


def test_the_line_that_stops_an_export_counts_in_danish():
    assert preflight.stopped(1) == (
        "intet er eksporteret: kontrollen før eksport fandt 1 problem (se ovenfor); ret det, "
        "eller eksportér alligevel med --force"
    )
    assert "fandt 3 problemer (se ovenfor); ret dem," in preflight.stopped(3)
