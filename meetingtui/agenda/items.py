"""The rules of an agenda's items: fields, sections, earlier decisions, attachments, kinds.

Format 1 items hold four fixed section keys (`resume`, `sagsfremstilling`,
`klimavurdering`, `indstilling`) and `bilag`; format 2 items hold `[[items.sections]]`
(any headings, in order), `attachments` and `[[items.earlier]]`. Both become the same
Item. The kind rules (one Underskriftsside, last; Eventuelt open and without case text;
an item titled like one of them is of that kind) refuse a format-2 file; a format-1 file
keeps loading as it always did, and `check` shows them as notes.
"""

from __future__ import annotations

import re

import pendulum

from meetingtui.agenda.fields import _kind, _label, bad_character, one_line_problem
from meetingtui.agenda.members import MemberReader
from meetingtui.agenda.model import (
    KINDS,
    SECTION_TITLES,
    SECTIONS,
    Earlier,
    Item,
    Section,
    has_words,
)
from meetingtui.text_input import nfc

CASE_1 = re.compile(r"[0-9]{2}/[0-9]{1,7}")
# Format 2: the shapes Danish case systems write (23/11174, 2023/1234, 306-2009-600,
# 299835, 27.00.00-A00-1-24, EMN-2023-01234): letters and digits in groups joined by
# / - or ., with at least one digit, at most 40 characters.
CASE_2 = re.compile(r"(?=.*[0-9])[0-9A-Za-zÆØÅæøå]+(?:[./-][0-9A-Za-zÆØÅæøå]+){0,7}")
CASE_LIMIT = 40
CASE_EXAMPLES = "fx 23/11174, 306-2009-600, 299835 eller 27.00.00-A00-1-24"
ITEM_KEYS_1 = {"id", "title", "case", "closed", "flag", "kind", "bilag", "invented", *SECTIONS}
ITEM_KEYS_2 = {
    "id",
    "title",
    "case",
    "closed",
    "flag",
    "kind",
    "attachments",
    "sections",
    "earlier",
    "invented",
}
SECTION_KEYS = {"heading", "text"}
EARLIER_KEYS = {"body", "date", "item", "text"}
# What a title says when the item is Eventuelt or the Underskriftsside (casefolded letters).
KIND_TITLES = {"eventuelt": "eventuelt", "underskriftsside": "underskriftsside"}
KIND_NAMES = {"eventuelt": "Eventuelt", "underskriftsside": "Underskriftsside"}


