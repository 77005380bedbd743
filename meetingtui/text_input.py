"""Text as people type or paste it: what may enter the meeting, and how names compare.

One rule for every place text enters the core: the secretary's actions (`secretary.py`)
and the agenda's checks (`agenda/rules.py`).

- **Multi-line text** (a decision, a public summary, a dissent, an added item's case
  text): tabs and line breaks are kept; every other control character (C0, DEL, C1:
  ESC sequences, a bell, NUL) is dropped, and the caller says how many
  (`clean_multiline`). The Unicode line and paragraph separators (U+2028, U+2029) are
  line breaks and become one.
- **One-line text** (names, parties, titles, times): every control character is
  refused, tabs and line breaks included, and so are the bidirectional controls
  (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), which make text show in an
  order other than the one it is stored in. Right-to-left letters need none of them.
  One-line text is NFC-normalised (`check_one_line`, and the agenda's reader).
- **Comparing names**: two names are the same person when they differ only in Unicode
  normalisation, case, spacing or invisible characters such as a zero-width space
  (`name_key`). A name with no visible character at all is no name (`has_visible`).

Everything here is pure (the standard library only), so the agenda can share it.
"""

from __future__ import annotations

import re
import unicodedata

from meetingtui.errors import MeetingtuiError

# Control characters: C0 but tab, line feed and carriage return; DEL; C1; and lone
# surrogates, which cannot be stored as UTF-8. With the line and paragraph separators,
# what a one-line text may not hold besides tab and breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_BREAKS = re.compile(r"[\t\n\r]")
_SEPARATORS = re.compile(r"[\u2028\u2029]")
_SPACES = re.compile(" {2,}")
# Terminal escape sequences, dropped whole (not just their ESC) from multi-line text: CSI
# (colours, cursor moves), OSC (titles, OSC 52 clipboard writes), the other escapes (ESC c, ESC ( B);
# in their 7-bit and C1 forms.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)

# The Bidi_Control characters: marks, embeddings, overrides and isolates.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")

# Characters that draw nothing although they are not format characters (category Cf,
# all of which draw nothing): fillers, variation selectors, the braille blank.
_BLANK = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


class TextInputError(MeetingtuiError):
    """Typed text that cannot be used (message in Danish, for the secretary)."""


def is_invisible(char: str) -> bool:
    """Draws nothing: a format character (zero-width space, joiners, bidi controls, soft
    hyphen, byte-order mark, tags) or a blank filler."""
    return unicodedata.category(char) == "Cf" or char in _BLANK


def has_visible(text: str) -> bool:
    """Whether the text holds a letter, digit, punctuation mark or symbol that shows."""
    return any(unicodedata.category(c)[0] in "LNPS" and c not in _BLANK for c in text)


def first_control(text: str, multiline: bool = False) -> re.Match[str] | None:
    """The first character the text may not hold as a match: a control character, and in
    one-line text also a tab or a line break. None if there is none."""
    return _CONTROL.search(text) or (None if multiline else _BREAKS.search(text))


def first_bidi_control(text: str) -> str | None:
    found = _BIDI.search(text)
    return found.group() if found else None


def code_point(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE' (control characters have no name: 'U+001B')."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def name_key(text: str) -> str:
    """What two names are compared by: NFKC, without invisible characters, case-folded,
    spacing collapsed. 'Mette Juhl', 'mette  juhl', 'Mette\\u200bJuhl' with the same
    letters composed or decomposed, all give the same key."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not is_invisible(c))
    return " ".join(unicodedata.normalize("NFKC", text.casefold()).split())


# -- what the secretary types ------------------------------------------------------------------
def clean_multiline(text: str) -> tuple[str, int]:
    """The text with control characters dropped (tabs and line breaks kept), and how many
    characters were dropped. A terminal escape sequence is dropped whole (its ESC and what
    follows it up to its end), so no '[31m' is left behind. U+2028 and U+2029 become
    line breaks."""
    text = _SEPARATORS.sub("\n", text)
    kept = _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
    return kept, len(text) - len(kept)


def check_one_line(text: str, field_label: str) -> str:
    """One-line text as typed, NFC-normalised, stripped, runs of spaces made one (other
    spaces, such as a no-break space, are kept as typed); or TextInputError
    (Danish, starting with `field_label`, e.g. 'Navnet') for a control character or a bidi
    control. Text with nothing visible in it is returned as ''."""
    bad = first_control(text)
    if bad:
        char = bad.group()
        what = "en tabulator" if char == "\t" else "et styretegn"
        what = "et linjeskift" if char in "\n\r\u2028\u2029" else what
        raise TextInputError(
            f"{field_label} indeholder {what} ({code_point(char)}), der ikke kan stå i en "
            "tekst på én linje; skriv teksten igen uden."
        )
    bidi = first_bidi_control(text)
    if bidi:
        raise TextInputError(
            f"{field_label} indeholder et usynligt retningstegn ({code_point(bidi)}), der kan "
            "vise teksten i en anden rækkefølge end den skrevne; skriv teksten igen uden."
        )
    text = _SPACES.sub(" ", nfc(text).strip())
    return text if has_visible(text) else ""


def dropped_message(count: int) -> str | None:
    """The Danish line saying control characters were dropped from a text (None for 0)."""
    if count <= 0:
        return None
    return (
        f"Teksten indeholdt styretegn (usynlige tegn, fx fra en kopieret terminal): {count} "
        "tegn er fjernet, resten er gemt som skrevet."
    )
