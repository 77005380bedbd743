"""The agenda loader: the demo meeting, the example agenda, and the broken-agenda corpus.

Every file in tests/bad_agendas/ has exactly one thing wrong with it (its first line says
what). `meetingtui check FILE` must exit 2 with one line per problem, naming the file and
saying what is wrong and what is expected, and never show a traceback.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import markdown
from meetingtui.errors import AgendaError
from meetingtui.markdown import ListItems, Prose, Run, SubHeading

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "bad_agendas"
EXAMPLE = ROOT / "agendas" / "example-udvalg.toml"
DEMO_LINK = ROOT / "agendas" / "diu-2025-11-20.toml"

# file name -> a piece of the message that shows the specific problem was found
EXPECTED = {
    "bilag-empty-title.toml": "bilag: har en bilagstitel, der er tom",
    "bilag-not-list.toml": "punkt 1, bilag: er en tekst (forventet en liste af bilagstitler",
    "binary.toml": "binære data",
    "bom-then-bad-syntax.toml": "TOML-syntaksfejl",
    "case-number-bad.toml": "punkt 1, case: '2026-1234' er ikke et sagsnummer",
    "case-number-wrong-type.toml": "punkt 1, case: er et tal (forventet en tekst i anførselstegn)",
    "date-danish-order.toml": "meeting, date: '12-03-2026' er ikke en dato, der findes",
    "date-feb-30.toml": "meeting, date: 2026-02-30 er ikke en dato eller et klokkeslæt, der findes",
    "date-missing.toml": "meeting, date: mangler",
    "date-text-month-13.toml": "meeting, date: '2026-13-12' er ikke en dato, der findes",
    "date-with-time.toml": "meeting, date: er en dato med klokkeslæt (forventet en dato",
    "date-year-typo.toml": "meeting, date: året 206 er ikke sandsynligt",
    "empty.toml": "[meeting] mangler",
    "format-version-future.toml": "format: version 3 kendes ikke",
    "format-wrong-type.toml": "format: er en tekst (forventet tallet 2 eller 1)",
    "item-empty-table.toml": "punkt 2, title: mangler",
    "item-id-bad.toml": "punkt 1, id: 'Punkt 1' er ikke et gyldigt id",
    "item-id-derived-duplicate.toml": "(lavet af titlen) er også id for punkt 1",
    "item-id-duplicate.toml": "punkt 2, id: id 'budget' er også id for punkt 1",
    "item-no-title.toml": "punkt 1, title: mangler",
    "items-not-tables.toml": "items: er en liste (forventet [[items]]-tabeller)",
    "kind-unknown.toml": "punkt 2, kind: 'lukket' er ikke en slags punkt",
    "markdown-only-markup.toml": "sagsfremstilling: har kun Markdown-opmærkning",
    "meeting-body-missing.toml": "meeting, body: mangler",
    "meeting-is-array.toml": "meeting: er en liste (forventet en [meeting]-tabel)",
    "meeting-missing.toml": "[meeting] mangler",
    "meeting-place-empty.toml": "meeting, place: er tom",
    "meeting-unknown-field.toml": "meeting, recomends_to: ukendt felt",
    "member-duplicate.toml": "'Mette  juhl' står to gange, som medlem 1 og medlem 3",
    "member-id-bad.toml": "medlem 3, id: 'Lise Dam' er ikke et gyldigt id",
    "member-id-duplicate.toml": "medlem 3, id: id 'mj' er også id for medlem 1",
    "member-id-number.toml": "medlem 3, id: er et tal",
    "member-name-wrong-type.toml": "medlem 3, name: er et tal",
    "member-no-name.toml": "medlem 3, name: mangler",
    "member-unknown-field.toml": "medlem 3, email: ukendt felt",
    "members-empty-list.toml": "ingen medlemmer",
    "members-not-tables.toml": "members: er en liste (forventet [[members]]-tabeller)",
    "no-items.toml": "[[items]] mangler",
    "no-members.toml": "[[members]] mangler",
    "not-utf8.toml": "byte 0xe5 er ikke UTF-8",
    "nul-in-text.toml": "NUL-byte",
    "parties-wrong-type.toml": "meeting, parties: er ikke en liste af partibogstaver",
    "party-full-name.toml": "'Enhedslisten' er ikke et kendt parti",
    "party-missing.toml": "medlem 3, party: mangler",
    "party-unknown.toml": "medlem 3, party: 'X' er ikke et kendt parti",
    "party-wrong-type.toml": "medlem 3, party: er en liste",
    "quorum-more-than-seats.toml": "meeting, quorum: 5 er flere end de 3 pladser",
    "quorum-text.toml": "meeting, quorum: er 'halvdelen'",
    "quorum-zero.toml": "meeting, quorum: er 0",
    "role-unknown.toml": "medlem 2, role: 'kasserer' er ikke en rolle",
    "section-control-char.toml": "punkt 1, resume: indeholder styretegnet '\\x1b'",
    "section-wrong-type.toml": "punkt 1, resume: er en liste",
    "start-dst-ambiguous.toml": "2026-10-25 02:30 findes to gange i Europe/Copenhagen",
    "start-dst-gap.toml": "2026-03-29 02:30 findes ikke i Europe/Copenhagen",
    "start-hour-25.toml": "meeting, start: '25:00' er ikke et klokkeslæt",
    "start-hour-25-literal.toml": "mere end én værdi på linjen",
    "start-missing.toml": "meeting, start: mangler",
    "start-wrong-type.toml": "meeting, start: 16 er ikke et klokkeslæt",
    "substitute-is-member.toml": "'Lise Dam' er medlem og kan ikke også være stedfortræder",
    "substitute-no-name.toml": "medlem 1, substitutes: en stedfortræder har intet navn",
    "substitute-party-unknown.toml": "stedfortræder 'Ole Berg': party 'Q1' er ikke et kendt parti",
    "substitute-unknown-field.toml": "ukendt felt 'parti'",
    "substitutes-not-list.toml": "medlem 1, substitutes: er en tekst",
    "timezone-unknown.toml": "'Europe/Kobenhavn' er ikke en tidszone",
    "timezone-wrong-type.toml": "meeting, timezone: er et tal",
    "title-control-char.toml": "punkt 1, title: indeholder styretegnet '\\x07'",
    "title-empty.toml": "punkt 1, title: er tom",
    "title-newline.toml": "punkt 1, title: fylder mere end én linje",
    "title-wrong-type.toml": "punkt 1, title: er en dato (forventet en tekst i anførselstegn)",
    "toml-integer-too-long.toml": "et tal har tusindvis af cifre",
    "toml-nested-too-deep.toml": "for dybt i hinanden",
    "toml-syntax-bare-text-value.toml": "TOML-syntaksfejl: en værdi, TOML ikke kan læse",
    "toml-syntax-duplicate-key.toml": "et felt står to gange",
    "toml-syntax-markdown-file.toml": "TOML-syntaksfejl: Expected '='",
    "toml-syntax-missing-equals.toml": "TOML-syntaksfejl: Expected '='",
    "toml-syntax-missing-quote.toml": "linjen slutter inde i en tekst i anførselstegn",
    "toml-syntax-table-redeclared.toml": "[meeting] står to gange",
    "toml-syntax-unclosed-header.toml": "Expected ']]'",
    "toml-syntax-unclosed-multiline.toml": "en tekst i anførselstegn bliver aldrig afsluttet",
    "top-level-unknown-field.toml": "udvalg: ukendt felt øverst i filen",
    "two-formand.toml": "medlem 2, role: endnu en formand, ligesom medlem 1",
    "unknown-field-typo.toml": "punkt 1, sagsfremstiling: ukendt felt",
    "utf16.toml": "UTF-16",
    "wrong-type-closed.toml": "punkt 1, closed: er en tekst (forventet true eller false)",
    "wrong-type-flag.toml": "punkt 1, flag: er et tal (forventet true eller false)",
}

# where the parser knows the line: file name -> the line the message must give
LINES = {
    "bom-then-bad-syntax.toml": 5,
    "date-feb-30.toml": 7,
    "format-version-future.toml": 2,
    "item-id-duplicate.toml": 33,
    "kind-unknown.toml": 36,
    "meeting-unknown-field.toml": 6,
    "member-duplicate.toml": 23,
    "not-utf8.toml": 6,
    "nul-in-text.toml": 23,
    "party-unknown.toml": 24,
    "start-dst-gap.toml": 8,
    "start-hour-25-literal.toml": 8,
    "substitute-is-member.toml": 15,
    "title-control-char.toml": 28,
    "toml-integer-too-long.toml": 10,
    "toml-syntax-duplicate-key.toml": 30,
    "toml-syntax-markdown-file.toml": 4,
    "toml-syntax-missing-equals.toml": 9,
    "toml-syntax-missing-quote.toml": 28,
    "toml-syntax-table-redeclared.toml": 11,
    "toml-syntax-unclosed-multiline.toml": 30,
    "top-level-unknown-field.toml": 3,
    "two-formand.toml": 20,
    "unknown-field-typo.toml": 30,
}

# files whose one mistake is reported as more than one line
LINE_COUNT = {"empty.toml": 3}

CORPUS_FILES = sorted(path.name for path in CORPUS.glob("*.toml"))


def check(*paths: Path | str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "meetingtui", "check", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


# -- the demo agenda ---------------------------------------------------------------------


def test_demo_meeting(demo_agenda):
    meeting = demo_agenda.meeting
    assert meeting.body == "Digitaliserings- og Innovationsudvalget"
    assert meeting.recommends_to == "Regionsrådet"
    assert meeting.place == "Regionshuset, mødelokale 6"
    assert meeting.start == pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")
    assert meeting.timezone == "Europe/Copenhagen"
    assert meeting.quorum is None
    assert demo_agenda.seats == 7
    assert demo_agenda.quorum_needed() == 4  # 2 x 4 >= 7, 2 x 3 < 7


def test_demo_members_in_the_order_of_the_published_minutes(demo_agenda):
    # docs/reference/FORMAT.md: the Mødedeltagere line, in the body's own order
    assert [(m.name, m.party) for m in demo_agenda.members] == [
        ("Anja Lund", "V"),
        ("Meho Selman", "A"),
        ("Karsten Byrgesen", "løsgænger"),
        ("Anne Marie Geisler Andersen", "B"),
        ("Henriette Schlesinger Kærgaard", "V"),
        ("Jens Wistoft", "V"),
        ("Lars Mogensen", "Ø"),
    ]
    roles = {m.name: m.role for m in demo_agenda.members}
    assert roles["Anja Lund"] == "formand"
    assert roles["Meho Selman"] == "næstformand"
    assert sum(role == "formand" for role in roles.values()) == 1
    assert demo_agenda.member("jens-wistoft").name == "Jens Wistoft"  # id from the name
    member_names = {m.name for m in demo_agenda.members}
    for member in demo_agenda.members:
        assert all(sub.name not in member_names for sub in member.substitutes)


def test_demo_items(demo_agenda):
    items = demo_agenda.items
    assert len(items) == 7
    assert items[0].title == "Godkendelse af delstrategier under digitaliseringsstrategien"
    assert items[0].case == "23/11174"
    # item 2 is the closed tender item, with invented content
    assert [item.closed for item in items] == [False, True, False, False, False, False, False]
    assert items[1].title == "Udbudsproces"
    assert items[1].invented and items[1].sections
    # the ' #' mark: items 3, 5, 6 and 7
    assert [n for n, item in enumerate(items, 1) if item.flag] == [3, 5, 6, 7]
    # case numbers repeat: items 5 and 6 carry the committee's standing case
    assert items[4].case == items[5].case == "25/24"
    assert len({item.id for item in items}) == 7
    assert [item.kind for item in items][-2:] == ["eventuelt", "underskriftsside"]
    assert items[5].title == "Eventuelt" and not items[5].sections
    assert items[6].title == "Underskriftsside"
    assert [s.heading for s in items[0].sections] == [
        "Resumé",
        "Sagsfremstilling",
        "Klimavurdering",
        "Indstilling",
    ]
    assert len(items[0].bilag) == 12


def test_demo_link_in_agendas_is_the_bundled_file(demo_agenda):
    linked = agenda_mod.load(DEMO_LINK)
    assert linked.sha256 == demo_agenda.sha256
    assert check(DEMO_LINK).returncode == 0


# -- the documented example ----------------------------------------------------------------


def test_example_agenda_passes_check():
    result = check(EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{EXAMPLE}: OK (3 members, 3 items)"
    assert result.stderr == ""


def test_example_agenda_content():
    example = agenda_mod.load(EXAMPLE)
    assert [m.id for m in example.members] == ["mette-juhl", "soeren-krogh", "lise-dam"]
    assert example.members[1].substitutes == (agenda_mod.Person("Hanne Vestergaard", "V"),)
    assert example.members[2].role == "medlem" and example.members[2].party == "løsgænger"
    assert [item.kind for item in example.items] == ["sag", "sag", "eventuelt"]
    assert [item.closed for item in example.items] == [False, True, False]
    assert example.quorum_needed() == 2
    assert example.meeting.timezone == "Europe/Copenhagen"


def test_readme_shows_the_example_file_verbatim():
    readme = (ROOT / "agendas" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert EXAMPLE.read_text(encoding="utf-8") in blocks
    assert f"{agenda_mod.MAX_BYTES:,}" in readme
    for party in agenda_mod.PARTIES:
        assert party in readme
    for word in (*agenda_mod.ROLES, *agenda_mod.KINDS, *agenda_mod.SECTIONS):
        assert f'"{word}"' in readme or f"`{word}`" in readme


def test_defaults():
    text = EXAMPLE.read_text(encoding="utf-8").replace('timezone = "Europe/Copenhagen"\n', "")
    text = text.replace('id = "eventuelt"\n', "")
    loaded = agenda_mod.parse(text.encode(), Path("x.toml"))
    assert loaded.meeting.timezone == "Europe/Copenhagen"
    assert loaded.items[2].id == "eventuelt"  # made from the title
    with_quorum = text.replace("# quorum = 2 ", "quorum = 3 ")
    assert agenda_mod.parse(with_quorum.encode(), Path("x.toml")).quorum_needed() == 3


# -- the broken-agenda corpus -----------------------------------------------------------------


def test_corpus_is_complete():
    assert len(CORPUS_FILES) >= 45
    assert set(CORPUS_FILES) == set(EXPECTED), "every corpus file needs an expected message"
    assert set(LINES) <= set(EXPECTED)
    for name in CORPUS_FILES:
        assert (CORPUS / name).stat().st_size < 16_384, f"{name} should stay small"


def test_corpus_base_is_valid():
    """Each corpus file breaks one thing in a valid agenda: the agenda itself loads."""
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    base = agenda_mod.parse(module.BASE.encode("utf-8"), Path("base.toml"))
    assert (len(base.members), len(base.items)) == (3, 2)
    assert set(module.FILES) == set(CORPUS_FILES)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_check_reports_the_problem(name):
    path = CORPUS / name
    result = check(path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == LINE_COUNT.get(name, 1), result.stderr
    for line in lines:
        assert line.startswith(f"meetingtui: {path}"), line
        assert "(forventet " in line, line
    assert EXPECTED[name] in result.stderr
    if name in LINES:
        assert lines[0].startswith(f"meetingtui: {path}:{LINES[name]}: "), lines[0]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_loader_raises_agenda_error(name):
    with pytest.raises(AgendaError) as raised:
        agenda_mod.load(CORPUS / name)
    assert raised.value.exit_code == 2
    for problem in raised.value.problems:
        assert len(problem.splitlines()) == 1
        assert problem.startswith(str(CORPUS / name))


def test_line_numbers_are_right_for_a_field_after_multiline_text():
    text = EXAMPLE.read_text(encoding="utf-8")
    broken = text.replace(
        'attachments = ["Købsaftale (udkast)"]', 'attachments = "Købsaftale (udkast)"'
    )
    with pytest.raises(AgendaError) as raised:
        agenda_mod.parse(broken.encode(), Path("x.toml"))
    line = broken.split("\n").index('attachments = "Købsaftale (udkast)"') + 1
    assert raised.value.problems == [
        f"x.toml:{line}: punkt 2, attachments: er en tekst "
        '(forventet en liste af bilagstitler, fx ["Budget 2027"])'
    ]


# -- size limit ----------------------------------------------------------------------------


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "stor.toml"
    base = EXAMPLE.read_bytes()
    with path.open("wb") as file:
        file.write(base)
        file.write(b"#" + b"x" * (agenda_mod.MAX_BYTES - len(base)) + b"\n")
    assert path.stat().st_size == agenda_mod.MAX_BYTES + 2
    result = check(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"meetingtui: {path}: filen er større end 33.554.432 byte "
        "(forventet en .toml-fil med en dagsorden på højst 33.554.432 byte)"
    )


def test_file_at_the_size_limit_is_read():
    base = EXAMPLE.read_bytes()
    data = base + b"#" + b"x" * (agenda_mod.MAX_BYTES - len(base) - 2) + b"\n"
    assert len(data) == agenda_mod.MAX_BYTES
    assert len(agenda_mod.parse(data, Path("x.toml")).items) == 3
    with pytest.raises(AgendaError, match="større end"):
        agenda_mod.parse(data + b"\n", Path("x.toml"))


def test_limit_is_ten_times_a_large_real_agenda(demo_agenda):
    # issue 4: at least ten times a 500-item agenda with reference-sized case text
    per_item = DEMO_LINK.stat().st_size / len(demo_agenda.items)
    assert 10 * 500 * per_item <= agenda_mod.MAX_BYTES


# -- several problems, other command-line cases ----------------------------------------------

SEVERAL = """\
format = 1

