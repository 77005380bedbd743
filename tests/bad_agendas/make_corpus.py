"""Writes the broken-agenda corpus beside this file: one problem per file.

Every file is the same small valid agenda (BASE) with one thing broken, and starts with a
comment saying what (except the files whose bytes are the point: binary, empty). The
binary, Latin-1 and UTF-16 files are written here rather than by hand. Run it again after
changing a case: `python tests/bad_agendas/make_corpus.py`; tests/test_agenda.py holds the
message expected for each file.
"""

from __future__ import annotations

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

[[items]]
id = "eventuelt"
title = "Eventuelt"
case = "26/10"
kind = "eventuelt"
"""

FILES: dict[str, tuple[str, object]] = {}


def add(name, problem, *edits, text=None, raw=None):
    if raw is not None:
        FILES[name] = (problem, raw)
        return
    body = BASE if text is None else text
    for old, new in edits:
        assert body.count(old) == 1, (name, old)
        body = body.replace(old, new)
    FILES[name] = (problem, body)


MEMBER2 = '[[members]]\nname = "Søren Krogh"\nparty = "V"\nrole = "næstformand"\n'
ITEM1 = 'title = "Budget 2027 for natur og miljø"'

# --- the file itself -----------------------------------------------------------------
add(
    "toml-syntax-missing-quote.toml",
    "a text without its closing quote",
    (ITEM1, 'title = "Budget 2027 for natur og miljø'),
)
add(
    "toml-syntax-missing-equals.toml",
    "a field without '='",
    ('place = "Rådhuset, mødelokale 2"', 'place "Rådhuset, mødelokale 2"'),
)
add(
    "toml-syntax-unclosed-header.toml",
    "a table header without its closing brackets",
    ('[[items]]\nid = "eventuelt"', '[[items]\nid = "eventuelt"'),
)
add(
    "toml-syntax-duplicate-key.toml",
    "the same field twice in one item",
    ('case = "26/1234"\n', 'case = "26/1234"\ncase = "26/1235"\n'),
)
add(
    "toml-syntax-unclosed-multiline.toml",
    "a multi-line text that is never closed",
    (
        'resume = "Forslag til budget for natur og miljø."',
        'resume = """\nForslag til budget for natur og miljø.\n',
    ),
)
add(
    "toml-syntax-table-redeclared.toml",
    "[meeting] declared twice",
    (
        '[[members]]\nname = "Mette Juhl"',
        '[meeting]\nquorum = 2\n\n[[members]]\nname = "Mette Juhl"',
    ),
)
add(
    "toml-syntax-markdown-file.toml",
    "a Markdown agenda saved with a .toml name",
    text="# Dagsorden\n\n1. Budget 2027\n2. Eventuelt\n",
)
add(
    "toml-syntax-bare-text-value.toml",
    "a text value without quotes",
    ('place = "Rådhuset, mødelokale 2"', "place = Rådhuset"),
)
add(
    "toml-integer-too-long.toml",
    "a number with thousands of digits",
    (
        'place = "Rådhuset, mødelokale 2"',
        'place = "Rådhuset, mødelokale 2"\nquorum = 1' + "0" * 4400,
    ),
)
add(
    "toml-nested-too-deep.toml",
    "lists nested a thousand deep",
    (
        'place = "Rådhuset, mødelokale 2"',
        'place = "Rådhuset, mødelokale 2"\nparties = ' + "[" * 1000 + "]" * 1000,
    ),
)
add("empty.toml", "an empty file", text="")
add(
    "bom-then-bad-syntax.toml",
    "a UTF-8 byte-order mark, then a text without quotes on line 5",
    raw=lambda h: (
        "\ufeff" + h + BASE.replace('body = "Udvalg for Klima og Natur"', "body = Udvalg", 1)
    ).encode("utf-8"),
)
add(
    "not-utf8.toml",
    "saved as Latin-1, not UTF-8 (first non-ASCII letter on line 6)",
    raw=lambda h: (h + BASE).encode("latin-1"),
)
add("utf16.toml", "saved as UTF-16", raw=lambda h: (h + BASE).encode("utf-16"))
add(
    "binary.toml",
    "binary data with NUL bytes",
    raw=lambda h: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
)
add(
    "nul-in-text.toml",
    "a NUL byte inside an otherwise fine agenda, on line 23",
    raw=lambda h: (h + BASE.replace('name = "Lise Dam"', 'name = "Lise\x00Dam"')).encode("utf-8"),
)

