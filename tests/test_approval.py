"""Approval and lock (issue 12), as the secretary and the reader of the referat meet them.

The demo meeting (its bundled record, copied) is approved after the meeting: from then on
every ordinary action is refused with one Danish line and nothing is written; only dated
corrections are, and they appear in the referat where the rules say (under their item, or
on the signature page for the meeting as a whole; a closed item's only in the full
version). The full referat prints the record's fingerprint, the chain head the approval
(or the newest correction) sealed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import docx
import pendulum
import pytest
from helpers import SMALL_AGENDA, Play, small_agenda

from meetingtui import agenda as agenda_mod
from meetingtui import approval, export, fingerprint, paths, timeline, wording
from meetingtui.minutes import build
from meetingtui.minutes.model import Contents
from meetingtui.minutes.text import render
from meetingtui.record import MeetingRecord
from meetingtui.secretary import ActionError, LockedByApproval, Secretary

TZ = "Europe/Copenhagen"
LOCKED = "Referatet er godkendt den 04-12-2025 og låst: en ændring registreres som en rettelse."
# The demo's members who took part (the reference: all but the two absent all meeting).
TOOK_PART = [
    "anja-lund",
    "meho-selman",
    "karsten-byrgesen",
    "henriette-schlesinger-kaergaard",
    "lars-mogensen",
]
SIGNERS = (
    "Anja Lund, V, Meho Selman, A, Karsten Byrgesen (løsgænger), "
    "Henriette Schlesinger Kærgaard, V, Lars Mogensen, Ø"
)


class Clock:
    def __init__(self):
        self.moment = pendulum.datetime(2025, 12, 10, 13, 0, tz=TZ)

    def __call__(self):
        return self.moment


@pytest.fixture
def demo(tmp_path):
    """The demo meeting, held and closed, its record a private copy opened for writing."""
    path = tmp_path / "demo.record"
    shutil.copyfile(paths.DEMO_RECORD, path)
    path.chmod(0o600)
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    secretary = Secretary(agenda, MeetingRecord(path, agenda.sha256), now=Clock())
    yield secretary
    secretary.record.close()


def text_of(secretary, full: bool) -> str:
    return render(build(secretary.state, full=full))


def section(text: str, heading: str) -> str:
    """The referat text from an item's heading to the next item's."""
    start = text.index(heading)
    end = text.find("\n\nPunkt ", start + len(heading))
    return text[start : end if end != -1 else len(text)]


# -- the approval ---------------------------------------------------------------------------
def test_the_members_who_took_part_are_preselected(demo):
    assert demo.approvers() == TOOK_PART


def test_approval_is_kept_in_the_record_and_locks_it_when_reopened(demo, tmp_path):
    head = demo.record.head
    demo.approve("04-12-2025", "signed", TOOK_PART)
    path = demo.record.path
    demo.record.close()
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    again = Secretary(agenda, MeetingRecord(path, agenda.sha256), now=Clock())
    try:
        approval = again.state.approval
        assert approval is not None and again.locked
        assert (approval.how, approval.by, approval.seal) == ("signed", tuple(TOOK_PART), head)
        assert approval.when == pendulum.datetime(2025, 12, 4, tz=TZ)
        with pytest.raises(LockedByApproval, match=LOCKED):
            again.set_decision("Noget andet.", "eventuelt")
    finally:
        again.record.close()
    demo.record = MeetingRecord(path, agenda.sha256)  # for the fixture to close


def _ordinary_actions(secretary):
    """Every action that records something, each as the UI would call it."""
    return {
        "decision": lambda: secretary.set_decision("Godkendt.", "eventuelt"),
        "summary": lambda: secretary.set_summary("Nyt resumé.", "udbudsproces"),
        "postpone": lambda: secretary.postpone("eventuelt"),
        "add item": lambda: secretary.add_item("Hastesag"),
        "open again": lambda: secretary.open_meeting("12.00"),
        "close again": lambda: secretary.close_meeting("12.00"),
        "roll call": lambda: secretary.set_roll("jens-wistoft", "present"),
        "chair": lambda: secretary.set_chair("meho-selman"),
        "substitute": lambda: secretary.substitute("jens-wistoft", "Ole Olsen", "V"),
        "arrive": lambda: secretary.arrive("jens-wistoft", "11.00"),
        "leave": lambda: secretary.leave("anja-lund", "11.00"),
        "break": lambda: secretary.suspend("11.00"),
        "resume": lambda: secretary.resume("11.10"),
        "not taking part": lambda: secretary.not_taking_part("anja-lund", "inhabil", "eventuelt"),
        "taking part": lambda: secretary.taking_part("anja-lund", "eventuelt"),
        "vote": lambda: secretary.vote(["anja-lund"], [], [], "eventuelt"),
        "dissent": lambda: secretary.dissent("anja-lund", "Imod.", "eventuelt"),
        "undo": secretary.undo,
        "remove": lambda: secretary.retract(3),
        "fix a time": lambda: secretary.amend_time(3, "10.01"),
    }


def test_after_approval_every_ordinary_action_is_refused_and_nothing_is_recorded(demo):
    demo.approve("04-12-2025", "signed", TOOK_PART)
    before = demo.record.path.read_bytes()
    count = len(demo.record.events)
    for name, action in _ordinary_actions(demo).items():
        with pytest.raises(LockedByApproval) as refused:
            action()
        assert str(refused.value) == LOCKED, name
    assert len(demo.record.events) == count
    assert demo.record.path.read_bytes() == before


def test_the_decision_editor_saving_unchanged_text_is_not_refused(demo):
    """Leaving an item saves its decision as typed: unchanged, nothing to refuse or record."""
    demo.approve("04-12-2025", "signed", TOOK_PART)
    count = len(demo.record.events)
    kept = demo.state.item("eventuelt").decision
    assert not demo.set_decision(kept, "eventuelt")
    assert len(demo.record.events) == count


def test_an_open_meeting_cannot_be_approved(tmp_path):
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    clock = Clock()
    clock.moment = pendulum.datetime(2025, 11, 20, 10, 30, tz=TZ)
    record = MeetingRecord(tmp_path / "open.record", agenda.sha256)
    secretary = Secretary(agenda, record, now=clock)
    try:
        secretary.open_meeting("10.00")
        count = len(record.events)
        with pytest.raises(ActionError, match="Mødet er ikke afsluttet"):
            secretary.approve("20-11-2025", "signed", TOOK_PART)
        assert len(record.events) == count and not secretary.locked
    finally:
        record.close()


@pytest.mark.parametrize(
    ("when", "by", "message"),
    [
        ("04-12-2025", ["anja-lund", "ole"], "Ukendt medlem: »ole« er ikke medlem af"),
        ("04-12-2025", [], "Vælg mindst ét medlem"),
        ("31-11-2025", TOOK_PART, "Datoen »31-11-2025« findes ikke."),
        ("4. december", TOOK_PART, "kan ikke læses (forventet DD-MM-ÅÅÅÅ eller ÅÅÅÅ-MM-DD)"),
        ("19-11-2025", TOOK_PART, "før mødet sluttede den 20-11-2025"),
        ("11-12-2025", TOOK_PART, "Den 11-12-2025 er endnu ikke kommet."),
    ],
)
def test_an_approval_that_does_not_fit_is_refused_with_nothing_recorded(demo, when, by, message):
    count = len(demo.record.events)
    with pytest.raises(ActionError, match=re.escape(message)):
        demo.approve(when, "signed", by)
    assert len(demo.record.events) == count and not demo.locked


def test_a_rehearsal_is_not_approved(tmp_path):
    path = tmp_path / "proeve.record"
    shutil.copyfile(paths.DEMO_RECORD, path)
    path.chmod(0o600)
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    record = MeetingRecord(path, agenda.sha256)
    secretary = Secretary(agenda, record, now=Clock(), mode=timeline.Mode.REHEARSAL)
    try:
        with pytest.raises(ActionError, match=r"En prøvegennemgang \(PRØVE\)"):
            secretary.approve("04-12-2025", "signed", TOOK_PART)
        assert not secretary.locked
    finally:
        record.close()


def test_a_second_approval_is_refused(demo):
    demo.approve("04-12-2025", "signed", TOOK_PART)
    with pytest.raises(LockedByApproval, match="allerede godkendt den 04-12-2025"):
        demo.approve("05-12-2025", "own_system", TOOK_PART)
    assert demo.state.approval is not None and demo.state.approval.how == "signed"


# -- what the referat says ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("how", "sentence"),
    [
        ("signed", "Referatet er godkendt ved underskrift den 04-12-2025."),
        (
            "next_meeting",
            "Referatet er godkendt på Digitaliserings- og Innovationsudvalgets møde den 04-12-2025.",
        ),
        (
            "own_system",
            "Referatet er godkendt i Digitaliserings- og Innovationsudvalgets eget system "
            "den 04-12-2025.",
        ),
    ],
)
def test_the_signature_page_says_how_when_and_by_whom(demo, how, sentence):
    demo.approve("04-12-2025", how, TOOK_PART)
    for full in (False, True):
        page = section(text_of(demo, full), "Punkt 7: Underskriftsside")
        assert f"\n\n{sentence}\n\nGodkendt af {SIGNERS}\n" in page


def newest_line_hash(secretary) -> str:
    """The SHA-256 of the record's last line as it stands in the file (after its checksum)."""
    return hashlib.sha256(secretary.record.path.read_bytes().splitlines()[-1][9:]).hexdigest()


