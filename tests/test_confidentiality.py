"""The public/full split: nothing of a closed item but its heading leaks into the public file.

A canary: every field of a closed item (title aside) holds a unique marker string, and so
does every event about it. The public .docx is unzipped and every part searched, as text
and as raw bytes; the full .docx must hold every marker.

The meeting is approved afterwards and its closed items corrected (issue 12): a correction
of a closed item (its explanation, the decision it replaces and the new one) and the
approval's note stand in the full referat only.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from helpers import Play, xml_text, zip_parts

from meetingtui import agenda as agenda_mod
from meetingtui import export

MARKERS = {
    "case": "97/8642135",  # a case number has to look like one: this one is unique
    "resume": "KANARIE-RESUME-4f1",
    "sagsfremstilling": "KANARIE-SAG-9b2",
    "subheading": "KANARIE-UNDEROVERSKRIFT-77c",
    "bullet": "KANARIE-PUNKTLISTE-3e8",
    "bold": "KANARIE-FED-0d4",
    "klimavurdering": "KANARIE-KLIMA-5a6",
    "indstilling": "KANARIE-INDSTILLING-c3d",
    "bilag": "KANARIE-BILAG-e9f",
    "bilag2": "Bilag om hemmelige tilbudspriser ÆØÅ-KANARIE",
    "decision": "KANARIE-BESLUTNING-1a2",
    "dissent": "KANARIE-AFVIGENDE-MENING-8b8",
    "added_case": "KANARIE-TILFOEJET-SAG-6d0",
    "correction": "KANARIE-RETTELSE-2c7",
    "corrected_decision": "KANARIE-RETTET-BESLUTNING-5e1",
    "correction_added": "KANARIE-RETTELSE-TILLAEG-a40",
    "approval_note": "KANARIE-GODKENDELSESNOTE-b18",
}
SEAL = "3c" * 32  # the record's chain head at the approval (any SHA-256 here)

AGENDA = f"""
format = 1

[meeting]
body = "Hemmelighedsudvalget"
date = 2026-01-15
start = 14:00:00
place = "Lokale 2"

[[members]]
id = "anna"
name = "Anna Ahl"
party = "V"
role = "formand"

[[members]]
id = "bent"
name = "Bent Borg"
party = "A"

[[members]]
id = "cora"
name = "Cora Cruz"
party = "Ø"

[[members]]
id = "dan"
name = "Dan Dyhr"
party = "A"

[[items]]
id = "aaben"
title = "Et åbent punkt"
case = "26/100"
resume = "Helt offentligt."

[[items]]
id = "lukket"
title = "Salg af grund"
case = "{MARKERS["case"]}"
closed = true
resume = "Resumé med {MARKERS["resume"]} i."
sagsfremstilling = \"\"\"
Sagen handler om {MARKERS["sagsfremstilling"]}.

## Underoverskrift {MARKERS["subheading"]}

- Et punkt med {MARKERS["bullet"]}
- Tekst med **{MARKERS["bold"]}** i fed
\"\"\"
klimavurdering = "Klima: {MARKERS["klimavurdering"]}."
indstilling = "Det indstilles, at {MARKERS["indstilling"]} godkendes."
bilag = ["{MARKERS["bilag"]}", "{MARKERS["bilag2"]}"]

[[items]]
id = "eventuelt"
title = "Eventuelt"
kind = "eventuelt"