[meeting]
body = "Udvalg for Klima og Natur"
date = 2026-03-12
start = 16:00:00
place = "Rådhuset"
quorum = 0

[[members]]
name = "Mette Juhl"
party = "A"

[[members]]
name = "Søren Krogh"
party = "X"
role = "kasserer"

[[items]]
case = "26/1234"

[[items]]
title = "Eventuelt"
case = "eventuelt"
closed = "nej"
"""


def test_several_problems_are_all_reported_one_line_each(tmp_path):
    path = tmp_path / "flere-fejl.toml"
    path.write_text(SEVERAL, encoding="utf-8")
    result = check(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected = [
        (8, "meeting, quorum: er 0"),
        (16, "medlem 2, party: 'X' er ikke et kendt parti"),
        (17, "medlem 2, role: 'kasserer' er ikke en rolle"),
        (19, "punkt 1, title: mangler"),
        (24, "punkt 2, case: 'eventuelt' er ikke et sagsnummer"),
        (25, "punkt 2, closed: er en tekst (forventet true eller false)"),
    ]
    assert len(lines) == len(expected), result.stderr
    for line, (number, what) in zip(lines, expected, strict=True):
        assert line.startswith(f"meetingtui: {path}:{number}: {what}"), line


def test_check_of_several_files(tmp_path):
    good = EXAMPLE
    bad = CORPUS / "party-unknown.toml"
    missing = tmp_path / "findes-ikke.toml"
    result = check(good, bad, missing)
    assert result.returncode == 2
    assert result.stdout.strip() == f"{good}: OK (3 members, 3 items)"
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"meetingtui: {bad}:24: medlem 3, party:")
    assert lines[1] == (
        f"meetingtui: {missing}: filen findes ikke (forventet en .toml-fil med en dagsorden)"
    )


def test_directory_instead_of_file(tmp_path):
    result = check(tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"meetingtui: {tmp_path}: er en mappe (forventet en .toml-fil med en dagsorden)"
    )


def test_substitute_party_defaults_to_the_members(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace('party = "A"', 'party = "X"', 1)
    with pytest.raises(AgendaError) as raised:
        agenda_mod.parse(text.encode(), Path("x.toml"))
    # the member's bad party is reported once, not again for the substitute who inherits it
    assert len(raised.value.problems) == 1
    assert "medlem 1, party: 'X' er ikke et kendt parti" in raised.value.problems[0]


def test_local_party_letters():
    text = EXAMPLE.read_text(encoding="utf-8")
    local = text.replace('party = "løsgænger"', 'party = "L"')
    with pytest.raises(AgendaError, match="'L' er ikke et kendt parti"):
        agenda_mod.parse(local.encode(), Path("x.toml"))
    allowed = local.replace('place = "Rådhuset, mødelokale 2"\n', 'place = "R"\nparties = ["L"]\n')
    assert agenda_mod.parse(allowed.encode(), Path("x.toml")).members[2].party == "L"


def test_lower_case_party_hint():
    text = EXAMPLE.read_text(encoding="utf-8").replace('party = "V"', 'party = "v"')
    with pytest.raises(AgendaError, match='forventet "V", med stort'):
        agenda_mod.parse(text.encode(), Path("x.toml"))


def test_bom_is_allowed():
    data = "\ufeff".encode() + EXAMPLE.read_bytes()
    assert len(agenda_mod.parse(data, Path("x.toml")).members) == 3


def test_start_time_as_text():
    text = EXAMPLE.read_text(encoding="utf-8").replace("start = 16:00:00", 'start = "16.30"')
    loaded = agenda_mod.parse(text.encode(), Path("x.toml"))
    assert (loaded.meeting.start.hour, loaded.meeting.start.minute) == (16, 30)


# -- Markdown in case text ---------------------------------------------------------------------


def test_markdown_of_the_example_case_text():
    example = agenda_mod.load(EXAMPLE)
    blocks = markdown.parse(example.items[0].sections[1].text)
    assert blocks == [
        Prose(
            (
                Run(
                    "Naturplanen samler kommunens indsats for natur og biodiversitet i de "
                    "kommende fire år."
                ),
            )
        ),
        SubHeading("Indsatsområder"),
        Prose((Run("Planen har tre indsatsområder:"),)),
        ListItems(
            (
                (Run("mere sammenhængende natur langs åerne"),),
                (Run("lysåbne", italic=True), Run(" naturtyper som overdrev og heder")),
                (Run("borgernes adgang til naturen"),),
            )
        ),
        SubHeading("Økonomi"),
        Prose(
            (
                Run("Planen finansieres inden for den afsatte ramme på "),
                Run("2,5 mio. kr.", bold=True),
                Run(" årligt."),
            )
        ),
    ]


def test_markdown_of_the_demo_case_text(demo_agenda):
    blocks = markdown.parse(demo_agenda.items[0].sections[1].text)
    headings = [block.text for block in blocks if isinstance(block, SubHeading)]
    assert "Økonomi til digital innovation" in headings
    assert headings[-1] == "Tværgående prioritering og overblik"
    lists = [block for block in blocks if isinstance(block, ListItems)]
    assert len(lists) == 1 and len(lists[0].items) == 9 and not lists[0].numbered
    assert lists[0].items[-1] == (Run("It-infrastruktur."),)


def test_markdown_inline_and_lists():
    text = (
        "Et afsnit over\nto linjer med **fed** og *kursiv* og _også kursiv_.\n\n"
        "1. første\n2. anden\n   fortsat\n\n- punkt\n* punkt med __fed__\n\n## Overskrift ##"
    )
    assert markdown.parse(text) == [
        Prose(
            (
                Run("Et afsnit over to linjer med "),
                Run("fed", bold=True),
                Run(" og "),
                Run("kursiv", italic=True),
                Run(" og "),
                Run("også kursiv", italic=True),
                Run("."),
            )
        ),
        ListItems(((Run("første"),), (Run("anden fortsat"),)), numbered=True),
        ListItems(((Run("punkt"),), (Run("punkt med "), Run("fed", bold=True)))),
        SubHeading("Overskrift"),
    ]
    assert markdown.plain_text("### \n\n- **\n").strip(" \n*_#-+") == ""