def test_the_full_docx_prints_the_fingerprint_sealed_at_approval_and_the_public_does_not(
    demo, tmp_path
):
    demo.approve("04-12-2025", "signed", TOOK_PART, note="Underskrevet på mødet 04-12-2025.")
    full = export.export(demo.state, full=True, output=tmp_path / "full")
    public = export.export(demo.state, full=False, output=tmp_path / "public")
    head = newest_line_hash(demo)  # the approval's own line: its date, way and names too
    paragraphs = {p.text: p.style.name for p in docx.Document(str(full)).paragraphs}
    groups = " ".join(head[i : i + 8] for i in range(0, 64, 8))
    assert paragraphs[f"Fingeraftryk (SHA-256): {groups}"] == "Fingeraftryk"
    assert "Underskrevet på mødet 04-12-2025." in paragraphs
    text = "\n".join(paragraphs)
    assert fingerprint.find(text) == head
    public_text = [p.text for p in docx.Document(str(public)).paragraphs]
    assert "Referatet er godkendt ved underskrift den 04-12-2025." in public_text
    assert not any("Fingeraftryk" in p or "Underskrevet på" in p for p in public_text)


def test_a_correction_replaces_the_decision_and_says_what_it_read_before(demo):
    demo.approve("04-12-2025", "signed", TOOK_PART)
    demo.correct(
        "Beslutningen var skrevet forkert: der blev stillet et spørgsmål om budgettet.",
        "eventuelt",
        "decision",
        "Ingen bemærkninger ud over et spørgsmål om budgettet.",
        when="09-12-2025",
    )
    for full in (False, True):
        item = section(text_of(demo, full), "Punkt 6: Eventuelt")
        assert "\n\nIngen bemærkninger ud over et spørgsmål om budgettet.\n\n" in item
        assert (
            "Rettelse 09-12-2025: Beslutningen var skrevet forkert: der blev stillet et "
            "spørgsmål om budgettet.\n\n"
            'Beslutningen lød før rettelsen: "Ingen bemærkninger."'
        ) in item
        # after the decision and its sentences, before Fraværende
        assert item.index("deltog ikke i sagens behandling") < item.index("Rettelse 09-12-2025")
        assert item.index("Rettelse 09-12-2025") < item.index("Fraværende")
    full = text_of(demo, True)
    assert fingerprint.find(full) == newest_line_hash(demo)  # the correction's own line


