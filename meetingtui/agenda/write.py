"""Write an agenda as TOML text a secretary can read and correct (`import` and `new` use it).

The input is the agenda file's own shape (agendas/README.md), as plain data: dicts,
lists, texts, numbers, booleans, and `datetime.date`/`datetime.time` for dates and times.
Texts over one line are written as multi-line strings, so case text reads as it will print.
Members, items, sections and earlier decisions are written as `[[tables]]`, one block each,
in the order the agenda's README shows them ([meeting] first), never as inline lists that
tomli-w would choose for short ones; a member's substitutes stay on one line.
"""

from __future__ import annotations

from typing import Any

import tomli_w

INLINE = frozenset({"substitutes"})  # short lists the secretary reads best on one line


def to_toml(data: dict[str, Any], comment: str = "") -> str:
    """The agenda as TOML text, with `comment` (one or more lines) as a `#` header."""
    header = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return header + _table(data, "").strip("\n") + "\n"


def _table(table: dict[str, Any], prefix: str) -> str:
    values = {key: value for key, value in table.items() if not _is_block(key, value)}
    out = tomli_w.dumps(values, multiline_strings=True) if values else ""
    for key, value in sorted(table.items(), key=lambda pair: _rank(pair[0])):
        if not _is_block(key, value):
            continue
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out += f"\n[{name}]\n" + _table(value, name)
        else:
            for element in value:
                out += f"\n[[{name}]]\n" + _table(element, name)
    return out


def _rank(key: str) -> int:
    order = ("meeting", "members", "items")  # as a secretary reads an agenda
    return order.index(key) if key in order else len(order)


def _is_block(key: str, value: Any) -> bool:
    """A table, or a list of tables, written as its own block under a header."""
    if isinstance(value, dict):
        return True
    return (
        isinstance(value, list)
        and bool(value)
        and key not in INLINE
        and all(isinstance(element, dict) for element in value)
    )