class ItemReader(MemberReader):
    """Reads [[items]]; `format` is the file's format (1 or 2)."""

    format = 2
    notes: list[str]

    def item(self, table: dict, where: tuple, number: int) -> Item:
        version_keys = ITEM_KEYS_2 if self.format == 2 else ITEM_KEYS_1
        self.item_keys(table, version_keys, where)
        title = self.text(table, (*where, "title"))
        item_id = self.id(table, where, title or f"item-{where[1] + 1}")
        case = self.case(table, where)
        what = f"en slags punkt (forventet et af: {', '.join(KINDS)})"
        kind = self.choice(table, where, "kind", KINDS, "sag", what) or "sag"
        if self.format == 2:
            sections = self.sections(table, where)
            earlier = self.earlier(table, where)
            attachments = self.attachments(table, (*where, "attachments"))
        else:
            sections = self.fixed_sections(table, where)
            earlier = ()
            attachments = self.attachments(table, (*where, "bilag"))
        return Item(
            id=item_id,
            title=title,
            case=case,
            closed=self.flag(table, (*where, "closed")),
            flag=self.flag(table, (*where, "flag")),
            kind=kind,
            sections=sections,
            bilag=attachments,
            invented=self.flag(table, (*where, "invented")),
            earlier=earlier,
            number=number,
        )

    def item_keys(self, table: dict, allowed: set[str], where: tuple) -> None:
        """Unknown fields; a format-1 key in a format-2 file says how it is written now."""
        for key in sorted(set(table) - allowed):
            if self.format == 2 and key in (*SECTIONS, "bilag"):
                how = (
                    'attachments = ["..."]'
                    if key == "bilag"
                    else f'[[items.sections]] med heading = "{SECTION_TITLES[key]}" og text'
                )
                self.problem(
                    (*where, key), f"er et felt fra format 1 (forventet i format 2: {how})"
                )
            else:
                self.problem(
                    (*where, key), f"ukendt felt (forventet et af: {', '.join(sorted(allowed))})"
                )

    def case(self, table: dict, where: tuple) -> str:
        value = table.get("case")
        if self.format == 2 and isinstance(value, int) and not isinstance(value, bool):
            table = {"case": str(value)}  # a bare case number written without quotes
        case = self.text(table, (*where, "case"), required=False)
        if not case:
            return ""
        if self.format == 1 and not CASE_1.fullmatch(case):
            self.problem(
                (*where, "case"),
                f"{case!r} er ikke et sagsnummer (forventet ÅÅ/NNNNN, fx 23/11174)",
            )
        elif self.format == 2 and (len(case) > CASE_LIMIT or not CASE_2.fullmatch(case)):
            self.problem(
                (*where, "case"),
                f"{case!r} er ikke et sagsnummer (forventet bogstaver og tal i grupper adskilt "
                f"af / - eller ., højst {CASE_LIMIT} tegn, {CASE_EXAMPLES})",
            )
        return case

    def fixed_sections(self, table: dict, where: tuple) -> tuple[Section, ...]:
        sections = []
        for name in SECTIONS:
            text = self.text(table, (*where, name), required=False, multiline=True)
            if text and not has_words(text):
                self.problem(
                    (*where, name), "har kun Markdown-opmærkning, ingen ord (forventet tekst)"
                )
            elif text.strip():
                sections.append(Section(SECTION_TITLES[name], text))
        return tuple(sections)

    def subtables(self, table: dict, where: tuple, key: str) -> list[dict]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem((*where, key), f"er {_kind(value)} (forventet [[items.{key}]]-tabeller)")
            return []
        return value

    def sections(self, table: dict, where: tuple) -> tuple[Section, ...]:
        sections = []
        for index, entry in enumerate(self.subtables(table, where, "sections")):
            at = (*where, "sections", index)
            self.unknown_keys(entry, SECTION_KEYS, at)
            heading = self.text(entry, (*at, "heading"))
            text = self.prose(entry, (*at, "text"))
            if heading and text:
                sections.append(Section(heading, text))
        return tuple(sections)

    def prose(self, table: dict, where: tuple) -> str:
        """A required Markdown text with words in it."""
        text = self.text(table, where, multiline=True)
        if text.strip() and not has_words(text):
            self.problem(where, "har kun Markdown-opmærkning, ingen ord (forventet tekst)")
            return ""
        return text if text.strip() else ""

    def earlier(self, table: dict, where: tuple) -> tuple[Earlier, ...]:
        found = []
        for index, entry in enumerate(self.subtables(table, where, "earlier")):
            at = (*where, "earlier", index)
            self.unknown_keys(entry, EARLIER_KEYS, at)
            body = self.text(entry, (*at, "body"))
            day = self.day(entry, at)
            number = entry.get("item", "")
            if isinstance(number, int) and not isinstance(number, bool):
                number = str(number)  # an item number written without quotes
            item = self.text({"item": number}, (*at, "item"), required=False, limit=20)
            text = self.prose(entry, (*at, "text"))
            if body and day and text:
                found.append(Earlier(body, pendulum.date(day.year, day.month, day.day), item, text))
        return tuple(found)

    def attachments(self, table: dict, where: tuple) -> tuple[str, ...]:
        value = table.get(where[-1], [])
        if not isinstance(value, list):
            self.problem(
                where,
                f'er {_kind(value)} (forventet en liste af bilagstitler, fx ["Budget 2027"])',
            )
            return ()
        if not all(isinstance(b, str) and b.strip() and not bad_character(b) for b in value):
            self.problem(
                where,
                "har en bilagstitel, der er tom, ikke er en tekst eller har styretegn "
                "(forventet titler i anførselstegn)",
            )
            return ()
        for number, attachment in enumerate(value, 1):
            problem = one_line_problem(attachment)
            if problem:
                self.problem(where, f"bilag {number} {problem}")
                return ()
        return tuple(nfc(b.strip()) for b in value)

    # -- the kinds, across the items ------------------------------------------------------
    def kind_rules(self, items: list[Item], tables: list[dict]) -> None:
        """Where Eventuelt and the Underskriftsside may stand and what they hold."""
        signature = [i for i, item in enumerate(items) if item.kind == "underskriftsside"]
        for index in signature[1:]:
            self.kind_problem(
                ("items", index, "kind"),
                f"endnu et Underskriftsside-punkt, ligesom {self.item_label(signature[0])} "
                '(forventet højst ét punkt med kind = "underskriftsside")',
            )
        if len(signature) == 1 and signature[0] != len(items) - 1:
            self.kind_problem(
                ("items", signature[0], "kind"),
                "Underskriftssiden står før andre punkter (forventet den som sidste punkt)",
            )
        for index, (item, table) in enumerate(zip(items, tables, strict=True)):
            where = ("items", index)
            name = KIND_NAMES.get(item.kind)
            if item.kind == "eventuelt" and item.closed:
                self.kind_problem(
                    (*where, "closed"),
                    'Eventuelt er et åbent punkt (forventet closed = false ved kind = "eventuelt")',
                )
            if name and (item.sections or item.earlier):
                key = next((k for k in ("sections", *SECTIONS, "earlier") if k in table), "kind")
                self.kind_problem(
                    (*where, key),
                    f"{name} har ingen sagstekst (forventet ingen afsnit eller tidligere "
                    f'beslutninger ved kind = "{item.kind}")',
                )
            titled = KIND_TITLES.get(re.sub(r"[\W\d_]", "", item.title.casefold()))
            if titled and titled != item.kind:
                self.kind_problem(
                    (*where, "kind"),
                    f'punktet hedder {item.title!r}, men er kind = "{item.kind}" '
                    f'(forventet kind = "{titled}")',
                )

    def kind_problem(self, where: tuple, what: str) -> None:
        """A problem in format 2; in format 1 a note that `check` shows (it loads as before)."""
        if self.format == 2:
            self.problem(where, what)
            return
        before = len(self.problems)
        self.problem(where, what)
        self.notes.append(self.problems.pop(before))

    def item_label(self, index: int) -> str:
        return _label(("items", index), self.first_item)
