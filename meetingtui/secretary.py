"""The secretary's actions on a meeting: each becomes events in the record and a new state.

This is the only way the UI changes a meeting. It checks that an action makes sense
(one cannot arrive twice), records it (durable on return unless the disk refuses, see
`saved`), and keeps `state` current: cheaply by applying the new event, or by folding
again when the event rewrites the past (undo, corrections).

It is also where typed text enters the core, through the one rule of `text_input`:
one-line text (names, parties, titles, times) with a control character or a bidi
control is refused with an ActionError; multi-line text (decision, summary, dissent, an
added item's case text) keeps its tabs and line breaks and loses any other control
character. What was dropped is reported, never silent: the text actions return a
`TextSaved` saying so, and `take_notice()` gives the Danish line for the last action.

After the meeting the referat is approved (`approve`), which locks the record: every
action marked `@unlocked` is then refused with `LockedByApproval`, and only dated
corrections (`correct`) are recorded (secretary_approval.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pendulum

from meetingtui import attendance, preflight, text_input, timeline, times
from meetingtui import events as ev
from meetingtui.agenda import Agenda
from meetingtui.errors import LockedByApproval
from meetingtui.eventkinds.items import ItemSpec
from meetingtui.eventkinds.registry import describe
from meetingtui.meeting import MeetingState, changes_past, effective, fold, last_undoable
from meetingtui.record import MeetingRecord
from meetingtui.secretary_approval import Approving, unlocked
from meetingtui.secretary_times import ActionError, Timekeeping


@dataclass(frozen=True)
class TextSaved:
    """What a text action (decision, summary, dissent) did with the text typed.

    True when something new was recorded (as `set_decision`'s bool was). `text` is the
    text as recorded, which the editor should show from now on; `dropped` counts the
    control characters left out of what was typed, and `message` says so in Danish
    (None when nothing was dropped).
    """

    changed: bool
    text: str
    dropped: int = 0

    @property
    def message(self) -> str | None:
        return text_input.dropped_message(self.dropped)

    def __bool__(self) -> bool:
        return self.changed


class Secretary(Timekeeping, Approving):
    """The secretary's desk on one meeting.

    `mode` (timeline.Mode) says how times are found: LIVE and REHEARSAL ask the clock
    (`now`; a rehearsal's is a times.SimulatedClock), AFTER_THE_FACT never does: every
    time is typed, and the time offered is the previous registration's. None: by the
    meeting's date (`timeline.mode_for`), a rehearsal when the record says it is one.
    """

    def __init__(
        self,
        agenda: Agenda,
        record: MeetingRecord,
        now: times.Now = times.system_now,
        mode: timeline.Mode | None = None,
    ):
        self.agenda = agenda
        self.record = record
        self.now = now
        if mode is None:
            rehearsal = bool(getattr(record, "meta", {}).get("rehearsal"))
            today = now().in_tz(agenda.meeting.timezone).date()
            mode = timeline.Mode.REHEARSAL if rehearsal else timeline.mode_for(agenda, today)
        self.mode = mode
        self.state: MeetingState = fold(agenda, record.events, self.rehearsal)
        self.viewing: str = self.state.current or agenda.items[0].id
        self._notice: str | None = None
        self._offered: pendulum.DateTime | None = None  # the default time last offered

    # -- typed text -----------------------------------------------------------------------
    def take_notice(self) -> str | None:
        """The Danish line about text cleaned by the last action (control characters
        dropped from a pasted text), once; None if there is nothing to say."""
        notice, self._notice = self._notice, None
        return notice

    def _multiline(self, text: str) -> tuple[str, int]:
        """Multi-line typed text without control characters; the count dropped is noted."""
        kept, dropped = text_input.clean_multiline(text)
        self._notice = text_input.dropped_message(dropped)
        return kept, dropped

    # -- recording ----------------------------------------------------------------------
    def _record(self, kind: str, **fields: Any) -> dict[str, Any]:
        self.refuse_if_locked(kind)  # whatever the path: nothing but corrections once approved
        try:
            event = self.record.append(ev.make(kind, now=self.now(), **fields))
        except ev.EventError as error:
            raise ActionError(
                f"Kan ikke gemmes: teksten indeholder tegn, der ikke kan gemmes ({error})."
            ) from None
        if changes_past(event):
            self.state = fold(self.agenda, self.record.events, self.rehearsal)
            if not self.state.has_item(self.viewing):  # e.g. an added item was taken back
                self.viewing = self.state.current or self.state.items[0].item.id
        else:
            self.state.apply(event)
        return event

    @property
    def saved(self) -> bool:
        return self.record.saved

    @property
    def save_error(self) -> str | None:
        return self.record.save_error

    def retry_save(self) -> bool:
        return self.record.flush()

    def move_record(self, path: str | Path) -> None:
        self.record.move_to(path)

    # -- before the meeting ---------------------------------------------------------------
    @unlocked
    def set_roll(self, member: str, status: str) -> None:
        if self.state.seats[member].status != status:
            self._record("roll_call", member=member, status=status)

    @unlocked
    def set_chair(self, member: str) -> None:
        self._record("chair_set", member=member)

    @unlocked
    def substitute(self, member: str, name: str, party: str, time: str | None = None) -> None:
        """A substitute takes `member`'s seat. One person fills at most one seat, and a
        member of the body cannot be anyone's substitute (names compared normalised)."""
        seat = self.state.seats[member]
        if self.state.opened is not None and attendance.seat_in_room(seat) and not seat.substitute:
            raise ActionError(f"{seat.member.name} er til stede; registrér først at medlemmet går.")
        name = self._one_line(name, "Stedfortræderens navn")
        party = self._one_line(party or "", "Partiet")
        if not name:
            raise ActionError("Stedfortræderen skal have et navn.")
        self._check_one_seat(member, name)
        when = self._checked("substitute", time).isoformat() if self.state.opened else None
        self._record(
            "substitute", member=member, name=name, party=party or seat.member.party, time=when
        )

    def _check_one_seat(self, member: str, name: str) -> None:
        key = text_input.name_key(name)
        for seat_id, seat in self.state.seats.items():
            if text_input.name_key(seat.member.name) == key:
                where = "til stede" if attendance.seat_in_room(seat) else "medlem af udvalget"
                raise ActionError(
                    f"{seat.member.name} er {where} og kan ikke være stedfortræder"
                    + (" for et andet medlem." if seat_id != member else " for sig selv.")
                )
            if (
                seat_id != member
                and seat.substitute is not None
                and text_input.name_key(seat.substitute.name) == key
            ):
                raise ActionError(
                    f"{seat.substitute.name} er allerede stedfortræder for {seat.member.name}; "
                    "en person kan kun have én plads."
                )

    @unlocked
    def open_meeting(self, time: str | None = None) -> None:
        if self.state.opened is not None and self.state.closed is None:
            raise ActionError("Mødet er allerede åbnet.")
        opened = self._checked("meeting_opened", time)
        self._record("meeting_opened", time=opened.isoformat())
        if self.state.current is None:  # the first item starts with the meeting
            self.go_to(self._first_untaken(), at=opened)

    def _first_untaken(self) -> str:
        return next(
            (s.item.id for s in self.state.items if s.epoch is None), self.state.items[0].item.id
        )

    # -- moving through the agenda ------------------------------------------------------------
    @property
    def live(self) -> bool:
        return self.state.opened is not None and self.state.closed is None

    def go_to(
        self, item_id: str, at: pendulum.DateTime | None = None, time: str | None = None
    ) -> None:
        """View an item; in a running meeting, take it up (at `at`, or the typed `time`, or
        the default time), which ends the item under way and ends a break."""
        if not self.state.has_item(item_id):
            raise ActionError(f"Punktet '{item_id}' findes ikke.")
        if self.live and not (self.state.current == item_id and self.state.in_item):
            when = at or self._check("item_opened", self.time(time))
            self.viewing = item_id
            if self.state.suspended:
                self._record("meeting_resumed", time=when.isoformat())
            self._record("item_opened", item=item_id, time=when.isoformat())
        self.viewing = item_id

    def end_item(self, time: str | None = None) -> bool:
        """The handling of the item under way ends (a quick decision, the key after a typed
        decision); False if no item is under way. Taking up the next item ends it too."""
        if not (self.live and self.state.in_item and self.state.current):
            return False
        when = self._checked("item_closed", time)
        self._record("item_closed", item=self.state.current, time=when.isoformat())
        return True

    @unlocked
    def suspend(self, time: str | None = None) -> None:
        """The meeting is suspended (a break); it ends the item under way."""
        if not self.live:
            raise ActionError("Mødet er ikke i gang.")
        if self.state.suspended:
            raise ActionError("Mødet er allerede suspenderet.")
        when = self._checked("meeting_suspended", time)
        self._record("meeting_suspended", time=when.isoformat())

    @unlocked
    def resume(self, time: str | None = None) -> None:
        """The meeting goes on after a break (taking up an item does it too)."""
        if not self.state.suspended:
            raise ActionError("Mødet er ikke suspenderet.")
        when = self._checked("meeting_resumed", time)
        self._record("meeting_resumed", time=when.isoformat())

    def step(self, offset: int) -> None:
        ids = [s.item.id for s in self.state.items]
        index = ids.index(self.viewing) if self.viewing in ids else 0
        target = min(max(index + offset, 0), len(ids) - 1)
        if ids[target] != self.viewing or (self.live and not self.state.in_item):
            self.go_to(ids[target])

    @unlocked
    def postpone(self, item_id: str | None = None) -> None:
        """Postpone the item; its decision reads "Udsat." unless one was typed."""
        item_id = item_id or self.viewing
        if not self.state.item(item_id).decision.strip():  # first: a decision un-postpones
            self._record("decision_set", item=item_id, text="Udsat.")
        self._record("item_postponed", item=item_id)

    def set_decision(self, text: str, item_id: str | None = None) -> TextSaved:
        """Record the item's decision as typed (control characters dropped). False-y when
        it is the decision already recorded (which a locked record does not refuse)."""
        item_id = item_id or self.viewing
        text, dropped = self._multiline(text)
        if self.state.item(item_id).decision == text:
            return TextSaved(False, text, dropped)
        self.refuse_if_locked()
        self._record("decision_set", item=item_id, text=text)
        return TextSaved(True, text, dropped)

    def set_summary(self, text: str, item_id: str | None = None) -> TextSaved:
        """Record a closed item's public summary (once the record is locked: refused,
        unless it is the summary already recorded)."""
        text, dropped = self._multiline(text)
        item_id = item_id or self.viewing
        if self.locked and self.state.item(item_id).summary == text:
            return TextSaved(False, text, dropped)
        self.refuse_if_locked()
        self._record("summary_set", item=item_id, text=text)
        return TextSaved(True, text, dropped)

    @unlocked
    def add_item(self, title: str, case: str = "", closed: bool = False) -> str:
        """Put a new item on the agenda after the one viewed; its id. Control characters
        dropped from the case text are told by `take_notice()`."""
        title = self._one_line(title, "Titlen")
        if not title:
            raise ActionError("Det nye punkt skal have en titel.")
        case, _ = self._multiline(case)
        before = {s.item.id for s in self.state.items}
        spec: ItemSpec = {"title": title, "case": case.strip(), "closed": closed}
        self._record("item_added", spec=spec, after=self.viewing)
        return next(s.item.id for s in self.state.items if s.item.id not in before)

    @unlocked
    def close_meeting(self, time: str | None = None) -> None:
        if self.state.opened is None:
            raise ActionError("Mødet er ikke åbnet.")
        when = self._checked("meeting_closed", time)
        self._record("meeting_closed", time=when.isoformat())

    # -- people -------------------------------------------------------------------------
    @unlocked
    def arrive(self, member: str, time: str | None = None, placement: str | None = None) -> None:
        """A member (or their substitute) arrives. `placement`: "during" or "between" when
        the secretary flipped where the dialog said it stands; None: by the time."""
        seat = self.state.seats[member]
        if attendance.seat_in_room(seat):
            raise ActionError(f"{self.state.person(member).name} er allerede til stede.")
        self._move("arrived", member, time, placement)

    @unlocked
    def leave(self, member: str, time: str | None = None, placement: str | None = None) -> None:
        seat = self.state.seats[member]
        if not attendance.seat_in_room(seat):
            raise ActionError(f"{self.state.person(member).name} er ikke til stede.")
        self._move("left", member, time, placement)

    def _move(self, kind: str, member: str, time: str | None, placement: str | None) -> None:
        if self.state.opened is None:
            raise ActionError("Mødet er ikke åbnet; ret navneopråbet i stedet.")
        when = self._checked(kind, time)
        if placement not in (None, "during", "between"):
            raise ActionError(f"Ukendt placering: {placement}.")
        if placement is not None and timeline.where(self.state, kind, when).during == (
            placement == "during"
        ):
            placement = None  # what the time says anyway: nothing to keep
        self._record(kind, member=member, time=when.isoformat(), placement=placement)

    @unlocked
    def not_taking_part(self, member: str, reason: str, item_id: str | None = None) -> None:
        self._record("not_taking_part", item=item_id or self.viewing, member=member, reason=reason)

    @unlocked
    def taking_part(self, member: str, item_id: str | None = None) -> None:
        self._record("taking_part", item=item_id or self.viewing, member=member)

    @unlocked
    def vote(
        self,
        in_favour: Iterable[str],
        against: Iterable[str],
        abstaining: Iterable[str],
        item_id: str | None = None,
    ) -> None:
        self._record(
            "vote",
            item=item_id or self.viewing,
            **{"for": list(in_favour), "against": list(against), "abstain": list(abstaining)},
        )

    @unlocked
    def dissent(self, member: str, text: str, item_id: str | None = None) -> TextSaved:
        text, dropped = self._multiline(text)
        if not text.strip():
            raise ActionError("Skriv den bemærkning, medlemmet ønsker tilført protokollen.")
        text = text.strip()
        self._record("dissent", item=item_id or self.viewing, member=member, text=text)
        return TextSaved(True, text, dropped)

    # -- undo and corrections ------------------------------------------------------------------
    @unlocked
    def undo(self) -> str | None:
        """Take back the newest change still in force; its description, or None."""
        target = last_undoable(self.record.events)
        if target is None:
            return None
        text = describe(target, self.state)
        self._record("retract", target=target["id"], undo=True)
        return text

    @unlocked
    def retract(self, event_id: int) -> None:
        self._record("retract", target=event_id)

    def history(self) -> list[tuple[dict[str, Any], str]]:
        """The changes in force, newest first, each with a Danish description."""
        return [(e, describe(e, self.state)) for e in reversed(effective(self.record.events))]

    # -- export -----------------------------------------------------------------------------
    def problems(self) -> list[preflight.Problem]:
        return preflight.problems(self.state)

    def export(
        self, full: bool, output: Path | None = None, kind: str = "docx"
    ) -> tuple[Path, list[str]]:
        """Write the referat (docx or pdf); the path and the warnings, in Danish."""
        from meetingtui import export  # imported here: python-docx is not needed to start

        return export.export_with_warnings(self.state, full=full, output=output, kind=kind)


__all__ = ["ActionError", "LockedByApproval", "Secretary", "TextSaved", "describe"]
