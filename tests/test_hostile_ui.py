"""Never crash on what people type or paste; show it as written; never let it reach the terminal.

The rule (meetingtui/ui/literal.py, meetingtui/terminal_text.py): text from an agenda, a
record or the keyboard reaches a widget as Content or rich Text, never as a markup string,
and control characters are shown as U+FFFD. Here every string of tests/hostile_strings.py
goes through every screen and command: as a member's name and an item's title in an agenda,
as a substitute, an added item, a decision, a dissent, a summary and a time typed in the app,
and from a record that holds control characters. After each step the whole screen, as it
would be written to the terminal, must hold no control character, no hyperlink and no click
action; and each text must be shown as written (after the control-character rule).
"""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hostile_strings import HOSTILE, has_control
from rich.console import Console
from ui_support import Clock, Keys, paste, screen_segments, screen_text

from meetingtui import agenda as agenda_mod
from meetingtui import events as ev
from meetingtui.errors import AgendaError
from meetingtui.record import MeetingRecord
from meetingtui.terminal_text import printable, without_controls
from meetingtui.text_input import TextInputError, check_one_line
from meetingtui.ui.app import create_app

# -- building agendas and records ----------------------------------------------------------------


def toml_string(text: str) -> str:
    escaped = []
    for ch in text:
        if ch in '"\\':
            escaped.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            escaped.append(f"\\u{ord(ch):04x}")
        else:
            escaped.append(ch)
    return '"' + "".join(escaped) + '"'


BODY = "Udvalg [/] for [bold]Klima[/bold] og [@click=app.quit]Natur[/]"
PLAIN_MEMBERS = [
    ("anne", "Anne Andersen", "A", "formand", "[/] Sub [link=file:///etc/passwd]x[/link]"),
    ("bent", "Bent Bruun", "V", "næstformand", ""),
]


def agenda_toml(names: list[str], titles: list[str], body: str = BODY, bilag: bool = False) -> str:
    lines = [
        "format = 1",
        "[meeting]",
        f"body = {toml_string(body)}",
        'recommends_to = "Byrådet [/]"',
        "date = 2025-11-20",
        "start = 10:00:00",
        'place = "Rådhuset [bold]2[/bold]"',
    ]
    members = [*PLAIN_MEMBERS, *((f"h{i:02d}", n, "A", "medlem", "") for i, n in enumerate(names))]
    for member_id, name, party, role, substitute in members:
        lines += [
            "[[members]]",
            f'id = "{member_id}"',
            f"name = {toml_string(name)}",
            f'party = "{party}"',
            f'role = "{role}"',
        ]
        if substitute:
            lines.append(f"substitutes = [{{ name = {toml_string(substitute)} }}]")
    for i, title in enumerate(titles):
        lines += [
            "[[items]]",
            f'id = "i{i:02d}"',
            f"title = {toml_string(title)}",
            f'case = "25/{100 + i}"',
            f"closed = {'true' if i % 3 == 1 else 'false'}",
            'resume = "Resumé af punktet."',
        ]
        if bilag:  # the case text is Markdown; an attachment's title is not
            lines.append(f"bilag = [{toml_string(title)}]")
    lines += ["[[items]]", 'id = "eventuelt"', 'title = "Eventuelt"', 'kind = "eventuelt"']
    return "\n".join(lines) + "\n"


def agenda_accepts(text: str) -> bool:
    """Whether an agenda may hold this text as a name and a title (controls are refused)."""
    source = agenda_toml([text], [text]).encode("utf-8")
    try:
        agenda_mod.parse(source, Path("probe.toml"))
    except AgendaError:
        return False
    return True


# As the agenda holds them: names and titles are NFC-normalised when the agenda is read.
IN_AGENDA = {
    key: unicodedata.normalize("NFC", text) for key, text in HOSTILE.items() if agenda_accepts(text)
}


