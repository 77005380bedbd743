"""Build the minutes model from the agenda and the meeting state (docs/reference/FORMAT.md, rule by rule).

The public variant (default) shows a closed item as its heading, the public summary of
its decision if one was recorded, and its Fraværende line: nothing of its case text,
earlier decisions, decision, votes, dissent, non-participation or attachments. The full
variant shows all.

Items are headed by the numbers the agenda gives them (`state.number`: per meeting,
running from 49, or by place for a format-1 agenda); the contents list the titles alone
while the numbers count the items from 1, and whole headings otherwise. An item's
sections follow in the agenda's order, then its earlier decisions ('Økonomiudvalget,
20-05-2026, pkt. 65:' and the text, as published minutes give them), then this
meeting's decision.

After the meeting (minutes/approval.py): the approval on the Underskriftsside, the
corrections made after it under their item or, for the meeting as a whole, on the
Underskriftsside; the full referat prints the record's fingerprint there.
"""

from __future__ import annotations

from meetingtui import attendance, markdown, wording
from meetingtui.meeting import ItemState, MeetingState
from meetingtui.minutes import approval
from meetingtui.minutes.model import (
    Attachments,
    Block,
    Bullets,
    Contents,
    Heading,
    Labelled,
    Minutes,
    Paragraph,
    Signatures,
    Title,
)

CONFIDENTIAL = "FORTROLIGT: fuld udgave med lukkede punkter. Må ikke offentliggøres."


def build(
    state: MeetingState, full: bool = False, choices: wording.Choices = wording.REFERENCE
) -> Minutes:
    """The minutes; `choices` the body's wording where bodies differ (body file)."""
    meeting = state.agenda.meeting
    minutes = Minutes(
        title=wording.title_line(meeting.body, meeting.date, state.rehearsal),
        subject=meeting.body,
        date=wording.date_short(meeting.date),
        full=full,
        confidential_note=CONFIDENTIAL if full else "",
        made=state.closed or state.opened,
    )
    minutes.add(*front_page(state, choices))
    minutes.add(Heading("Indholdsfortegnelse", 1), Contents(tuple(contents(state, choices))))
    told = movements_by_item(state)  # formatted once, not once per item
    numbered = numbers_in_contents(state)
    for item_state in state.items:
        minutes.add(*item_blocks(state, item_state, full, told, numbered, choices))
    if not any(s.item.kind == "underskriftsside" for s in state.items):
        minutes.add(*approval.closing_section(state, full))
    return minutes


def contents(state: MeetingState, choices: wording.Choices = wording.REFERENCE) -> list[str]:
    numbered = numbers_in_contents(state)
    return [
        wording.contents_entry(
            s.item.title,
            s.item.closed,
            s.item.flag,
            state.number(s.item.id) if numbered else None,
            choices.item_heading,
        )
        for s in state.items
    ]


def numbers_in_contents(state: MeetingState) -> bool:
    """Whether the contents give each item's number: only when the numbers do not simply
    count the list (running numbers from 49, or an item added as number 8 before Eventuelt).
    Otherwise the entries are the titles alone, as in the reference."""
    return any(state.number(s.item.id) != position for position, s in enumerate(state.items, 1))


def front_page(state: MeetingState, choices: wording.Choices = wording.REFERENCE) -> list[Block]:
    meeting = state.agenda.meeting
    blocks: list[Block] = [
        Title(wording.title_line(meeting.body, meeting.date, state.rehearsal)),
        Labelled("Mødedato", wording.datetime_long(meeting.start)),
        Labelled("Mødested", meeting.place),
        Labelled("Mødedeltagere", ", ".join(participants(state))),
    ]
    notes = meeting_notes(state, choices)
    if state.rehearsal:
        notes.insert(0, wording.rehearsal_note())
    blocks += [Paragraph.of(note) for note in notes]
    return blocks


def participants(state: MeetingState) -> list[str]:
    """Every member in the body's order; '(Fravær)' for one absent all meeting; substitutes after."""
    out = []
    for seat_id, seat in state.seats.items():
        label = wording.member_label(seat.member.name, seat.member.party)
        if attendance.expected_later(state, seat_id):
            out.append(f"{label} ({wording.EXPECTED_LATER})")
        elif attendance.absent_all_meeting(state, seat_id):
            out.append(f"{label} (Fravær)")
        else:
            out.append(label)
        if seat.substitute:
            sub = wording.member_label(seat.substitute.name, seat.substitute.party)
            out.append(f"{sub} (stedfortræder)")
    return out


