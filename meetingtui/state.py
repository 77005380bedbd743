"""The state of a meeting at one point of its record: seats, items, and where it stands.

`initial(agenda)` is the state before any event; `MeetingState.apply(event)` folds one
event into it through the event kinds' registry (eventkinds/), where each kind's fold
lives. The helpers below (times in the meeting's zone, where the meeting was at a
given time, where an added item goes) are what those folds share.

After the meeting, `approval` (the referat approved: when, how, by whom, its seal) locks
the record (`locked`): from then on only `corrections` are added, each dated and sealed
(eventkinds/approval.py).

Attendance is tracked per seat (a member, or the substitute sitting in for them) with
an "epoch" for each time an item is taken up: see attendance.py for how the epochs turn
into who was present for each item.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pendulum

from meetingtui.agenda.model import Agenda, Person
from meetingtui.eventkinds import registry
from meetingtui.eventkinds.approval import Approval, Correction
from meetingtui.item_state import ItemState
from meetingtui.seats import Seat

# What follows the items added during a meeting: an added item goes before these.
TRAILING_KINDS = ("eventuelt", "underskriftsside")


@dataclass
class MeetingState:
    agenda: Agenda
    seats: dict[str, Seat]
    items: list[ItemState]
    chair: str | None = None
    rehearsal: bool = False  # a rehearsal's state: its referat is marked PRØVE
    opened: pendulum.DateTime | None = None
    began: pendulum.DateTime | None = None  # the first opening (a reopening keeps it)
    closed: pendulum.DateTime | None = None
    current: str | None = None  # the item under way (or last taken up)
    in_item: bool = False  # an item is under way right now
    epoch: int = 0
    taken: list[str] = field(default_factory=list)  # item taken up at each epoch: taken[epoch - 1]
    openings: list[tuple[pendulum.DateTime, int]] = field(default_factory=list)  # (time, epoch)
    ended: dict[int, pendulum.DateTime] = field(default_factory=dict)  # epoch -> item closed at
    breaks: list[tuple[pendulum.DateTime, pendulum.DateTime | None]] = field(
        default_factory=list
    )  # (suspended, resumed or None): the meeting's breaks, in order
    break_epochs: list[int] = field(default_factory=list)  # the epoch each break came after
    approval: Approval | None = None  # the referat approved: the record is locked
    corrections: list[Correction] = field(default_factory=list)  # after the approval, in order
    # The latest movement time folded so far: a change of the timeline (an item taken up
    # or ended) at or after it has no movement to re-place, the common case.
    _latest_movement: pendulum.DateTime | None = field(default=None, repr=False, compare=False)
    _by_id: dict[str, tuple[int, ItemState]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # The openings' times, for moment_at's binary search (kept up as openings grow), and
    # whether they are in order (a corrected time may put them out of it).
    _opening_times: list[pendulum.DateTime] = field(default_factory=list, repr=False, compare=False)
    _openings_in_order: bool = field(default=True, repr=False, compare=False)
    _zone: pendulum.Timezone | None = field(default=None, repr=False, compare=False)

    @property
    def suspended(self) -> bool:
        """The meeting is in a break (suspended, not yet resumed)."""
        return bool(self.breaks) and self.breaks[-1][1] is None

    @property
    def locked(self) -> bool:
        """The referat is approved: only corrections may be recorded (Secretary)."""
        return self.approval is not None

    # -- lookups (an index by id, rebuilt only when the list of items changes) -------------
    def item(self, item_id: str) -> ItemState:
        return self._index()[item_id][1]

    def number(self, item_id: str) -> int:
        """The item's number as the referat and the screens give it: the one the agenda
        gave it (format 2, agenda/model.py), or its place in the list (format 1)."""
        position, item_state = self._index()[item_id]
        if self.agenda.fixed_numbers and item_state.item.number is not None:
            return item_state.item.number
        return position

    def position(self, item_id: str) -> int:
        """The item's place in the list, from 1 (an added item stands where it was put)."""
        return self._index()[item_id][0]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._index()

    def find(self, item_id: str) -> ItemState | None:
        """The item's state, or None if the meeting has no such item (one lookup)."""
        by_id = self._by_id if len(self._by_id) == len(self.items) else self._index()
        found = by_id.get(item_id)  # (a fold asks once per event: no call to _index)
        return found[1] if found is not None else None

    def _index(self) -> dict[str, tuple[int, ItemState]]:
        if len(self._by_id) != len(self.items):
            self._by_id = {s.item.id: (n, s) for n, s in enumerate(self.items, 1)}
        return self._by_id

    def person(self, seat_id: str, epoch: int | None = None) -> Person:
        seat = self.seats[seat_id]
        epoch = self.epoch + 1 if epoch is None else epoch
        if seat.substitute and epoch >= seat.substitute_from:
            return seat.substitute
        return Person(seat.member.name, seat.member.party)

    @property
    def chair_id(self) -> str | None:
        if self.chair:
            return self.chair
        return next((m.id for m in self.agenda.members if m.role == "formand"), None)

    # -- applying events ----------------------------------------------------------------
    def apply(self, event: Mapping[str, Any]) -> None:
        """Fold one validated event into this state (its kind's fold, from the registry)."""
        registry.apply(self, event)

    # -- what the folds share -------------------------------------------------------------
    def local_time(self, value: str) -> pendulum.DateTime:
        """A stored (validated) time, in the meeting's time zone whatever offset it was stored with.

        The same DateTime as `parse_time(value).in_timezone(zone)` (fold included), built
        from the standard library's conversion: a seventh of the cost, and a fold
        converts hundreds of times (tests/test_state_times.py compares the two)."""
        zone = self._zone
        if zone is None:
            zone = self._zone = pendulum.timezone(self.agenda.meeting.timezone)
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:  # as pendulum.instance reads a time without an offset
            moment = moment.replace(tzinfo=UTC)
        moment = moment.astimezone(zone)
        return pendulum.DateTime(
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second,
            moment.microsecond,
            tzinfo=zone,
            fold=moment.fold,
        )

    def moment(self) -> tuple[int, bool, str | None]:
        """Where the meeting is now: the epoch, whether an item is under way, which."""
        return self.epoch, self.in_item, self.current if self.in_item else None

    def moment_at(self, when: pendulum.DateTime | None) -> tuple[int, bool, str | None]:
        """Where the meeting was at a time: the epoch, whether an item was under way, which.

        Arrivals and departures are often recorded a little after they happen, with the
        time typed in: they belong to the item under way at that time, not at recording.
        """
        if when is None:
            return self.moment()
        found = self._last_opening_by(when)
        if found is None:
            return 0, False, None
        epoch = self.openings[found][1]
        ended = self.ended.get(epoch)
        if ended is not None and ended <= when:
            return epoch, False, None
        return epoch, True, self.taken[epoch - 1]

    def place(
        self, when: pendulum.DateTime, placement: str | None = None
    ) -> tuple[int, bool, str | None]:
        """Where a movement at `when` stands: (epoch, during, item) as `moment_at`, with
        the secretary's choice honoured: "between" puts a movement during an item after
        it (between it and the next), "during" puts one between items under the item
        before. None: by time alone."""
        epoch, during, item = self.moment_at(when)
        if placement == "between" and during:
            return epoch, False, None
        if placement == "during" and not during and 1 <= epoch <= len(self.taken):
            return epoch, True, self.taken[epoch - 1]
        return epoch, during, item

    def note_movement(self, when: pendulum.DateTime) -> None:
        if self._latest_movement is None or when > self._latest_movement:
            self._latest_movement = when

    def replace_movements(self, since: pendulum.DateTime) -> None:
        """Place again every movement later than `since` (an item taken up or ended then).

        A movement is placed by its time against the items' starts and ends; folding in
        record order, a movement whose time was corrected to after a later-recorded item
        start would otherwise stay where the prefix of the record put it. Movements at
        the very time of the change keep their place (recorded first, they came first).
        """
        if self._latest_movement is None or self._latest_movement <= since:
            return
        for seat in self.seats.values():
            changed = False
            for index in range(len(seat.movements) - 1, -1, -1):
                move = seat.movements[index]
                if move.time <= since:
                    break
                epoch, during, item = self.place(move.time, move.placement)
                if (epoch, during, item) != (move.epoch, move.during, move.item):
                    move.epoch, move.during, move.item = epoch, during, item
                    changed = True
                    if move.substitute:
                        seat.substitute_from = move.threshold
            if changed:
                seat.invalidate()

    def _last_opening_by(self, when: pendulum.DateTime) -> int | None:
        """The index of the last opening (in the order taken up) at or before `when`.

        Openings are nearly always in time order, and then a binary search finds it; a
        time corrected out of order falls back to looking through them all.
        """
        times = self._opening_times
        for opened_at, _ in self.openings[len(times) :]:
            if times and opened_at < times[-1]:
                self._openings_in_order = False
            times.append(opened_at)
        if self._openings_in_order:
            index = bisect_right(times, when) - 1
            return index if index >= 0 else None
        return next((i for i in range(len(times) - 1, -1, -1) if times[i] <= when), None)

    def insert_position(self, after: str | None) -> int:
        """Where an item added during the meeting goes: after `after`, else before Eventuelt."""
        if after and self.has_item(after):
            return self.position(after)
        position = len(self.items)
        while position > 0 and self.items[position - 1].item.kind in TRAILING_KINDS:
            position -= 1
        return position

    def insert_item(self, position: int, item_state: ItemState) -> None:
        self.items.insert(position, item_state)
        self._by_id = {}


def initial(agenda: Agenda) -> MeetingState:
    """The state before any event: every seat filled by its member, every item untouched."""
    return MeetingState(
        agenda=agenda,
        seats={m.id: Seat(m) for m in agenda.members},
        items=[ItemState(item) for item in agenda.items],
    )
