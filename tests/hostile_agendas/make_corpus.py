"""Writes the hostile-agenda corpus beside this file: text secretaries paste into agendas.

Every file is the same small valid agenda (BASE, as in tests/bad_agendas/) with one
field holding pasted text: markup-like text, terminal escape sequences, C0 and C1
controls, NUL, zero-width and invisible characters, bidi controls, lookalike
duplicates (NFC/NFD, zero-width space, full-width letters), combining marks, emoji and
ZWJ sequences, right-to-left names, very long names and titles, odd whitespace. Its
first line is a comment saying what.

Each file has an outcome (OUTCOMES), which tests/test_hostile_agendas.py checks:

- refused: `meetingtui check` exits 2 with one line naming the file and the field or
  line, holding the message given here, and no traceback;
- accepted: the agenda loads, and every text given here comes through the core into
  the minutes text unchanged, or NFC-normalised (`minutes.text.render(build(state))`).

Markup-like text is ordinary text: it is accepted (the screens show it literally).
Control characters are written as TOML escapes (raw, most are a TOML-syntaksfejl; two
files have them raw to show that too); everything else is written raw, as a paste leaves it.

Run it again after changing a case: `python tests/hostile_agendas/make_corpus.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent

BASE = """format = 1

[meeting]
body = "Udvalg for Klima og Natur"
recommends_to = "Byrådet"
date = 2026-03-12
start = 16:00:00
place = "Rådhuset, mødelokale 2"

[[members]]
name = "Mette Juhl"
party = "A"
role = "formand"
substitutes = [{ name = "Ole Berg", party = "A" }]

[[members]]
name = "Søren Krogh"
party = "V"
role = "næstformand"

[[members]]
name = "Lise Dam"
party = "Ø"

[[items]]
id = "budget"
title = "Budget 2027 for natur og miljø"
case = "26/1234"
resume = "Forslag til budget for natur og miljø."
bilag = ["Budgetoversigt"]

[[items]]
id = "eventuelt"
title = "Eventuelt"
case = "26/10"
kind = "eventuelt"
"""


@dataclass(frozen=True)
class Outcome:
    """`refused`: a piece of the one problem line; else the texts the minutes must hold."""

    refused: str | None = None
    accepted: tuple[str, ...] = ()
    markup: bool = False  # markup-like text: must be accepted


FILES: dict[str, tuple[str, bytes]] = {}
OUTCOMES: dict[str, Outcome] = {}


def toml(value: str) -> str:
    """A TOML basic string: quotes and backslashes escaped, control characters as \\uXXXX
    (TOML allows no raw control character but tab), everything else raw."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def add(name, problem, *edits, refused=None, accepted=(), markup=False, text=None, raw=None):
    assert name not in FILES, name
    assert (refused is None) != (not accepted), name  # one outcome, and texts to look for
    if raw is not None:
        data = raw
    else:
        body = BASE if text is None else text
        for old, new in edits:
            assert body.count(old) == 1, (name, old)
            body = body.replace(old, new)
        data = f"# {problem}\n{body}".encode()
    FILES[name] = (problem, data)
    OUTCOMES[name] = Outcome(refused, tuple(accepted), markup)


def field(key: str, old: str, new: str) -> tuple[str, str]:
    """An edit putting `new` where `key = "old"` is."""
    return (f"{key} = {toml(old)}", f"{key} = {toml(new)}")


NAME1 = "Mette Juhl"
NAME3 = "Lise Dam"
SUB = "Ole Berg"
TITLE = "Budget 2027 for natur og miljø"
RESUME = "Forslag til budget for natur og miljø."


def name3(new: str) -> tuple[str, str]:
    return field("name", NAME3, new)


def title(new: str) -> tuple[str, str]:
    return field("title", TITLE, new)


def substitute(new: str) -> tuple[str, str]:
    return (f"name = {toml(SUB)}", f"name = {toml(new)}")


def resume(new: str) -> tuple[str, str]:
    return field("resume", RESUME, new)


def extra_member(name: str, party: str = "V") -> tuple[str, str]:
    """A fourth member, after Lise Dam."""
    return (
        'party = "Ø"\n',
        f'party = "Ø"\n\n[[members]]\nname = {toml(name)}\nparty = "{party}"\n',
    )


