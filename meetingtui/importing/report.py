"""The short Danish report `meetingtui import` ends with: what was found, what could not
be placed (with where it stands in the source), and which fields the secretary must fill in."""

from __future__ import annotations

from meetingtui.importing.blocks import shown
from meetingtui.importing.recognise import Result

SHOWN_UNPLACED = 12  # lines; the rest are counted


def lines(result: Result, source: str, target: str) -> list[str]:
    data = result.data
    drafts = result.drafts
    members = data.get("members", [])
    first, last = drafts[0].number, drafts[-1].number
    out = [
        f"Importeret fra {source} til {target}: {len(drafts)} punkter (punkt {first}-{last}), "
        f"{len(members)} medlemmer."
    ]
    for draft, item in zip(drafts, data["items"], strict=True):
        sections = item.get("sections", [])
        marks = "".join(
            mark for mark, on in ((" [lukket]", item["closed"]), (" #", item["flag"])) if on
        )
        facts = [f"{len(sections)} afsnit"]
        if sections:
            facts[0] += " (" + ", ".join(s["heading"] for s in sections) + ")"
        if item.get("attachments"):
            facts.append(f"{len(item['attachments'])} bilag")
        facts.append(f"sag {item['case']}" if "case" in item else "intet sagsnummer")
        out.append(f"  Punkt {draft.number}: {_short(draft.title)}{marks}: {'; '.join(facts)}")
    unplaced = [(at, text) for at, text in result.front_unplaced]
    unplaced += [(at, f"punkt {d.number}: " + text) for d in drafts for at, text in d.unplaced]
    if unplaced:
        out.append("Kunne ikke placeres (står ikke i agendaen; tjek kilden):")
        out += [f"  {at or '?'}: {shown(text)}" for at, text in unplaced[:SHOWN_UNPLACED]]
        if len(unplaced) > SHOWN_UNPLACED:
            out.append(f"  … og {len(unplaced) - SHOWN_UNPLACED} afsnit mere")
    for draft in drafts:
        if draft.empty_sections:
            out.append(
                f"Punkt {draft.number}: tomme afsnit er udeladt: " + ", ".join(draft.empty_sections)
            )
    left_out = sum(d.decisions_left_out for d in drafts)
    if left_out:
        out.append(
            f"Referatets beslutninger ({left_out} punkter) er udeladt: en dagsorden har ingen endnu."
        )
    out += result.remarks
    if result.missing:
        out.append("Ikke fundet, udfyld selv i agendaen: " + ", ".join(result.missing) + ".")
    out.append(f"Tjek agendaen med: meetingtui check {target}")
    return out


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
