"""The Danish words the secretary and the chair see on screen: one home for every shared label.

The referat's own sentences live in `wording`; this module holds the labels that more than
one place shows (screens, the chair's views, the history list, the pre-export check).
Plain Python: the core and the UI both read it, so a label is written once and never
disagrees with itself. Labels used by a single screen only stay beside that screen.
"""

from __future__ import annotations

import errno

import pendulum

from meetingtui import wording
from meetingtui.notices import NoticeCode

# -- attendance ------------------------------------------------------------------------------

# Roll call: a member's status before the meeting (events.ROLL_STATUSES).
ROLL_STATUS = {
    "present": "til stede",
    "afbud": "afbud",
    "absent": "fraværende uden afbud",
    "later": "kommer senere",
}

# Why a member does not take part in an item (events.REASONS).
REASON = {"inhabil": "inhabil", "left_room": "forlod lokalet", "other": "anden grund"}

# An arrival or a departure (Movement.kind), in running text: "Anja Lund ankom kl. 10.40".
MOVED = {"arrived": "ankom", "left": "gik"}

# A seat in the chair's overview once people have come and gone.
SEAT_IN_ROOM = ROLL_STATUS["present"]
SEAT_GONE = "gået"


def seat_substitute(member: str) -> str:
    """The status of a seat a substitute sits in: 'stedfortræder for Jens Wistoft'."""
    return f"stedfortræder for {member}"


# The Underskriftsside is signed by those who took part, not decided (the main screen, the
# pre-export check, the status line): no decision, vote, dissent or quorum warning there.
SIGNATURE_PAGE = "Underskriftssiden har ingen beslutning, afstemning eller afvigende mening."

# -- the chair's table -------------------------------------------------------------------------

CHAIR_QUORUM = {True: "JA, beslutningsdygtigt", False: "NEJ, ikke beslutningsdygtigt"}
CHAIR_COLUMNS = ("Medlem", "Parti", "Status", "Deltager i punktet")
CHAIR_TAKING_PART = {True: "ja", False: "nej"}
CHAIR_NOT_OPENED = "Mødet er ikke åbnet endnu (tallene bygger på navneopråbet)."
CHAIR_MOVEMENTS = "Ankomster og afgange"


def chair_counts(in_room: int, seats: int) -> str:
    return f"Til stede: {in_room} af {seats} medlemmer."


def chair_quorum_counts(counted: int, needed: int) -> str:
    return f"({counted} deltager, {needed} kræves)"


def chair_now(item: str) -> str:
    return f"Nu: {item}"


def chair_duration(text: str, closed: bool) -> str:
    return f"Mødets varighed: {text}" if closed else f"Mødet har varet {text}"


def chair_lowest(count: int, item: str) -> str:
    return f"Færrest deltagende: {count} ({item})"


def chair_quorum_lost(item: str, time: str) -> str:
    return f"Ikke beslutningsdygtigt fra {item} (taget op kl. {time})"


# -- the decision: quick texts (F2-F6) ----------------------------------------------------------

POSTPONE = "postpone"
"""The quick text that also postpones the item."""


def quick_texts(body: str, higher: str) -> dict[str, str]:
    """The quick decision texts by name, in key order (F2, F3, ...); POSTPONE postpones too."""
    recommend = (
        f"{body} anbefaler indstillingen over for {higher}."
        if higher
        else "Indstillingen anbefales."
    )
    return {
        "recommend": recommend,
        "approved": "Indstillingen godkendt.",
        "information": "Til orientering.",
        "no_remarks": "Ingen bemærkninger.",
        POSTPONE: wording.postponed(),
    }


# -- saving --------------------------------------------------------------------------------------

# The save status line (ui.save_status.SaveStatus, by value).
SAVE_STATUS = {"saved": "✓ Gemt", "typing": "✎ Gemmer…", "failed": "⚠ IKKE GEMT"}

# Why the disk refused a write, by the OSError's errno.
SAVE_CAUSES = {
    errno.ENOSPC: "Disken er fuld.",
    errno.EDQUOT: "Diskkvoten er brugt op.",
    errno.EROFS: "Disken er blevet skrivebeskyttet.",
    errno.EACCES: "Der er ikke tilladelse til at skrive i filen.",
    errno.EPERM: "Der er ikke tilladelse til at skrive i filen.",
    errno.EIO: "Disken melder en fejl.",
}
SAVE_CAUSE_UNKNOWN = "Disken afviser at gemme."