# --- markup-like text: ordinary text, accepted -------------------------------------------
MARKUP = {
    "name-markup-closing-tag": ("a name with Rich's closing tag", NAME1, "Mette [/] Juhl"),
    "title-markup-bold": ("a title with Rich bold tags", TITLE, "[bold]Budget[/bold] 2027"),
    "title-markup-click-action": (
        "a title with a Textual click action that would quit the app",
        TITLE,
        "[@click=app.quit]Budget[/]",
    ),
    "title-markup-file-link": (
        "a title with a link to a local file",
        TITLE,
        "[link=file:///etc/passwd]Budget[/link]",
    ),
    "name-markup-braces": ("a name with format braces", NAME3, "Lise {x} {0} Dam"),
    "title-printf-formats": ("a title with printf formats", TITLE, "Budget %s %d %(name)s %%"),
    "title-backslashes": (
        "a title with backslashes and a Windows path",
        TITLE,
        "Budget \\ C:\\Users\\mj\\budget.xlsx \\n \\x1b",
    ),
    "title-quotes": (
        "a title with straight and curly quotes",
        TITLE,
        "Budget \"2027\" 'natur' „x“",
    ),
    "title-html": ("a title with HTML", TITLE, "<script>alert(1)</script> &amp; <b>Budget</b>"),
    "title-shell": ("a title with shell syntax", TITLE, "${HOME} $(rm -rf /) `id` | x > y"),
    "title-markdown-characters": (
        "a title with Markdown markup characters",
        TITLE,
        "Budget *2027* _natur_ # ## `kode` [x](http://y)",
    ),
    "title-markup-escaped": (
        "a title with an escaped Rich tag",
        TITLE,
        "Budget \\[bold] 2027 [/]",
    ),
}
for name, (problem, old, new) in MARKUP.items():
    key = "title" if old == TITLE else "name"
    add(f"{name}.toml", problem, field(key, old, new), accepted=[new], markup=True)
add(
    "place-markup-colour.toml",
    "a place with Rich colour tags",
    field("place", "Rådhuset, mødelokale 2", "[red]Rådhuset[/red], lokale [blink]2[/]"),
    accepted=["[red]Rådhuset[/red], lokale [blink]2[/]"],
    markup=True,
)
add(
    "body-markup-italic.toml",
    "a body (committee name) with Rich italic tags",
    field("body", "Udvalg for Klima og Natur", "Udvalg for [i]Klima[/i] og {Natur}"),
    accepted=["Udvalg for [i]Klima[/i] og {Natur}"],
    markup=True,
)
add(
    "bilag-markup.toml",
    "attachment titles with Rich tags and braces",
    ('bilag = ["Budgetoversigt"]', 'bilag = ["[b]Bilag[/b] 1", "{0} %s", "[/]"]'),
    accepted=["[b]Bilag[/b] 1", "{0} %s", "[/]"],
    markup=True,
)
add(
    "substitute-markup.toml",
    "a substitute's name with Rich's closing tag",
    substitute("Ole [/] Berg"),
    accepted=["Ole [/] Berg"],
    markup=True,
)
add(
    "section-markup.toml",
    "case text with Rich links, a click action, braces and a backslash",
    resume("Se [link=https://x.dk]her[/link] og [@click=app.quit]luk[/]. {x} %s \\ ende."),
    accepted=["Se [link=https://x.dk]her[/link] og [@click=app.quit]luk[/]. {x} %s \\ ende."],
    markup=True,
)

