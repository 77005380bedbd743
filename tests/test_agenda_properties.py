"""Property tests of the agenda loader.

Whatever bytes it is given, `agenda.parse` returns an Agenda or raises AgendaError whose
problems are one line each, naming the file and saying what is expected; and an agenda
built from valid parts loads with exactly those parts.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from meetingtui import agenda as agenda_mod
from meetingtui.errors import AgendaError
from meetingtui.text_input import has_visible, nfc
from meetingtui.wording import LØSGÆNGER

PATH = Path("x.toml")
EXAMPLE = (Path(__file__).resolve().parents[1] / "agendas" / "example-udvalg.toml").read_bytes()
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUILT = settings(SETTINGS, max_examples=100)  # whole agendas take longer to generate


def load_or_error(data: bytes) -> agenda_mod.Agenda | AgendaError:
    """parse() must return an Agenda or raise AgendaError; anything else fails the test."""
    try:
        return agenda_mod.parse(data, PATH)
    except AgendaError as error:
        assert error.problems, "an AgendaError with no problems"
        for problem in error.problems:
            assert len(problem.splitlines()) == 1, problem
            assert problem.startswith(str(PATH)), problem
            assert "(forventet " in problem, problem
        return error


# -- any input ----------------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    load_or_error(data)


@SETTINGS
@given(st.text(max_size=2000))
def test_any_text(text):
    load_or_error(text.encode("utf-8"))


@SETTINGS
@given(st.data())
def test_mutated_example(data):
    """The example agenda with a few bytes cut, inserted or replaced."""
    source = bytearray(EXAMPLE)
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        at = data.draw(st.integers(0, len(source)), label="at")
        cut = data.draw(st.integers(0, 40), label="cut")
        insert = data.draw(
            st.one_of(
                st.binary(max_size=8),
                st.sampled_from([b'"', b"[", b"]", b"=", b"\n", b"#", b'"""', b"\x00", b"\xe6"]),
                st.text(max_size=8).map(str.encode),
            ),
            label="insert",
        )
        source[at : at + cut] = insert
    load_or_error(bytes(source))


# A tiny TOML writer for the generated documents (inline tables and arrays only).
def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def toml_document(doc: dict) -> str:
    return "".join(f"{toml_key(key)} = {toml_value(value)}\n" for key, value in doc.items())


scalars = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.times(),
    st.datetimes(),
)
anything = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def field(plausible):
    return st.one_of(plausible, plausible, anything)


meetings = st.fixed_dictionaries(
    {},
    optional={
        "body": field(st.text(max_size=20)),
        "recommends_to": field(st.text(max_size=20)),
        "date": field(st.dates() | st.text(max_size=12)),
        "start": field(st.times() | st.sampled_from(["10:00", "9.30", "25:00", ""])),
        "timezone": field(st.sampled_from(["Europe/Copenhagen", "UTC", "Mars/Base", "", "../x"])),
        "place": field(st.text(max_size=20)),
        "quorum": field(st.integers(-2, 12)),
        "parties": field(st.lists(st.text(max_size=4), max_size=3)),
        "kommentar": anything,
    },
)
members = st.fixed_dictionaries(
    {},
    optional={
        "id": field(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)),
        "name": field(st.sampled_from(["Anja Lund", "Bo Berg", "anja  lund", " ", "Cé Dam"])),
        "party": field(st.sampled_from([*sorted(agenda_mod.PARTIES), LØSGÆNGER, "v", "X"])),
        "role": field(st.sampled_from([*agenda_mod.ROLES, "kasserer"])),
        "substitutes": field(
            st.lists(
                st.fixed_dictionaries(
                    {"name": field(st.sampled_from(["Ole Berg", "Bo Berg", ""]))},
                    optional={"party": field(st.sampled_from(["A", "V", "Z"]))},
                )
                | st.text(max_size=10),
                max_size=2,
            )
        ),
    },
)
items = st.fixed_dictionaries(
    {},
    optional={
        "id": field(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)),
        "title": field(st.sampled_from(["Budget", "Eventuelt", "", "Budget\u0007", "Øko"])),
        "case": field(st.sampled_from(["25/24", "23/11174", "2025-1", ""])),
        "kind": field(st.sampled_from([*agenda_mod.KINDS, "lukket"])),
        "closed": field(st.booleans()),
        "flag": field(st.booleans()),
        "resume": field(st.sampled_from(["Tekst.", "**", "### Overskrift\n\n- punkt", "\x1b"])),
        "bilag": field(st.lists(st.text(max_size=8), max_size=2)),
    },
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "format": field(st.sampled_from([1, 2])),
        "meeting": field(meetings),
        "members": field(st.lists(members, max_size=4)),
        "items": field(st.lists(items, max_size=4)),
        "ekstra": anything,
    },
)