QUIT_UNSAVED_TITLE = "⚠ Ikke alt er gemt"


def quit_unsaved(count: int) -> str:
    """What quitting now would cost, in the dialog Ctrl+Q shows while the disk refuses."""
    what = "1 registrering er" if count == 1 else f"{count} registreringer er"
    return (
        f"{what} ikke gemt. Afslutter du nu, går de tabt. Gem registreringen et andet "
        "sted (fx på et USB-stik), eller prøv igen."
    )


def lost_on_exit(count: int) -> str:
    """Printed after the app when it quit with registrations the disk refused."""
    what = "1 registrering" if count == 1 else f"{count} registreringer"
    return f"meetingtui: {what} kunne ikke gemmes og er tabt (disken afviste at gemme)."


def saved_elsewhere_on_exit(path: object) -> str:
    """Printed after the app when, told to stop, it saved the record in another place."""
    return (
        f"meetingtui: disken afviste at gemme; hele registreringen er gemt i {path}. "
        f"Fortsæt mødet med --record {path}"
    )


EXPORT_REFUSED = "Mappen kan ikke skrives i, eller disken er fuld."


def export_failed(variant: str, cause: str, detail: object) -> str:
    """The export screen's line when a referat could not be written."""
    return (
        f"⚠ {variant} referat kunne ikke gemmes. {cause} Tryk m for at gemme det i en "
        f"anden mappe (fx på et USB-stik). ({detail})"
    )


def save_cause(error_number: int | None) -> str:
    """Why a write failed, in Danish: the errno's cause, or a general one."""
    if error_number is None:
        return SAVE_CAUSE_UNKNOWN
    return SAVE_CAUSES.get(error_number, SAVE_CAUSE_UNKNOWN)


# -- notices from the core when a meeting is opened ---------------------------------------------

NOTICE_TEXTS = {
    NoticeCode.TORN_WRITE_DROPPED: "Den sidste registrering fra før afbrydelsen blev aldrig "
    "skrevet færdig og er udeladt; alt, der var vist som gemt, er med. Filen, som den var, "
    "er gemt som sikkerhedskopi.",
    NoticeCode.TORN_WRITE_IGNORED: "Den sidste registrering fra før afbrydelsen blev aldrig "
    "skrevet færdig og er ikke vist.",
    NoticeCode.AGENDA_CHANGED: "Dagsordensfilen er ændret, siden mødet blev startet. "
    "Kontrollér at punkterne stadig passer.",
    NoticeCode.RECORD_ON_NETWORK_DRIVE: "Mødets fil ligger på et netværksdrev. Dér kan en "
    "anden computer måske skrive i den samtidig, og en registrering, der er vist som gemt, "
    "kan gå tabt, hvis forbindelsen svigter. Gem mødet på computerens egen disk, hvis du kan.",
    NoticeCode.RECORD_MADE_PRIVATE: "Mødets fil kunne læses af andre brugere på computeren. "
    "Den er nu kun tilgængelig for dig, som alle mødefiler skal være.",
    NoticeCode.RECORD_NOT_PRIVATE: "Mødets fil kan læses af andre, og disken (fx et USB-stik "
    "eller et netværksdrev) kan ikke begrænse adgangen. Gem mødet på computerens egen disk, "
    "hvis det indeholder lukkede punkter.",
}


# -- the home screen (`meetingtui` without arguments) ------------------------------------------

HOME_SUBTITLE = "Møder"
HOME_INTRO = "Vælg et møde med ↑↓ og Enter, eller tast dets nummer. q afslutter."
HOME_DEMO = "Demo"
HOME_DEMO_NOTE = "eksempelmødet, der følger med programmet"

# Where a meeting stands (meetings.Stage, by value): a mark and words, never colour alone.
HOME_STAGE = {
    "not_started": "○ ikke startet",
    "roll_call": "◐ navneopråb i gang",
    "in_progress": "▶ i gang",
    "closed": "✓ lukket",
    "unreadable": "⚠ kan ikke læses",
    "damaged": "⚠ mødets fil er beskadiget",
    "no_agenda": "? dagsordenen kendes ikke",
}
HOME_READY_TO_EXPORT = "klar til eksport (tast e i mødet)"
HOME_DAMAGED_OFFER = "Enter tilbyder en kopi af det, der kan læses"


