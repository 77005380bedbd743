"""The referat after the meeting: its approval on the signature page, and the dated
corrections ("Rettelse") made after it.

Where each stands:

- A correction of an item stands under that item, after its decision and what is said
  with it (votes, movements), before Bilag: `Rettelse 09-12-2025: <the explanation>`,
  and, when it replaced the item's decision or public summary, a second line with what
  it read before (`Beslutningen lød før rettelsen: "…"`). The item itself shows the
  corrected text.
- On the Underskriftsside, after the signatures and the Fraværende line, in the order it
  happened: the approval under `Godkendelse`: how and when (`Referatet er godkendt ved
  underskrift den 04-12-2025.`), `Godkendt af` and the names, in the full referat the
  secretary's note; then the corrections of the meeting as a whole (attendance, times)
  under `Rettelser efter godkendelsen`; last, in the full referat, the fingerprint: the
  hash of the newest correction's own record line, else the approval's (its date, way,
  names and seal of the record before it: see fingerprint.py), as `Fingeraftryk
  (SHA-256): 8 groups of 8 hex digits`, one paragraph, which `meetingtui verify` finds
  again. The
  public referat prints neither the note nor the fingerprint.
- An agenda without an Underskriftsside gets the same as a last section of its own,
  `Referatets godkendelse` (not in the contents: it is not an item).

A closed item's corrections stand only in the full referat: the explanation may touch
the closed case. Its public summary is public, so a corrected summary shows in the
public referat as corrected, with only the dated line `Rettelse 09-12-2025: det
offentlige resumé er rettet.`
"""

from __future__ import annotations

from meetingtui import approval, fingerprint, wording
from meetingtui.eventkinds.approval import Correction, newest_line_hash, newest_seal
from meetingtui.meeting import ItemState, MeetingState
from meetingtui.minutes.model import (
    Block,
    CorrectionNote,
    DatedNote,
    Fingerprint,
    Heading,
    Labelled,
    Paragraph,
)


def item_corrections(state: MeetingState, item_state: ItemState, full: bool) -> list[Block]:
    """The corrections of one item, as its section of the referat shows them."""
    item = item_state.item
    found = [c for c in state.corrections if c.item == item.id]
    if item.closed and not full:
        return [
            CorrectionNote.of(wording.summary_corrected(c.when))
            for c in found
            if c.field == "summary"
        ]
    return [block for c in found for block in _correction(c)]


def _correction(correction: Correction) -> list[Block]:
    blocks: list[Block] = [CorrectionNote.of(wording.correction(correction.when, correction.text))]
    if correction.field is not None and correction.old is not None:
        blocks.append(CorrectionNote.of(wording.corrected_from(correction.field, correction.old)))
    return blocks


def meeting_corrections(state: MeetingState, signature_item: str | None) -> list[Block]:
    """The corrections of the meeting as a whole (and of the Underskriftsside itself)
    under their heading; nothing when there are none."""
    found = [
        c
        for c in state.corrections
        if c.item is None or c.item == signature_item or not state.has_item(c.item)
    ]
    if not found:
        return []
    blocks: list[Block] = [Heading(wording.CORRECTIONS_HEADING, 2)]
    return blocks + [block for c in found for block in _correction(c)]


def approval_blocks(state: MeetingState, full: bool) -> list[Block]:
    """How, when and by whom the referat was approved; in the full one, the secretary's
    note. Nothing before the approval."""
    found = state.approval
    if found is None:
        return []
    body = state.agenda.meeting.body
    blocks: list[Block] = [
        Heading(wording.APPROVAL_HEADING, 2),
        DatedNote.of(wording.approved(found.how, body, found.when)),
    ]
    who = approval.names(state, found.by)
    if who:
        blocks.append(Labelled(wording.APPROVED_BY, ", ".join(who)))
    if full and found.note:
        blocks.append(Paragraph.of(found.note))
    return blocks


def fingerprint_blocks(state: MeetingState, full: bool) -> list[Block]:
    """The full referat's fingerprint of the record as approved (and corrected): the hash
    of the newest sealing event's own line, last, as it anchors everything above it."""
    found = newest_line_hash(state)
    seal = newest_seal(state)
    # A seal that is not a SHA-256 comes only from a hand-edited record: verify says so.
    if full and found is not None and seal is not None and fingerprint.HEX64.fullmatch(seal):
        return [Fingerprint.of(fingerprint.line(found))]
    return []


def after_meeting(state: MeetingState, signature_item: str | None, full: bool) -> list[Block]:
    """What follows the signatures, in the order it happened: the approval, the
    corrections of the meeting as a whole made after it, and the fingerprint."""
    return (
        approval_blocks(state, full)
        + meeting_corrections(state, signature_item)
        + fingerprint_blocks(state, full)
    )


def closing_section(state: MeetingState, full: bool) -> list[Block]:
    """For an agenda without an Underskriftsside: the approval and the corrections of the
    meeting as a last section of their own."""
    blocks = after_meeting(state, None, full)
    if not blocks:
        return []
    return [Heading(wording.APPROVAL_SECTION, 1), *blocks]