# --- terminal escape sequences and control characters: refused ---------------------------------
CONTROLS = {
    "name-escape-colour": (
        "a name with an ANSI colour sequence",
        "name",
        "Lise \x1b[31mDam\x1b[0m",
    ),
    "title-osc52-clipboard": (
        "a title with an OSC 52 sequence that writes the clipboard",
        "title",
        "Budget\x1b]52;c;cm0gLXJmIH4=\x07",
    ),
    "title-csi-clear-screen": (
        "a title with sequences that clear the screen and move the cursor",
        "title",
        "\x1b[2J\x1b[HBudget",
    ),
    "title-osc-window-title": (
        "a title with an OSC sequence setting the terminal's title",
        "title",
        "\x1b]0;hacked\x1b\\Budget",
    ),
    "body-bell": ("a body with a bell character", "body", "Udvalg for Klima\x07 og Natur"),
    "place-c1-next-line": ("a place with C1 NEXT LINE (U+0085)", "place", "Rådhuset\x85lokale 2"),
    "title-c1-csi": ("a title with the C1 CSI (U+009B)", "title", "Budget\x9b31m 2027"),
    "title-c1-osc": ("a title with the C1 OSC (U+009D)", "title", "Budget\x9d0;x\x9c"),
    "name-delete": ("a name with DEL (U+007F)", "name", "Lise\x7fDam"),
    "title-backspace": ("a title with backspaces over its text", "title", "Budget\x08\x08\x08XXX"),
    "title-tab": ("a title with a tab", "title", "Budget\t2027"),
    "title-form-feed": ("a title with a form feed", "title", "Budget\x0c2027"),
    "title-carriage-return": ("a title with a carriage return", "title", "Budget\r2027"),
    "name-line-feed": ("a name with a line break escaped", "name", "Lise\nDam"),
    "title-line-separator": ("a title with U+2028 LINE SEPARATOR", "title", "Budget\u20282027"),
    "title-nul-escaped": ("a title with NUL written as \\u0000", "title", "Budget\x00 2027"),
    "case-vertical-tab": ("a case number with a vertical tab", "case", "26/1234\x0b"),
}
EXPECT_CONTROL = {
    "\x1b": "indeholder styretegnet '\\x1b'",
    "\x07": "indeholder styretegnet '\\x07'",
    "\x85": "indeholder styretegnet '\\x85'",
    "\x9b": "indeholder styretegnet '\\x9b'",
    "\x9d": "indeholder styretegnet '\\x9d'",
    "\x7f": "indeholder styretegnet '\\x7f'",
    "\x08": "indeholder styretegnet '\\x08'",
    "\t": "indeholder styretegnet '\\t'",
    "\x0c": "indeholder styretegnet '\\x0c'",
    "\r": "fylder mere end én linje",
    "\n": "fylder mere end én linje",
    "\u2028": "indeholder styretegnet '\\u2028'",
    "\x00": "indeholder styretegnet '\\x00'",
    "\x0b": "indeholder styretegnet '\\x0b'",
}
OLD = {
    "name": NAME3,
    "title": TITLE,
    "body": "Udvalg for Klima og Natur",
    "place": "Rådhuset, mødelokale 2",
    "case": "26/1234",
}
LABEL = {
    "name": "medlem 3, name",
    "title": "punkt 1, title",
    "body": "meeting, body",
    "place": "meeting, place",
    "case": "punkt 1, case",
}
for name, (problem, key, new) in CONTROLS.items():
    first = next(c for c in new if c in EXPECT_CONTROL)
    add(
        f"{name}.toml",
        problem,
        field(key, OLD[key], new),
        refused=f"{LABEL[key]}: {EXPECT_CONTROL[first]}",
    )
add(
    "substitute-escape.toml",
    "a substitute's name with an escape sequence",
    substitute("Ole\x1b[1mBerg"),
    refused="medlem 1, substitutes: stedfortræder 'Ole\\x1b[1mBerg' indeholder et styretegn",
)
add(
    "bilag-escape.toml",
    "an attachment title with an escape sequence",
    ('bilag = ["Budgetoversigt"]', f"bilag = [{toml(chr(27) + '[1mBudget')}]"),
    refused="punkt 1, bilag: har en bilagstitel, der er tom, ikke er en tekst eller har styretegn",
)
add(
    "section-nul.toml",
    "case text with NUL written as \\u0000",
    resume("Forslag til budget\x00."),
    refused="punkt 1, resume: indeholder styretegnet '\\x00'",
)
add(
    "section-c1.toml",
    "case text with a raw C1 control (U+0090, allowed raw by TOML)",
    resume("Forslag til budget\x90."),
    refused="punkt 1, resume: indeholder styretegnet '\\x90'",
)
add(
    "section-escape-sequence.toml",
    "case text pasted from a terminal, with colour sequences",
    resume("Forslag \x1b[1;32mgodkendt\x1b[0m."),
    refused="punkt 1, resume: indeholder styretegnet '\\x1b'",
)
add(
    "title-raw-escape-byte.toml",
    "a raw ESC byte in a title (not escaped): TOML refuses it",
    raw=("# a raw ESC byte in a title (not escaped): TOML refuses it\n" + BASE)
    .replace(f"title = {toml(TITLE)}", 'title = "Budget\x1b[31m 2027"')
    .encode(),
    refused="TOML-syntaksfejl",
)
add(
    "name-raw-nul-byte.toml",
    "a raw NUL byte in a name",
    raw=("# a raw NUL byte in a name\n" + BASE).replace('"Lise Dam"', '"Lise\x00Dam"').encode(),
    refused="en NUL-byte",
)