def test_a_postponed_items_correction_quotes_the_udsat_the_referat_printed(demo):
    """Postponed (u), its typed text then cleared: the referat prints "Udsat.", and so
    does the correction's "before"; correcting it to "Udsat." changes nothing."""
    demo.postpone("eventuelt")
    demo.set_decision("", "eventuelt")
    assert "\n\nUdsat.\n\n" in section(text_of(demo, False), "Punkt 6: Eventuelt")
    demo.approve("04-12-2025", "signed", TOOK_PART)
    with pytest.raises(ActionError, match="den samme som før"):
        demo.correct("Tekst.", "eventuelt", "decision", "Udsat.")
    demo.correct("Punktet blev behandlet.", "eventuelt", "decision", "Taget til efterretning.")
    for full in (False, True):
        item = section(text_of(demo, full), "Punkt 6: Eventuelt")
        assert 'Beslutningen lød før rettelsen: "Udsat."' in item
        assert "ingen beslutning" not in item and "\n\nTaget til efterretning.\n\n" in item


def test_a_summary_correction_of_an_open_item_is_refused(demo):
    """An open item's referat prints no summary: a corrected one would show nowhere."""
    demo.approve("04-12-2025", "signed", TOOK_PART)
    count = len(demo.record.events)
    with pytest.raises(ActionError, match="Kun et lukket punkt har et offentligt resumé"):
        demo.correct("Resuméet manglede.", "eventuelt", "summary", "Et resumé.")
    assert len(demo.record.events) == count


