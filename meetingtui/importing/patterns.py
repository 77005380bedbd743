"""The words and shapes Danish agendas use: item headings, section headings, case numbers.

Collected from published dagsordener and referater (../shared/notes/AGENDA-SHAPES.md).
Matching is on whole lines: a known section heading is the whole paragraph, never the
start of a sentence, so "Økonomi til digital innovation" stays text where "Økonomi" alone
would open a section.
"""

from __future__ import annotations

import re

# An item heading: "Punkt 3: Title", "Pkt. 42 Title", "Sag nr. 129 Title", "49. Title".
_STRONG_ITEM = re.compile(
    r"^(?:punkt|pkt\.?|sag\s*nr\.?|sagsnr\.?\s*(?=\d{1,4}\b(?!/)))\s*(?P<n>\d{1,4})\b\s*[:.)\-–]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_WEAK_ITEM = re.compile(r"^(?P<n>\d{1,4})\s*[.)]\s+(?P<title>\S.*)$")

CASE = r"(?:\d{2}/\d{1,7}|\d{1,5}-\d{4}-\d{1,7}|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2}|\d{4,9})"
_CASE_LABEL = (
    r"(?:sagsnr|sags\s*nr|sagsnummer|sag\s*nr|sag|j\.?\s*nr|journalnr|journalnummer|sagsid|sags-id)"
)
_CASE_LINE = re.compile(rf"^(?:{_CASE_LABEL})\.?\s*:?\s*(?P<case>{CASE})\b", re.IGNORECASE)
_BARE_CASE = re.compile(rf"^(?P<case>{CASE})$")

# Section headings seen in Danish agendas, in the spelling to write.
KNOWN_SECTIONS = (
    "Resumé",
    "Sagens kerne",
    "Baggrund",
    "Sagsfremstilling",
    "Supplerende sagsfremstilling",
    "Beskrivelse af sagen",
    "Sagsbeskrivelse",
    "Sagens indhold",
    "Indstilling",
    "Forslag",
    "Forvaltningen indstiller",
    "Administrationen indstiller",
    "Direktionen indstiller",
    "Vurdering",
    "Administrationens vurdering",
    "Forvaltningens vurdering",
    "Økonomi",
    "Økonomiske konsekvenser",
    "Bevillingsmæssige konsekvenser",
    "Personale",
    "Personalemæssige konsekvenser",
    "Konsekvenser",
    "Risikovurdering",
    "Klimavurdering",
    "Klima",
    "Miljø",
    "Høring",
    "Høringssvar",
    "Lovgrundlag",
    "Retsgrundlag",
    "Kommunikation",
    "Beslutningskompetence",
    "Kompetence",
    "Sagsgang og sagstype",
    "Sagsgang",
    "Videre proces",
    "Tidsplan",
    "Historik",
    "Tidligere beslutninger",
    "Politisk behandling",
    "Bilag",
    "Beslutning",
)
_SECTION_KEYS = {s.casefold(): s for s in KNOWN_SECTIONS} | {"resume": "Resumé"}
# "Beslutning i Økonomiudvalget den 03-06-2026", "Indstilling fra direktionen"
_DECISION = re.compile(
    r"^beslutning(?:\s+(?:i|fra|på)\s+(?P<body>.+?))?(?:\s+den\s+(?P<date>[\d.\- ]+\d))?\s*:?$",
    re.IGNORECASE,
)
_INDSTILLING = re.compile(r"^indstilling\s+(?:fra|til)\s+\S.{0,60}$", re.IGNORECASE)