# --- zero-width and invisible characters ---------------------------------------------------------
add(
    "name-zero-width-duplicate.toml",
    "a member listed again with a zero-width space in the name",
    extra_member("Mette\u200b Juhl", "A"),
    refused="medlem 4, name: 'Mette\\u200b Juhl' står to gange, som medlem 1 og medlem 4",
)
add(
    "name-word-joiner-duplicate.toml",
    "a member listed again with a word joiner and a byte-order mark",
    extra_member("\ufeffSøren\u2060 Krogh"),
    refused="står to gange, som medlem 2 og medlem 4",
)
add(
    "name-only-zero-width.toml",
    "a name of zero-width spaces only",
    name3("\u200b\u200b\u200c"),
    refused="medlem 3, name: har kun usynlige tegn",
)
add(
    "name-hangul-filler.toml",
    "a name of a Hangul filler (a letter that draws nothing)",
    name3("\u3164"),
    refused="medlem 3, name: har kun usynlige tegn",
)
add(
    "title-only-invisible.toml",
    "a title of a word joiner, a soft hyphen and a byte-order mark",
    title("\u2060\u00ad\ufeff"),
    refused="punkt 1, title: har kun usynlige tegn",
)
add(
    "place-braille-blank.toml",
    "a place of braille blanks",
    field("place", "Rådhuset, mødelokale 2", "\u2800\u2800"),
    refused="meeting, place: har kun usynlige tegn",
)
add(
    "title-variation-selector-only.toml",
    "a title of a variation selector only",
    title("\ufe0f"),
    refused="punkt 1, title: har kun usynlige tegn",
)
add(
    "substitute-only-invisible.toml",
    "a substitute's name of a zero-width joiner only",
    substitute("\u200d"),
    refused="medlem 1, substitutes: stedfortræder '\\u200d' har kun usynlige tegn",
)
add(
    "substitute-member-with-zero-width.toml",
    "a member named as a substitute, a zero-width space in the name",
    substitute("Lise\u200b Dam"),
    refused="'Lise\\u200b Dam' er medlem og kan ikke også være stedfortræder",
)
add(
    "body-only-no-break-spaces.toml",
    "a body of no-break spaces",
    field("body", "Udvalg for Klima og Natur", "\u00a0\u00a0"),
    refused="meeting, body: er tom",
)
add(
    "name-zero-width-inside.toml",
    "a zero-width space inside a name (no duplicate)",
    name3("Li\u200bse Dam"),
    accepted=["Li\u200bse Dam"],
)
add(
    "title-soft-hyphen.toml",
    "a soft hyphen inside a title word",
    title("Budget\u00adforslag 2027"),
    accepted=["Budget\u00adforslag 2027"],
)

# --- bidi controls: refused in names and titles ----------------------------------------------------
add(
    "name-bidi-override.toml",
    "a name with RIGHT-TO-LEFT OVERRIDE",
    name3("Lise \u202emaD"),
    refused="medlem 3, name: indeholder retningstegnet U+202E RIGHT-TO-LEFT OVERRIDE",
)
add(
    "title-bidi-override-extension.toml",
    "a title reversed to hide a file extension",
    title("Budget \u202excod.exe"),
    refused="punkt 1, title: indeholder retningstegnet U+202E",
)
add(
    "title-bidi-isolates.toml",
    "a title in right-to-left isolates",
    title("\u2067Budget 2027\u2069"),
    refused="punkt 1, title: indeholder retningstegnet U+2067 RIGHT-TO-LEFT ISOLATE",
)
add(
    "name-left-to-right-mark.toml",
    "a name ending in a LEFT-TO-RIGHT MARK",
    name3("Lise Dam\u200e"),
    refused="medlem 3, name: indeholder retningstegnet U+200E LEFT-TO-RIGHT MARK",
)
add(
    "substitute-bidi-embedding.toml",
    "a substitute's name with RIGHT-TO-LEFT EMBEDDING",
    substitute("\u202bOle Berg"),
    refused="medlem 1, substitutes: stedfortræder '\\u202bOle Berg' indeholder retningstegnet U+202B",
)
add(
    "bilag-bidi-isolate.toml",
    "an attachment title with POP DIRECTIONAL ISOLATE",
    ('bilag = ["Budgetoversigt"]', 'bilag = ["Oversigt", "Bilag\u2069 2"]'),
    refused="punkt 1, bilag: bilag 2 indeholder retningstegnet U+2069",
)
add(
    "body-arabic-letter-mark.toml",
    "a body starting with ARABIC LETTER MARK",
    field("body", "Udvalg for Klima og Natur", "\u061cUdvalg for Klima"),
    refused="meeting, body: indeholder retningstegnet U+061C ARABIC LETTER MARK",
)
add(
    "section-bidi-override.toml",
    "case text with a bidi override (case text may hold right-to-left runs)",
    resume("Forslag: \u202eteg\u202c slut."),
    accepted=["Forslag: \u202eteg\u202c slut."],
)

