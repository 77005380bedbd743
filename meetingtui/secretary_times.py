"""The secretary's times: what a time dialog offers, how a typed time is read and checked,
and corrections of a time. Part of `Secretary` (secretary.py), kept apart for its length.

Every time goes through `timeline` (one rule for every time); the clock is asked only in
a meeting run by it (live, or a rehearsal's simulated clock), never after the fact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pendulum

from meetingtui import events as ev
from meetingtui import text_input, timeline, times
from meetingtui.agenda import Agenda
from meetingtui.errors import ActionError
from meetingtui.meeting import MeetingState, fold
from meetingtui.record import MeetingRecord


class Timekeeping:
    """The time half of the Secretary (its attributes are the Secretary's)."""

    agenda: Agenda
    record: MeetingRecord
    state: MeetingState
    now: times.Now
    mode: timeline.Mode
    _offered: pendulum.DateTime | None

    def _one_line(self, text: str, label: str) -> str:
        """One-line typed text, checked and NFC-normalised ('' if nothing visible)."""
        try:
            return text_input.check_one_line(text, label)
        except text_input.TextInputError as error:
            raise ActionError(str(error)) from None

    def _record(self, kind: str, **fields: Any) -> dict[str, Any]:
        raise NotImplementedError

    # -- times --------------------------------------------------------------------------
    @property
    def tz(self) -> str:
        return self.agenda.meeting.timezone

    @property
    def rehearsal(self) -> bool:
        return self.mode is timeline.Mode.REHEARSAL

    def default_time(self) -> pendulum.DateTime:
        """The time a time dialog offers, seconds kept (remembered: `time` uses it when the
        text typed is its HH.MM display).

        Run by the clock: now, on the meeting's day, or the latest time registered if that
        is later. After the fact: the latest time registered so far (the meeting's start
        before anything is).
        """
        latest = timeline.latest(self.state)
        if self.mode.uses_clock:
            # never before what is recorded (an opening typed ahead of the clock)
            now = self.now_on_meeting_day()
            offered = max(now, latest) if latest is not None else now
        else:
            offered = latest or self.agenda.meeting.start
        self._offered = offered
        return offered

    def default_text(self) -> str:
        """The default time as the dialog shows it: 'HH.MM'."""
        return times.display(self.default_time(), self.tz)

    def now_text(self) -> str:
        """What a time dialog pre-fills: the default time's HH.MM (see `default_time`)."""
        return self.default_text()

    def time(self, text: str | None) -> pendulum.DateTime:
        """A typed time (on the meeting's day, or the next for a meeting past midnight), or
        the default time if nothing was typed. Typing the default's own HH.MM keeps its
        seconds, so a registration made with the time offered lands where it happened."""
        if text is None or not text.strip():
            return self.default_time()
        text = self._one_line(text, "Klokkeslættet")
        offered = self._offered
        if offered is not None and _same_minute_text(text, times.display(offered, self.tz)):
            return offered
        return timeline.read(self.state, text)

    def now_on_meeting_day(self) -> pendulum.DateTime:
        """The clock's time of day on the meeting's date (seconds kept).

        Typed times are read on the meeting's date, so 'now' must be too. A live meeting
        is on its own day; a rehearsal's simulated clock starts on it.
        """
        now, day = self.now().in_tz(self.tz), self.agenda.meeting.date
        return pendulum.datetime(
            day.year, day.month, day.day, now.hour, now.minute, now.second, tz=self.tz
        )

    def _clock(self) -> pendulum.DateTime | None:
        """Now, for a meeting run by the clock; None for one entered after the fact."""
        return self.now_on_meeting_day() if self.mode.uses_clock else None

    def _checked(self, kind: str, text: str | None) -> pendulum.DateTime:
        """A time for a registration of `kind`, through the one rule (timeline.check)."""
        return self._check(kind, self.time(text))

    def _check(self, kind: str, when: pendulum.DateTime) -> pendulum.DateTime:
        try:
            return timeline.check(self.state, kind, when, self._clock())
        except timeline.TimeRefused as error:
            raise ActionError(str(error)) from None

    def where(
        self, kind: str, time: str | None = None, placement: str | None = None
    ) -> timeline.Where:
        """Where an arrival or departure (`kind`: "arrived"/"left") at a typed time would
        stand, with its Danish words, for the dialog to show."""
        return timeline.where(self.state, kind, self.time(time), placement)

    def alternative(self, kind: str, time: str | None = None) -> timeline.Where | None:
        """The other place the dialog's one-key flip offers (timeline.alternative)."""
        return timeline.alternative(self.state, kind, self.time(time))

    if TYPE_CHECKING:  # the Secretary's (secretary_approval.Approving)

        def refuse_if_locked(self, kind: str | None = None) -> None: ...

    def amend_time(self, event_id: int, time: str) -> str | None:
        """Correct a registration's time, through the same rule as every time. A correction
        that would put the meeting's times out of order is refused (ActionError); one that
        moves an arrival or departure to another place re-places it, and the Danish line
        returned says so (None when it stands where it stood)."""
        self.refuse_if_locked()  # after the approval, a correction (Secretary.correct)
        target = next((e for e in self.record.events if e["id"] == event_id), None)
        if target is None or "time" not in target:
            raise ActionError("Den registrering har intet tidspunkt at rette.")
        when = self.time(time)
        clock = self._clock()
        if clock is not None and when > clock + timeline.AHEAD:
            raise ActionError(
                f"Kl. {times.display(when, self.tz)} er endnu ikke kommet "
                f"(klokken er {times.display(clock, self.tz)})."
            )
        changes = {"time": when.isoformat()}
        trial = [
            *self.record.events,
            {"kind": "amend", "id": -1, "target": event_id, "changes": changes, "v": ev.VERSION},
        ]
        after = fold(self.agenda, trial)
        disorder = timeline.consistent(after)
        if disorder is not None:
            raise ActionError(f"Rettelsen kan ikke foretages: {disorder}.")
        before = self._place_of(self.state, target)
        self._record("amend", target=event_id, changes=changes)
        moved = self._place_of(self.state, target)
        if before is not None and moved is not None and before != moved:
            return f"Flyttet: står nu {moved} (før: {before})."
        return None

    def _place_of(self, state: MeetingState, event: dict[str, Any]) -> str | None:
        """Where a movement event stands in `state`, in words; None for other events."""
        if event["kind"] not in ("arrived", "left", "substitute"):
            return None
        for seat in state.seats.values():
            for move in seat.movements:
                if move.event_id == event["id"]:
                    kind = "arrived" if event["kind"] == "substitute" else event["kind"]
                    try:
                        return timeline.where(state, kind, move.time, move.placement).words
                    except timeline.TimeRefused:  # an older record's, outside the meeting
                        return None
        return None


def _same_minute_text(typed: str, shown: str) -> bool:
    """The typed text is the shown HH.MM (10.05, 10:05, 1005 alike)."""
    digits = "".join(ch for ch in typed if ch.isdigit())
    return len(digits) == 4 and digits == shown.replace(".", "")