def hostile_agenda(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    texts = list(IN_AGENDA.values())
    path.write_text(agenda_toml(texts, texts), encoding="utf-8")
    return path


# -- what the screen shows ---------------------------------------------------------------------


def assert_terminal_safe(app, where: str = "") -> None:
    """Nothing on the screen would make the terminal act instead of show."""
    for segment in screen_segments(app):
        if segment.control:
            continue
        assert not has_control(segment.text, allowed="\n"), (
            f"{where}: a control in {segment.text!r}"
        )
        style = segment.style
        if style is not None:
            assert not style.link, f"{where}: a hyperlink on {segment.text!r}"
            click = (style.meta or {}).get("@click")
            assert not click or "quit" not in str(click), f"{where}: a click action {click!r}"


def shown(text: str) -> str:
    """A text as a one-line field shows it."""
    return printable(text)


def plain(visual) -> str:
    """The characters of a Content, a Text or any Rich renderable."""
    if isinstance(visual, str):
        return visual
    plain_text = getattr(visual, "plain", None)
    if isinstance(plain_text, str):
        return plain_text
    console = Console(record=True, width=2000, file=io.StringIO())
    console.print(visual)
    return console.export_text()


def widget_text(app, selector: str) -> str:
    widget = app.screen.query_one(selector)
    content = getattr(widget, "content", None)  # Label and Static: what they were given
    return plain(widget.render() if content is None else content)


def option_texts(app, selector: str) -> list[str]:
    options = app.screen.query_one(selector)
    return [plain(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def on_screen(text: str) -> bool:
    """Short one-line texts can be looked for on a wide screen as they are."""
    return len(text) < 50 and not any(ch in text for ch in "\t\r\n\u2028\u2029")


def toasts(app) -> str:
    return "\n".join(plain(toast.render()) for toast in app.screen.query("Toast"))


# -- the display rule itself ----------------------------------------------------------------------


@pytest.mark.parametrize("key", list(HOSTILE))
def test_the_display_rule_keeps_every_character_but_controls(key):
    text = HOSTILE[key]
    for multiline in (False, True):
        shown_text = printable(text, multiline)
        assert not has_control(shown_text, allowed="\t\n" if multiline else "")
        if not has_control(text) and not {"\u2028", "\u2029"} & set(text):
            assert shown_text == text  # markup, Unicode and quotes: untouched
    assert not has_control(without_controls(text))


def test_control_characters_are_shown_as_a_replacement_mark():
    assert printable("Ole\x1b[2JBerg") == "Ole\ufffd[2JBerg"
    assert printable("a\x9bb\x7fc") == "a\ufffdb\ufffdc"
    assert printable("et\r\nto\tslut") == "et to slut"
    assert printable("et\r\nto\rtre\tslut", multiline=True) == "et\nto\ntre\tslut"
    assert printable("før\u2028efter") == "før efter"  # Unicode's line separator
    assert without_controls("Ole\x1b]52;c;eA==\x07Berg") == "Ole]52;c;eA==Berg"


def test_the_corpus_holds_at_least_thirty_strings_and_the_agenda_most_of_them():
    assert len(HOSTILE) >= 30
    # the agenda refuses control characters, bidi controls and names over 200 characters
    assert len(IN_AGENDA) >= 20


# -- an agenda full of hostile names and titles ---------------------------------------------------


@pytest.mark.slow
async def test_agenda_names_and_titles_are_shown_literally_on_every_screen(tmp_path):
    app = create_app(hostile_agenda(tmp_path), tmp_path / "m.record", now=Clock())
    members = app.secretary.agenda.members
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        keys = Keys(pilot)
        await pilot.pause()
        assert type(app.screen).__name__ == "RollCallScreen"
        assert_terminal_safe(app, "roll call")
        table = app.screen.query_one("#roll")
        screen = screen_text(app)
        for member in members:
            row = [plain(cell) for cell in table.get_row(member.id)]
            assert shown(member.name) in row[0], member.id
        for text in IN_AGENDA.values():
            if on_screen(text):
                assert text in screen, text
        await keys.press("s")  # the chair's named substitute, in the picker
        assert any(shown(PLAIN_MEMBERS[0][4]) in o for o in option_texts(app, "#choices"))
        assert_terminal_safe(app, "substitute picker")
        await keys.press("escape", "o", "enter")  # open the meeting now
        assert type(app.screen).__name__ == "MainScreen"
        assert_terminal_safe(app, "main screen")
        prompts = option_texts(app, "#agenda")
        for state in app.secretary.state.items:
            assert any(shown(state.item.title) in prompt for prompt in prompts), state.item.id
        people = widget_text(app, "#people")
        for member in members:
            assert shown(member.name) in people
        for number, state in enumerate(app.secretary.state.items, 1):  # n through every item
            title = widget_text(app, "#item-title")
            assert title.startswith(f"Punkt {number}: "), title
            assert shown(state.item.title) in title
            if on_screen(state.item.title):
                assert state.item.title in screen_text(app)
            assert_terminal_safe(app, f"item {number}")
            await keys.press("f3", "n")
        await keys.press("t")
        panel = widget_text(app, "#attendance-body")
        for member in members:
            assert shown(member.name) in panel
        assert_terminal_safe(app, "chair panel")
        await keys.press("escape", "W")
        preview = widget_text(app, "#preview-body")
        for state in app.secretary.state.items:
            assert (
                shown(state.item.title) in " ".join(preview.split()) or len(state.item.title) > 100
            )
        assert_terminal_safe(app, "preview")
        await keys.press("escape", "r")
        assert_terminal_safe(app, "corrections")
        await keys.press("escape", "e")
        assert_terminal_safe(app, "export check")
        await keys.press("escape", "ctrl+k")
        await keys.type("Afst")
        assert_terminal_safe(app, "command palette")
        for text in HOSTILE.values():  # pasted into the palette's own search field
            await keys.press("end", "shift+home")
            await paste(pilot, text)
            assert_terminal_safe(app, f"command palette searching {text!r}")
        await keys.press("escape", "f1")
        assert_terminal_safe(app, "help")
        await keys.press("escape")
        assert app.is_running


@pytest.mark.slow
async def test_clicking_a_title_written_as_a_click_action_does_nothing(tmp_path):
    app = create_app(hostile_agenda(tmp_path), tmp_path / "m.record", now=Clock())
    click = next(s.item.id for s in app.secretary.state.items if "@click" in s.item.title)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")
        app.secretary.go_to(click)
        app.revision += 1
        await pilot.pause()
        assert "[@click=app.quit]Budget[/]" in widget_text(app, "#item-title")
        for offset in range(0, 40, 3):
            await pilot.click("#item-title", offset=(offset, 0))
        assert app.is_running and app.return_code is None


# -- typed and pasted text -------------------------------------------------------------------------


SIZE = (120, 40)  # the typed-text tests draw hundreds of frames: a smaller screen is quicker
SMALL = (80, 24)  # where nothing is looked for on the screen itself


SAMPLE = (
    "close_tag",
    "close_tag_first",
    "bold",
    "click_action",
    "link",
    "unclosed",
    "variable",
    "csi_clear",
    "osc52",
    "c1_csi",
    "crlf",
    "long",
)
"""Strings for the slower surfaces, each one a different way of breaking things."""


def plain_agenda(tmp_path: Path, members: int = 40) -> Path:
    path = tmp_path / "plain.toml"
    names = [f"Medlem {i:02d}" for i in range(members)]
    titles = ["Budget 2026", "Køb af grund", "Orientering"]  # the second is closed
    path.write_text(agenda_toml(names, titles, body="Testudvalget"), encoding="utf-8")
    return path


def as_recorded(text: str) -> str:
    """A one-line text as the core records it: the paste drops controls, then the core's
    one-line rule (NFC, spaces collapsed) takes it."""
    return check_one_line(without_controls(text), "Teksten")


def as_pasted_line(text: str) -> str:
    """What a one-line prompt gives for a paste (controls dropped, breaks made spaces), with
    white space folded: the text of a dissent or a public summary, kept as written."""
    return " ".join(without_controls(text).split())


def one_line_accepted(text: str) -> bool:
    try:
        return bool(as_recorded(text))
    except TextInputError:  # bidi controls: refused with a Danish line (tests/test_secretary.py)
        return False


TYPED_ONE_LINE = {key: text for key, text in HOSTILE.items() if one_line_accepted(text)}


async def clear_input(keys: Keys) -> None:
    await keys.press("end", "shift+home")  # Input: select it all; a paste replaces it


@pytest.mark.slow
async def test_typed_substitutes_are_shown_as_typed_and_the_meeting_can_be_resumed(tmp_path):
    agenda, record = plain_agenda(tmp_path), tmp_path / "m.record"
    app = create_app(agenda, record, now=Clock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        keys = Keys(pilot)
        await pilot.pause()
        table = app.screen.query_one("#roll")
        for i, text in enumerate(HOSTILE.values()):
            table.move_cursor(row=i + len(PLAIN_MEMBERS))
            await keys.press("s", "enter")  # no named substitutes: another, typed in
            await paste(pilot, text)
            await keys.press("enter", "enter")  # the name; the member's party
            seat = app.secretary.state.seats[f"h{i:02d}"]
            assert_terminal_safe(app, f"substitute {text!r}")
            if text not in TYPED_ONE_LINE.values():
                assert seat.substitute is None  # refused, and the toast said so literally
                app.clear_notifications()  # the toast would cover the rows looked at next
                continue
            assert seat.substitute is not None, (text, toasts(app))
            assert seat.substitute.name == as_recorded(text)
            status = plain(table.get_row(f"h{i:02d}")[2])
            assert f"→ {shown(seat.substitute.name)} (A) deltager" in status
            if on_screen(text):
                assert seat.substitute.name in screen_text(app)
            assert_terminal_safe(app, f"substitute {text!r}")
    again = create_app(agenda, record, now=Clock())  # the meeting is resumed
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert type(again.screen).__name__ == "RollCallScreen"
        table = again.screen.query_one("#roll")
        for i, text in enumerate(HOSTILE.values()):
            if text in TYPED_ONE_LINE.values():
                assert shown(as_recorded(text)) in plain(table.get_row(f"h{i:02d}")[2])
        assert_terminal_safe(again, "roll call, resumed")
        await Keys(pilot).press("o", "enter", "t")
        panel = widget_text(again, "#attendance-body")
        for text in TYPED_ONE_LINE.values():
            assert shown(as_recorded(text)) in panel
        assert_terminal_safe(again, "chair panel, resumed")


@pytest.mark.slow
async def test_typed_item_titles_are_shown_as_typed_and_the_meeting_can_be_resumed(tmp_path):
    agenda, record = plain_agenda(tmp_path, members=3), tmp_path / "m.record"
    app = create_app(agenda, record, now=Clock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")
        for text in TYPED_ONE_LINE.values():
            await keys.press("plus")
            await paste(pilot, text)
            await keys.press("enter")
            added = app.secretary.state.items[1].item  # added after the current item
            assert added.title == as_recorded(text), toasts(app)
            prompt = option_texts(app, "#agenda")[1]
            assert shown(added.title) in prompt
            assert_terminal_safe(app, f"added item {text!r}")
        await keys.press("n")
        assert shown(app.secretary.state.items[1].item.title) in widget_text(app, "#item-title")
        await keys.press("r")
        history = "\n".join(option_texts(app, "#history"))
        assert_terminal_safe(app, "corrections")
        await keys.press("escape")
    assert history
    again = create_app(agenda, record, now=Clock())
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert type(again.screen).__name__ == "MainScreen"
        prompts = option_texts(again, "#agenda")
        for text in TYPED_ONE_LINE.values():
            assert any(shown(as_recorded(text)) in prompt for prompt in prompts)
        assert_terminal_safe(again, "agenda, resumed")
        await Keys(pilot).press("W")
        assert_terminal_safe(again, "whole referat, resumed")


@pytest.mark.slow
async def test_typed_decisions_are_shown_as_typed_and_undone_with_a_literal_toast(tmp_path):
    app = create_app(plain_agenda(tmp_path, members=3), tmp_path / "m.record", now=Clock())
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")
        for text in HOSTILE.values():
            await keys.press("d", "f7")  # the editor, all its text selected
            await paste(pilot, text)
            await keys.press("escape")  # leaving the editor records the decision
            expected = without_controls(text, multiline=True).strip("\n")
            assert app.secretary.state.item("i00").decision == expected, toasts(app)
            assert app.screen.query_one("#decision").text == expected
            assert_terminal_safe(app, f"decision {text!r}")
        await keys.press("w")
        preview = widget_text(app, "#preview-body")
        assert shown(HOSTILE["html"]) in preview  # the last one typed
        assert_terminal_safe(app, "preview")
        await keys.press("escape", "r")
        assert_terminal_safe(app, "corrections")
        await keys.press("escape")
        for text in reversed(list(HOSTILE.values())[1:]):
            await keys.press("ctrl+z")  # "Fortrudt: …" names the decision taken back
            assert "Fortrudt" in toasts(app)
            assert_terminal_safe(app, f"undo {text!r}")
            app.clear_notifications()
        first = without_controls(next(iter(HOSTILE.values())), multiline=True)
        assert app.screen.query_one("#decision").text == first
        assert app.is_running


@pytest.mark.slow
async def test_typed_dissents_and_summaries_are_shown_as_typed(tmp_path):
    app = create_app(plain_agenda(tmp_path, members=3), tmp_path / "m.record", now=Clock())
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")
        for text in HOSTILE.values():
            await keys.press("m", "enter")  # the first member present
            await paste(pilot, text)
            await keys.press("enter")
            assert_terminal_safe(app, f"dissent {text!r}")
        dissents = [t for _, t in app.secretary.state.item("i00").dissents]
        assert [" ".join(d.split()) for d in dissents] == [
            as_pasted_line(t) for t in HOSTILE.values()
        ]
        await keys.press("w")
        preview = " ".join(widget_text(app, "#preview-body").split())
        for dissent in dissents:
            assert " ".join(shown(dissent).split()) in preview
        assert_terminal_safe(app, "preview with dissents")
        await keys.press("escape", "n")  # item 2 is closed: it may have a public summary
        assert app.secretary.state.item(app.secretary.viewing).item.closed
        for key, text in HOSTILE.items():
            await keys.press("o")
            await clear_input(keys)
            await paste(pilot, text)
            await keys.press("enter")
            summary = app.secretary.state.item(app.secretary.viewing).summary
            assert " ".join(summary.split()) == as_pasted_line(text)
            assert_terminal_safe(app, f"summary {text!r}")
            if key in SAMPLE:  # the preview is slow to open: a sample is enough there
                await keys.press("w")
                preview = " ".join(widget_text(app, "#preview-body").split())
                assert " ".join(shown(summary).split()) in preview
                assert_terminal_safe(app, f"preview of summary {text!r}")
                await keys.press("escape")


@pytest.mark.slow
async def test_a_refused_time_is_said_in_a_literal_toast_in_every_time_prompt(tmp_path):
    clock = Clock()
    app = create_app(plain_agenda(tmp_path, members=3), tmp_path / "m.record", now=clock)
    texts = list(HOSTILE.values())
    sample = [HOSTILE[key] for key in SAMPLE]

    async def refused(open_prompt: list[str], text: str, where: str) -> None:
        await keys.press(*open_prompt)
        await clear_input(keys)
        await paste(pilot, text)
        await keys.press("enter")
        assert_terminal_safe(app, f"{where} {text!r}")
        app.clear_notifications()
        await keys.press("escape")

    async with app.run_test(size=SMALL, notifications=True) as pilot:
        keys = Keys(pilot)
        for text in texts:
            await refused(["o"], text, "opening time")
            assert app.secretary.state.opened is None
        await keys.press("o", "enter")
        clock.set(10, 30)
        for text in sample:  # each prompt is the same dialog: the whole corpus went through it
            await refused(["l", "tab"], text, "leaving time")
            await keys.press("escape")
        await keys.press("r")  # corrections: the opening time
        for text in sample:
            await refused(["t"], text, "corrected time")
        await keys.press("escape")
        for text in sample:
            await refused(["x"], text, "closing time")
        assert app.secretary.state.closed is None
        assert app.is_running


# -- a record that holds control characters (old, or edited by hand) ----------------------------

CONTROLLED = " ".join(text for text in HOSTILE.values() if has_control(text))
"""Every control sequence of the corpus in one text."""


def record_with_controls(
    agenda_path: Path, record_path: Path, title: str | None = None, monkeypatch=None
) -> None:
    """A meeting under way whose record holds control characters in every typed field.

    Written as an older meetingtui (or a text editor) could have left it: if this core
    refuses control characters in new events, the check is switched off while writing.
    """
    agenda = agenda_mod.load(agenda_path)
    if monkeypatch is not None:
        monkeypatch.setattr(ev, "validate", lambda event: event)
    at = "2025-11-20T10:00:00+01:00"
    record = MeetingRecord(record_path, agenda.sha256)
    try:
        record.append(ev.make("roll_call", member="h00", status="afbud"))
        record.append(ev.make("substitute", member="h00", name="Ole " + CONTROLLED, party="A"))
        record.append(ev.make("meeting_opened", time=at))
        record.append(ev.make("item_opened", item="i00", time=at))
        if title is not None:
            spec = {"title": title, "case": "25/999\x1b[2J", "closed": False}
            record.append(ev.make("item_added", spec=spec, after="i00"))
        record.append(ev.make("dissent", item="i00", member="anne", text=CONTROLLED))
        record.append(ev.make("summary_set", item="i01", text=CONTROLLED))
        record.append(ev.make("decision_set", item="i00", text="Godkendt.\n" + CONTROLLED))
    finally:
        record.close()
    if monkeypatch is not None:
        monkeypatch.undo()


@pytest.mark.slow
async def test_control_characters_in_a_record_never_reach_the_terminal(tmp_path, monkeypatch):
    agenda, record = plain_agenda(tmp_path, members=3), tmp_path / "m.record"
    record_with_controls(agenda, record, monkeypatch=monkeypatch)
    app = create_app(agenda, record, now=Clock(10, 30))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        keys = Keys(pilot)
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
        assert_terminal_safe(app, "main screen")
        substitute = app.secretary.state.seats["h00"].substitute
        assert substitute is not None
        assert shown(substitute.name) in widget_text(app, "#people")
        decision = app.secretary.state.item("i00").decision
        assert app.screen.query_one("#decision").text == without_controls(decision, True)
        await keys.press("n")  # leaving the item records nothing new: the text was not edited
        assert app.secretary.state.item("i00").decision == decision
        await keys.press("p")
        for key in ("t", "w", "W", "r", "e"):
            await keys.press(key)
            assert_terminal_safe(app, f"after {key}")
            await keys.press("escape")
        await keys.press("t")
        assert shown(substitute.name) in widget_text(app, "#attendance-body")
        await keys.press("escape", "ctrl+z")  # takes back the decision: its text in the toast
        assert "Fortrudt" in toasts(app)
        assert_terminal_safe(app, "undo toast")


@pytest.mark.slow
async def test_control_characters_in_an_added_items_title_never_reach_the_terminal(
    tmp_path, monkeypatch
):
    agenda, record = plain_agenda(tmp_path, members=3), tmp_path / "m.record"
    record_with_controls(agenda, record, title="Ekstra " + CONTROLLED, monkeypatch=monkeypatch)
    app = create_app(agenda, record, now=Clock(10, 30))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert_terminal_safe(app, "agenda list")
        await Keys(pilot).press("n")
        assert_terminal_safe(app, "the added item, its case number in the case text")


@pytest.mark.slow
async def test_attachment_titles_are_shown_literally_in_the_case_text(tmp_path):
    path = tmp_path / "bilag.toml"
    titles = [HOSTILE["markdown"], HOSTILE["link"], HOSTILE["bold"]]
    path.write_text(agenda_toml(["Medlem"], titles, body="Testudvalget", bilag=True), "utf-8")
    app = create_app(path, tmp_path / "m.record", now=Clock())
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await Keys(pilot).press("o", "enter")
        assert_terminal_safe(app, "case text with Markdown in an attachment's title")
        assert HOSTILE["markdown"] in screen_text(app)


# -- the commands a chair or a secretary runs in a terminal ------------------------------------------


def run_cli(*args: str, color: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("NO_COLOR", None)
    if color:  # as in a terminal: Rich writes styles, and would write links
        env["FORCE_COLOR"] = "1"
    else:
        env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "meetingtui", *args], capture_output=True, text=True, env=env
    )


def styles_only(output: str) -> str:
    """The output with Rich's colour and style sequences (CSI ... m) taken out."""
    return re.sub(r"\x1b\[[0-9;]*m", "", output)


def assert_printed_safely(result: subprocess.CompletedProcess[str], color: bool) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    printed = styles_only(result.stdout) if color else result.stdout
    assert not has_control(printed, allowed="\n"), [
        line for line in printed.splitlines() if has_control(line)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("color", [False, True], ids=["pipe", "terminal"])
def test_attendance_prints_names_and_titles_as_written_and_no_control_character(
    tmp_path, monkeypatch, color
):
    agenda, record = hostile_agenda(tmp_path), tmp_path / "m.record"
    record_with_controls(agenda, record, monkeypatch=monkeypatch)
    result = run_cli("attendance", str(agenda), "--record", str(record), color=color)
    assert_printed_safely(result, color)
    printed = styles_only(result.stdout)
    for text in IN_AGENDA.values():
        if on_screen(text):
            assert text in printed, text
    assert printable("Ole " + CONTROLLED)[:40] in printed


@pytest.mark.slow
@pytest.mark.parametrize("color", [False, True], ids=["pipe", "terminal"])
def test_export_text_prints_the_referat_with_no_control_character(tmp_path, monkeypatch, color):
    agenda, record = hostile_agenda(tmp_path), tmp_path / "m.record"
    record_with_controls(agenda, record, monkeypatch=monkeypatch)
    result = run_cli("export", str(agenda), "--record", str(record), "--text", color=color)
    assert_printed_safely(result, color)


# -- the rule, in the code ---------------------------------------------------------------------------

UI = Path(__file__).resolve().parents[1] / "meetingtui" / "ui"
SHOWN_BY = {"Label", "Static", "Option", "DiscoveryHit", "Hit", "Checkbox"}
SHOWN_BY_METHOD = {"update", "add_row", "update_cell", "set_options", "add_option"}


def formatted_strings_shown(path: Path) -> list[str]:
    """Calls in a UI module that hand a widget a formatted string (which it parses as markup)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name not in SHOWN_BY | SHOWN_BY_METHOD:
            continue
        for arg in node.args:
            if isinstance(arg, ast.JoinedStr | ast.BinOp) or (
                isinstance(arg, ast.Call) and getattr(arg.func, "attr", "") in ("join", "format")
            ):
                found.append(f"{path.name}:{node.lineno}: {name}({ast.unparse(arg)[:60]})")
    return found


def test_no_widget_is_handed_a_formatted_string():
    """Formatted text holds names and titles: it goes through literal(), never as a str.

    A plain constant (a Danish label of ours) may be a str; anything built from data must
    be wrapped (ui.literal.literal / literal_cell, rich Text) before a widget sees it.
    """
    found = [hit for path in sorted(UI.rglob("*.py")) for hit in formatted_strings_shown(path)]
    assert found == []
