"""Times the secretary types ('10.05', '10:05', '1005') on the meeting's day and time zone,
and the days typed anywhere (`read_day`: '04-12-2025' or '2025-12-04').

A time that does not exist (spring forward) or happens twice (fall back) on that day is
refused, not guessed: the secretary must be told and type another.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pendulum

from meetingtui.errors import TimeInputError

Now = Callable[[], pendulum.DateTime]
_CLOCK = re.compile(r"^\s*(?:kl\.?\s*)?(\d{1,2})(?:[.:]?(\d{2}))?\s*$")
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_DANISH_DAY = re.compile(r"\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})\s*")


class DateUnreadable(ValueError):
    """A typed day in neither form, or no such day; the message is Danish."""


def read_day(text: str) -> dt.date:
    """The one reading of a typed day (`meetingtui new --date`, the approval's date, a
    correction's): '04-12-2025' as the referat writes it (also 4-12-2025, 04.12.2025,
    04/12/2025) or ISO 8601's '2025-12-04'."""
    if found := _ISO_DAY.fullmatch(text):
        year, month, day = found.groups()
    elif found := _DANISH_DAY.fullmatch(text):
        day, month, year = found.groups()
    else:
        raise DateUnreadable(
            f"Datoen »{text.strip()}« kan ikke læses (forventet DD-MM-ÅÅÅÅ eller ÅÅÅÅ-MM-DD)."
        )
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise DateUnreadable(f"Datoen »{text.strip()}« findes ikke.") from None


def parse(text: str, day: pendulum.Date, tz: str) -> pendulum.DateTime:
    found = _CLOCK.match(text)
    if not found:
        raise TimeInputError(f"'{text}' er ikke et klokkeslæt: skriv TT.MM, fx 10.30")
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if hour > 23 or minute > 59:
        raise TimeInputError(f"'{text}' er ikke et klokkeslæt: timer 0-23, minutter 0-59")
    try:
        return pendulum.datetime(
            day.year, day.month, day.day, hour, minute, tz=tz, raise_on_unknown_times=True
        )
    except Exception:
        raise TimeInputError(_dst_message(hour, minute, day, tz)) from None


def _dst_message(hour: int, minute: int, day: pendulum.Date, tz: str) -> str:
    """Which case applies: the hour does not exist (clocks go forward) or happens twice."""
    when = f"kl. {hour:02d}.{minute:02d} den {day.format('DD-MM-YYYY')}"
    naive = pendulum.naive(day.year, day.month, day.day, hour, minute)
    earlier = pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=tz, fold=0).naive()
    if earlier != naive:
        return (
            f"{when} findes ikke: uret stilles frem til sommertid den nat. "
            "Skriv et andet klokkeslæt"
        )
    return (
        f"{when} findes to gange: uret stilles tilbage til vintertid den nat. "
        "Skriv et andet klokkeslæt"
    )


def display(moment: pendulum.DateTime, tz: str) -> str:
    """'11.30' in the meeting's zone (numbers only: see wording.date_short)."""
    local = moment.in_tz(tz)
    return f"{local.hour:02d}.{local.minute:02d}"


def system_now() -> pendulum.DateTime:
    return pendulum.now()


class SimulatedClock:
    """A rehearsal's clock: starts at `start` (the meeting's start, or the time given to
    --rehearse) and advances with real time."""

    def __init__(self, start: pendulum.DateTime, real: Now = system_now):
        self.start = start
        self._real = real
        self._began = real()

    def __call__(self) -> pendulum.DateTime:
        return self.start + (self._real() - self._began)
