"""The chair's view as finished Danish text: one model every chair view renders.

`meetingtui attendance` (chair_table), the app's `t` panel (which shows chair_table's
rendering) and the web page (`meetingtui serve`) all show a `ChairView`, so they never
disagree: each only lays out the lines this module wrote. It is built from
`attendance.overview` and, for the web page, the items with their status.

Nothing confidential is in it: of a closed item only its number, title and status (as in
the public referat's heading and contents), never its case text, decision, votes or
dissent. Attendance is shown for closed items too: the chair sits in them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from meetingtui import attendance, labels, wording
from meetingtui.meeting import MeetingState

# Where a person stands now, in the order the web page shows the groups: while an item is
# under way, those in the room are split into who takes part in it and who does not.
GROUPS = {
    "present": "Deltager i punktet",
    "out": "Til stede, deltager ikke i punktet",
    "absent": "Fraværende",
}
GROUPS_BETWEEN_ITEMS = (("present", "Til stede"), ("absent", "Fraværende"))

# An item's status (ItemState.status, postponed and under way first): a mark and a word.
ITEM_STATUS = {
    "under_way": ("▶", "i gang"),
    "decided": ("✓", "besluttet"),
    "done": ("✓", "behandlet"),
    "postponed": ("⏸", "udsat"),
    "taken": ("!", "mangler beslutning"),
    "not_taken": ("·", "ikke behandlet endnu"),
}


@dataclass(frozen=True)
class PersonRow:
    name: str
    party: str
    status: str  # "til stede", "afbud", "kommer senere", "stedfortræder for …", …
    taking_part: str  # "ja", "nej", "nej: inhabil"
    group: str  # a key of GROUPS
    note: str = ""  # why one in the room does not take part: "inhabil", "kom under punktet"


@dataclass(frozen=True)
class ItemRow:
    number: int
    title: str
    closed: bool
    status: str  # a key of ITEM_STATUS
    mark: str
    word: str


@dataclass(frozen=True)
class ChairView:
    body: str
    when: str  # "Torsdag d. 20. november 2025 kl. 10:00, Regionshuset" ('' if unknown)
    rehearsal: bool
    counts: str  # "Til stede: 6 af 7 medlemmer."
    quorate: bool
    quorum_words: str  # "JA, beslutningsdygtigt"
    quorum_numbers: str  # "(6 deltager, 4 kræves)"
    seats_text: str  # "7 af 7 pladser besat, heraf 1 stedfortræder"
    now: str  # "Nu: Punkt 3: …", the meeting's times once closed, or not opened yet
    under_way: str  # "Punkt 3: …" while an item is under way, else ''
    so_far: tuple[str, ...]  # the length, the fewest taking part, where quorum was lost
    people: tuple[PersonRow, ...]
    movements: tuple[str, ...]  # "Anja Lund gik kl. 10.10 (punkt 1)"
    items: tuple[ItemRow, ...] = ()
    groups: tuple[tuple[str, str], ...] = ()  # (key, title) of each group of people shown

    def group(self, key: str) -> tuple[PersonRow, ...]:
        return tuple(row for row in self.people if row.group == key)


def from_overview(
    overview: attendance.Overview,
    body: str,
    when: str = "",
    rehearsal: bool = False,
    items: tuple[ItemRow, ...] = (),
) -> ChairView:
    counted = overview.taking_part if overview.taking_part is not None else overview.in_room
    if overview.opened is None:
        now = labels.CHAIR_NOT_OPENED
    elif overview.closed is not None:
        now = wording.meeting_times(overview.opened, overview.closed)
    elif overview.current_item:
        now = labels.chair_now(overview.current_item)
    else:
        now = ""
    under_way = ""
    if overview.opened is not None and overview.closed is None and overview.current_item:
        under_way = overview.current_item
    return ChairView(
        body=body,
        when=when,
        rehearsal=rehearsal,
        counts=labels.chair_counts(overview.in_room, overview.seats),
        quorate=overview.quorate,
        quorum_words=labels.CHAIR_QUORUM[overview.quorate],
        quorum_numbers=labels.chair_quorum_counts(counted, overview.needed),
        seats_text=overview.seats_text,
        now=now,
        under_way=under_way,
        so_far=so_far(overview),
        people=people(overview, split=bool(under_way)),
        movements=tuple(
            f"{m.name} {labels.MOVED[m.kind]} kl. {wording.time_of_day(m.time)}"
            + (f" (punkt {m.item_number})" if m.item_number else "")
            for m in overview.movements
        ),
        items=items,
        groups=tuple(GROUPS.items()) if under_way else GROUPS_BETWEEN_ITEMS,
    )


def build(state: MeetingState, now: pendulum.DateTime | None = None) -> ChairView:
    """The whole view of a meeting, items included; `now` gives a running meeting's length."""
    meeting = state.agenda.meeting
    when = wording.datetime_long(meeting.start) + (f", {meeting.place}" if meeting.place else "")
    return from_overview(
        attendance.overview(state, now=now), meeting.body, when, state.rehearsal, items(state)
    )


def so_far(overview: attendance.Overview) -> tuple[str, ...]:
    lines = []
    if overview.duration_text:
        lines.append(labels.chair_duration(overview.duration_text, overview.closed is not None))
    if overview.lowest_taking_part is not None and overview.lowest_item:
        lines.append(labels.chair_lowest(overview.lowest_taking_part, overview.lowest_item))
    if overview.quorum_lost is not None:
        item, when = overview.quorum_lost
        lines.append(labels.chair_quorum_lost(item, wording.time_of_day(when)))
    return tuple(lines)


def people(overview: attendance.Overview, split: bool = True) -> tuple[PersonRow, ...]:
    """A row per seat in member order, each replaced member right after their seat;
    `split`: those in the room who do not take part in the item under way apart."""
    replaced = {line.seat_id: line for line in overview.replaced}
    rows = []
    for line in overview.lines:
        rows.append(_row(line, split))
        if line.seat_id in replaced:
            rows.append(_row(replaced[line.seat_id], split))
    return tuple(rows)


def _row(line: attendance.SeatLine, split: bool) -> PersonRow:
    taking = labels.CHAIR_TAKING_PART[line.taking_part]
    if not line.taking_part and line.note:
        taking = f"{taking}: {line.note}"
    if not line.in_room:
        group = "absent"
    elif line.taking_part or not split:
        group = "present"
    else:
        group = "out"
    note = line.note if not line.taking_part else ""
    return PersonRow(line.name, line.party, line.status, taking, group, note)


def items(state: MeetingState) -> tuple[ItemRow, ...]:
    under_way = state.current if state.in_item and not state.closed else None
    rows = []
    for number, item_state in enumerate(state.items, 1):
        if item_state.postponed:
            status = "postponed"
        elif item_state.item.id == under_way:
            status = "under_way"
        else:
            status = item_state.status
        mark, word = ITEM_STATUS[status]
        rows.append(
            ItemRow(number, item_state.item.title, item_state.item.closed, status, mark, word)
        )
    return tuple(rows)