[[items]]
id = "underskriftsside"
title = "Underskriftsside"
kind = "underskriftsside"
"""

PUBLIC_SUMMARY = "Udvalget besluttede at sælge grunden; prisen offentliggøres efter skødet."


def played(summary: str | None = None) -> Play:
    agenda = agenda_mod.parse(AGENDA.encode("utf-8"), Path("hemmelig.toml"))
    play = Play(agenda)
    for member in ("anna", "bent", "cora", "dan"):
        play.roll_call(member, "present")
    play.open_meeting("14:00")
    play.take_item("aaben", "14:00", "14:10", "Godkendt.")
    play.open_item("lukket", "14:10")
    play.not_taking_part("lukket", "dan", "inhabil")
    play.vote("lukket", for_=["anna", "bent"], against=["cora"])
    play.decide("lukket", f"Grunden sælges til {MARKERS['decision']}.")
    play.dissent("lukket", "cora", f"Prisen er for lav: {MARKERS['dissent']}.")
    if summary:
        play.summary("lukket", summary)
    play.close_item("lukket", "14:30")
    play.add_item(
        {"id": "tillaeg", "title": "Tillægssag", "case": MARKERS["added_case"], "closed": True},
        after="lukket",
    )
    play.take_item("tillaeg", "14:30", "14:35", f"Vedtaget {MARKERS['decision']}.")
    play.take_item("eventuelt", "14:35", "14:40", "Ingen bemærkninger.")
    play.open_item("underskriftsside", "14:40")
    play.close_meeting("14:45")
    approved_on = play.at("00:00").add(days=7).isoformat()
    play.add(
        "approved",
        time=approved_on,
        how="signed",
        by=["anna", "bent", "cora", "dan"],
        note=f"Underskrevet med {MARKERS['approval_note']}.",
        seal=SEAL,
    )
    play.add(
        "correction",
        time=approved_on,
        text=f"Prisen var skrevet forkert: {MARKERS['correction']}.",
        item="lukket",
        field="decision",
        new=f"Grunden sælges til {MARKERS['corrected_decision']}.",
        seal=SEAL,
    )
    play.add(
        "correction",
        time=approved_on,
        text=f"Sagen var en anden: {MARKERS['correction_added']}.",
        item="tillaeg",
        seal=SEAL,
    )
    return play


def exported(tmp_path: Path, full: bool, summary: str | None = None) -> Path:
    folder = tmp_path / ("full" if full else "public")
    return export.export(played(summary).state(), full=full, output=folder)


def hits(path: Path, needle: str) -> list[str]:
    """Every zip member of the .docx that holds `needle` in any form."""
    found = []
    raw_needle = needle.encode("utf-8")
    for name, data in zip_parts(path).items():
        as_text = data.decode("utf-8", errors="ignore")
        if raw_needle in data or needle in as_text or needle in xml_text(data):
            found.append(name)
    return found


@pytest.mark.parametrize("field", sorted(MARKERS))
def test_no_marker_anywhere_in_the_public_file(tmp_path, field):
    path = exported(tmp_path, full=False)
    assert hits(path, MARKERS[field]) == []


def test_public_file_holds_no_votes_dissent_or_non_participation(tmp_path):
    path = exported(tmp_path, full=False)
    text = xml_text(zip_parts(path)["word/document.xml"])
    # only the closed item had a vote, a dissent and someone not taking part
    for phrase in ("stemte", "beslutningsprotokollen", "deltog ikke", "Bilag", "Sagsfremstilling"):
        assert phrase not in text, phrase
    # ...and nobody was absent, so no Fraværende line anywhere
    assert "Fraværende" not in text


def test_public_file_shows_the_closed_items_heading(tmp_path):
    path = exported(tmp_path, full=False)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Punkt 2: Lukket punkt: Salg af grund" in paragraphs
    assert any(p.startswith("Lukket punkt: Salg af grund") for p in paragraphs)  # contents


def test_public_core_properties_hold_no_marker(tmp_path):
    path = exported(tmp_path, full=False)
    props = docx.Document(str(path)).core_properties
    fields = [
        props.title,
        props.subject,
        props.author,
        props.keywords,
        props.comments,
        props.category,
        props.last_modified_by,
        props.content_status,
        props.identifier,
        props.version,
    ]
    for value in fields:
        for marker in MARKERS.values():
            assert marker not in (value or "")


@pytest.mark.parametrize("field", sorted(MARKERS))
def test_the_full_file_holds_every_marker(tmp_path, field):
    path = exported(tmp_path, full=True)
    assert "word/document.xml" in hits(path, MARKERS[field])


def test_full_file_shows_vote_dissent_and_non_participation_of_the_closed_item(tmp_path):
    path = exported(tmp_path, full=True)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Dan Dyhr erklærede sig inhabil og deltog ikke i sagens behandling." in paragraphs
    assert any(p.startswith("For stemte:") and "Imod stemte: Ø." in p for p in paragraphs)


def test_a_public_summary_of_a_closed_decision_is_published(tmp_path):
    path = exported(tmp_path, full=False, summary=PUBLIC_SUMMARY)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert PUBLIC_SUMMARY in paragraphs
    start = paragraphs.index("Punkt 2: Lukket punkt: Salg af grund")
    assert paragraphs.index(PUBLIC_SUMMARY) == start + 2  # under the decision heading
    assert paragraphs[start + 1] == "Beslutning i Hemmelighedsudvalget den 15-01-2026"
    for marker in MARKERS.values():
        assert hits(path, marker) == []


def test_public_text_preview_hides_the_closed_item_too():
    from meetingtui.minutes import build, text

    rendered = text.render(build(played().state(), full=False))
    for marker in MARKERS.values():
        assert marker not in rendered
    full = text.render(build(played().state(), full=True))
    for marker in MARKERS.values():
        assert marker in full


# -- format 2: a closed item's own section headings, earlier decisions and attachments -------
MARKERS_2 = {
    "case": "KANARIE-306-2026-112",
    "heading": "KANARIE-OVERSKRIFT-2a1",
    "section": "KANARIE-SAGENS-KERNE-7f0",
    "earlier_body": "KANARIE-OEKONOMIUDVALG-5c5",
    "earlier_item": "KANARIE-65",
    "earlier_text": "KANARIE-ANBEFALES-d1d",
    "attachment": "KANARIE-BILAG-2-8e8",
}
AGENDA_2 = (
    AGENDA.replace("format = 1", "format = 2")
    .replace(
        AGENDA[
            AGENDA.index('[[items]]\nid = "lukket"') : AGENDA.index('[[items]]\nid = "eventuelt"')
        ],
        f"""[[items]]
id = "lukket"
title = "Salg af grund"
case = "{MARKERS_2["case"]}"
closed = true
attachments = ["{MARKERS_2["attachment"]}"]

[[items.sections]]
heading = "{MARKERS_2["heading"]}"
text = "Sagen handler om {MARKERS_2["section"]}."

[[items.earlier]]
body = "{MARKERS_2["earlier_body"]}"
date = 2026-01-08
item = "{MARKERS_2["earlier_item"]}"
text = "{MARKERS_2["earlier_text"]}."

""",
    )
    .replace('resume = "Helt offentligt."', "")
)


def test_format_2_closed_item_fields_stay_out_of_the_public_file(tmp_path):
    agenda = agenda_mod.parse(AGENDA_2.encode("utf-8"), Path("hemmelig2.toml"))
    play = Play(agenda)
    play.open_meeting("14:00")
    play.take_item("lukket", "14:00", "14:10", "Godkendt.")
    public = export.export(play.state(), full=False, output=tmp_path / "public")
    full = export.export(play.state(), full=True, output=tmp_path / "full")
    for marker in MARKERS_2.values():
        assert hits(public, marker) == [], marker
        assert "word/document.xml" in hits(full, marker), marker