@pytest.mark.parametrize("typed", ["04-12-2025", "4.12.2025", "04/12/2025", "2025-12-04"])
def test_the_approval_date_reads_danish_and_iso_dates(demo, typed):
    found = demo.approve(typed, "signed", TOOK_PART)
    assert found.when.date() == pendulum.date(2025, 12, 4)


def test_a_wrong_correction_is_corrected_by_another_not_by_undo(demo):
    demo.approve("04-12-2025", "signed", TOOK_PART)
    demo.correct("Første rettelse.", "eventuelt", "decision", "Forkert tekst.", when="08-12-2025")
    with pytest.raises(LockedByApproval, match=LOCKED):
        demo.undo()
    demo.correct("Rettelsen 08-12-2025 var forkert.", "eventuelt", "decision", "Rigtig tekst.")
    item = section(text_of(demo, False), "Punkt 6: Eventuelt")
    assert "\n\nRigtig tekst.\n\n" in item and "\n\nForkert tekst.\n\n" not in item
    assert item.index("Rettelse 08-12-2025: Første rettelse.") < item.index(
        "Rettelse 10-12-2025: Rettelsen 08-12-2025 var forkert."
    )
    assert 'Beslutningen lød før rettelsen: "Forkert tekst."' in item


def test_a_correction_of_the_meeting_follows_the_approval_as_it_happened(demo):
    demo.approve("04-12-2025", "signed", TOOK_PART)
    demo.correct("Lars Mogensen var til stede fra mødets start.", when="09-12-2025")
    for full in (False, True):
        page = section(text_of(demo, full), "Punkt 7: Underskriftsside")
        note = "Rettelser efter godkendelsen\n\nRettelse 09-12-2025: Lars Mogensen var til stede"
        assert note in page
        assert page.index("Referatet er godkendt ved underskrift") < page.index(note)
        if full:
            assert page.index("______________________________ Anja Lund, V") < page.index(note)
            # the fingerprint seals everything above it: it comes last
            assert page.index(note) < page.index("Fingeraftryk (SHA-256):")


def test_a_correction_of_a_closed_item_stands_in_the_full_referat_only(demo):
    demo.approve("04-12-2025", "signed", TOOK_PART)
    demo.correct("Tilbudsgiverens navn var stavet forkert.", "udbudsproces", when="09-12-2025")
    demo.correct(
        "Resuméet nævnte ikke kontraktens varighed.",
        "udbudsproces",
        "summary",
        "Udvalget godkendte udbuddet; kontrakten løber i fire år.",
        when="09-12-2025",
    )
    full = section(text_of(demo, True), "Punkt 2: Lukket punkt")
    public = section(text_of(demo, False), "Punkt 2: Lukket punkt")
    assert "Rettelse 09-12-2025: Tilbudsgiverens navn var stavet forkert." in full
    assert "Rettelse 09-12-2025: Resuméet nævnte ikke kontraktens varighed." in full
    assert "Tilbudsgiverens" not in public and "varighed" not in public
    # the public summary is public: corrected, with only the dated line
    assert "Udvalget godkendte udbuddet; kontrakten løber i fire år." in public
    assert "Rettelse 09-12-2025: det offentlige resumé er rettet." in public


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Tekst.", "findes-ikke"), "Punktet 'findes-ikke' findes ikke."),
        (("Tekst.", None, "decision", "Ny."), "hører til et punkt"),
        (("Tekst.", "eventuelt", None, "Ny."), "beslutningen eller resuméet"),
        (("Tekst.", "eventuelt", "decision", "Ingen bemærkninger."), "den samme som før"),
        (("  ",), "Skriv, hvad der var forkert"),
        (("Tekst.", None, None, None, "03-12-2025"), "fra før godkendelsen den 04-12-2025"),
    ],
)
def test_a_correction_that_does_not_fit_is_refused(demo, args, message):
    demo.approve("04-12-2025", "signed", TOOK_PART)
    count = len(demo.record.events)
    with pytest.raises(ActionError, match=re.escape(message)):
        demo.correct(*args)
    assert len(demo.record.events) == count