# --- top level ---------------------------------------------------------------------------
add(
    "format-version-future.toml",
    "a format version this meetingtui does not know",
    ("format = 1", "format = 3"),
)
add("format-wrong-type.toml", "format given as a text", ("format = 1", 'format = "1"'))
add(
    "top-level-unknown-field.toml",
    "a field outside any table",
    ("format = 1", 'format = 1\nudvalg = "Klima og Natur"'),
)
add(
    "meeting-missing.toml",
    "no [meeting] table",
    text=BASE.split("[[members]]", 1)[0].split("[meeting]")[0]
    + "[[members]]"
    + BASE.split("[[members]]", 1)[1],
)
add("meeting-is-array.toml", "[[meeting]] instead of [meeting]", ("[meeting]", "[[meeting]]"))
add(
    "no-members.toml",
    "no [[members]] at all",
    text=BASE.split("[[members]]", 1)[0] + "[[items]]" + BASE.split("[[items]]", 1)[1],
)
add(
    "members-empty-list.toml",
    "members given as an empty list",
    text="members = []\n"
    + BASE.split("[[members]]", 1)[0]
    + "[[items]]"
    + BASE.split("[[items]]", 1)[1],
)
add(
    "members-not-tables.toml",
    "members as a list of names instead of [[members]] tables",
    text='members = ["Mette Juhl", "Søren Krogh"]\n'
    + BASE.split("[[members]]", 1)[0]
    + "[[items]]"
    + BASE.split("[[items]]", 1)[1],
)
add("no-items.toml", "no [[items]] at all", text=BASE.split("[[items]]", 1)[0])
add(
    "items-not-tables.toml",
    "items as a list of titles instead of [[items]] tables",
    text='items = ["Budget 2027", "Eventuelt"]\n' + BASE.split("[[items]]", 1)[0],
)

# --- [meeting] -----------------------------------------------------------------------------
add(
    "meeting-body-missing.toml",
    "no body (the committee's name)",
    ('body = "Udvalg for Klima og Natur"\n', ""),
)
add(
    "meeting-place-empty.toml",
    "an empty place",
    ('place = "Rådhuset, mødelokale 2"', 'place = "   "'),
)
add(
    "meeting-unknown-field.toml",
    "a misspelt meeting field",
    ('recommends_to = "Byrådet"', 'recomends_to = "Byrådet"'),
)
add("date-feb-30.toml", "30 February", ("date = 2026-03-12", "date = 2026-02-30"))
add(
    "date-text-month-13.toml",
    "a date in quotes with month 13",
    ("date = 2026-03-12", 'date = "2026-13-12"'),
)
add(
    "date-danish-order.toml",
    "a date written day-month-year in quotes",
    ("date = 2026-03-12", 'date = "12-03-2026"'),
)
add("date-missing.toml", "no date", ("date = 2026-03-12\n", ""))
add(
    "date-with-time.toml",
    "a date and time where a date belongs",
    ("date = 2026-03-12", "date = 2026-03-12T16:00:00"),
)
add(
    "date-year-typo.toml", "a year with a digit missing", ("date = 2026-03-12", "date = 0206-03-12")
)
add(
    "start-dst-gap.toml",
    "a start time that does not exist (clocks go forward)",
    ("date = 2026-03-12", "date = 2026-03-29"),
    ("start = 16:00:00", "start = 02:30:00"),
)
add(
    "start-dst-ambiguous.toml",
    "a start time that happens twice (clocks go back)",
    ("date = 2026-03-12", "date = 2026-10-25"),
    ("start = 16:00:00", "start = 02:30:00"),
)
add("start-hour-25.toml", "a start time with hour 25", ("start = 16:00:00", 'start = "25:00"'))
add(
    "start-hour-25-literal.toml",
    "a start time with hour 25, written without quotes",
    ("start = 16:00:00", "start = 25:00:00"),
)
add("start-missing.toml", "no start time", ("start = 16:00:00\n", ""))
add("start-wrong-type.toml", "a start time given as a number", ("start = 16:00:00", "start = 16"))
add(
    "timezone-unknown.toml",
    "a time zone that does not exist",
    ("start = 16:00:00", 'start = 16:00:00\ntimezone = "Europe/Kobenhavn"'),
)
add(
    "timezone-wrong-type.toml",
    "a time zone given as a number",
    ("start = 16:00:00", "start = 16:00:00\ntimezone = 1"),
)
add(
    "quorum-zero.toml",
    "a quorum of 0",
    ('place = "Rådhuset, mødelokale 2"', 'place = "Rådhuset, mødelokale 2"\nquorum = 0'),
)
add(
    "quorum-more-than-seats.toml",
    "a quorum larger than the body",
    ('place = "Rådhuset, mødelokale 2"', 'place = "Rådhuset, mødelokale 2"\nquorum = 5'),
)
add(
    "quorum-text.toml",
    "a quorum given as a text",
    ('place = "Rådhuset, mødelokale 2"', 'place = "Rådhuset, mødelokale 2"\nquorum = "halvdelen"'),
)
add(
    "parties-wrong-type.toml",
    "extra parties given as a number",
    ('place = "Rådhuset, mødelokale 2"', 'place = "Rådhuset, mødelokale 2"\nparties = 7'),
)