# --- right-to-left names and titles: accepted ------------------------------------------------------
add("name-arabic.toml", "an Arabic name", name3("محمد علي"), accepted=["محمد علي"])
add("name-hebrew.toml", "a Hebrew name", name3("דוד כהן"), accepted=["דוד כהן"])
add(
    "title-mixed-direction.toml",
    "a title mixing Danish and Arabic",
    title("Budget 2027 – ميزانية ٢٠٢٧"),
    accepted=["Budget 2027 – ميزانية ٢٠٢٧"],
)
add(
    "substitute-arabic.toml",
    "an Arabic substitute",
    substitute("فاطمة حسن"),
    accepted=["فاطمة حسن"],
)

# --- normalisation lookalikes and combining marks --------------------------------------------------
add(
    "name-decomposed.toml",
    "a name with a decomposed é (NFD)",
    name3("Rene\u0301 Dam"),
    accepted=["Rene\u0301 Dam"],
)
add(
    "name-nfc-nfd-duplicate.toml",
    "the same name composed and decomposed",
    name3("René Dam"),
    extra_member("Rene\u0301 Dam"),
    refused="medlem 4, name: 'René Dam' står to gange, som medlem 3 og medlem 4",
)
add(
    "name-full-width-duplicate.toml",
    "a member listed again in full-width letters",
    extra_member("Ｌｉｓｅ Ｄａｍ", "Ø"),
    refused="står to gange, som medlem 3 og medlem 4",
)
add(
    "name-case-and-spacing-duplicate.toml",
    "a member listed again in capitals with an em space",
    extra_member("SØREN\u2003KROGH"),
    refused="står to gange, som medlem 2 og medlem 4",
)
add(
    "title-decomposed.toml",
    "a title with a decomposed å (NFD)",
    title("A\u030arhus og Ærø"),
    accepted=["A\u030arhus og Ærø"],
)
add(
    "party-decomposed.toml",
    "a party letter Å written decomposed",
    ('party = "Ø"', 'party = "A\u030a"'),
    accepted=["Lise Dam, A\u030a"],
)
add(
    "name-combining-marks.toml",
    "a name stacked with combining marks",
    name3("L\u0334\u0321i\u0335s\u0336e\u0337 Dam"),
    accepted=["L\u0334\u0321i\u0335s\u0336e\u0337 Dam"],
)
add(
    "name-only-combining-marks.toml",
    "a name of combining marks only",
    name3("\u0301\u0308"),
    refused="medlem 3, name: har kun usynlige tegn",
)
add(
    "substitute-decomposed-is-member.toml",
    "a member, decomposed, named as another member's substitute",
    ('name = "Søren Krogh"', 'name = "Søren Krogh"\nsubstitutes = [{ name = "Rene\u0301 Dam" }]'),
    name3("René Dam"),
    refused="medlem 2, substitutes: 'René Dam' er medlem og kan ikke også være stedfortræder",
)

# --- emoji --------------------------------------------------------------------------------------
add(
    "title-emoji.toml",
    "a title with emoji",
    title("Budget 2027 🌱🌍"),
    accepted=["Budget 2027 🌱🌍"],
)
add(
    "title-zwj-family.toml",
    "a title starting with a ZWJ family emoji",
    title("👩\u200d👩\u200d👧 Familiepolitik"),
    accepted=["👩\u200d👩\u200d👧 Familiepolitik"],
)
add(
    "body-flag-tag-sequence.toml",
    "a body with a flag made of tag characters",
    field("body", "Udvalg for Klima og Natur", "Udvalg for Klima 🏴󠁧󠁢󠁳󠁣󠁴󠁿"),
    accepted=["Udvalg for Klima 🏴󠁧󠁢󠁳󠁣󠁴󠁿"],
)
add("name-emoji.toml", "a name with an emoji", name3("Lise 👍 Dam"), accepted=["Lise 👍 Dam"])
add(
    "name-skin-tone.toml",
    "a name with a skin-tone emoji",
    name3("👋🏽 Lise Dam"),
    accepted=["👋🏽 Lise Dam"],
)
add("name-only-emoji.toml", "a name that is one emoji", name3("🦊"), accepted=["🦊"])

