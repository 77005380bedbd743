"""The one recogniser: a stream of blocks from any source → agenda data (format 2).

1. Item headings: "Punkt N: …", "Pkt. N …", "Sag nr. N …" anywhere; "N. Title" only as a
   heading, a bold paragraph, or (in plain text with no headings at all) in sequence. When
   items are headings, only those at the shallowest level that has any count. A numbering
   that starts again (a contents list, then the items) keeps the last run.
   With no numbered headings at all, the outermost headings are the items, numbered 1..N.
2. Before the first item: the front matter (frontmatter.py); a contents list (after
   "Indholdsfortegnelse", "PUNKTER", or lines with dot leaders) only lends its "#" flags.
3. Each item's blocks: items.py. Sections are styled when the source has headings below
   the item level, else found by words (see items.py).
Nothing is invented: a field not found is left out and named in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from meetingtui.agenda.model import PARTIES
from meetingtui.importing import frontmatter, patterns
from meetingtui.importing.blocks import (
    Block,
    Heading,
    ImportFailed,
    ListEntry,
    Para,
    Table,
    block_text,
    clean,
)
from meetingtui.importing.items import Draft, ItemReader, sections_data
from meetingtui.wording import LØSGÆNGER

TIMEZONE = "Europe/Copenhagen"  # Danish bodies; the agenda may be corrected by hand


@dataclass
class Result:
    data: dict[str, Any]
    drafts: list[Draft]
    front_unplaced: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # Danish names of fields not found
    remarks: list[str] = field(default_factory=list)


@dataclass
class _Candidate:
    index: int
    number: int
    title: str
    strong: bool


def recognise(blocks: list[Block], source: str) -> Result:
    blocks = [b for b in blocks if isinstance(b, Table) or clean(b.text)]
    candidates, numbered = _item_candidates(blocks)
    if not candidates:
        raise ImportFailed(
            f"{source}: fandt ingen dagsordenspunkter (forventede overskrifter som "
            "»Punkt 1: Titel«, »1. Titel« eller »Pkt. 42 Titel«)"
        )
    first = candidates[0].index
    flags, front_blocks = _contents(blocks[:first])
    front = frontmatter.read(front_blocks)
    section_level = _section_level(blocks, candidates)
    body = front.meeting.get("body")
    drafts: list[Draft] = []
    closed_group = False
    for position, cand in enumerate(candidates):
        end = candidates[position + 1].index if position + 1 < len(candidates) else len(blocks)
        draft = _draft(cand, blocks[cand.index], flags)
        draft.closed = draft.closed or closed_group
        inner = blocks[cand.index + 1 : end]
        if not draft.title and inner:
            draft.title = clean(block_text(inner.pop(0)))
        kept = []
        for block in inner:
            text = clean(block_text(block))
            if patterns.GROUP_CLOSED.match(text) and len(text) < 60:
                closed_group = True
            elif patterns.GROUP_OPEN.match(text) and len(text) < 60:
                closed_group = False
            else:
                kept.append(block)
        draft.kind = _kind(draft.title)
        reader = ItemReader(draft, section_level, body)
        reader.read(kept)
        reader.finish()
        if body is None and draft.decision_bodies:
            body = draft.decision_bodies[0]
        drafts.append(draft)
    meeting = dict(front.meeting)
    if body and "body" not in meeting:
        meeting["body"] = body
    result = Result({}, drafts, front.unplaced)
    if not numbered:
        result.remarks.append(
            "Dokumentet nummererer ikke punkterne; de er nummereret 1, 2, 3 … i rækkefølge."
        )
    if front.substitutes_left_out:
        result.remarks.append(
            "Stedfortrædere er ikke medlemmer og er udeladt: "
            + ", ".join(front.substitutes_left_out)
            + "."
        )
    result.data = _agenda(meeting, front.members, drafts, result)
    return result


def _item_candidates(blocks: list[Block]) -> tuple[list[_Candidate], bool]:
    found: list[tuple[_Candidate, Block]] = []
    plain_weak = _plain_weak_allowed(blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, Table | ListEntry):
            continue
        text = clean(block.text)
        styled = isinstance(block, Heading) or (isinstance(block, Para) and block.bold)
        parsed = patterns.item_heading(text, weak=True)
        if parsed and (styled or parsed[2] or plain_weak):
            found.append((_Candidate(index, parsed[0], parsed[1], parsed[2]), block))
    headings = [(c, b) for c, b in found if isinstance(b, Heading)]
    if headings:
        level = min(b.level for _, b in headings if isinstance(b, Heading))
        found = [(c, b) for c, b in headings if isinstance(b, Heading) and b.level == level]
    elif any(isinstance(b, Para) and b.bold for _, b in found):
        found = [(c, b) for c, b in found if (isinstance(b, Para) and b.bold) or c.strong]
    kept: list[_Candidate] = []
    for cand, _ in found:
        if kept and cand.number <= kept[-1].number:
            if cand.number == kept[0].number:  # the numbering starts again: a contents list ended
                kept = [cand]
            continue  # otherwise a number out of order: a reference in the text
        if kept and not cand.strong and cand.number != kept[-1].number + 1:
            continue  # "3. Something" inside case text, not the next item
        kept.append(cand)
    if kept:
        return kept, True
    return _unnumbered(blocks), False


def _plain_weak_allowed(blocks: list[Block]) -> bool:
    return not any(isinstance(b, Heading) or (isinstance(b, Para) and b.bold) for b in blocks)


def _unnumbered(blocks: list[Block]) -> list[_Candidate]:
    """The outermost headings that are not a contents, group or known section heading."""
    heads = [
        (i, b)
        for i, b in enumerate(blocks)
        if isinstance(b, Heading)
        and not patterns.CONTENTS.match(clean(b.text))
        and not patterns.section_heading(clean(b.text))
        and not patterns.GROUP_OPEN.match(clean(b.text))
        and not patterns.GROUP_CLOSED.match(clean(b.text))
    ]
    if not heads:
        return []
    level = min(b.level for _, b in heads if isinstance(b, Heading))
    chosen = [(i, b) for i, b in heads if isinstance(b, Heading) and b.level == level]
    if len(chosen) < 2:
        return []
    return [_Candidate(i, n, clean(b.text), True) for n, (i, b) in enumerate(chosen, start=1)]


def _contents(front: list[Block]) -> tuple[dict[str, bool], list[Block]]:
    """Titles flagged "#" in a contents list, and the front matter without the list."""
    flags: dict[str, bool] = {}
    kept: list[Block] = []
    in_contents = False
    for block in front:
        if in_contents and isinstance(block, Table):  # "Title .... | 3" set in columns
            for row in block.rows:
                title = re.sub(r"(?:\.{2,}|…+)\s*\d*\s*$", "", clean(row[0])).strip()
                flags[_key(title)] = title.endswith("#")
            continue
        text = clean(block_text(block))
        if patterns.CONTENTS.match(text):
            in_contents = True
            continue
        if in_contents or patterns.CONTENTS_LINE.search(block_text(block)):
            title = re.sub(r"(?:\.{2,}|…+|\t)\s*\d*\s*$", "", text).strip()
            title = re.sub(r"^\d{1,4}\s*[.:)]\s*", "", title)
            flags[_key(title)] = title.endswith("#")
            continue
        kept.append(block)
    return flags, kept


def _key(title: str) -> str:
    title = patterns.CLOSED_PREFIX.sub("", title.rstrip(" #"))
    return re.sub(r"\W+", " ", title).strip().casefold()


def _section_level(blocks: list[Block], candidates: list[_Candidate]) -> int | None:
    """The heading level of sections, if the source styles them (else None)."""
    item_indexes = {c.index for c in candidates}
    item_level = next(
        (b.level for i, b in enumerate(blocks) if i in item_indexes and isinstance(b, Heading)), 0
    )
    levels = [
        b.level
        for i, b in enumerate(blocks[candidates[0].index :], start=candidates[0].index)
        if isinstance(b, Heading) and i not in item_indexes and b.level > item_level
    ]
    return min(levels) if levels else None


def _draft(cand: _Candidate, block: Block, flags: dict[str, bool]) -> Draft:
    title = clean(cand.title)
    draft = Draft(cand.number, title, block.at)
    if title.endswith("#"):
        draft.flag, title = True, title.rstrip(" #")
    for pattern in (patterns.CLOSED_PREFIX, patterns.CLOSED_SUFFIX):
        if pattern.search(title):
            draft.closed, title = True, pattern.sub("", title).strip()
    title = patterns.OPEN_PREFIX.sub("", title).strip()
    draft.flag = draft.flag or flags.get(_key(title), False)
    draft.title = title
    return draft


def _kind(title: str) -> str:
    key = title.casefold().strip(" .:")
    if key == "eventuelt":
        return "eventuelt"
    if key in ("underskriftsside", "underskrifter", "underskrift"):
        return "underskriftsside"
    return "sag"


_RECOMMENDS = re.compile(
    r"anbefaler\s+(?:over\s+for\s+)?(?P<to>Regionsrådet|Byrådet|Kommunalbestyrelsen|"
    r"Borgerrepræsentationen|[A-ZÆØÅ][\w-]*(?:rådet|bestyrelsen|udvalget))\b"
)


def _agenda(
    meeting: dict[str, Any], members: list[dict[str, Any]], drafts: list[Draft], result: Result
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, danish in (
        ("body", "udvalg (body)"),
        ("date", "mødedato (date)"),
        ("start", "starttidspunkt (start)"),
        ("place", "mødested (place)"),
    ):
        if key in meeting:
            out[key] = meeting[key]
        else:
            result.missing.append(danish)
    texts = " ".join(
        t for d in drafts for h, chunks in d.sections for t in chunks if h.startswith("Indstilling")
    )
    to = _RECOMMENDS.search(texts)
    if to and to.group("to") != out.get("body"):
        out["recommends_to"] = to.group("to")
    out["timezone"] = TIMEZONE
    numbers = [d.number for d in drafts]
    if numbers[0] != 1:
        out["numbering"], out["first_number"] = "running", numbers[0]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        result.remarks.append(
            "Numrene følger ikke hinanden ("
            + ", ".join(map(str, numbers))
            + "); agendaen nummererer "
            f"fortløbende fra {numbers[0]}: ret numrene i kilden eller tjek rækkefølgen."
        )
    local = sorted(
        {
            m["party"]
            for m in members
            if m.get("party") not in (None, LØSGÆNGER) and m["party"] not in PARTIES
        }
    )
    if local:
        out["parties"] = local
    if not members:
        result.missing.append("medlemmer ([[members]])")
    for member in members:
        if "party" not in member:
            result.missing.append(f"parti for {member['name']}")
    data: dict[str, Any] = {"format": 2, "meeting": out}
    if members:
        data["members"] = members
    data["items"] = [_item_data(d) for d in drafts]
    return data


def _item_data(draft: Draft) -> dict[str, Any]:
    item: dict[str, Any] = {"title": draft.title}
    if draft.case:
        item["case"] = draft.case
    item["closed"] = draft.closed
    item["flag"] = draft.flag
    item["kind"] = draft.kind
    if draft.attachments:
        item["attachments"] = draft.attachments
    sections = sections_data(draft)
    if sections:
        item["sections"] = sections
    if draft.earlier:
        item["earlier"] = draft.earlier
    return item