CLOSED_PREFIX = re.compile(r"^(?:lukket\s+punkt|lukket\s+sag|lukket)\s*[:\-–]\s*", re.IGNORECASE)
OPEN_PREFIX = re.compile(r"^(?:åbent\s+punkt|åben\s+sag)\s*[:\-–]\s*", re.IGNORECASE)
CLOSED_SUFFIX = re.compile(r"\s*\((?:lukket(?:\s+punkt)?|fortroligt)\)\s*$", re.IGNORECASE)
CLOSED_LABEL = re.compile(
    r"^(?:lukket\s+punkt|lukket\s+sag|lukket|for\s+lukkede\s+døre)\.?$", re.IGNORECASE
)
OPEN_LABEL = re.compile(r"^(?:åbent\s+punkt|åben\s+sag|åbent|for\s+åbne\s+døre)\.?$", re.IGNORECASE)
GROUP_CLOSED = re.compile(
    r"^(?:lukkede\s+punkter|lukket\s+dagsorden|lukket\s+møde|.*for\s+lukkede\s+døre)\s*:?$",
    re.IGNORECASE,
)
GROUP_OPEN = re.compile(
    r"^(?:åbne\s+punkter|åben\s+dagsorden|åbent\s+møde|.*for\s+åbne\s+døre)\s*:?$", re.IGNORECASE
)
CONTENTS = re.compile(
    r"^(?:indholdsfortegnelse|indhold|punkter|dagsordenpunkter|dagsorden\s*punkter|punktliste|oversigt\s+over\s+punkter)\s*:?$",
    re.IGNORECASE,
)
CONTENTS_LINE = re.compile(r"(?:\.{4,}|…{2,}|\t)\s*\d{0,4}\s*$")
ABSENT_LINE = re.compile(r"^fraværende(?:\s+i\s+mødet)?\s*[:\t ]", re.IGNORECASE)
# "Økonomiudvalget, 20. maj 2026, pkt. 65: Anbefales." (an earlier decision on the case)
EARLIER = re.compile(
    r"^(?P<body>[A-ZÆØÅ][^,:]{2,80}),\s*(?P<date>\d{1,2}\.?\s*[a-zæøå]+\.?\s*\d{4}|\d{1,2}[-.]\d{1,2}[-.]\d{4}),\s*(?:pkt|punkt|sag)\.?\s*(?P<item>\d{1,4})\s*:\s*(?P<text>.*)$"
)
# A front-page label starting a line (capitalised, as written there): it never continues
# the line above, even when a PDF sets the two close together.
FRONT_LABEL = re.compile(
    r"^(?:Mødedato|Mødested|Mødedeltagere|Mødetidspunkt|Starttidspunkt|Sluttidspunkt|"
    r"Fraværende|Afbud|(?:Udvalg|Dato|Tid|Tidspunkt|Sted|Deltagere|Medlemmer)\s*:)"
)
PAGE_LINE = re.compile(r"^(?:side\s+\d{1,4}(?:\s*(?:af|/)\s*\d{1,4})?|\d{1,4})$", re.IGNORECASE)
BULLET = re.compile(r"^[\-–•·▪■◦\u2022\u25cf\uf0b7\uf0a7\uf076\uf0d8*]\s*")


def item_heading(text: str, weak: bool = True) -> tuple[int, str, bool] | None:
    """(number, title, strong) if the text heads an item; `weak` also allows "49. Title"."""
    match = _STRONG_ITEM.match(text)
    strong = match is not None
    if match is None and weak:
        match = _WEAK_ITEM.match(text)
    if match is None:
        return None
    title = match.group("title").strip()
    if not strong and (len(title) > 200 or not title[:1].isupper() and not title[:1].isdigit()):
        return None
    return int(match.group("n")), title, strong


def section_heading(text: str) -> str | None:
    """The section heading a whole line names (in its agenda spelling), or None."""
    key = text.strip().rstrip(":").strip()
    known = _SECTION_KEYS.get(key.casefold())
    if known is not None:
        return key if not key.isupper() else known
    if _DECISION.match(key) and len(key) <= 120:
        return key
    if _INDSTILLING.match(key):
        return key
    return None


def labelled_section(text: str) -> tuple[str, str] | None:
    """("Beslutningskompetence", "KB") for a line "Beslutningskompetence: KB"."""
    label, sep, value = text.partition(":")
    if sep and value.strip() and section_heading(label) and not is_decision(label):
        return section_heading(label) or label, value.strip()
    return None


def is_decision(heading: str) -> bool:
    return _DECISION.match(heading.strip()) is not None


def decision_body(heading: str) -> str:
    match = _DECISION.match(heading.strip())
    return (match.group("body") or "").strip() if match else ""


def case_number(text: str, bare: bool) -> str | None:
    match = _CASE_LINE.match(text) or (_BARE_CASE.match(text) if bare else None)
    return match.group("case") if match else None


def is_heading_like(text: str) -> bool:
    """A line a plain-text reader must keep on its own (it may open an item or a section)."""
    text = text.strip()
    return bool(
        item_heading(text, weak=False)
        or section_heading(text)
        or CONTENTS.match(text)
        or GROUP_OPEN.match(text)
        or GROUP_CLOSED.match(text)
        or case_number(text, bare=True)
    )


_OPEN_END = re.compile(r"(?:-|\b(?:og|for|af|i|til|om|med|på|samt|under))$")


def wraps_heading(previous: str, line: str) -> bool:
    """Whether `line` continues the item heading `previous`, wrapped at the line's end."""
    return bool(
        item_heading(previous, weak=False)
        and (line[:1].islower() or line.endswith("#") or _OPEN_END.search(previous))
    )
