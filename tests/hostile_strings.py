"""Text people type or paste that a display must show as written and never obey.

Each string is something a member's name, an item's title, a decision or a typed time
could hold: console markup that Rich/Textual would parse, terminal control sequences a
terminal would act on, and Unicode that measures or orders itself unusually. Used by
tests/test_hostile_ui.py (every screen, dialog and command) and tests/test_chair_table.py.
"""

from __future__ import annotations

ESC = "\x1b"

HOSTILE: dict[str, str] = {
    # console markup (Rich and Textual)
    "close_tag": "Mette [/] Juhl",
    "close_tag_first": "[/] Beslutning",
    "bold": "[bold]x[/bold]",
    "bold_open": "[bold]Budget 2026",
    "click_action": "[@click=app.quit]Budget[/]",
    "link": "[link=file:///etc/passwd]x[/link]",
    "escaped": "\\[escaped]",
    "unclosed": "[red",
    "lone_bracket": "]",
    "style_then_close": "[b red on white]A[/b red on white] og [i]B",
    "variable": "$name og [b]$title[/]",
    "emoji_code": ":warning: :smile:",
    "markdown": "**fed** og _kursiv_ og `kode` og [tekst](https://example.org)",
    # terminal control sequences
    "csi_clear": f"Ole{ESC}[2JBerg",
    "osc52": f"Ole {ESC}]52;c;ZWNobyBoYWNrZWQ=\x07Berg",
    "osc8_link": f"{ESC}]8;;file:///etc/passwd{ESC}\\klik{ESC}]8;;{ESC}\\",
    "sgr": f"{ESC}[31mrød{ESC}[0m",
    "bel_nul": "Bip\x07 og \x00nul",
    "c1_csi": "C1\x9b2J og \x9d52;c;eA==\x9c",
    "backspace": "abc\x08\x08\x08xyz",
    "del": "slet\x7fdette",
    "cr_overwrite": "Godkendt\rAfvist",
    "crlf": "Linje et\r\nLinje to",
    "tab": "Punkt a:\tgodkendt",
    "vertical_tab_form_feed": "Word\x0blinje\x0cside",
    # Unicode that measures or orders itself unusually
    "zero_width": "Mette\u200bJuhl\u200d\ufeff",
    "bidi_override": "Budget \u202eGNIDNAB\u202c slut",
    "bidi_isolate": "\u2067Navn\u2069 efter",
    "combining": "Se\u0301ren Kro\u0308gh",
    "emoji_zwj": "Familie 👨\u200d👩\u200d👧\u200d👦 og 🇩🇰",
    "rtl": "مرحبا بكم و שלום",
    "wide": "会議の議事録 全角テキスト",
    "long": "Lang tekst " * 50,
    "line_separator": "før\u2028efter\u2029slut",
    # formatting and quoting that code could misread
    "format_specs": "%s {0} {} %(name)s {name!r}",
    "backslashes": "C:\\drev\\ og \\n og \\\\",
    "quotes": "\"citat\" og 'enkelt' og `tilbage`",
    "html": "<script>alert(1)</script> &amp;",
}
"""At least 30 strings, by what each tries."""

CONTROL_CODEPOINTS = frozenset([*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])
"""C0, DEL and C1: the characters a terminal may act on instead of showing."""


def has_control(text: str, allowed: str = "") -> bool:
    """Whether the text holds a C0/C1 control character (other than those allowed)."""
    return any(ord(ch) in CONTROL_CODEPOINTS and ch not in allowed for ch in text)