def meeting_notes(state: MeetingState, choices: wording.Choices = wording.REFERENCE) -> list[str]:
    notes = []
    if state.opened:
        notes.append(wording.meeting_times(state.opened, state.closed))
    chair = state.chair_id
    formand = next((m.id for m in state.agenda.members if m.role == "formand"), None)
    if chair and chair != formand:
        notes.append(f"Mødet blev ledet af {state.seats[chair].member.name}.")
    no_notice = [  # marked absent at the roll call and never came ('udeblev')
        seat.member.name
        for sid, seat in state.seats.items()
        if seat.status == "absent"
        and not seat.substitute
        and attendance.absent_all_meeting(state, sid)
    ]
    if no_notice:
        notes.append(wording.absent_without_notice(no_notice))
    for seat in state.seats.values():
        if seat.substitute:
            member = wording.member_short(seat.member.name, seat.member.party)
            stand_in = wording.member_short(seat.substitute.name, seat.substitute.party)
            with_notice = seat.status == "afbud"
            notes.append(wording.substitute(member, stand_in, with_notice, choices.substitute))
    notes += [text for place, text in movement_lines(state) if place is None]
    notes += breaks_by_item(state).get(None, [])
    return notes


def breaks_by_item(state: MeetingState) -> dict[str | None, list[str]]:
    """The breaks' sentences under the item taken up last before each (the item it followed,
    or was suspended during: a break ends the item under way); None: the front page."""
    told: dict[str | None, list[str]] = {}
    for (start, end), epoch in zip(state.breaks, state.break_epochs, strict=True):
        item = state.taken[epoch - 1] if 1 <= epoch <= len(state.taken) else None
        place = item if item and state.has_item(item) else None
        told.setdefault(place, []).append(wording.suspended(start, end))
    return told


def item_blocks(
    state: MeetingState,
    item_state: ItemState,
    full: bool,
    told: dict | None = None,
    numbered: bool | None = None,
    choices: wording.Choices = wording.REFERENCE,
) -> list[Block]:
    """An item's blocks; `told` is movements_by_item(state) and `numbered`
    numbers_in_contents(state), passed when building them all."""
    item = item_state.item
    number = state.number(item.id)
    style = choices.item_heading
    heading = wording.item_heading(number, item.title, item.closed, item.flag, style)
    numbered = numbers_in_contents(state) if numbered is None else numbered
    shown = number if numbered else None
    entry = wording.contents_entry(item.title, item.closed, item.flag, shown, style)
    blocks: list[Block] = [Heading(heading, 1, toc_entry=entry)]
    if item.closed and not full:
        if item_state.summary.strip():
            blocks += decision_heading(state) + text_paragraphs(item_state.summary)
        blocks += approval.item_corrections(state, item_state, full)
        return blocks + absent_line(state, item.id)
    if item.case:
        blocks.append(Paragraph.of(item.case))
    if item_state.added:
        blocks.append(Paragraph.of(wording.added_item(number)))
    for section in item.sections:
        blocks.append(Heading(section.heading, 2))
        blocks += case_text(section.text)
    for earlier in item.earlier:  # as published minutes give them, before this meeting's
        blocks.append(
            Heading(wording.earlier_decision(earlier.body, earlier.date, earlier.item), 2)
        )
        blocks += case_text(earlier.text)
    if item.kind == "underskriftsside":  # after the meeting: approval and corrections too
        if full:
            blocks.append(Signatures(tuple(signatories(state)), state.agenda.meeting.place))
        return blocks + absent_line(state, item.id) + approval.after_meeting(state, item.id, full)
    blocks += decision_blocks(state, item_state, told, choices)
    blocks += approval.item_corrections(state, item_state, full)
    if item.bilag:
        blocks.append(Heading("Bilag", 2))
        blocks.append(Attachments(tuple((markdown.Run(title),) for title in item.bilag)))
    return blocks + absent_line(state, item.id)


def decision_heading(state: MeetingState) -> list[Block]:
    meeting = state.agenda.meeting
    return [Heading(wording.decision_heading(meeting.body, meeting.date), 2)]


def decision_blocks(
    state: MeetingState,
    item_state: ItemState,
    told: dict | None,
    choices: wording.Choices = wording.REFERENCE,
) -> list[Block]:
    text = item_state.printed_decision
    sentences = [s for s in item_sentences(state, item_state, told, choices) if s]
    if not text and not sentences:
        return []
    blocks = decision_heading(state) + text_paragraphs(text)
    return blocks + [Paragraph.of(sentence) for sentence in sentences]


def item_sentences(
    state: MeetingState,
    item_state: ItemState,
    told: dict | None,
    choices: wording.Choices = wording.REFERENCE,
) -> list[str]:
    item_id = item_state.item.id
    out = []
    if item_state.vote:
        out.append(vote_sentence(state, item_state))
    for seat_id, text in item_state.dissents:
        person = state.person(seat_id, attendance.item_epoch(state, item_id))
        out.append(wording.dissent(wording.member_short(person.name, person.party), text))
    folded = choices.inhabil == "folded"  # the inhabil among those who did not take part
    out.append(wording.not_taking_part(attendance.non_participants(state, item_id, folded)))
    if not folded:
        out.append(wording.declared_inhabil(attendance.declared_inhabil(state, item_id)))
    if item_state.epoch is not None and not attendance.for_item(state, item_id).quorate:
        out.append(wording.not_quorate())
    out += (told if told is not None else movements_by_item(state)).get(item_id, [])
    out += breaks_by_item(state).get(item_id, []) if state.breaks else []
    return out


