"""Danish wording: list joins, dates and clock times as published referater write them.

Expected values come from the reference minutes, FORMAT.md and WORDING.md, and from the
calendar (20 November 2025 is a Thursday; 3 March 2025 a Monday; Denmark moves to summer
time on 30 March 2025 and back on 26 October 2025).
"""

from __future__ import annotations

import pendulum
import pytest

from meetingtui import wording

CPH = "Europe/Copenhagen"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], ""),
        (["Anja Lund"], "Anja Lund"),
        (
            ["Anne Marie Geisler Andersen", "Jens Wistoft"],
            "Anne Marie Geisler Andersen og Jens Wistoft",
        ),
        (
            ["Anne Marie Geisler Andersen", "Jens Wistoft", "Meho Selman"],
            "Anne Marie Geisler Andersen, Jens Wistoft og Meho Selman",
        ),
        (["A", "B", "C", "D", "F", "O", "V"], "A, B, C, D, F, O og V"),
    ],
)
def test_danish_list_join(names, expected):
    assert wording.join(names) == expected


def test_no_oxford_comma_before_og():
    assert ", og " not in wording.join(["A", "B", "C"])


def test_join_accepts_any_sequence():
    assert wording.join(("A", "B")) == "A og B"


def test_short_date_as_in_title_and_decision_heading():
    day = pendulum.date(2025, 11, 20)
    assert wording.date_short(day) == "20-11-2025"
    assert wording.date_short(pendulum.date(2026, 3, 2)) == "02-03-2026"


def test_title_and_decision_heading_read_like_the_reference():
    day = pendulum.date(2025, 11, 20)
    body = "Digitaliserings- og Innovationsudvalget"
    assert wording.title_line(body, day) == (
        "REFERAT Digitaliserings- og Innovationsudvalget d. 20-11-2025"
    )
    assert wording.decision_heading(body, day) == (
        "Beslutning i Digitaliserings- og Innovationsudvalget den 20-11-2025"
    )


def test_long_date_of_the_reference_meeting():
    start = pendulum.datetime(2025, 11, 20, 10, 0, tz=CPH)
    assert wording.datetime_long(start) == "Torsdag d. 20. november 2025 kl. 10:00"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # a Monday in March, single-digit day, minutes not zero
        ((2025, 3, 3, 9, 30), "Mandag d. 3. marts 2025 kl. 09:30"),
        # the day summer time begins (02:00 -> 03:00): the wall clock, not UTC
        ((2025, 3, 30, 10, 0), "Søndag d. 30. marts 2025 kl. 10:00"),
        # the day summer time ends (03:00 -> 02:00)
        ((2025, 10, 26, 16, 15), "Søndag d. 26. oktober 2025 kl. 16:15"),
        # a summer date: +02:00
        ((2026, 6, 17, 13, 0), "Onsdag d. 17. juni 2026 kl. 13:00"),
        ((2026, 1, 1, 8, 5), "Torsdag d. 1. januar 2026 kl. 08:05"),
        ((2026, 5, 2, 10, 0), "Lørdag d. 2. maj 2026 kl. 10:00"),
        ((2026, 2, 3, 10, 0), "Tirsdag d. 3. februar 2026 kl. 10:00"),
        ((2026, 12, 4, 10, 0), "Fredag d. 4. december 2026 kl. 10:00"),
    ],
)
def test_long_date_danish_names_weekday_capitalised(moment, expected):
    assert wording.datetime_long(pendulum.datetime(*moment, tz=CPH)) == expected


def test_clock_in_running_text_uses_a_dot():
    assert wording.time_of_day(pendulum.datetime(2025, 11, 20, 11, 30, tz=CPH)) == "11.30"
    assert wording.time_of_day(pendulum.datetime(2025, 11, 20, 9, 5, tz=CPH)) == "09.05"


def test_clock_on_daylight_saving_days_is_wall_clock_time():
    # 03:30 exists only once summer time has begun; 02:30 happens twice in October
    assert wording.time_of_day(pendulum.datetime(2025, 3, 30, 3, 30, tz=CPH)) == "03.30"
    later = pendulum.datetime(2025, 10, 26, 2, 30, tz=CPH)  # resolves to the later offset
    assert wording.time_of_day(later) == "02.30"


def test_meeting_times_sentence():
    start = pendulum.datetime(2025, 11, 20, 10, 0, tz=CPH)
    end = pendulum.datetime(2025, 11, 20, 11, 45, tz=CPH)
    assert wording.meeting_times(start, end) == "Mødet begyndte kl. 10.00 og sluttede kl. 11.45."


def test_member_labels_as_on_the_front_page():
    assert wording.member_label("Anja Lund", "V") == "Anja Lund, V"
    assert wording.member_label("Karsten Byrgesen", "løsgænger") == ("Karsten Byrgesen (løsgænger)")


def test_not_taking_part_sentence_as_in_the_reference():
    names = ["Anne Marie Geisler Andersen", "Jens Wistoft", "Meho Selman"]
    assert wording.not_taking_part(names) == (
        "Anne Marie Geisler Andersen, Jens Wistoft og Meho Selman deltog ikke i sagens behandling."
    )
    assert wording.not_taking_part([]) == ""


def test_contents_entry_and_heading_share_the_title():
    assert wording.item_heading(2, "Udbudsproces", closed=True, flag=False) == (
        "Punkt 2: Lukket punkt: Udbudsproces"
    )
    assert wording.contents_entry("Udbudsproces", closed=True, flag=False) == (
        "Lukket punkt: Udbudsproces"
    )
    assert wording.item_heading(6, "Eventuelt", closed=False, flag=True) == "Punkt 6: Eventuelt #"
    assert wording.contents_entry("Eventuelt", closed=False, flag=True) == "Eventuelt #"


def test_vote_sentence_formula():
    assert wording.vote(["A", "B", "V"], ["Ø"], []) == "For stemte: A, B og V. Imod stemte: Ø."
    assert wording.vote(["A"], [], ["Ø"]) == "For stemte: A. Undlod at stemme: Ø."
