"""Body files (bodies/<slug>.toml) and `meetingtui new` (issue 11).

A body file keeps the members and the meeting's usual fields once; an agenda naming it
takes what it leaves out. `meetingtui new` writes the next meeting's agenda from it, which
passes `check`, with the members copied in and the running number from `next_number`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import cli
from meetingtui.agenda import body_file
from meetingtui.errors import AgendaError

ROOT = Path(__file__).resolve().parents[1]
BODY = ROOT / "bodies" / "teknik-og-miljoeudvalget.toml"
MUNICIPAL = ROOT / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A folder with bodies/ and agendas/ like the project's, as the working directory."""
    (tmp_path / "bodies").mkdir()
    (tmp_path / "agendas").mkdir()
    shutil.copyfile(BODY, tmp_path / "bodies" / BODY.name)
    shutil.copyfile(MUNICIPAL, tmp_path / "agendas" / MUNICIPAL.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_example_body_file():
    body = body_file.load(BODY)
    assert body.name == "Teknik- og Miljøudvalget"
    assert (body.numbering, body.next_number) == ("running", 55)
    assert [m.name for m in body.members][:2] == ["Erik Nielsen", "Hanne Møller"]
    assert body.members[0].role == "formand"
    assert [s.name for s in body.members[0].substitutes] == ["Ole Berg", "Randi Holm"]
    assert body.members[-1].party == "L"  # a local list, from the body's parties


def test_check_knows_a_body_file(capsys):
    assert cli.main(["check", str(BODY)]) == 0
    assert capsys.readouterr().out == f"{BODY}: OK (udvalgsfil, 7 members)\n"


def test_an_agenda_takes_what_it_leaves_out_from_its_body_file():
    agenda = agenda_mod.load(MUNICIPAL)
    body = body_file.load(BODY)
    assert agenda.members == body.members
    assert agenda.meeting.body == "Teknik- og Miljøudvalget"
    assert agenda.meeting.place == "Rådhuset, mødelokale 2"
    assert agenda.meeting.recommends_to == "Byrådet"
    assert (agenda.meeting.start.hour, agenda.meeting.start.minute) == (16, 0)
    assert agenda.meeting.numbering == "running"
    assert agenda.meeting.body_file == MUNICIPAL.parent / "../bodies/teknik-og-miljoeudvalget.toml"


def test_what_the_agenda_writes_wins(workspace):
    path = workspace / "agendas" / MUNICIPAL.name
    text = path.read_text(encoding="utf-8").replace(
        "date = 2026-06-11\n", 'date = 2026-06-11\nplace = "Byens bibliotek"\nstart = "17.30"\n'
    )
    path.write_text(text, encoding="utf-8")
    agenda = agenda_mod.load(path)
    assert agenda.meeting.place == "Byens bibliotek"
    assert (agenda.meeting.start.hour, agenda.meeting.start.minute) == (17, 30)


def test_a_missing_body_file_is_one_line_naming_it(workspace):
    path = workspace / "agendas" / MUNICIPAL.name
    (workspace / "bodies" / BODY.name).unlink()
    with pytest.raises(AgendaError) as raised:
        agenda_mod.load(path)
    (problem,) = raised.value.problems
    assert problem == (
        f"{path.parent / '../bodies/teknik-og-miljoeudvalget.toml'}: filen findes ikke "
        "(forventet en udvalgsfil, bodies/<udvalg>.toml)"
    )


@pytest.mark.parametrize(
    "change, expected",
    [
        (("next_number = 55", ""), ': next_number: mangler ved numbering = "running"'),
        (("next_number = 55", "next_number = -1"), ": next_number: er -1 (forventet"),
        (
            ('name = "Niels Bro"\nparty = "L"', 'name = "Niels Bro"\nparty = "X"'),
            ": medlem 7, party: 'X' er ikke et kendt parti",
        ),
        (("start = 16:00:00", 'start = "16.75"'), ": start: '16.75' er ikke et klokkeslæt"),
        (("format = 1", 'format = 1\nudvalg = "TMU"'), ": udvalg: ukendt felt"),
        (('numbering = "running"', 'numbering = "aarlig"'), ": numbering: 'aarlig' er ikke"),
    ],
)
def test_a_broken_body_file_is_one_line_with_its_line(workspace, change, expected):
    path = workspace / "bodies" / BODY.name
    text = path.read_text(encoding="utf-8").replace(*change)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AgendaError) as raised:
        body_file.load(path)
    (problem,) = raised.value.problems
    assert problem.startswith(f"{path}:"), problem
    assert expected in problem and "(forventet " in problem
    # the agenda naming it reports the same line
    with pytest.raises(AgendaError) as through:
        agenda_mod.load(workspace / "agendas" / MUNICIPAL.name)
    assert through.value.problems == [problem.replace(str(path), str(through_path(workspace)))]


def through_path(workspace: Path) -> Path:
    return workspace / "agendas" / "../bodies/teknik-og-miljoeudvalget.toml"


def test_the_record_notices_a_change_of_inherited_members_only(workspace):
    path = workspace / "agendas" / MUNICIPAL.name
    before = agenda_mod.load(path).sha256
    body = workspace / "bodies" / BODY.name
    text = body.read_text(encoding="utf-8")
    body.write_text(text.replace("next_number = 55", "next_number = 61"), encoding="utf-8")
    assert agenda_mod.load(path).sha256 == before  # not used by this agenda
    body.write_text(text.replace('name = "Tove Ravn"', 'name = "Tove Ravn Juhl"'), "utf-8")
    assert agenda_mod.load(path).sha256 != before


