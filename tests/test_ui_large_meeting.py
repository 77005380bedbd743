"""The second walk-through (issue 10): a larger meeting the project wrote itself
(tests/large_meeting.toml), taken through the keys as a secretary would, and the exported
referat read back sentence by sentence.

Nine members; Jonas Lund sent apologies and his substitute Hanne Vestergaard takes his seat;
Karen Friis is expected later and arrives between items 1 and 2; Peter Holm declares himself
inhabil in item 2; item 3 is voted with Ole Madsen against and his dissent recorded; Anna
Bech leaves right after item 3's decision; item 4 is closed; item 5 is postponed; an item is
added after it. The expected sentences are written from docs/reference/WORDING.md and
FORMAT.md and the README's "The referat" (the issue-10 sentences), not from the code.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from docx import Document
from ui_support import TZ, Clock, Keys

from meetingtui import paths
from meetingtui.ui.app import create_app

pytestmark = pytest.mark.slow  # a Pilot walk-through

AGENDA = Path(__file__).parent / "large_meeting.toml"
MAX_KEYS = 60
DISSENT = "Planen prioriterer bilisterne frem for de bløde trafikanter."
ADDED = "Henvendelse om støj fra Havnevej"


async def take_the_meeting(keys: Keys, clock: Clock) -> None:
    # Roll call: Jonas Lund (6th) is replaced by his substitute, Karen Friis comes later.
    await keys.press(*["down"] * 5, "s", "enter")
    await keys.press("down", "k")
    await keys.press("o")
    await keys.type("16.00")
    await keys.press("enter")
    # Item 1: recommended; it ends with the quick decision.
    clock.set(16, 20)
    await keys.press("f2")
    clock.set(16, 25)
    await keys.press("a", "1")  # Karen Friis arrives, after item 1 ended
    clock.set(16, 30)
    await keys.press("n")
    # Item 2: Peter Holm (4th taking part) is inhabil (reason 1).
    await keys.press("i", "4", "1")
    clock.set(16, 45)
    await keys.press("f3")
    clock.set(16, 50)
    await keys.press("n")
    # Item 3: all for but Ole Madsen (last); his dissent; Anna Bech leaves after the decision.
    await keys.press("v", "a", "ctrl+end", "i", "enter")
    await keys.press("m", "9")
    await keys.type(DISSENT)
    await keys.press("enter")
    clock.set(17, 0)
    await keys.press("f3")
    clock.set(17, 5)
    await keys.press("l", "5")
    # Item 4 (closed): approved. Item 5: postponed, then an item added after it.
    clock.set(17, 10)
    await keys.press("n")
    clock.set(17, 20)
    await keys.press("f3")
    clock.set(17, 25)
    await keys.press("n")
    clock.set(17, 30)
    await keys.press("f6")
    await keys.press("plus")
    await keys.type(ADDED)
    await keys.press("enter")
    clock.set(17, 35)
    await keys.press("n")
    clock.set(17, 45)
    await keys.press("f4")
    # Eventuelt, the Underskriftsside, the close.
    clock.set(17, 50)
    await keys.press("n")
    clock.set(17, 55)
    await keys.press("f5")
    clock.set(18, 0)
    await keys.press("n")
    clock.set(18, 10)
    await keys.press("x", "enter")


def paragraphs(path: Path) -> list[str]:
    """The document's paragraphs as a reader sees them: a label's tab ("Mødedato\tTorsdag …")
    and the title's no-break space ("d.\u00a027-11-2025") read as spaces."""
    return [
        p.text.replace("\t", " ").replace("\u00a0", " ").strip()
        for p in Document(str(path)).paragraphs
    ]


def item(text: list[str], number: int) -> list[str]:
    """The paragraphs of item `number`: from its heading to the next item's."""
    start = next(i for i, p in enumerate(text) if p.startswith(f"Punkt {number}: "))
    end = next((i for i, p in enumerate(text) if p.startswith(f"Punkt {number + 1}: ")), len(text))
    return text[start:end]


FRONT_PAGE = [
    "REFERAT Teknik- og Miljøudvalget d. 27-11-2025",
    "Mødedato Torsdag d. 27. november 2025 kl. 16:00",
    "Mødested Rådhuset, mødelokale 2",
    "Mødedeltagere Mette Juhl, A, Søren Krogh, V, Lise Dam (løsgænger), Peter Holm, A, "
    "Anna Bech, F, Jonas Lund, V (Fravær), Hanne Vestergaard, V (stedfortræder), "
    "Karen Friis, C, Birgitte Skov, A, Ole Madsen, Ø",
    "Mødet begyndte kl. 16.00 og sluttede kl. 18.10.",
    "Jonas Lund (V) havde meldt afbud, og Hanne Vestergaard (V) deltog i stedet.",
]
DECIDED = "Beslutning i Teknik- og Miljøudvalget den 27-11-2025"
ONLY_JONAS = "Jonas Lund deltog ikke i sagens behandling."
ANNA_AND_JONAS = "Anna Bech og Jonas Lund deltog ikke i sagens behandling."
ABSENT_JONAS = "Fraværende Jonas Lund, V"
ABSENT_ANNA_JONAS = "Fraværende Anna Bech, F, Jonas Lund, V"

