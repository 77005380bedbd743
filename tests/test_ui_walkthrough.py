"""The whole reference meeting, taken through the keys as a secretary would (issue 3)."""

from __future__ import annotations

from docx import Document
from ui_support import Clock, Keys, demo_app

from meetingtui import paths
from meetingtui.export import export
from meetingtui.session import open_demo_session

MAX_KEYS = 33  # issue 10: the reference meeting stays at 33 keys (the larger one: ≤ 60)
ITEM_2_DECISION = (
    "Digitaliserings- og Innovationsudvalget anbefaler indstillingen over for Regionsrådet, "
    "idet udbuddet gennemføres som udbud med forhandling."
)


def docx_paragraphs(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


async def take_reference_meeting(keys: Keys, clock: Clock) -> None:
    # Roll call: Anne Marie Geisler Andersen (4th) and Jens Wistoft (6th) sent apologies.
    await keys.press("down", "down", "down", "a", "down", "down", "a")
    await keys.press("o")
    await keys.type("10.00")
    await keys.press("enter")
    # Item 1: Meho Selman does not take part; the committee recommends.
    await keys.press("i", "down", "enter", "3")
    await keys.press("f2")
    clock.set(10, 52)
    await keys.press("n")
    # Item 2 (closed): a typed decision and a unanimous vote.
    await keys.press("d")
    await keys.type(ITEM_2_DECISION)
    await keys.press("escape")
    await keys.press("v", "a", "enter")
    # Items 3-5: for information; item 6: no remarks; item 7: the signature page.
    for hour, minute, quick in ((11, 5, "f4"), (11, 24, "f4"), (11, 31, "f4"), (11, 40, "f5")):
        clock.set(hour, minute)
        await keys.press("n", quick)
    clock.set(11, 43)
    await keys.press("n")
    await keys.press("x")
    await keys.type("11.45")
    await keys.press("enter")


async def test_reference_meeting_through_the_keys(tmp_path, capsys):
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await take_reference_meeting(keys, clock)
        await keys.press("e")
        await keys.press("b")  # export both the public and the full referat
        await app.workers.wait_for_complete()  # the export runs off the UI thread
        await pilot.pause()
        result = str(app.screen.query_one("#result").render())
    exported = sorted(paths.output_dir().glob("*.docx"))
    public = next(p for p in exported if "fuld" not in p.name)
    full = next(p for p in exported if "fuld" in p.name)
    assert str(public) in result.replace("\n", "") or public.name in result

    demo = open_demo_session().state()
    expected_public = export(demo, full=False, output=tmp_path / "core-public.docx")
    expected_full = export(demo, full=True, output=tmp_path / "core-full.docx")
    assert docx_paragraphs(public) == docx_paragraphs(expected_public)
    assert docx_paragraphs(full) == docx_paragraphs(expected_full)

    with capsys.disabled():
        print(f"\nreference meeting: {keys.count} keys (+{keys.typed} typed characters)")
    assert keys.count <= MAX_KEYS