@SETTINGS
@given(documents)
def test_any_document_shape(doc):
    """Documents of the right shape with random and wrongly typed values."""
    load_or_error(toml_document(doc).encode("utf-8"))


# -- valid agendas round-trip ---------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzæøåéü"
words = st.text(alphabet=LETTERS, min_size=1, max_size=9).map(str.capitalize)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
titles = st.text(
    alphabet=st.characters(categories=["L", "M", "N", "P", "S"], include_characters=" "),
    min_size=1,
    max_size=40,
).filter(has_visible)  # a title of fillers or lone accents only is refused (issue 9)
prose = st.lists(
    st.one_of(
        st.lists(words, min_size=1, max_size=8).map(lambda w: " ".join(w) + "."),
        words.map(lambda w: f"### {w}"),
        st.lists(words, min_size=1, max_size=4).map(lambda ws: "\n".join(f"- {w}" for w in ws)),
        words.map(lambda w: f"Det er **{w}** og *{w.lower()}*."),
    ),
    min_size=1,
    max_size=3,
).map("\n\n".join)
parties = st.sampled_from([*sorted(agenda_mod.PARTIES), LØSGÆNGER])


@st.composite
def valid_agendas(draw):
    member_names = draw(st.lists(names, min_size=1, max_size=7, unique_by=agenda_mod.slug))
    normal = {" ".join(n.lower().split()) for n in member_names}
    chair = draw(st.none() | st.integers(0, len(member_names) - 1))
    people = []
    for index, name in enumerate(member_names):
        role = "formand" if index == chair else draw(st.sampled_from(["næstformand", "medlem"]))
        subs = draw(
            st.lists(
                st.tuples(
                    names.filter(lambda n: " ".join(n.lower().split()) not in normal), parties
                ),
                max_size=2,
            )
        )
        people.append(
            {
                "name": name,
                "party": draw(parties),
                "role": draw(st.sampled_from([role, None])) if role == "medlem" else role,
                "substitutes": subs,
            }
        )
    count = draw(st.integers(1, 6))
    entries = []
    for index in range(count):
        entries.append(
            {
                "id": draw(st.none() | st.just(f"punkt-{index + 1}")),
                "title": draw(titles),
                "case": draw(st.none() | st.from_regex(r"[0-9]{2}/[0-9]{1,7}", fullmatch=True)),
                "closed": draw(st.booleans()),
                "flag": draw(st.booleans()),
                "kind": draw(st.sampled_from(agenda_mod.KINDS)),
                "sections": draw(
                    st.dictionaries(st.sampled_from(agenda_mod.SECTIONS), prose, max_size=4)
                ),
                "bilag": draw(st.lists(titles, max_size=3)),
            }
        )
    meeting = {
        "body": draw(names),
        "date": draw(st.dates(date(1900, 1, 1), date(2199, 12, 31))),
        "start": time(draw(st.integers(7, 21)), draw(st.integers(0, 59))),  # no DST jumps
        "place": draw(titles),
        "quorum": draw(st.none() | st.integers(1, len(people))),
    }
    return meeting, people, entries


def write_agenda(meeting: dict, people: list[dict], entries: list[dict]) -> str:
    out = ["format = 1", "", "[meeting]"]
    out += [f"{key} = {toml_value(value)}" for key, value in meeting.items() if value is not None]
    for person in people:
        out += ["", "[[members]]", f"name = {toml_value(person['name'])}"]
        out.append(f"party = {toml_value(person['party'])}")
        if person["role"]:
            out.append(f"role = {toml_value(person['role'])}")
        subs = [{"name": name, "party": party} for name, party in person["substitutes"]]
        out.append(f"substitutes = {toml_value(subs)}")
    for entry in entries:
        out += ["", "[[items]]"]
        for key in ("id", "title", "case", "closed", "flag", "kind", "bilag"):
            if entry[key] is not None:
                out.append(f"{key} = {toml_value(entry[key])}")
        for key, text in entry["sections"].items():
            out.append(f'{key} = """\n{text}"""')
    return "\n".join(out) + "\n"


