"""Where things live: the record of a meeting, the exports, the bundled demo."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import platformdirs

from meetingtui.agenda import Agenda

DEMO_DIR = Path(__file__).parent / "demo"
DEMO_AGENDA = DEMO_DIR / "diu-2025-11-20.toml"
DEMO_RECORD = DEMO_DIR / "diu-2025-11-20.record"
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def data_dir() -> Path:
    """The user's data directory (MEETINGTUI_DATA_DIR overrides it, e.g. for tests)."""
    override = os.environ.get("MEETINGTUI_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("meetingtui"))


def default_record(agenda: Agenda) -> Path:
    """One record per meeting: <data dir>/records/<body>-<date>.record."""
    name = f"{safe_name(agenda.meeting.body)}-{agenda.meeting.date.isoformat()}.record"
    return data_dir() / "records" / name


def rehearsal_record(agenda: Agenda) -> Path:
    """A rehearsal's record: apart from the real one, and named so it cannot be taken for
    it (<data dir>/rehearsals/<body>-<date>-PROEVE.record)."""
    name = f"{safe_name(agenda.meeting.body)}-{agenda.meeting.date.isoformat()}-PROEVE.record"
    return data_dir() / "rehearsals" / name


def output_dir() -> Path:
    return Path(os.environ.get("MEETINGTUI_OUTPUT_DIR", "output"))


def export_name(agenda: Agenda, full: bool, rehearsal: bool = False) -> str:
    variant = ("-fuld" if full else "") + ("-PROEVE" if rehearsal else "")
    return (
        f"referat-{safe_name(agenda.meeting.body)}-{agenda.meeting.date.isoformat()}{variant}.docx"
    )


def safe_name(text: str) -> str:
    """A file-name part from agenda text: no separators, no dots first, no reserved names."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = re.sub(r"[^\w-]+", "-", text, flags=re.ASCII)
    text = re.sub(r"-{2,}", "-", text).strip("-._")[:80] or "moede"
    return f"{text}-" if text in _RESERVED else text
