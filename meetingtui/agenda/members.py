"""The rules of an agenda's (or a body file's) members, and the ids of members and items."""

from __future__ import annotations

import re

from meetingtui.agenda.fields import (
    NAME_LIMIT,
    FieldReader,
    _kind,
    _label,
    _shown,
    bad_character,
    one_line_problem,
)
from meetingtui.agenda.model import ROLES, Member, Person, slug
from meetingtui.text_input import name_key, nfc
from meetingtui.wording import LØSGÆNGER

ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
MEMBER_KEYS = {"id", "name", "party", "role", "substitutes"}


class MemberReader(FieldReader):
    """Reads [[members]]: names, parties, roles, substitutes, and the rules across them."""

    def members(self, tables: list[dict], parties: frozenset[str], checked=True) -> list[Member]:
        members: list[Member] = []
        explicit: list[bool] = []
        if checked and not tables:
            self.problem(("members",), "ingen medlemmer (forventet mindst ét [[members]])")
        for index, table in enumerate(tables):
            where = ("members", index)
            self.unknown_keys(table, MEMBER_KEYS, where)
            name = self.text(table, (*where, "name"), limit=NAME_LIMIT)
            party = self.party(table, where, "party", parties, label="")
            what = f"en rolle (forventet en af: {', '.join(ROLES)})"
            role = self.choice(table, where, "role", ROLES, "medlem", what) or "medlem"
            member_id = self.id(table, where, name or f"member-{index + 1}")
            explicit.append("id" in table)
            subs = self.substitutes(table, where, party, parties)
            members.append(Member(member_id, name, party, role, tuple(subs)))
        self.member_rules(members, explicit)
        return members

    def member_rules(self, members: list[Member], explicit: list[bool]) -> None:
        seen: dict[str, int] = {}
        repeated: set[int] = set()
        for index, member in enumerate(members):
            key = name_key(member.name)  # 'Mette Juhl', 'mette  juhl', with a zero-width space
            if key and key in seen:
                repeated.add(index)
                self.problem(
                    ("members", index, "name"),
                    f"{_shown(member.name)} står to gange, som medlem {seen[key] + 1} og "
                    f"medlem {index + 1} (forventet hvert medlem én gang)",
                )
            seen.setdefault(key, index)
        self.unique_ids(
            "members", [m.id for m in members], explicit, "navnet", "medlemmerne", repeated
        )
        names = set(seen)
        for index, member in enumerate(members):
            for sub in member.substitutes:
                if name_key(sub.name) in names:
                    self.problem(
                        ("members", index, "substitutes"),
                        f"{_shown(sub.name)} er medlem og kan ikke også være stedfortræder "
                        "(forventet stedfortrædere, der ikke er medlemmer)",
                    )
        chairs = [index for index, m in enumerate(members) if m.role == "formand"]
        for index in chairs[1:]:
            self.problem(
                ("members", index, "role"),
                f"endnu en formand, ligesom medlem {chairs[0] + 1} "
                '(forventet ét medlem med role = "formand")',
            )

    def party(self, table: dict, where: tuple, key: str, parties, label: str) -> str:
        """The party at table[key]; `label` names a substitute in messages."""
        value = table.get(key)
        value = nfc(value) if isinstance(value, str) else value
        at = (*where, "party") if not label else (*where, "substitutes")
        prefix = f"{label}: party " if label else ""
        if value is None:
            self.problem(at, f'{prefix}mangler (forventet et partibogstav eller "{LØSGÆNGER}")')
            return ""
        if not isinstance(value, str):
            self.problem(
                at,
                f"{prefix}er {_kind(value)} "
                f'(forventet et partibogstav i anførselstegn eller "{LØSGÆNGER}")',
            )
            return ""
        if value != LØSGÆNGER and value not in parties:
            hint = (
                f'"{value.upper()}", med stort'
                if value.upper() in parties
                else f'et af {" ".join(sorted(parties))} eller "{LØSGÆNGER}"; lokale lister '
                "tilføjes under meeting.parties"
            )
            self.problem(at, f"{prefix}{value!r} er ikke et kendt parti (forventet {hint})")
        return value

    def substitutes(self, table: dict, where: tuple, party: str, parties) -> list[Person]:
        value = table.get("substitutes", [])
        at = (*where, "substitutes")
        if not isinstance(value, list):
            self.problem(
                at, f"er {_kind(value)} (forventet en liste af {{ name = ..., party = ... }})"
            )
            return []
        people = []
        for entry in value:
            entry = {"name": entry} if isinstance(entry, str) else entry
            if not isinstance(entry, dict):
                self.problem(
                    at, f"indeholder {_kind(entry)} (forventet {{ name = ..., party = ... }})"
                )
                continue
            for key in sorted(set(entry) - {"name", "party"}):
                self.problem(
                    at, f"en stedfortræder har et ukendt felt {key!r} (forventet name og party)"
                )
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                self.problem(at, 'en stedfortræder har intet navn (forventet name = "...")')
                continue
            if bad_character(name):
                self.problem(
                    at,
                    f"stedfortræder {name!r} indeholder et styretegn (forventet almindelig tekst)",
                )
                continue
            problem = one_line_problem(name, NAME_LIMIT)
            if problem:
                self.problem(at, f"stedfortræder {_shown(name)} {problem}")
                continue
            name = nfc(name.strip())
            sub_party = party
            if "party" in entry:
                sub_party = self.party(
                    entry, where, "party", parties, label=f"stedfortræder {name!r}"
                )
            people.append(Person(name, sub_party))
        return people

    def id(self, table: dict, where: tuple, fallback: str) -> str:
        """The id given, or one made from the title or name; reports a malformed one."""
        value = table.get("id")
        if value is None:
            return slug(fallback)
        if not isinstance(value, str):
            self.problem((*where, "id"), f"er {_kind(value)} (forventet et id i anførselstegn)")
            return slug(fallback)
        if not ID.fullmatch(value):
            self.problem(
                (*where, "id"),
                f"{value!r} er ikke et gyldigt id (forventet små bogstaver a-z, tal, - eller _, "
                "der begynder med et bogstav eller tal, højst 64 tegn)",
            )
        return value

    def unique_ids(
        self, table: str, ids: list[str], explicit: list[bool], source: str, what: str, skip=()
    ) -> None:
        """Each id once; a repeat names the first holder (ids made from `source` say so)."""
        first: dict[str, int] = {}
        for index, value in enumerate(ids):
            holder = first.setdefault(value, index)
            if holder != index and index not in skip:
                made = "" if explicit[index] else f" (lavet af {source})"
                self.problem(
                    (table, index, "id"),
                    f"id {value!r}{made} er også id for {_label((table, holder), self.first_item)} "
                    f'(forventet et id for hvert af {what}; giv et af dem id = "...")',
                )