# --- [[members]] ---------------------------------------------------------------------------
add(
    "member-duplicate.toml",
    "the same member listed twice",
    (
        '[[members]]\nname = "Lise Dam"',
        '[[members]]\nname = "Mette  juhl"\nparty = "A"\n\n[[members]]\nname = "Lise Dam"',
    ),
)
add(
    "member-id-duplicate.toml",
    "two members with the same id",
    ('name = "Mette Juhl"', 'id = "mj"\nname = "Mette Juhl"'),
    ('name = "Lise Dam"', 'id = "mj"\nname = "Lise Dam"'),
)
add(
    "member-id-bad.toml",
    "a member id with spaces and capitals",
    ('name = "Lise Dam"', 'id = "Lise Dam"\nname = "Lise Dam"'),
)
add(
    "member-id-number.toml",
    "a member id given as a number",
    ('name = "Lise Dam"', 'id = 3\nname = "Lise Dam"'),
)
add("member-no-name.toml", "a member without a name", ('name = "Lise Dam"\n', ""))
add("member-name-wrong-type.toml", "a name given as a number", ('name = "Lise Dam"', "name = 42"))
add(
    "member-unknown-field.toml",
    "a member field meetingtui does not know",
    ('name = "Lise Dam"', 'name = "Lise Dam"\nemail = "lise@example.dk"'),
)
add(
    "party-unknown.toml", "a party letter that is not a known party", ('party = "Ø"', 'party = "X"')
)
add("party-missing.toml", "a member without a party", ('party = "Ø"\n', ""))
add("party-wrong-type.toml", "a party given as a list", ('party = "Ø"', 'party = ["Ø"]'))
add(
    "party-full-name.toml",
    "the party's name instead of its letter",
    ('party = "Ø"', 'party = "Enhedslisten"'),
)
add(
    "role-unknown.toml",
    "a role that is not formand, næstformand or medlem",
    ('role = "næstformand"', 'role = "kasserer"'),
)
add(
    "two-formand.toml",
    "two members with role formand",
    ('role = "næstformand"', 'role = "formand"'),
)
add(
    "substitute-is-member.toml",
    "a member who is also listed as a substitute",
    (
        'substitutes = [{ name = "Ole Berg", party = "A" }]',
        'substitutes = [{ name = "Lise Dam", party = "Ø" }]',
    ),
)
add(
    "substitute-no-name.toml",
    "a substitute without a name",
    ('substitutes = [{ name = "Ole Berg", party = "A" }]', 'substitutes = [{ party = "A" }]'),
)
add(
    "substitute-party-unknown.toml",
    "a substitute with an unknown party",
    (
        'substitutes = [{ name = "Ole Berg", party = "A" }]',
        'substitutes = [{ name = "Ole Berg", party = "Q1" }]',
    ),
)
add(
    "substitute-unknown-field.toml",
    "a substitute with a misspelt field",
    (
        'substitutes = [{ name = "Ole Berg", party = "A" }]',
        'substitutes = [{ name = "Ole Berg", parti = "A" }]',
    ),
)
add(
    "substitutes-not-list.toml",
    "substitutes given as one text instead of a list",
    ('substitutes = [{ name = "Ole Berg", party = "A" }]', 'substitutes = "Ole Berg"'),
)

