"""A stored time read into the meeting's zone: the fold's fast conversion gives the very
DateTime pendulum's own conversion gives, across zones, offsets and DST changes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pendulum
from helpers import small_agenda
from hypothesis import given, settings
from hypothesis import strategies as st

from meetingtui.eventkinds.definition import parse_time
from meetingtui.state import initial

ZONES = ("Europe/Copenhagen", "UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata")


def state_in(zone: str):
    agenda = small_agenda()
    start = agenda.meeting.start.in_timezone(zone)
    return initial(
        dataclasses.replace(agenda, meeting=dataclasses.replace(agenda.meeting, start=start))
    )


def assert_same(found: pendulum.DateTime, expected: pendulum.DateTime) -> None:
    assert type(found) is type(expected)
    assert found == expected
    assert found.isoformat() == expected.isoformat()  # the wall time and offset shown
    assert found.fold == expected.fold  # which of a repeated hour
    assert found.timezone_name == expected.timezone_name


# Around Copenhagen's changes of 2025: 30 March 02:00 -> 03:00, 26 October 03:00 -> 02:00.
@given(
    zone=st.sampled_from(ZONES),
    utc=st.datetimes(min_value=datetime(2025, 3, 29), max_value=datetime(2025, 3, 31))
    | st.datetimes(min_value=datetime(2025, 10, 25), max_value=datetime(2025, 10, 27))
    | st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2150, 1, 1)),
    offset_minutes=st.integers(min_value=-12 * 60, max_value=14 * 60),
)
@settings(max_examples=300, deadline=None)
def test_local_time_is_pendulums_conversion(zone, utc, offset_minutes):
    offset = timezone(timedelta(minutes=offset_minutes))
    stored = utc.replace(tzinfo=UTC).astimezone(offset).isoformat()
    expected = parse_time(stored).in_timezone(zone)
    assert_same(state_in(zone).local_time(stored), expected)


def test_the_repeated_hour_is_told_apart():
    """26 October 2025, 02:30 in Copenhagen happens twice: the stored offset says which."""
    state = state_in("Europe/Copenhagen")
    first = state.local_time("2025-10-26T00:30:00+00:00")
    second = state.local_time("2025-10-26T01:30:00+00:00")
    assert (first.hour, first.minute) == (second.hour, second.minute) == (2, 30)
    assert first.isoformat().endswith("+02:00") and second.isoformat().endswith("+01:00")
    assert second - first == pendulum.duration(hours=1)