# What each item says in the full referat, in the order it says it (sentences only).
FULL = {
    1: [
        "Punkt 1: Budgetopfølgning 2026",
        DECIDED,
        "Teknik- og Miljøudvalget anbefaler indstillingen over for Byrådet.",
        "Jonas Lund og Karen Friis deltog ikke i sagens behandling.",
        "Fraværende Jonas Lund, V, Karen Friis, C",
    ],
    2: [
        "Punkt 2: Lokalplan for Havnevej #",
        DECIDED,
        "Indstillingen godkendt.",
        ONLY_JONAS,
        "Peter Holm erklærede sig inhabil og deltog ikke i sagens behandling.",
        "Karen Friis ankom kl. 16.25 før behandlingen af punkt 2.",
        ABSENT_JONAS,
    ],
    3: [
        "Punkt 3: Trafiksikkerhedsplan 2026-2030 #",
        DECIDED,
        "Indstillingen godkendt.",
        "For stemte: A, C, F, V og Lise Dam (løsgænger). Imod stemte: Ø.",
        f'Ole Madsen (Ø) ønskede følgende bemærkning tilført beslutningsprotokollen: "{DISSENT}"',
        ONLY_JONAS,
        "Anna Bech forlod mødet kl. 17.05 efter behandlingen af punkt 3.",
        ABSENT_JONAS,
    ],
    4: [
        "Punkt 4: Lukket punkt: Køb af ejendom #",
        DECIDED,
        "Indstillingen godkendt.",
        ANNA_AND_JONAS,
        ABSENT_ANNA_JONAS,
    ],
    5: ["Punkt 5: Udbud af vintertjeneste #", DECIDED, "Udsat.", ANNA_AND_JONAS, ABSENT_ANNA_JONAS],
    6: [
        f"Punkt 6: {ADDED}",
        "Sagen blev optaget på dagsordenen under mødet som punkt 6.",
        DECIDED,
        "Til orientering.",
        ANNA_AND_JONAS,
        ABSENT_ANNA_JONAS,
    ],
    7: ["Punkt 7: Eventuelt #", DECIDED, "Ingen bemærkninger.", ANNA_AND_JONAS, ABSENT_ANNA_JONAS],
    8: ["Punkt 8: Underskriftsside #", ABSENT_ANNA_JONAS],
}


def said(section: list[str], expected: list[str]) -> list[str]:
    """The expected sentences as the section holds them, in its order (missing: left out)."""
    return [p for p in section if p in expected]


async def test_a_larger_meeting_through_the_keys(capsys):
    clock = Clock()
    clock.moment = pendulum.datetime(2025, 11, 27, 15, 55, tz=TZ)
    app = create_app(AGENDA, None, now=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await take_the_meeting(keys, clock)
        await keys.press("e", "b")  # export the public and the full referat
    exported = sorted(paths.output_dir().glob("*.docx"))
    public = paragraphs(next(p for p in exported if "fuld" not in p.name))
    full = paragraphs(next(p for p in exported if "fuld" in p.name))

    assert said(public, FRONT_PAGE) == FRONT_PAGE
    assert said(full, FRONT_PAGE) == FRONT_PAGE
    for number, expected in FULL.items():
        assert said(item(full, number), expected) == expected, f"Punkt {number}"
    # the full referat's signature page: a line for each who took part (FORMAT.md), in order
    page = item(full, 8)
    signers = [page[i + 1] for i, p in enumerate(page) if p.startswith("____")]
    assert signers == [
        "Mette Juhl, A",
        "Søren Krogh, V",
        "Lise Dam (løsgænger)",
        "Peter Holm, A",
        "Anna Bech, F",
        "Hanne Vestergaard, V",
        "Karen Friis, C",
        "Birgitte Skov, A",
        "Ole Madsen, Ø",
    ]
    assert not any("beslutningsdygtig" in p for p in full)

    # Public: the closed item is its heading and its Fraværende line, nothing else.
    assert item(public, 4) == ["Punkt 4: Lukket punkt: Køb af ejendom #", ABSENT_ANNA_JONAS]
    assert not any("matr. nr. 7b" in p for p in public)
    for number in (1, 2, 3, 5, 6, 7, 8):
        assert said(item(public, number), FULL[number]) == FULL[number], f"Punkt {number}"

    with capsys.disabled():
        print(f"\nlarger meeting: {keys.count} keys (+{keys.typed} typed characters)")
    assert keys.count <= MAX_KEYS
