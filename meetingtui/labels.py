"""The Danish words the secretary and the chair see on screen: one home for every label.

The referat's own sentences live in `wording`; this module holds the labels of the
screens, the chair's views and the history list. Plain Python: the core and the UI
both read it, so a label is written once and never disagrees with itself.
"""

from __future__ import annotations

from meetingtui.notices import NoticeCode

# Roll call: a member's status before the meeting (events.ROLL_STATUSES).
ROLL_STATUS = {"present": "til stede", "afbud": "afbud", "absent": "fraværende uden afbud"}

# Why a member does not take part in an item (events.REASONS).
REASON = {"inhabil": "inhabil", "left_room": "forlod lokalet", "other": "anden grund"}

NOTICE_TEXTS = {
    NoticeCode.TORN_WRITE_DROPPED: "Den sidste registrering fra før afbrydelsen blev aldrig "
    "skrevet færdig og er udeladt; alt, der var vist som gemt, er med. Filen, som den var, "
    "er gemt som sikkerhedskopi.",
    NoticeCode.TORN_WRITE_IGNORED: "Den sidste registrering fra før afbrydelsen blev aldrig "
    "skrevet færdig og er ikke vist.",
    NoticeCode.AGENDA_CHANGED: "Dagsordensfilen er ændret, siden mødet blev startet. "
    "Kontrollér at punkterne stadig passer.",
}
