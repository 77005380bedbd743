"""Write an agenda as TOML text a secretary can read and correct (`import` and `new` use it).

The input is the agenda file's own shape (agendas/README.md), as plain data: dicts,
lists, texts, numbers, booleans, and `datetime.date`/`datetime.time` for dates and times.
Texts over one line are written as multi-line strings, so case text reads as it will print.
"""

from __future__ import annotations

from typing import Any

import tomli_w


def to_toml(data: dict[str, Any], comment: str = "") -> str:
    """The agenda as TOML text, with `comment` (one or more lines) as a `#` header."""
    header = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    return header + tomli_w.dumps(data, multiline_strings=True)
