"""The case text, rendered once per width and kept as lines, shows what a Static holding
rich's Markdown shows: the same screen, character for character and style for style."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from meetingtui import agenda as agenda_mod
from meetingtui.paths import DEMO_AGENDA
from meetingtui.ui.widgets.case_text import CaseText, case_markdown, case_markdown_renderable

CSS = """
#case { height: 1fr; padding: 0 1; border: round $primary 30%; }
"""


class StaticCase(VerticalScroll):
    """The case text as a plain Static with rich's Markdown in it: the reference."""

    def compose(self) -> ComposeResult:
        yield Static(id="case-body")

    def show(self, item) -> None:
        self.query_one(Static).update(case_markdown_renderable(case_markdown(item)))
        self.scroll_home(animate=False)


class CaseApp(App):
    CSS = CSS

    def __init__(self, widget_class):
        super().__init__()
        self.widget_class = widget_class

    def compose(self) -> ComposeResult:
        yield self.widget_class(id="case")


def items():
    return agenda_mod.load(DEMO_AGENDA).items


async def settle(pilot) -> None:
    """Until the screen is still: a scroll bar can come a layout pass after the text."""
    for _ in range(3):
        await pilot.pause()
        await asyncio.sleep(0.02)


async def screens(widget_class, size, steps) -> list[str]:
    """The screen (as SVG) after each step: ("show", item), ("prepare", item), ("scroll", y)."""
    app = CaseApp(widget_class)
    out = []
    async with app.run_test(size=size) as pilot:
        case = app.query_one("#case")
        for what, arg in steps:
            if what == "show":
                case.show(arg)
            elif what == "prepare":
                if isinstance(case, CaseText):
                    case.prepare(arg)
                continue
            else:
                case.scroll_to(y=arg, animate=False, immediate=True)
            await settle(pilot)
            out.append(app.export_screenshot())
    return out


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 60)], ids=str)
async def test_every_demo_item_shows_as_the_static_showed_it(size):
    # Each item is scrolled back to the top before the next: after an item without a scroll
    # bar, the Static's container showed the next one's thumb where the item before it
    # had been scrolled to (a stale scroll bar position); this case text does not.
    steps = []
    for item in items():
        steps += [("prepare", item), ("show", item), ("scroll", 7), ("scroll", 10_000)]
        steps += [("scroll", 0)]
    ours = await screens(CaseText, size, steps)
    reference = await screens(StaticCase, size, steps)
    assert len(ours) == len(reference) == 4 * len(items())
    for number, (mine, theirs) in enumerate(zip(ours, reference, strict=True)):
        assert mine == theirs, f"screen {number} differs"


async def test_resized_while_shown_and_shown_again_as_the_static_showed_it():
    first, second = items()[0], items()[1]
    shots = []
    for widget_class in (CaseText, StaticCase):
        app = CaseApp(widget_class)
        async with app.run_test(size=(120, 40)) as pilot:
            case = app.query_one("#case")
            case.show(first)
            await pilot.pause()
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            await pilot.pause()
            shots.append(app.export_screenshot())
            case.show(second)
            await pilot.pause()
            case.show(first)
            await pilot.pause()
            await pilot.pause()
            shots.append(app.export_screenshot())
    assert shots[:2] == shots[2:]


async def test_a_kept_rendering_is_reused_and_the_oldest_dropped():
    app = CaseApp(CaseText)
    async with app.run_test(size=(120, 40)) as pilot:
        case = app.query_one(CaseText)
        demo = items()
        case.show(demo[0])
        await pilot.pause()
        kept = case._shown
        case.show(demo[1])
        case.show(demo[0])
        await pilot.pause()
        assert case._shown is kept
        many = [item for item in demo if case_markdown(item) != case_markdown(demo[0])]
        for item in many:
            case.prepare(item)
        assert len(case._rendered) <= CaseText.KEEP