# -- meetingtui new -------------------------------------------------------------------------
def test_new_writes_the_next_meeting_which_passes_check(workspace, capsys):
    code = cli.main(["new", "teknik-og-miljoeudvalget", "--date", "13-08-2026"])
    assert code == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    target = Path("agendas/teknik-og-miljoeudvalget-2026-08-13.toml")
    assert f"er skrevet i {target}" in out
    assert "next_number = 57" in out  # 55 and 56 are this meeting's two items
    agenda = agenda_mod.load(target)
    assert [item.number for item in agenda.items] == [55, 56]
    assert [item.title for item in agenda.items] == ["Godkendelse af dagsorden", "Eventuelt"]
    assert agenda.items[-1].kind == "eventuelt"
    assert agenda.members == body_file.load(BODY).members
    assert agenda.meeting.place == "Rådhuset, mødelokale 2"
    assert (agenda.meeting.date.isoformat(), agenda.meeting.start.hour) == ("2026-08-13", 16)
    assert cli.main(["check", str(target)]) == 0
    assert capsys.readouterr().out == f"{target}: OK (7 members, 2 items)\n"
    text = target.read_text(encoding="utf-8")
    assert 'body_file = "../bodies/teknik-og-miljoeudvalget.toml"' in text
    assert "[[members]]" in text  # copied in


def test_the_new_agenda_keeps_its_members_when_the_body_changes(workspace, capsys):
    cli.main(
        ["new", "bodies/teknik-og-miljoeudvalget.toml", "--date", "2026-08-13", "-o", "a.toml"]
    )
    before = agenda_mod.load("a.toml")
    body = workspace / "bodies" / BODY.name
    body.write_text(body.read_text("utf-8").replace("Tove Ravn", "Tove Ravn Juhl"), "utf-8")
    after = agenda_mod.load("a.toml")
    assert after.members == before.members and after.sha256 == before.sha256


def test_new_takes_start_and_place_given(workspace, capsys):
    args = ["new", "Teknik- og Miljøudvalget", "--date", "2026-08-13", "--start", "9.30"]
    assert cli.main([*args, "--place", "Byens bibliotek", "-o", "b.toml"]) == 0
    agenda = agenda_mod.load("b.toml")
    assert agenda.meeting.place == "Byens bibliotek"
    assert (agenda.meeting.start.hour, agenda.meeting.start.minute) == (9, 30)


def test_new_never_writes_over_a_file(workspace, capsys):
    Path("c.toml").write_text("# mine\n", encoding="utf-8")
    assert (
        cli.main(["new", "teknik-og-miljoeudvalget", "--date", "2026-08-13", "-o", "c.toml"]) == 2
    )
    assert "c.toml: findes allerede" in capsys.readouterr().err
    assert Path("c.toml").read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["udvalget", "--date", "2026-08-13"], "udvalget: ingen udvalgsfil med det navn"),
        (["teknik-og-miljoeudvalget", "--date", "2026-02-30"], "--date: '2026-02-30' er ikke"),
        (["teknik-og-miljoeudvalget", "--date", "2026-08-13", "--start", "25.00"], "--start"),
    ],
)
def test_new_mistakes_are_one_danish_line(workspace, capsys, args, expected):
    assert cli.main(["new", *args]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"meetingtui: {expected}"), line
    assert "(forventet " in line
    assert not any(Path("agendas").glob("*-2026-*08*"))


def test_new_names_the_known_bodies_when_it_finds_none(workspace, capsys):
    cli.main(["new", "udvalget", "--date", "2026-08-13"])
    assert "teknik-og-miljoeudvalget" in capsys.readouterr().err


def test_new_without_a_place_anywhere_says_where_to_give_it(workspace, capsys):
    body = workspace / "bodies" / BODY.name
    body.write_text(
        body.read_text("utf-8").replace('place = "Rådhuset, mødelokale 2"\n', ""), "utf-8"
    )
    assert cli.main(["new", "teknik-og-miljoeudvalget", "--date", "2026-08-13"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "place mangler (forventet --place" in line


def test_new_for_a_body_numbering_per_meeting_starts_at_one(workspace, capsys):
    body = workspace / "bodies" / BODY.name
    text = body.read_text("utf-8").replace('numbering = "running"', 'numbering = "meeting"')
    body.write_text(text.replace("next_number = 55", ""), "utf-8")
    assert (
        cli.main(["new", "teknik-og-miljoeudvalget", "--date", "2026-08-13", "-o", "d.toml"]) == 0
    )
    assert "next_number" not in capsys.readouterr().out  # nothing to remember
    assert [item.number for item in agenda_mod.load("d.toml").items] == [1, 2]


@pytest.mark.parametrize(
    ("argv", "detail"),
    [
        (["new"], "the following arguments are required: BODY, --date"),
        (["import"], "the following arguments are required"),
        (["check"], "the following arguments are required: AGENDA"),
    ],
)
def test_a_command_missing_its_arguments_says_so_in_danish(argv, detail, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    said = capsys.readouterr().err.strip().splitlines()
    assert stop.value.code == 2
    assert len(said) == 1  # one line, no usage block
    assert said[0].startswith(f"meetingtui {argv[0]}: fejl i kommandoen: {detail}")
    assert said[0].endswith(f"(se meetingtui {argv[0]} --help)")