# --- very long names and titles ---------------------------------------------------------------
LONG_TITLE = ("Budget for natur og miljø " * 36).strip()  # 935 characters
add("title-long.toml", "a title of 935 characters", title(LONG_TITLE), accepted=[LONG_TITLE])
add(
    "title-too-long.toml",
    "a title of 5,000 characters (a whole text pasted into the title)",
    title("x" * 5000),
    refused="punkt 1, title: er 5.000 tegn lang (forventet højst 1.000 tegn)",
)
add(
    "name-too-long.toml",
    "a name of 300 characters",
    name3("Lise " + "D" * 295),
    refused="medlem 3, name: er 300 tegn lang (forventet højst 200 tegn)",
)
LONG_NAME = "Lise Marie Dam-Schlesinger Kærgaard Geisler-Andersen Østergaard Thomsen Byrgesen"
add("name-long.toml", "a long name, within bounds", name3(LONG_NAME), accepted=[LONG_NAME])
LONG_LINE = "Forslag til budget for natur og miljø, " * 250  # 9,750 characters
add(
    "section-long-line.toml",
    "case text of one 9,750-character line",
    resume(LONG_LINE.strip()),
    accepted=[LONG_LINE.strip()],
)

# --- odd whitespace ----------------------------------------------------------------------------
add(
    "name-no-break-space.toml",
    "a no-break space in a name",
    name3("Lise\u00a0Dam"),
    accepted=["Lise\u00a0Dam"],
)
add(
    "title-ideographic-space.toml",
    "an ideographic space in a title",
    title("Budget\u30002027"),
    accepted=["Budget\u30002027"],
)
add(
    "place-narrow-no-break-space.toml",
    "a narrow no-break space in the place",
    field("place", "Rådhuset, mødelokale 2", "Rådhuset,\u202fmødelokale 2"),
    accepted=["Rådhuset,\u202fmødelokale 2"],
)
add(
    "name-surrounding-spaces.toml",
    "a name with spaces around it",
    name3("   Lise Dam  "),
    accepted=["Lise Dam"],
)
add(
    "section-tabs.toml",
    "case text with tabs inside a line",
    resume("Forslag\tmed\ttabulatorer."),
    accepted=["Forslag\tmed\ttabulatorer."],
)
add(
    "section-paragraph-separator.toml",
    "case text with U+2029 PARAGRAPH SEPARATOR",
    resume("Forslag.\u2029Andet afsnit."),
    refused="punkt 1, resume: indeholder styretegnet '\\u2029'",
)
add(
    "crlf-line-endings.toml",
    "the whole file with Windows line endings",
    raw=("# the whole file with Windows line endings\n" + BASE).replace("\n", "\r\n").encode(),
    accepted=[TITLE, "Lise Dam"],
)

# --- ids and case numbers with pasted text -------------------------------------------------------
add(
    "item-id-bidi.toml",
    "an item id with a bidi override",
    ('id = "budget"', 'id = "budget\u202e"'),
    refused="punkt 1, id: 'budget\\u202e' er ikke et gyldigt id",
)
add(
    "member-id-non-ascii.toml",
    "a member id with a Danish letter",
    ('name = "Søren Krogh"', 'id = "søren"\nname = "Søren Krogh"'),
    refused="medlem 2, id: 'søren' er ikke et gyldigt id",
)
add(
    "case-number-markup.toml",
    "a case number in Rich bold tags",
    field("case", "26/1234", "[b]26/1234[/b]"),
    refused="punkt 1, case: '[b]26/1234[/b]' er ikke et sagsnummer",
)


def write() -> None:
    for old in OUT.glob("*.toml"):
        old.unlink()
    for name, (_, data) in FILES.items():
        (OUT / name).write_bytes(data)


if __name__ == "__main__":
    write()
    accepted = sum(1 for outcome in OUTCOMES.values() if outcome.refused is None)
    print(f"{len(FILES)} files: {accepted} accepted, {len(FILES) - accepted} refused")
