"""The Secretary after the meeting: the referat approved, the record locked, and dated
corrections ("Rettelse"). Part of `Secretary` (secretary.py), kept apart for its length.

Once approved, every action that would record something other than a correction is
refused with `LockedByApproval` (one Danish line) and nothing is recorded: the guard
`unlocked` stands on each such action, and `_record` refuses too, whatever the path.
Undo is refused as well: a wrong correction is corrected by another correction, so what
was approved and every change after it stay in the record, in order.

Both the approval and each correction carry `seal`, the record's chain head just before
they are appended (`MeetingRecord.head`), which the full referat prints as its
fingerprint and `meetingtui verify` checks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import pendulum

from meetingtui import approval, times, wording
from meetingtui.agenda import Agenda
from meetingtui.errors import ActionError, LockedByApproval
from meetingtui.eventkinds.approval import FIELDS, HOWS, Approval, Correction
from meetingtui.meeting import MeetingState
from meetingtui.record import MeetingRecord

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="Approving")

When = str | date | pendulum.DateTime


def unlocked(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """The action is refused, with nothing recorded, once the referat is approved."""

    @functools.wraps(method)
    def guarded(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        self.refuse_if_locked()
        return method(self, *args, **kwargs)

    return guarded


class Approving:
    """The approval half of the Secretary (its attributes are the Secretary's)."""

    agenda: Agenda
    record: MeetingRecord
    state: MeetingState
    now: times.Now

    if TYPE_CHECKING:  # the Secretary's own (secretary.py, secretary_times.py)

        def _record(self, kind: str, **fields: Any) -> dict[str, Any]: ...

        def _one_line(self, text: str, label: str) -> str: ...

        def _multiline(self, text: str) -> tuple[str, int]: ...

        @property
        def rehearsal(self) -> bool: ...

    # -- the lock ---------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        """The referat is approved: only corrections may be recorded."""
        return self.state.locked

    def refuse_if_locked(self, kind: str | None = None) -> None:
        """LockedByApproval if the record is locked (and `kind` is not a correction)."""
        found = self.state.approval
        if found is not None and kind != "correction":
            raise LockedByApproval(approval.locked_message(found))

    def approvers(self) -> list[str]:
        """The members (seat ids) who took part in the meeting: the approvers preselected."""
        return approval.took_part(self.state)

    # -- approving -----------------------------------------------------------------------------
    def approve(self, when: When, how: str, by: Sequence[str], note: str | None = None) -> Approval:
        """Register the referat's approval and lock the record; the approval as recorded.

        `when`: the day ('04-12-2025', a date: 00:00 that day in the meeting's zone) or a
        time; `how`: "signed", "next_meeting" or "own_system"; `by`: member ids (see
        `approvers()`). Refused (ActionError) before the meeting is closed, a second time
        (LockedByApproval), in a rehearsal, for an unknown member, a date before the
        meeting or to come.
        """
        found = self.state.approval
        if found is not None:
            raise LockedByApproval(
                f"Referatet er allerede godkendt den {wording.date_short(found.when)} og er låst."
            )
        if self.state.opened is None or self.state.closed is None:
            raise ActionError("Mødet er ikke afsluttet: et referat godkendes, når mødet er slut.")
        if self.rehearsal:
            raise ActionError("En prøvegennemgang (PRØVE) er ikke et møde og godkendes ikke.")
        if how not in HOWS:
            raise ActionError(f"Ukendt måde at godkende på: »{how}« (forventet {', '.join(HOWS)}).")
        seats = self._approvers_checked(by)
        moment = self._day(when)
        if moment.date() < self.state.closed.date():
            raise ActionError(
                f"Referatet kan ikke være godkendt den {wording.date_short(moment)}, "
                f"før mødet sluttede den {wording.date_short(self.state.closed)}."
            )
        kept = self._one_line(note, "Bemærkningen") if note else ""
        self._unsaved_refused()
        self._record(
            "approved",
            time=moment.isoformat(),
            how=how,
            by=seats,
            note=kept or None,
            seal=self._seal(),
        )
        assert self.state.approval is not None
        return self.state.approval

    def _approvers_checked(self, by: Sequence[str]) -> list[str]:
        if isinstance(by, str):  # a single id given as text, not a list of ids
            by = [by]
        unknown = [member for member in by if member not in self.state.seats]
        if unknown:
            body = self.agenda.meeting.body
            raise ActionError(f"Ukendt medlem: »{unknown[0]}« er ikke medlem af {body}.")
        if not by:
            raise ActionError("Vælg mindst ét medlem, der har godkendt referatet.")
        return [seat for seat in self.state.seats if seat in by]  # the body's order, once

    def _day(self, when: When) -> pendulum.DateTime:
        """The day (or time) given, checked: it has come (the clock's day at most)."""
        tz = self.agenda.meeting.timezone
        try:
            moment = approval.moment(when, tz)
        except approval.DateUnreadable as error:
            raise ActionError(str(error)) from None
        today = self.now().in_timezone(tz).date()
        if moment.date() > today:
            raise ActionError(f"Den {wording.date_short(moment)} er endnu ikke kommet.")
        return moment

    def _unsaved_refused(self) -> None:
        if not self.record.saved:
            raise ActionError(
                "Ikke alle registreringer er gemt endnu: gem dem, før referatet godkendes "
                "eller rettes."
            )

    def _seal(self) -> str:
        """The record's chain head now: what the next event seals."""
        return self.record.head

    # -- correcting ------------------------------------------------------------------------------
    def correct(
        self,
        text: str,
        item_id: str | None = None,
        field: str | None = None,
        new: str | None = None,
        when: When | None = None,
    ) -> Correction:
        """Register a dated correction of the approved referat; the correction as recorded.

        `text`: what was wrong and what is right (Danish, shown in the referat);
        `item_id`: the item it concerns (None: the meeting as a whole); `field`
        ("decision" or "summary") with `new`: the item's text from now on; `when`: the
        day (default today). Only after the approval: before it, change the record itself.
        """
        found = self.state.approval
        if found is None:
            raise ActionError(
                "Referatet er ikke godkendt: ret registreringen direkte (en rettelse "
                "registreres først efter godkendelsen)."
            )
        explanation = self._multiline(text)[0].strip()
        if not explanation:
            raise ActionError("Skriv, hvad der var forkert, og hvad der er rigtigt.")
        replacement = self._replacement(item_id, field, new)
        moment = self._day(when if when is not None else self.now())
        if moment.date() < found.when.date():
            raise ActionError(
                f"En rettelse kan ikke være fra før godkendelsen den "
                f"{wording.date_short(found.when)}."
            )
        if when is None:  # today: dated by the day, as the approval
            moment = moment.start_of("day")
        self._unsaved_refused()
        self._record(
            "correction",
            text=explanation,
            time=moment.isoformat(),
            item=item_id,
            field=field if replacement is not None else None,
            new=replacement,
            seal=self._seal(),
        )
        return self.state.corrections[-1]

    def _replacement(self, item_id: str | None, field: str | None, new: str | None) -> str | None:
        """The corrected text to record (None: a correction in words only), checked."""
        if item_id is not None and not self.state.has_item(item_id):
            raise ActionError(f"Punktet '{item_id}' findes ikke.")
        if field is None:
            if new is not None:
                raise ActionError("Sig, om den nye tekst er beslutningen eller resuméet.")
            return None
        if field not in FIELDS:
            raise ActionError(f"Ukendt felt: »{field}« (forventet {', '.join(FIELDS)}).")
        if item_id is None:
            raise ActionError("En rettet beslutning eller et rettet resumé hører til et punkt.")
        item_state = self.state.item(item_id)
        if field == "decision" and item_state.item.kind == "underskriftsside":
            raise ActionError("Underskriftssiden har ingen beslutning.")
        if field == "summary" and not item_state.item.closed:  # printed for closed items only
            raise ActionError("Kun et lukket punkt har et offentligt resumé: ret beslutningen.")
        replacement = self._multiline(new or "")[0].strip()
        if not replacement:
            raise ActionError("Skriv den rettede tekst.")
        old = item_state.printed_decision if field == "decision" else item_state.summary
        if replacement == old.strip():
            raise ActionError("Den rettede tekst er den samme som før.")
        return replacement
