"""The agenda list, which changes only the rows that changed and draws its own lines,
shows what a plain OptionList rebuilt from scratch shows, after every kind of change."""

from __future__ import annotations

import pendulum
import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingtui import agenda as agenda_mod
from meetingtui import paths
from meetingtui.meeting import MeetingState
from meetingtui.record import MeetingRecord
from meetingtui.secretary import Secretary
from meetingtui.ui.widgets.agenda_list import AgendaList, row_status, row_text, under_way

CSS = """
#agenda { width: 36; height: 1fr; border: round $primary 50%; }
#agenda { text-wrap: nowrap; text-overflow: ellipsis; }
"""


def expected_rows(state: MeetingState) -> list[str]:
    current = under_way(state)
    return [
        row_text(number, item_state.item, row_status(item_state, current))
        for number, item_state in enumerate(state.items, 1)
    ]


class RebuiltList(OptionList):
    """The reference: every row rebuilt from the state on every change."""

    def show(self, state: MeetingState, viewing: str) -> None:
        ids = [item_state.item.id for item_state in state.items]
        rows = expected_rows(state)
        self.set_options(Option(Content(r), id=i) for r, i in zip(rows, ids, strict=True))
        self.highlighted = ids.index(viewing)


class ListApp(App):
    CSS = CSS

    def __init__(self, widget_class):
        super().__init__()
        self.widget_class = widget_class

    def compose(self) -> ComposeResult:
        yield self.widget_class(id="agenda")


class Clock:
    def __init__(self):
        self.moment = pendulum.datetime(2025, 11, 20, 9, 55, tz="Europe/Copenhagen")

    def __call__(self):
        return self.moment


@pytest.fixture
def secretary(tmp_path):
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    desk = Secretary(agenda, MeetingRecord(tmp_path / "m.record", agenda.sha256), now=Clock())
    yield desk
    desk.record.close()


def meeting_steps(secretary: Secretary):
    """A meeting: each step changes the secretary's state in another way."""
    yield "before the meeting"
    secretary.open_meeting("10.00")
    yield "opened: item 1 under way"
    secretary.set_decision("Indstillingen godkendt.")
    yield "a decision"
    secretary.step(1)
    yield "next item"
    secretary.postpone()
    yield "postponed"
    secretary.add_item("Hastesag om vand", "25/999", True)
    yield "an item added (the rows move)"
    secretary.step(1)
    secretary.step(1)
    yield "two items on"
    secretary.go_to(secretary.state.items[0].item.id)
    yield "back to item 1"
    secretary.set_decision("")
    yield "a decision taken back"
    secretary.undo()
    yield "undo"
    secretary.go_to(secretary.state.items[-1].item.id)
    secretary.close_meeting()  # at the default time: the last registration (the clock is 09.55)
    yield "closed"


async def screens(widget_class, secretary: Secretary, size, focus: bool) -> list[tuple[str, str]]:
    app = ListApp(widget_class)
    out = []
    async with app.run_test(size=size) as pilot:
        listing = app.query_one("#agenda")
        if focus:
            listing.focus()
        for step in meeting_steps(secretary):
            listing.show(secretary.state, secretary.viewing)
            await pilot.pause()
            out.append((step, app.export_screenshot()))
            if isinstance(listing, AgendaList):
                prompts = [str(option.prompt) for option in listing.options]
                assert prompts == expected_rows(secretary.state)
    return out


@pytest.mark.parametrize("focus", [False, True], ids=["blurred", "focused"])
@pytest.mark.parametrize("size", [(80, 24), (60, 8)], ids=["80x24", "60x8-scrolls"])
async def test_every_change_shows_as_a_rebuilt_list_shows_it(tmp_path, size, focus):
    def desk(name):
        agenda = agenda_mod.load(paths.DEMO_AGENDA)
        return Secretary(agenda, MeetingRecord(tmp_path / name, agenda.sha256), now=Clock())

    ours_desk, reference_desk = desk("ours.record"), desk("reference.record")
    try:
        ours = await screens(AgendaList, ours_desk, size, focus)
        reference = await screens(RebuiltList, reference_desk, size, focus)
    finally:
        ours_desk.record.close()
        reference_desk.record.close()
    assert len(ours) == len(reference) == 11
    for (step, mine), (_, theirs) in zip(ours, reference, strict=True):
        assert mine == theirs, f"the list differs after: {step}"


async def test_hover_and_click_work_on_the_rows_drawn_here(secretary):
    secretary.open_meeting("10.00")
    selected = []

    class Recording(ListApp):
        def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
            selected.append(event.option.id)

    shots = []
    for widget_class in (AgendaList, RebuiltList):
        app = Recording(widget_class)
        async with app.run_test(size=(80, 24)) as pilot:
            listing = app.query_one("#agenda")
            listing.show(secretary.state, secretary.viewing)
            await pilot.pause()
            await pilot.hover("#agenda", offset=(5, 3))  # the third row
            await pilot.pause()
            shots.append(app.export_screenshot())
            await pilot.click("#agenda", offset=(5, 4))  # the fourth row
            await pilot.pause()
            assert listing.highlighted == 3
    assert shots[0] == shots[1]
    assert selected == [secretary.state.items[3].item.id] * 2


async def test_only_the_row_the_highlight_rests_on_is_announced(secretary):
    """Moving down the list key by key announces the row it stops on, not each one passed
    (the screen renders the announced row's case text, so a jump to it is quick)."""
    rested = []

    class Patient(AgendaList):
        REST = 1.0  # longer than the keys take on a loaded machine (the app's is 0.15 s)

    class Recording(ListApp):
        def on_agenda_list_rested(self, event: AgendaList.Rested) -> None:
            rested.append(event.item_id)

    app = Recording(Patient)
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(Patient)
        listing.show(secretary.state, secretary.viewing)
        listing.focus()
        await pilot.pause(Patient.REST * 1.5)
        assert rested == [secretary.viewing]  # the row highlighted when shown
        await pilot.press("down", "down", "down")
        await pilot.pause(Patient.REST * 1.5)
    assert rested == [secretary.viewing, secretary.state.items[3].item.id]
