"""A seat at the table: the member, who sits in it, and their arrivals and departures.

Part of the meeting state (state.py); event kinds (eventkinds/) build these when folded.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field

import pendulum

from meetingtui.agenda.model import Member, Person


@dataclass
class Movement:
    kind: str  # "arrived" or "left"
    time: pendulum.DateTime
    epoch: int  # the epoch (item taken up) under way or last finished when it happened
    during: bool  # True if an item was under way
    item: str | None  # that item's id
    event_id: int = 0
    substitute: bool = False  # a substitute taking the seat, not the member
    placement: str | None = None  # the secretary's choice: "during", "between" (None: by time)

    @property
    def threshold(self) -> int:
        """The first epoch this movement applies to."""
        return self.epoch if (self.kind == "left" and self.during) else self.epoch + 1


def _order(move: Movement) -> tuple[pendulum.DateTime, int]:
    return move.time, move.event_id


@dataclass
class Seat:
    member: Member
    status: str = "present"  # roll call: present, afbud, absent (without notice)
    substitute: Person | None = None
    substitute_from: int = 0  # first epoch the substitute sits in the seat
    movements: list[Movement] = field(default_factory=list)
    # Where the movements leave the seat, epoch by epoch (see `moved`): worked out once
    # after the movements change, not once per question.
    _steps: tuple[list[int], list[bool]] | None = field(default=None, repr=False, compare=False)
    _steps_of: int = field(default=-1, repr=False, compare=False)

    def add_movement(self, move: Movement) -> None:
        """Movements are kept in the order they happened, which may differ from recording order.

        Most are recorded in that order and go at the end; one typed in after the fact
        is put in its place (never a sort of the whole list: that made folding a long
        meeting quadratic).
        """
        if not self.movements or _order(self.movements[-1]) <= _order(move):
            self.movements.append(move)
        else:
            insort(self.movements, move, key=_order)
        self._steps = None

    def invalidate(self) -> None:
        """The movements' places changed (re-placed after a timeline change)."""
        self._steps = None

    def moved(self, epoch: int) -> bool | None:
        """Whether the seat is filled at `epoch` by its movements: True if the last
        movement (in the order they happened) that applies by then is an arrival, False if
        a departure, None if none applies yet (the roll call decides)."""
        thresholds, filled = self._presence()
        index = bisect_right(thresholds, epoch) - 1
        return filled[index] if index >= 0 else None

    def filled_during(self, first: int, last: int, at_start: bool) -> bool:
        """Whether the seat is filled at any epoch from `first` to `last`, given whether it
        is filled before any movement (`at_start`, from the roll call)."""
        if first > last:
            return False
        thresholds, filled = self._presence()
        index = bisect_right(thresholds, first) - 1
        if (filled[index] if index >= 0 else at_start) is True:
            return True
        end = bisect_right(thresholds, last)
        return any(filled[index + 1 : end])

    def _presence(self) -> tuple[list[int], list[bool]]:
        """The seat's presence as steps: from each threshold (ascending) on, filled or not.

        A movement applies from its threshold on, and of those that apply the last to
        happen decides; thresholds need not grow with time (an arrival during an item
        applies from the next one, a departure later in the same item at once).
        """
        if self._steps is None or self._steps_of != len(self.movements):
            by_threshold: dict[int, int] = {}
            for index, move in enumerate(self.movements):
                by_threshold[move.threshold] = index  # the latest at each threshold
            thresholds, filled, latest = [], [], -1
            for threshold in sorted(by_threshold):
                latest = max(latest, by_threshold[threshold])
                thresholds.append(threshold)
                filled.append(self.movements[latest].kind == "arrived")
            self._steps, self._steps_of = (thresholds, filled), len(self.movements)
        return self._steps