def test_before_approval_a_correction_is_refused_and_edits_are_made_as_ever(demo):
    with pytest.raises(ActionError, match="Referatet er ikke godkendt"):
        demo.correct("Tekst.")
    assert demo.set_decision("Ingen bemærkninger; et spørgsmål om budgettet.", "eventuelt")


def test_the_history_tells_both_in_danish(demo):
    demo.approve("04-12-2025", "next_meeting", TOOK_PART)
    demo.correct("Et navn var stavet forkert.", "eventuelt", when="09-12-2025")
    lines = [line for _, line in demo.history()[:2]]
    assert lines == [
        "Rettelse 09-12-2025 i punkt 6: Et navn var stavet forkert.",
        "Referatet godkendt på næste møde den 04-12-2025",
    ]


def test_an_approved_referat_exports_without_new_problems(demo):
    found = [str(p) for p in demo.problems()]
    demo.approve("04-12-2025", "signed", TOOK_PART)
    demo.correct("Et navn var stavet forkert.", when="09-12-2025")
    assert [str(p) for p in demo.problems()] == found


def test_a_referat_made_before_any_approval_has_no_approval_styles(tmp_path):
    """An earlier record exports as it did: not even an unused style is added."""
    from meetingtui import session

    opened = session.open_demo_session()
    try:
        path = export.export(opened.state(), full=True, output=tmp_path)
    finally:
        opened.record.close()
    names = {style.name for style in docx.Document(str(path)).styles}
    assert not {"Rettelse", "Fingeraftryk"} & names
    assert "Fingeraftryk" not in "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


# -- who approved, and a meeting without an Underskriftsside ---------------------------------
def _held(agenda) -> Play:
    """Bo Berg's substitute sits in his seat all meeting; Hans Holm is away."""
    play = Play(agenda)
    play.roll_call("bo", "afbud")
    play.substitute("bo", "Cecilie Dam", "A")
    play.roll_call("hans", "absent")
    play.open_meeting("10:00")
    play.take_item("budget", "10:00", "10:20")
    play.close_meeting("10:30")
    return play


def _approve(play: Play, by: list[str]) -> None:
    when = play.at("00:00").add(days=3).isoformat()
    play.add("approved", time=when, how="signed", by=by, seal="ab" * 32)


def test_a_seat_whose_substitute_took_part_is_named_by_the_substitute():
    play = _held(small_agenda())
    assert "bo" in approval.took_part(play.state())
    assert "hans" not in approval.took_part(play.state())
    _approve(play, ["hans", "bo", "anja"])  # Hans added by the secretary, in any order
    page = section(play_text(play, full=False), "Punkt 7: Underskriftsside")
    assert "Godkendt af Anja Lund, V, Cecilie Dam, A, Hans Holm (løsgænger)" in page


def test_without_an_underskriftsside_the_approval_has_a_section_of_its_own():
    source = SMALL_AGENDA.format(quorum="")
    source = source[: source.index('[[items]]\nid = "underskriftsside"')]
    agenda = agenda_mod.parse(source.encode("utf-8"), Path("uden-underskrift.toml"))
    play = _held(agenda)
    _approve(play, ["anja"])
    for full in (False, True):
        text = play_text(play, full)
        tail = text[text.rindex("Referatets godkendelse") :]
        assert "Referatet er godkendt ved underskrift den 23-11-2025." in tail
        assert ("Fingeraftryk (SHA-256): " in tail) == full
    contents = next(b for b in build(play.state()).blocks if isinstance(b, Contents))
    assert not any("godkendelse" in entry for entry in contents.entries)  # not an item


def play_text(play: Play, full: bool) -> str:
    return render(build(play.state(), full=full))


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Økonomiudvalget", "Økonomiudvalgets"),
        ("Udvalget for Klima og Miljø", "Udvalget for Klima og Miljøs"),  # group genitive
        ("Ældrerådet i Fredensborg Kommune", "Ældrerådet i Fredensborg Kommunes"),
        (
            "Bestyrelsen for Movia Trafikselskab Sjællands",
            "Bestyrelsen for Movia Trafikselskab Sjællands'",
        ),
    ],
)
def test_the_body_is_named_in_the_genitive(body, named):
    sentence = wording.approved("next_meeting", body, pendulum.date(2025, 12, 4))
    assert sentence == f"Referatet er godkendt på {named} møde den 04-12-2025."
