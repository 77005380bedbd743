"""The state of a meeting: a pure fold of the agenda and the recorded events.

`fold(agenda, events)` gives the state after any prefix of the record. The UI keeps a
state and `apply`s each new event (cheap); undo and corrections (`retract`, `amend`)
change the past, so after one of those the state is folded again from the start.

Attendance is tracked per seat (a member, or the substitute sitting in for them) with
an "epoch" for each time an item is taken up: see attendance.py for how the epochs turn
into who was present for each item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pendulum

from meetingtui import events as ev
from meetingtui.agenda import Agenda, Item, Member, Person, slug


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


@dataclass
class Vote:
    in_favour: tuple[str, ...]
    against: tuple[str, ...]
    abstaining: tuple[str, ...]

    def voters(self) -> tuple[str, ...]:
        return self.in_favour + self.against + self.abstaining


@dataclass
class ItemState:
    item: Item
    decision: str = ""
    summary: str = ""  # public summary of a closed item's decision
    postponed: bool = False
    epoch: int | None = None  # epoch of its first taking-up
    opened_at: pendulum.DateTime | None = None
    not_taking_part: dict[str, str] = field(default_factory=dict)  # seat id -> reason
    vote: Vote | None = None
    dissents: list[tuple[str, str]] = field(default_factory=list)  # (seat id, text)
    added: bool = False

    @property
    def status(self) -> str:
        if self.postponed:
            return "postponed"
        if self.decision.strip():
            return "decided"
        if self.epoch is not None:
            return "done" if self.item.kind == "underskriftsside" else "taken"
        return "not_taken"


@dataclass
class MeetingState:
    agenda: Agenda
    seats: dict[str, Seat]
    items: list[ItemState]
    chair: str | None = None
    opened: pendulum.DateTime | None = None
    closed: pendulum.DateTime | None = None
    current: str | None = None  # the item under way (or last taken up)
    in_item: bool = False  # an item is under way right now
    epoch: int = 0
    taken: list[str] = field(default_factory=list)  # item taken up at each epoch: taken[epoch - 1]
    openings: list[tuple[pendulum.DateTime, int]] = field(default_factory=list)  # (time, epoch)
    ended: dict[int, pendulum.DateTime] = field(default_factory=dict)  # epoch -> item closed at
    _by_id: dict[str, tuple[int, ItemState]] = field(
        default_factory=dict, repr=False, compare=False
    )

    # -- lookups (an index by id, rebuilt only when the list of items changes) -------------
    def item(self, item_id: str) -> ItemState:
        return self._index()[item_id][1]

    def number(self, item_id: str) -> int:
        return self._index()[item_id][0]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._index()

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
    def apply(self, event: dict) -> None:
        handler = getattr(self, "_on_" + event["kind"], None)
        if handler is not None:
            handler(event)

    def _time(self, e: dict, field: str = "time") -> pendulum.DateTime | None:
        """An event's time, shown in the meeting's time zone whatever offset it was stored with."""
        moment = ev.time_of(e, field)
        return moment.in_timezone(self.agenda.meeting.timezone) if moment else None

    def _moment(self) -> tuple[int, bool, str | None]:
        return self.epoch, self.in_item, self.current if self.in_item else None

    def _moment_at(self, when: pendulum.DateTime | None) -> tuple[int, bool, str | None]:
        """Where the meeting was at a time: the epoch, whether an item was under way, which.

        Arrivals and departures are often recorded a little after they happen, with the
        time typed in: they belong to the item under way at that time, not at recording.
        """
        if when is None:
            return self._moment()
        for opened_at, epoch in reversed(self.openings):
            if opened_at <= when:
                ended = self.ended.get(epoch)
                if ended is not None and ended <= when:
                    return epoch, False, None
                return epoch, True, self.taken[epoch - 1]
        return 0, False, None

    def _on_meeting_opened(self, e: dict) -> None:
        self.opened = self._time(e)
        self.closed = None
        if e.get("chair") in self.seats:
            self.chair = e["chair"]

    def _on_meeting_closed(self, e: dict) -> None:
        self.closed = self._time(e)
        if self.in_item:
            self.ended[self.epoch] = self.closed
        self.in_item = False

    def _on_roll_call(self, e: dict) -> None:
        if e["member"] in self.seats:
            self.seats[e["member"]].status = e["status"]

    def _on_chair_set(self, e: dict) -> None:
        if e["member"] in self.seats:
            self.chair = e["member"]

    def _on_substitute(self, e: dict) -> None:
        seat = self.seats.get(e["member"])
        if seat is None:
            return
        seat.substitute = Person(e["name"], e["party"])
        if self.opened is None:
            seat.substitute_from = 0
        else:
            time = self._time(e) or self._time(e, "at")
            epoch, during, item = self._moment_at(time)
            move = Movement("arrived", time, epoch, during, item, e.get("id", 0), substitute=True)
            seat.substitute_from = move.threshold
            _add_in_time_order(seat.movements, move)

    def _on_arrived(self, e: dict) -> None:
        self._move("arrived", e)

    def _on_left(self, e: dict) -> None:
        self._move("left", e)

    def _move(self, kind: str, e: dict) -> None:
        seat = self.seats.get(e["member"])
        if seat is None:
            return
        time = self._time(e)
        epoch, during, item = self._moment_at(time)
        _add_in_time_order(
            seat.movements, Movement(kind, time, epoch, during, item, e.get("id", 0))
        )

    def _on_item_opened(self, e: dict) -> None:
        if not self.has_item(e["item"]):
            return
        state = self.item(e["item"])
        if self.in_item:
            self.ended.setdefault(self.epoch, self._time(e))
        self.epoch += 1
        self.taken.append(e["item"])
        self.openings.append((self._time(e), self.epoch))
        self.current, self.in_item = e["item"], True
        if state.epoch is None:
            state.epoch, state.opened_at = self.epoch, self._time(e)

    def _on_item_closed(self, e: dict) -> None:
        if e["item"] == self.current and self.in_item:
            self.ended[self.epoch] = self._time(e)
            self.in_item = False

    def _on_item_postponed(self, e: dict) -> None:
        if self.has_item(e["item"]):
            self.item(e["item"]).postponed = True

    def _on_decision_set(self, e: dict) -> None:
        if self.has_item(e["item"]):
            state = self.item(e["item"])
            state.decision = e["text"]
            if e["text"].strip():
                state.postponed = False

    def _on_summary_set(self, e: dict) -> None:
        if self.has_item(e["item"]):
            self.item(e["item"]).summary = e["text"]

    def _on_not_taking_part(self, e: dict) -> None:
        if self.has_item(e["item"]) and e["member"] in self.seats:
            self.item(e["item"]).not_taking_part[e["member"]] = e["reason"]

    def _on_taking_part(self, e: dict) -> None:
        if self.has_item(e["item"]):
            self.item(e["item"]).not_taking_part.pop(e["member"], None)

    def _on_vote(self, e: dict) -> None:
        if self.has_item(e["item"]):
            known = [m for m in self.seats]
            pick = lambda key: tuple(m for m in known if m in e[key])  # noqa: E731 - member order
            self.item(e["item"]).vote = (
                Vote(pick("for"), pick("against"), pick("abstain"))
                if (e["for"] or e["against"] or e["abstain"])
                else None
            )

    def _on_dissent(self, e: dict) -> None:
        if self.has_item(e["item"]) and e["member"] in self.seats:
            self.item(e["item"]).dissents.append((e["member"], e["text"]))

    def _on_item_added(self, e: dict) -> None:
        spec = e["item"]
        title = str(spec.get("title", "")).strip() or "Nyt punkt"
        item_id = str(spec.get("id") or slug(title))
        while self.has_item(item_id):
            item_id += "-x"
        item = Item(
            id=item_id,
            title=title,
            case=str(spec.get("case", "")),
            closed=bool(spec.get("closed", False)),
            flag=bool(spec.get("flag", False)),
        )
        position = self._insert_position(e.get("after"))
        self.items.insert(position, ItemState(item, added=True))
        self._by_id = {}

    def _insert_position(self, after: str | None) -> int:
        if after and self.has_item(after):
            return self.number(after)
        trailing = ("eventuelt", "underskriftsside")
        position = len(self.items)
        while position > 0 and self.items[position - 1].item.kind in trailing:
            position -= 1
        return position


def _add_in_time_order(movements: list[Movement], move: Movement) -> None:
    """Movements are folded in the order they happened, which may differ from recording order."""
    movements.append(move)
    movements.sort(key=lambda m: (m.time, m.event_id))


def initial(agenda: Agenda) -> MeetingState:
    return MeetingState(
        agenda=agenda,
        seats={m.id: Seat(m) for m in agenda.members},
        items=[ItemState(item) for item in agenda.items],
    )


def retracted_ids(events: list[dict]) -> set[int]:
    """Ids of events taken back. A retraction can itself be taken back (undoing a removal
    made in the corrections screen), which puts its target back in force."""
    retracted: set[int] = set()
    for e in reversed(events):  # newest first: a retraction only ever targets older events
        if e["kind"] == "retract" and e.get("id") not in retracted:
            retracted.add(e["target"])
    return retracted


def effective(events: list[dict]) -> list[dict]:
    """The events as they stand after every retraction and amendment."""
    retracted = retracted_ids(events)
    amended: dict[int, dict] = {}
    for e in events:
        if e["kind"] == "amend" and e.get("id") not in retracted:
            changes = {k: v for k, v in e["changes"].items() if k in ev.AMENDABLE}
            amended.setdefault(e["target"], {}).update(changes)
    out = []
    for e in events:
        if e["kind"] in ("retract", "amend") or e.get("id") in retracted:
            continue
        out.append({**e, **amended[e["id"]]} if e.get("id") in amended else e)
    return out


def fold(agenda: Agenda, events: list[dict]) -> MeetingState:
    state = initial(agenda)
    for event in effective(events):
        state.apply(event)
    return state


def changes_past(event: dict) -> bool:
    """True for events that rewrite earlier ones: the state must be folded again."""
    return event["kind"] in ("retract", "amend")


def last_undoable(events: list[dict]) -> dict | None:
    """The newest change still in force (what undo takes back), or None.

    Undo's own retractions are skipped, so undo steps back one change at a time; a
    removal made in the corrections screen is a change like any other and can be undone.
    """
    retracted = retracted_ids(events)
    for e in reversed(events):
        if e.get("id") in retracted or (e["kind"] == "retract" and e.get("undo")):
            continue
        return e
    return None