@BUILT
@given(valid_agendas())
def test_valid_agenda_round_trips(parts):
    meeting, people, entries = parts
    result = load_or_error(write_agenda(meeting, people, entries).encode("utf-8"))
    ids = [entry["id"] or agenda_mod.slug(nfc(entry["title"].strip())) for entry in entries]
    if len(set(ids)) < len(ids):  # two titles give the same default id: refused, by item
        assert isinstance(result, AgendaError)
        assert all("er også id for punkt" in p for p in result.problems), result.problems
        return
    assert isinstance(result, agenda_mod.Agenda), result
    loaded = result
    assert loaded.meeting.body == meeting["body"]
    assert loaded.meeting.place == nfc(meeting["place"].strip())  # NFC-normalised (issue 9)
    assert loaded.meeting.date == meeting["date"]
    assert (loaded.meeting.start.hour, loaded.meeting.start.minute) == (
        meeting["start"].hour,
        meeting["start"].minute,
    )
    assert loaded.meeting.timezone == "Europe/Copenhagen"
    assert loaded.meeting.quorum == meeting["quorum"]
    seats = len(people)
    expected_quorum = meeting["quorum"] or next(n for n in range(seats + 1) if 2 * n >= seats)
    assert loaded.quorum_needed() == expected_quorum

    assert [m.name for m in loaded.members] == [p["name"] for p in people]
    assert [m.party for m in loaded.members] == [p["party"] for p in people]
    assert [m.role for m in loaded.members] == [p["role"] or "medlem" for p in people]
    assert [m.id for m in loaded.members] == [agenda_mod.slug(p["name"]) for p in people]
    assert [[(s.name, s.party) for s in m.substitutes] for m in loaded.members] == [
        [tuple(sub) for sub in p["substitutes"]] for p in people
    ]

    assert [i.id for i in loaded.items] == ids
    assert [i.title for i in loaded.items] == [nfc(e["title"].strip()) for e in entries]
    assert [i.case for i in loaded.items] == [e["case"] or "" for e in entries]
    assert [(i.closed, i.flag, i.kind) for i in loaded.items] == [
        (e["closed"], e["flag"], e["kind"]) for e in entries
    ]
    assert [{s.heading: s.text for s in i.sections} for i in loaded.items] == [
        {agenda_mod.SECTION_TITLES[k]: v for k, v in e["sections"].items()} for e in entries
    ]
    assert [i.bilag for i in loaded.items] == [
        tuple(nfc(b.strip()) for b in e["bilag"]) for e in entries
    ]
    for item in loaded.items:
        assert loaded.item(item.id) is item


@BUILT
@given(valid_agendas(), st.data())
def test_one_bad_party_is_one_problem(parts, data):
    """Breaking one member's party in a valid agenda gives exactly that one problem."""
    meeting, people, entries = parts
    for index, entry in enumerate(entries):
        entry["id"] = f"punkt-{index + 1}"
    victim = data.draw(st.integers(0, len(people) - 1))
    bad = data.draw(st.sampled_from(["X", "v", "Venstre", "AB1"]))
    assume(bad not in agenda_mod.PARTIES)
    people[victim]["party"] = bad
    result = load_or_error(write_agenda(meeting, people, entries).encode("utf-8"))
    assert isinstance(result, AgendaError)
    assert len(result.problems) == 1, result.problems
    assert f"medlem {victim + 1}, party: {bad!r} er ikke et kendt parti" in result.problems[0]


# -- format 2: what the importers and `new` write (agenda.write.to_toml) loads as written ------
headings = titles.filter(lambda t: len(t.strip()) > 0)


@BUILT
@given(valid_agendas(), st.data())
def test_valid_format_2_agenda_round_trips(parts, data):
    from meetingtui.agenda.write import to_toml

    meeting, people, entries = parts
    first = data.draw(st.none() | st.integers(1, 99_999))
    if first is not None:
        meeting = {**meeting, "numbering": "running", "first_number": first}
    items = []
    for index, entry in enumerate(entries):
        sections = data.draw(st.lists(st.tuples(headings, prose), max_size=3))
        items.append(
            {
                "id": f"punkt-{index + 1}",
                "title": f"Sag {index + 1}: {entry['title']}",  # never titled like a kind
                **({"case": entry["case"]} if entry["case"] else {}),
                "closed": entry["closed"],
                "flag": entry["flag"],
                "attachments": entry["bilag"],
                "sections": [{"heading": h, "text": t} for h, t in sections],
            }
        )
    doc = {
        "format": 2,
        "meeting": {k: v for k, v in meeting.items() if v is not None},
        "members": [
            {
                "name": p["name"],
                "party": p["party"],
                **({"role": p["role"]} if p["role"] else {}),
                "substitutes": [{"name": n, "party": party} for n, party in p["substitutes"]],
            }
            for p in people
        ],
        "items": items,
    }
    result = load_or_error(to_toml(doc).encode("utf-8"))
    assert isinstance(result, agenda_mod.Agenda), result
    start = first or 1
    assert [i.number for i in result.items] == list(range(start, start + len(items)))
    assert [[(s.heading, s.text) for s in i.sections] for i in result.items] == [
        [(nfc(s["heading"].strip()), s["text"]) for s in item["sections"]] for item in items
    ]
    assert [i.bilag for i in result.items] == [
        tuple(nfc(b.strip()) for b in item["attachments"]) for item in items
    ]
