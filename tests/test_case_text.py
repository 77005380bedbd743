"""The case text, rendered once per width and kept as lines, shows what a Static holding
rich's Markdown shows: the same screen, character for character and style for style."""

from __future__ import annotations

import pytest
from rich.markdown import Markdown
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from meetingtui import agenda as agenda_mod
from meetingtui.paths import DEMO_AGENDA
from meetingtui.ui.widgets.case_text import CaseBody, CaseText, case_markdown

CSS = """
#case { height: 1fr; padding: 0 1; border: round $primary 30%; }
"""


class StaticCase(VerticalScroll):
    """The case text as a plain Static with rich's Markdown in it: the reference."""

    def compose(self) -> ComposeResult:
        yield Static(id="case-body")

    def show(self, item) -> None:
        self.query_one(Static).update(Markdown(case_markdown(item)))
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
                case.scroll_to(y=arg, animate=False)
            await pilot.pause()
            await pilot.pause()
            out.append(app.export_screenshot())
    return out


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 60)], ids=str)
async def test_every_demo_item_shows_as_the_static_showed_it(size):
    steps = []
    for item in items():
        steps += [("prepare", item), ("show", item), ("scroll", 7), ("scroll", 10_000)]
    ours = await screens(CaseText, size, steps)
    reference = await screens(StaticCase, size, steps)
    assert len(ours) == len(reference) == 3 * len(items())
    for number, (mine, theirs) in enumerate(zip(ours, reference, strict=True)):
        assert mine == theirs, f"screen {number} differs"


async def test_resized_and_shown_again_renders_at_the_new_width():
    first, second = items()[0], items()[1]
    app = CaseApp(CaseText)
    async with app.run_test(size=(120, 40)) as pilot:
        case = app.query_one(CaseText)
        case.show(first)
        await pilot.pause()
        wide = case.query_one(CaseBody).content_size.width
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        case.show(second)
        await pilot.pause()
        case.show(first)
        await pilot.pause()
        body = case.query_one(CaseBody)
        assert body.content_size.width < wide
        assert all(
            line.cell_length <= body.content_size.width
            for line in body.rendering.strips(body, body.content_size.width)
        )
        assert body.size.height == len(body.rendering.strips(body, body.content_size.width))


async def test_a_kept_rendering_is_reused_and_the_oldest_dropped():
    app = CaseApp(CaseText)
    async with app.run_test(size=(120, 40)) as pilot:
        case = app.query_one(CaseText)
        demo = items()
        case.show(demo[0])
        await pilot.pause()
        kept = case.query_one(CaseBody).rendering
        case.show(demo[1])
        case.show(demo[0])
        await pilot.pause()
        assert case.query_one(CaseBody).rendering is kept
        many = [item for item in demo if case_markdown(item) != case_markdown(demo[0])]
        for item in many:
            case.prepare(item)
        assert len(case._rendered) <= CaseText.KEEP
