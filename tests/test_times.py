"""Times the secretary types: the usual forms, and DST times refused rather than guessed."""

from __future__ import annotations

import pendulum
import pytest

from meetingtui import times
from meetingtui.errors import TimeInputError

TZ = "Europe/Copenhagen"
DAY = pendulum.date(2025, 11, 20)


@pytest.mark.parametrize("typed", ["10.30", "10:30", "1030", "kl. 10.30", " 10.30 "])
def test_the_usual_ways_of_typing_a_time(typed):
    moment = times.parse(typed, DAY, TZ)
    assert (moment.hour, moment.minute) == (10, 30)
    assert moment.utcoffset().total_seconds() == 3600  # CET in November


def test_an_hour_alone_means_on_the_hour():
    assert times.parse("9", DAY, TZ).format("HH:mm") == "09:00"


@pytest.mark.parametrize("typed", ["25.00", "10.60", "ti", "10-30", ""])
def test_not_a_time(typed):
    with pytest.raises(TimeInputError):
        times.parse(typed, DAY, TZ)


def test_a_time_that_does_not_exist_on_the_spring_forward_day_is_refused():
    # the message says which case applies: this hour does not exist
    with pytest.raises(TimeInputError, match="findes ikke: uret stilles frem til sommertid"):
        times.parse("02.30", pendulum.date(2026, 3, 29), TZ)


def test_a_time_that_happens_twice_on_the_fall_back_day_is_refused():
    with pytest.raises(TimeInputError, match="findes to gange: uret stilles tilbage til vintertid"):
        times.parse("02.30", pendulum.date(2026, 10, 25), TZ)


def test_the_hours_around_the_change_are_fine_with_their_own_offsets():
    before = times.parse("01.30", pendulum.date(2026, 3, 29), TZ)
    after = times.parse("03.30", pendulum.date(2026, 3, 29), TZ)
    assert (after - before).in_minutes() == 60  # one real hour: 02.00 never happened