def home_meeting(body: str, start: pendulum.DateTime) -> str:
    """'Digitaliserings- og Innovationsudvalget, 20-11-2025 kl. 10.00'."""
    return f"{body}, {home_when(start)}"


def home_at_item(number: int, items: int) -> str:
    return f"punkt {number} af {items}"


def home_items(items: int) -> str:
    return "1 punkt" if items == 1 else f"{items} punkter"


def home_when(moment: pendulum.DateTime) -> str:
    """'20-11-2025 kl. 10.42'."""
    return f"{wording.date_short(moment)} kl. {wording.time_of_day(moment)}"


def home_last_registration(moment: pendulum.DateTime) -> str:
    return f"sidste registrering {home_when(moment)}"


def home_closed_at(moment: pendulum.DateTime) -> str:
    return f"kl. {wording.time_of_day(moment)}"


def home_approved(day: pendulum.DateTime) -> str:
    return f"referatet godkendt {wording.date_short(day)} og låst"


def home_held_by(holder: str) -> str:
    """The record is open in another window now (the lock's holder, in English)."""
    return f"åben i et andet vindue ({holder})"


def home_no_agenda(record: object) -> str:
    """What to do with a record whose agenda the app does not know."""
    return f"Åbn det med dets dagsorden: meetingtui DAGSORDEN --record {record}"


def home_where(folder: object, data: object) -> str:
    return f"Dagsordener fra {folder}/ og dem, der er åbnet før. Referaterne gemmes i {data}."


RECORD_DAMAGED = "Mødets fil er beskadiget."


def recover_question(readable_events: int) -> str:
    """Asked when a meeting's record is damaged: continue in a copy of what can be read."""
    return (
        f"Åbn en kopi med de {readable_events} hændelser, der kan læses? "
        "Den beskadigede fil røres ikke."
    )


RECOVER_YES = "Ja, åbn en kopi"
RECOVER_NO = "Nej"


def recovered(target: object, events: int, left_out: int) -> str:
    """The app continues in the recovered copy."""
    lost = f"; {left_out} linjer kunne ikke læses og er udeladt" if left_out else ""
    return f"Fortsætter i {target} ({events} hændelser){lost}."


# -- approval and corrections (the app's G and R, the status of a locked record) --------------

# How the referat was approved (eventkinds.approval.HOWS), as the approve dialog offers it.
APPROVAL_HOW = {
    "signed": "Underskrevet på papir",
    "next_meeting": "Godkendt på næste møde",
    "own_system": "Godkendt i eget system",
}
APPROVE_NOT_CLOSED = (
    "Referatet godkendes, når mødet er afsluttet (x afslutter det); bagefter låser godkendelsen."
)
APPROVE_REHEARSAL = "En prøvegennemgang (PRØVE) er ikke et møde: dens referat godkendes ikke."
APPROVE_LOCKS = (
    "Ctrl+S godkender og låser referatet: derefter ændres det kun med en dateret "
    "rettelse (R), som referatet viser."
)
CORRECT_NOT_APPROVED = (
    "Referatet er ikke godkendt: ret det som hidtil (d, F2-F6, r …). "
    "Rettelser (R) er til et godkendt, låst referat."
)
APPROVED_NOW_LOCKED = "Referatet er nu låst: en ændring registreres som en rettelse (R)."
HISTORY_LOCKED = "Referatet er godkendt og låst: ret med en rettelse (R på mødeskærmen) · Esc luk"
WHOLE_MEETING = "Mødet som helhed"
# The decision editor's title: its keys, or why it takes none.
DECISION_KEYS = (
    "Beslutning · d skriv · F2 anbefaler · F3 godkendt · F4 til orientering · "
    "F5 ingen bemærkninger · F6 udsat · F8 punktet slut · Esc færdig"
)
DECISION_LOCKED = "Beslutning · godkendt og låst · R rettelse"


def correction_choice(field: str | None, where: str) -> str:
    """What a correction changes (eventkinds.approval.FIELDS; None: in words only), and
    where ('punkt 3', 'mødet som helhed')."""
    if field == "decision":
        return f"Beslutningen i {where}"
    if field == "summary":
        return f"Det offentlige resumé i {where}"
    return f"Anden rettelse, {where} (kun forklaringen)"


def approved_heading(day: pendulum.DateTime) -> str:
    """The status of an approved record, in the heading: 'Godkendt 04-12-2025 · låst'."""
    return f"Godkendt {wording.date_short(day)} · låst"
