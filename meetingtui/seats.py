"""A seat at the table: the member, who sits in it, and their arrivals and departures.

Part of the meeting state (state.py); event kinds (eventkinds/) build these when folded.
"""

from __future__ import annotations

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

    @property
    def threshold(self) -> int:
        """The first epoch this movement applies to."""
        return self.epoch if (self.kind == "left" and self.during) else self.epoch + 1


@dataclass
class Seat:
    member: Member
    status: str = "present"  # roll call: present, afbud, absent (without notice)
    substitute: Person | None = None
    substitute_from: int = 0  # first epoch the substitute sits in the seat
    movements: list[Movement] = field(default_factory=list)

    def add_movement(self, move: Movement) -> None:
        """Movements are kept in the order they happened, which may differ from recording order."""
        self.movements.append(move)
        self.movements.sort(key=lambda m: (m.time, m.event_id))