# --- [[items]] -----------------------------------------------------------------------------
add("item-no-title.toml", "an item without a title", (ITEM1 + "\n", ""))
add(
    "item-empty-table.toml",
    "an empty [[items]] table",
    ('[[items]]\nid = "eventuelt"', '[[items]]\n\n[[items]]\nid = "eventuelt"'),
)
add("title-empty.toml", "an empty title", (ITEM1, 'title = ""'))
add(
    "title-control-char.toml",
    "a title with a bell character (\\u0007) in it",
    (ITEM1, 'title = "Budget 2027\\u0007 for natur og miljø"'),
)
add(
    "title-newline.toml",
    "a title spread over two lines",
    (ITEM1, 'title = """Budget 2027\nfor natur og miljø"""'),
)
add("title-wrong-type.toml", "a title given as a date", (ITEM1, "title = 2027-01-01"))
add(
    "section-control-char.toml",
    "case text with a terminal escape character (\\u001b) in it",
    (
        'resume = "Forslag til budget for natur og miljø."',
        'resume = "Forslag til \\u001b[31mbudget\\u001b[0m."',
    ),
)
add(
    "section-wrong-type.toml",
    "case text given as a list",
    ('resume = "Forslag til budget for natur og miljø."', 'resume = ["Forslag til budget."]'),
)
add(
    "markdown-only-markup.toml",
    "a section that is nothing but Markdown markup",
    (
        'resume = "Forslag til budget for natur og miljø."',
        'sagsfremstilling = """\n### \n\n- **\n\n***\n"""',
    ),
)
add(
    "wrong-type-closed.toml",
    "closed given as a text",
    ('case = "26/1234"', 'case = "26/1234"\nclosed = "ja"'),
)
add(
    "wrong-type-flag.toml",
    "flag given as a number",
    ('case = "26/1234"', 'case = "26/1234"\nflag = 1'),
)
add(
    "unknown-field-typo.toml",
    "a misspelt section name",
    (
        'resume = "Forslag til budget for natur og miljø."',
        'sagsfremstiling = "Forslag til budget for natur og miljø."',
    ),
)
add(
    "case-number-bad.toml",
    "a case number that is not YY/NNNNN",
    ('case = "26/1234"', 'case = "2026-1234"'),
)
add(
    "case-number-wrong-type.toml",
    "a case number given as a number",
    ('case = "26/1234"', "case = 261234"),
)
add("item-id-duplicate.toml", "two items with the same id", ('id = "eventuelt"', 'id = "budget"'))
add(
    "item-id-derived-duplicate.toml",
    "two items without ids whose titles give the same id",
    ('id = "budget"\n', ""),
    ('id = "eventuelt"\ntitle = "Eventuelt"', 'title = "Budget 2027 for natur og miljø"'),
)
add("item-id-bad.toml", "an item id with spaces and capitals", ('id = "budget"', 'id = "Punkt 1"'))
add(
    "kind-unknown.toml",
    "an item kind that does not exist",
    ('kind = "eventuelt"', 'kind = "lukket"'),
)
add(
    "bilag-not-list.toml",
    "attachments given as one text instead of a list",
    ('case = "26/1234"', 'case = "26/1234"\nbilag = "Budgetforslag 2027"'),
)
add(
    "bilag-empty-title.toml",
    "an attachment with an empty title",
    ('case = "26/1234"', 'case = "26/1234"\nbilag = ["Budgetforslag 2027", ""]'),
)

HEADER = "# Broken on purpose ({}): {}.\n"


def write(name: str, problem: str, content) -> None:
    header = HEADER.format(name, problem)
    if callable(content):  # bytes built around the header (encodings, NUL, BOM)
        data = content(header)
    elif name == "empty.toml":
        data = content.encode("utf-8")
    else:
        data = (header + content).encode("utf-8")
    (OUT / name).write_bytes(data)


def main() -> None:
    for old in OUT.glob("*.toml"):
        old.unlink()
    for name, (problem, content) in FILES.items():
        write(name, problem, content)
    print(f"{len(FILES)} files in {OUT}")


if __name__ == "__main__":
    main()
