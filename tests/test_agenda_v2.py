"""Agenda format 2 (issue 11): sections, earlier decisions, numbering, case numbers, kinds.

Each broken agenda here gives the secretary one Danish line naming the file, the line,
where (`punkt 50, afsnit 2, heading`) and what is expected; a format-1 file keeps loading
and `check` says how to upgrade it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import cli
from meetingtui.errors import AgendaError

ROOT = Path(__file__).resolve().parents[1]
MUNICIPAL = ROOT / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml"
DEMO = ROOT / "agendas" / "diu-2025-11-20.toml"

BASE = """\
format = 2

[meeting]
body = "Teknik- og Miljøudvalget"
date = 2026-06-11
start = 16:00:00
place = "Rådhuset"
{meeting}

[[members]]
name = "Erik Nielsen"
party = "A"
role = "formand"

[[members]]
name = "Hanne Møller"
party = "V"

[[items]]
id = "vejplan"
title = "Vejplan 2027"
case = "23/11174"
{item}

[[items.sections]]
heading = "Sagens kerne"
text = \"\"\"
Udvalget skal tage stilling til vejplanen.\"\"\"

[[items.sections]]
heading = "Indstilling"
text = \"\"\"
Det indstilles, at vejplanen godkendes.\"\"\"
{after}
[[items]]
title = "Eventuelt"
kind = "eventuelt"
{last}"""


def agenda_text(meeting="", item="", after="", last="") -> str:
    return BASE.format(meeting=meeting, item=item, after=after, last=last)


def load(text: str, name: str = "x.toml") -> agenda_mod.Agenda:
    return agenda_mod.parse(text.encode("utf-8"), Path(name))


def problems(text: str) -> list[str]:
    with pytest.raises(AgendaError) as raised:
        load(text)
    return raised.value.problems


def line_of(text: str, fragment: str, after: str = "") -> int:
    lines = text.split("\n")
    start = lines.index(after) if after else 0
    return next(n for n in range(start, len(lines)) if fragment in lines[n]) + 1


# -- what format 2 holds -----------------------------------------------------------------------
def test_the_municipal_example_has_its_numbers_sections_and_earlier_decisions():
    agenda = agenda_mod.load(MUNICIPAL)
    assert [item.number for item in agenda.items] == [49, 50, 51, 52, 53, 54]
    vejplan = agenda.item("vejplan")
    assert [s.heading for s in vejplan.sections] == [
        "Sagens kerne",
        "Sagsfremstilling",
        "Økonomi",
        "Beslutningskompetence",
        "Indstilling",
    ]
    assert vejplan.bilag == ("Vejplan 2027-2030 - udkast", "Oversigt over vejprojekter")
    (earlier,) = vejplan.earlier
    assert (earlier.body, earlier.date, earlier.item) == (
        "Teknik- og Miljøudvalget",
        dt.date(2026, 3, 12),
        "23",
    )
    assert earlier.text == "Forslaget sendes i høring hos lokalrådene."
    assert [e.body for e in agenda.item("moellebaekken").earlier] == [
        "Teknik- og Miljøudvalget",
        "Økonomiudvalget",
    ]
    assert [item.case for item in agenda.items][1:5] == [
        "23/11174",
        "27.00.00-A00-1-24",
        "306-2026-112",
        "299835",
    ]


def test_sections_keep_the_agendas_order_and_headings():
    text = agenda_text().replace('heading = "Sagens kerne"', 'heading = "Baggrund"')
    assert [s.heading for s in load(text).items[0].sections] == ["Baggrund", "Indstilling"]


def test_numbers_count_from_one_per_meeting_by_default():
    assert [item.number for item in load(agenda_text()).items] == [1, 2]


def test_running_numbers_start_at_first_number():
    agenda = load(agenda_text('numbering = "running"\nfirst_number = 129'))
    assert [item.number for item in agenda.items] == [129, 130]


@pytest.mark.parametrize(
    "meeting, at, expected",
    [
        (
            'numbering = "running"',
            "[meeting]",  # a missing field: the line of its table
            'meeting, first_number: mangler ved numbering = "running"',
        ),
        (
            "first_number = 12",
            "first_number",
            "meeting, first_number: bruges kun ved løbende numre",
        ),
        (
            'numbering = "løbende"',
            "numbering",
            "meeting, numbering: 'løbende' er ikke en nummerering",
        ),
        (
            'numbering = "running"\nfirst_number = 0',
            "first_number",
            "meeting, first_number: er 0 (forventet et helt tal fra 1",
        ),
        (
            'numbering = "running"\nfirst_number = "49"',
            "first_number",
            "meeting, first_number: er '49'",
        ),
    ],
)
def test_numbering_mistakes_are_one_danish_line(meeting, at, expected):
    text = agenda_text(meeting)
    (problem,) = problems(text)
    assert problem.startswith(f"x.toml:{line_of(text, at)}: {expected}"), problem
    assert "(forventet " in problem


@pytest.mark.parametrize(
    "case",
    ['"23/11174"', '"2023/1234"', '"306-2009-600"', '"299835"', "299835", '"27.00.00-A00-1-24"'],
)
def test_case_numbers_of_danish_case_systems_are_accepted(case):
    text = agenda_text().replace('case = "23/11174"', f"case = {case}")
    assert load(text).items[0].case == case.strip('"')


@pytest.mark.parametrize("case", ['"eventuelt"', '"26 / 1234"', '"[b]26/1234[/b]"', '"1-"'])
def test_other_case_numbers_are_refused(case):
    text = agenda_text().replace('case = "23/11174"', f"case = {case}")
    (problem,) = problems(text)
    assert "punkt 1, case: " in problem and "er ikke et sagsnummer" in problem
    assert "306-2009-600" in problem  # the message shows the accepted shapes


def test_format_1_keeps_its_case_number_shape():
    source = DEMO.read_text(encoding="utf-8").replace('case = "23/11174"', 'case = "306-2009-600"')
    with pytest.raises(AgendaError, match="'306-2009-600' er ikke et sagsnummer"):
        load(source)


# -- where a problem is, in nested tables ------------------------------------------------------
def test_a_problem_in_a_section_names_the_item_number_the_section_and_the_line():
    text = agenda_text('numbering = "running"\nfirst_number = 50').replace(
        'heading = "Indstilling"', "heading = 7"
    )
    (problem,) = problems(text)
    assert problem == (
        f"x.toml:{line_of(text, 'heading = 7')}: punkt 50, afsnit 2, heading: er et tal "
        "(forventet en tekst i anførselstegn)"
    )


def test_an_empty_section_is_refused_at_its_line():
    text = agenda_text().replace("Udvalget skal tage stilling til vejplanen.", "")
    (problem,) = problems(text)
    assert problem.startswith(f"x.toml:{line_of(text, 'text =')}: punkt 1, afsnit 1, text: er tom")


def test_a_format_1_field_in_a_format_2_file_says_how_it_is_written_now():
    (problem,) = problems(agenda_text(item='resume = "Kort."'))
    assert (
        'punkt 1, resume: er et felt fra format 1 (forventet i format 2: [[items.sections]] med heading = "Resumé"'
        in problem
    )
    (problem,) = problems(agenda_text(item='bilag = ["Plan"]'))
    assert (
        'punkt 1, bilag: er et felt fra format 1 (forventet i format 2: attachments = ["..."])'
        in problem
    )


EARLIER = """
[[items.earlier]]
body = "Økonomiudvalget"
date = 2026-05-20
item = {item}
text = "{text}"
"""


def test_an_earlier_decision_is_read_with_its_number_as_text():
    agenda = load(agenda_text(after=EARLIER.format(item='"65"', text="Anbefales.")))
    (earlier,) = agenda.items[0].earlier
    assert (earlier.body, earlier.date, earlier.item, earlier.text) == (
        "Økonomiudvalget",
        dt.date(2026, 5, 20),
        "65",
        "Anbefales.",
    )
    written_as_number = load(agenda_text(after=EARLIER.format(item="65", text="Anbefales.")))
    assert written_as_number.items[0].earlier[0].item == "65"


@pytest.mark.parametrize(
    "item, text, expected",
    [
        ('"65"', "**", "punkt 1, tidligere beslutning 1, text: har kun Markdown-opmærkning"),
        ("true", "Anbefales.", "punkt 1, tidligere beslutning 1, item: er true/false"),
    ],
)
def test_earlier_decision_mistakes(item, text, expected):
    (problem,) = problems(agenda_text(after=EARLIER.format(item=item, text=text)))
    assert expected in problem


def test_an_earlier_decision_without_a_date_is_refused():
    text = agenda_text(after=EARLIER.format(item='"65"', text="Anbefales.")).replace(
        "date = 2026-05-20\n", ""
    )
    (problem,) = problems(text)
    assert "punkt 1, tidligere beslutning 1, date: mangler (forventet en dato" in problem
    assert problem.startswith(f"x.toml:{line_of(text, '[[items.earlier]]')}: ")


# -- kinds ------------------------------------------------------------------------------------
SIGNATURE = '\n[[items]]\ntitle = "Underskriftsside"\nkind = "underskriftsside"\n'


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda t: t + SIGNATURE + SIGNATURE.replace("Underskriftsside", "Underskrift"),
            "punkt 4, kind: endnu et Underskriftsside-punkt, ligesom punkt 3",
        ),
        (
            lambda t: t.replace(
                '[[items]]\nid = "vejplan"', SIGNATURE.strip() + '\n\n[[items]]\nid = "vejplan"'
            ),
            "punkt 1, kind: Underskriftssiden står før andre punkter",
        ),
        (
            lambda t: t + "closed = true\n",
            "punkt 2, closed: Eventuelt er et åbent punkt",
        ),
        (
            lambda t: t + '\n[[items.sections]]\nheading = "Sagsfremstilling"\ntext = "Noget."\n',
            "punkt 2, sections: Eventuelt har ingen sagstekst",
        ),
        (
            lambda t: t.replace('kind = "eventuelt"\n', ""),
            "punkt 2, kind: punktet hedder 'Eventuelt', men er kind = \"sag\" "
            '(forventet kind = "eventuelt")',
        ),
        (
            lambda t: t.replace('title = "Vejplan 2027"', 'title = "Underskriftsside"'),
            "punkt 1, kind: punktet hedder 'Underskriftsside', men er kind = \"sag\"",
        ),
    ],
    ids=[
        "two signature pages",
        "signature not last",
        "eventuelt closed",
        "eventuelt with text",
        "titled eventuelt",
        "titled underskriftsside",
    ],
)
def test_kind_rules_refuse_a_format_2_agenda(change, expected):
    text = change(agenda_text())
    found = problems(text)
    assert len(found) == 1, found
    assert expected in found[0]
    assert "(forventet " in found[0]


def test_a_format_1_agenda_breaking_kind_rules_still_loads_and_check_warns(tmp_path, capsys):
    source = DEMO.read_text(encoding="utf-8")
    broken = source.replace('kind = "eventuelt"', 'kind = "sag"')
    path = tmp_path / "gammel.toml"
    path.write_text(broken, encoding="utf-8")
    agenda = agenda_mod.load(path)
    assert len(agenda.items) == 7
    assert cli.main(["check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: OK (7 members, 7 items)"
    (warning,) = [line for line in lines if line.startswith("advarsel: ")]
    lines_of_file = broken.split("\n")
    title = lines_of_file.index('title = "Eventuelt"')
    number = lines_of_file.index('kind = "sag"', title) + 1  # Eventuelt's kind line
    assert warning == (
        f"advarsel: {path}:{number}: punkt 6, kind: punktet hedder 'Eventuelt', men er "
        'kind = "sag" (forventet kind = "eventuelt")'
    )


# -- format 1: check says how to upgrade, and the upgrade keeps the meeting -------------------
def test_check_of_a_format_1_file_says_ok_and_how_to_upgrade(capsys):
    assert cli.main(["check", str(DEMO)]) == 0
    ok, hint = capsys.readouterr().out.splitlines()
    assert ok == f"{DEMO}: OK (7 members, 7 items)"
    assert f"meetingtui check --upgrade {DEMO}" in hint and "format 2" in hint


def test_check_of_a_format_2_file_is_one_ok_line(capsys):
    assert cli.main(["check", str(MUNICIPAL)]) == 0
    assert capsys.readouterr().out == f"{MUNICIPAL}: OK (7 members, 6 items)\n"


def test_the_upgraded_demo_is_the_same_meeting(tmp_path, capsys):
    copy = tmp_path / "diu.toml"
    copy.write_bytes(DEMO.read_bytes())
    assert cli.main(["check", "--upgrade", str(copy)]) == 0
    upgraded_path = tmp_path / "diu.format2.toml"
    assert f"skrevet i format 2 som {upgraded_path}" in capsys.readouterr().out
    old, new = agenda_mod.load(copy), agenda_mod.load(upgraded_path)
    assert (old.format, new.format) == (1, 2)
    assert new.members == old.members
    assert new.items == old.items  # titles, cases, flags, kinds, sections, attachments, numbers
    assert new.meeting.start == old.meeting.start and new.meeting.body == old.meeting.body
    text = upgraded_path.read_text(encoding="utf-8")
    assert "[[items.sections]]" in text and "attachments = [" in text and "resume" not in text
    # a second upgrade never writes over the first
    assert cli.main(["check", "--upgrade", str(copy)]) == 2
    assert "findes allerede" in capsys.readouterr().err


def test_the_shape_importers_emit_written_by_to_toml_loads():
    """AGENDA-V2.md: importers give plain data and write it with agenda.write.to_toml."""
    from meetingtui.agenda.write import to_toml

    data = {
        "format": 2,
        "meeting": {
            "body": "Teknik- og Miljøudvalget",
            "date": dt.date(2026, 6, 11),
            "start": dt.time(16, 0),
            "place": "Rådhuset",
            "numbering": "running",
            "first_number": 49,
        },
        "members": [{"name": "Erik Nielsen", "party": "A", "role": "formand"}],
        "items": [
            {
                "title": "Vejplan 2027",
                "case": "306-2009-600",
                "attachments": ["Vejplan - udkast.pdf"],
                "sections": [
                    {"heading": "Sagens kerne", "text": 'Linje et.\n\n- et punkt\n- to "citat"'},
                    {"heading": "Indstilling", "text": "Det indstilles, at planen godkendes."},
                ],
                "earlier": [
                    {
                        "body": "Økonomiudvalget",
                        "date": dt.date(2026, 5, 20),
                        "item": "65",
                        "text": "Anbefales.",
                    }
                ],
            },
            {"title": "Eventuelt", "kind": "eventuelt"},
        ],
    }
    agenda = load(to_toml(data, "importeret"))
    vejplan = agenda.items[0]
    assert vejplan.number == 49 and vejplan.case == "306-2009-600"
    assert vejplan.sections[0].text == 'Linje et.\n\n- et punkt\n- to "citat"'
    assert vejplan.earlier[0].item == "65" and vejplan.bilag == ("Vejplan - udkast.pdf",)