def vote_sentence(state: MeetingState, item_state: ItemState) -> str:
    """The vote's sentence; empty for an item without a vote."""
    vote = item_state.vote
    if vote is None:
        return ""
    att = attendance.for_item(state, item_state.item.id)
    groups = [
        vote_names(state, group, att.taking_part, att.epoch)
        for group in (vote.in_favour, vote.against, vote.abstaining)
    ]
    return wording.vote(*groups)


def vote_names(state: MeetingState, voters: tuple[str, ...], taking_part, epoch: int) -> list[str]:
    """Party letters where a whole party voted alike, names otherwise (docs/reference/WORDING.md)."""
    people = {sid: state.person(sid, epoch) for sid in state.seats}
    voting, taking = set(voters), set(taking_part)  # sets: a vote of 2,000 stays linear
    by_party: dict[str, list[str]] = {}
    for sid in taking_part:
        by_party.setdefault(people[sid].party, []).append(sid)
    letters, names = [], []
    for party, seats in by_party.items():
        in_group = [sid for sid in seats if sid in voting]
        if party != wording.LØSGÆNGER and in_group and len(in_group) == len(seats):
            letters.append(party)
        else:
            names += [wording.member_short(people[sid].name, party) for sid in in_group]
    order = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
    letters.sort(key=lambda p: (order.find(p[0]) if p[:1] in order else 99, p))
    # voters outside those taking part are still named, so a wrong record shows up
    names += [
        wording.member_short(people[sid].name, people[sid].party)
        for sid in voters
        if sid not in taking
    ]
    return letters + names


def movements_by_item(state: MeetingState) -> dict[str | None, list[str]]:
    """The arrival and departure sentences told under each item, in the order they happened."""
    told: dict[str | None, list[str]] = {}
    for place, sentence in movement_lines(state):
        told.setdefault(place, []).append(sentence)
    return told


def movement_lines(state: MeetingState) -> list[tuple[str | None, str]]:
    """Every arrival and departure as (item told under, or None for the front page, sentence).

    During an item: under that item. Between items: an arrival before the next item taken
    up, a departure after the last one (or, lacking it, the other way round). An item that
    was taken up again counts where it was taken up again. Movements with no item to tell
    them under (none taken up yet, or the Underskriftsside) go on the front page.
    """
    lines = []
    for seat_id, seat in state.seats.items():
        for move in seat.movements:
            person = state.person(seat_id, move.threshold)
            place, where = _movement_place(state, move.kind, move.epoch, move.during, move.item)
            number = state.number(place) if place else None
            sentence = wording.arrived if move.kind == "arrived" else wording.left
            text = sentence(person.name, move.time, number, move.during, where)
            if place and state.item(place).item.kind == "underskriftsside":
                place = None
            lines.append((move.time, place, text))
    lines.sort(key=lambda line: line[0])
    return [(place, text) for _, place, text in lines]


def _movement_place(
    state: MeetingState, kind: str, epoch: int, during: bool, item: str | None
) -> tuple[str | None, str | None]:
    def taken(n: int) -> str | None:
        found = state.taken[n - 1] if 1 <= n <= len(state.taken) else None
        return found if found and state.has_item(found) else None

    if during and item and state.has_item(item):
        return item, "under"
    before, after = taken(epoch + 1), taken(epoch)
    if kind == "arrived":
        return (before, "før") if before else (after, "efter") if after else (None, None)
    return (after, "efter") if after else (before, "før") if before else (None, None)


def absent_line(state: MeetingState, item_id: str) -> list[Block]:
    people = attendance.absent_people(state, item_id)
    if not people:
        return []
    return [
        Labelled("Fraværende", ", ".join(wording.member_label(p.name, p.party) for p in people))
    ]


def signatories(state: MeetingState) -> list[str]:
    return [wording.member_label(p.name, p.party) for p in attendance.took_part(state)]


def case_text(text: str) -> list[Block]:
    blocks: list[Block] = []
    for block in markdown.parse(text):
        if isinstance(block, markdown.SubHeading):
            blocks.append(Heading(block.text, 3))
        elif isinstance(block, markdown.Prose):
            blocks.append(Paragraph(block.runs))
        else:
            blocks.append(Bullets(block.items, block.numbered))
    return blocks


def text_paragraphs(text: str) -> list[Block]:
    """A typed text: one paragraph per non-empty line (the secretary's Enter)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Paragraph.of(line.strip()) for line in lines if line.strip()]
