"""A format-1 agenda in format 2 (`meetingtui check --upgrade`).

The upgrade is the one AGENDA-V2 describes: `format = 2`; the four section keys become
`[[items.sections]]` in the order Resumé, Sagsfremstilling, Klimavurdering, Indstilling;
`bilag` becomes `attachments`. Everything else is kept as it is, so the upgraded file
loads to the same meeting, members and items (tests/test_agenda_v2.py checks it on the
demo). TOML comments are not kept: the parsed file has none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from meetingtui.agenda.model import SECTION_TITLES, SECTIONS
from meetingtui.agenda.write import to_toml


def upgraded(raw: dict[str, Any]) -> dict[str, Any]:
    """The parsed TOML of a format-1 agenda (checked) as format-2 data."""
    data: dict[str, Any] = {"format": 2}
    data |= {key: value for key, value in raw.items() if key not in ("format", "items")}
    data["items"] = [_item(item) for item in raw.get("items", [])]
    return data


def _item(item: dict[str, Any]) -> dict[str, Any]:
    out = {key: value for key, value in item.items() if key not in (*SECTIONS, "bilag")}
    if item.get("bilag"):
        out["attachments"] = item["bilag"]
    sections = [
        {"heading": SECTION_TITLES[key], "text": item[key].strip("\n")}
        for key in SECTIONS
        if isinstance(item.get(key), str) and item[key].strip()
    ]
    if sections:
        out["sections"] = sections
    return out


def target(path: Path) -> Path:
    """Where the upgrade of `path` is written: beside it, `<name>.format2.toml`."""
    return path.with_name(f"{path.stem}.format2.toml")


def text(raw: dict[str, Any], path: Path) -> str:
    return to_toml(
        upgraded(raw),
        f"{path.name} i format 2 (meetingtui check --upgrade). Kommentarer fra den gamle fil er\n"
        "ikke med; se agendas/README.md for formatet.",
    )
