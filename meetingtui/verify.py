"""`meetingtui verify RECORD [REFERAT]`: was the record changed, and was the referat made from it?

The record's hash chain (record/chain.py) is read from the file's raw bytes, damaged or
not, and said in Danish, one fact per line: how many events, from where the chain holds,
which events were written before the chain (and cannot be checked), the first change
found (everything from it on is suspect), each approval and correction and the state of
the record it seals. With a referat (.docx, .pdf, .html), the fingerprint printed on its
signature page (fingerprint.py) is looked up among the hashes of the record's approval
and corrections' own lines: a referat matches only an approval or a correction, whose
line holds its date, way, names and the seal of everything before it. A fingerprint
that is only some state of the record (not a sealing event's line) is not accepted.

Exit status: 0 when nothing was found changed (and, with a referat, it was made from
this record); 1 when a change is found, a seal does not hold, events were added after
the approval that are not corrections, an approval or correction has no readable seal,
or the referat is not shown to be made from the record (also when it bears no
fingerprint, or its fingerprint is not an approval's or correction's line); 2 when a file cannot be read (one line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from meetingtui import fingerprint
from meetingtui.record import chain
from meetingtui.record.chain import ChainReport, How
from meetingtui.record.guard import MAX_BYTES
from meetingtui.referat_text import UnreadableInput, read_file, referat_text

KIND_NAMES = {"approved": "Godkendt", "correction": "Rettelse"}


@dataclass
class Verdict:
    lines: list[str] = field(default_factory=list)
    ok: bool = True  # nothing changed; the referat (if given) made from this record

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def say(self, line: str, ok: bool = True) -> None:
        self.lines.append(line)
        self.ok = self.ok and ok


def verify(record: Path, referat: Path | None = None) -> Verdict:
    """What the record's chain shows, and whether the referat was made from it."""
    data = read_file(record, MAX_BYTES, "en meetingtui-protokol, en .record-fil")
    report = chain.check(data)
    if report.meta_line is None and not report.events:
        raise UnreadableInput(
            f"{record}: er ikke en meetingtui-protokol (ingen læsbare protokollinjer)"
        )
    text = referat_text(referat) if referat is not None else None  # unreadable: exit 2
    verdict = Verdict()
    record_lines(report, verdict)
    if text is not None and referat is not None:
        referat_lines(report, text, verdict)
    return verdict


def record_lines(report: ChainReport, verdict: Verdict) -> None:
    changed = report.changed
    count = _count(report.events)
    if not report.events:
        verdict.say("Protokollen har ingen registreringer endnu.")
    elif changed is not None:
        verdict.say(f"Protokollen er ændret: {count}; den første ændring:", ok=False)
    elif report.first_chained is None:
        verdict.say(
            f"Protokollen har ingen fingeraftryk: {'den ene' if report.events == 1 else 'alle'} "
            f"{count} er skrevet af en ældre meetingtui og kan ikke efterprøves."
        )
    else:
        verdict.say(
            f"Protokollen er uændret: {count}; kæden hænger sammen fra registrering "
            f"{report.first_chained}."
        )
    if changed is not None:
        verdict.say(change_line(changed), ok=False)
        if len(report.changes) > 1:
            more = len(report.changes) - 1
            verdict.say(f"{more} {'sted' if more == 1 else 'steder'} mere længere nede er ændret.")
    for first, last in report.unprotected if report.first_chained is not None else ():
        how = (
            "af en ældre meetingtui uden fingeraftryk"
            if first == 1
            else "uden fingeraftryk (af en ældre meetingtui eller et andet program)"
        )
        verdict.say(
            f"{_span('Registrering', first, last)} er skrevet {how} og kan ikke efterprøves."
        )
    seal_lines(report, verdict)
    if report.torn:
        verdict.say(
            f"Den sidste skrivning ({report.torn} bytes) blev aldrig gjort færdig og er ikke med "
            "(meetingtui læser protokollen på samme måde)."
        )


def change_line(change: chain.Change) -> str:
    suspect = "alt fra den er ikke til at stole på."
    where = (
        f"registrering {change.event} (linje {change.line})"
        if change.event is not None
        else f"linje {change.line}"
    )
    if change.how is How.CHECKSUM:
        return (
            f"{where.capitalize()} er ændret, efter den blev skrevet (dens kontrolsum passer ikke "
            f"længere); {suspect}"
        )
    if change.how is How.EDITED:
        return f"{where.capitalize()} er ændret, efter den blev skrevet; {suspect}"
    if change.how is How.HEADER:
        return (
            f"Protokollens hoved (linje {change.line}, der siger, hvilken dagsorden den hører til) "
            "er ændret, efter registreringerne blev skrevet; ingen af dem er til at stole på."
        )
    if change.how is How.REMOVED and change.removed:
        first, last = change.removed
        return (
            f"{_span('Registrering', first, last)} er fjernet ({'den' if first == last else 'de'} "
            f"stod før linje {change.line}); "
            "alt derfra er ikke til at stole på."
        )
    if change.how is How.UNCHAINED:
        return (
            f"{where.capitalize()} har fået sit fingeraftryk fjernet: den er skrevet af denne "
            f"meetingtui (format {chain.CHAINED_FROM_VERSION} eller nyere), som altid sætter "
            f"det; {suspect}"
        )
    if change.how is How.INSERTED:
        return (
            f"{where.capitalize()} er sat ind bagefter (nummeret er brugt før eller kommer i "
            f"forkert rækkefølge); {suspect}"
        )
    return (
        f"Linje {change.line} kan ikke læses som en registrering: den er ændret eller ødelagt; "
        "alt fra den er ikke til at stole på."
    )


def seal_lines(report: ChainReport, verdict: Verdict) -> None:
    if not report.seals:
        verdict.say("Protokollen er ikke godkendt.")
        return
    for seal in report.seals:
        name = KIND_NAMES.get(seal.kind, f"Forseglet ({seal.kind})")
        if not seal.readable:
            verdict.say(
                f"{name}: registrering {seal.event} har ingen læsbar forsegling (feltet »seal« "
                "mangler eller er ikke 64 hex-cifre); den er ændret, efter den blev skrevet.",
                ok=False,
            )
        elif seal.holds is None:
            verdict.say(
                f"{name}: forseglingen i registrering {seal.event} kan ikke efterprøves "
                "(registreringen har intet fingeraftryk).",
                ok=False,
            )
        elif not seal.holds:
            verdict.say(
                f"{name}: forseglingen i registrering {seal.event} passer ikke med protokollen "
                "før den; den er ændret, efter den blev skrevet.",
                ok=False,
            )
        elif not seal.found:
            verdict.say(
                f"{name}: registrering {seal.event} forsegler en udgave af protokollen, der ikke "
                "længere findes i filen: det, den forseglede, er ændret siden.",
                ok=False,
            )
        else:
            verdict.say(f"{name}: registrering {seal.event} forsegler {_sealed(seal.after)}.")
    if report.unsealed_after_seal:
        runs = _runs(report.unsealed_after_seal)
        verdict.say(
            f"{_spans('Registrering', runs)} er skrevet efter godkendelsen uden at være "
            "rettelser; en godkendt protokol må kun ændres med rettelser.",
            ok=False,
        )


def referat_lines(report: ChainReport, text: str, verdict: Verdict) -> None:
    found = fingerprint.find(text)
    if found is None:
        if fingerprint.labelled(text):
            verdict.say(
                f"Referatet har linjen »{fingerprint.LABEL}«, men den kan ikke læses som et "
                "fingeraftryk (64 hex-cifre).",
                ok=False,
            )
        else:
            verdict.say(
                "Referatet bærer ikke et fingeraftryk (et offentligt referat, eller lavet før "
                "godkendelsen).",
                ok=False,
            )
        return
    verdict.say(f"Referatets fingeraftryk: {fingerprint.display(found)}.")
    for number, seal in enumerate(report.seals):
        if seal.hash == found:
            later = [s.event for s in report.seals[number + 1 :]]
            name = "godkendelsen" if seal.kind == "approved" else "rettelsen"
            rest = (
                "der er ingen senere rettelser"
                if not later
                else f"{len(later)} senere {'rettelse' if len(later) == 1 else 'rettelser'} "
                f"({_spans('registrering', _runs(later))}) er ikke med i det"
            )
            verdict.say(
                f"Referatet er lavet af protokollen, som den stod ved {name} "
                f"(registrering {seal.event}); {rest}."
            )
            _changed_since(report, seal.line, verdict)
            return
    if found in report.states or any(seal.seal == found for seal in report.seals):
        after = report.states.get(found)
        where = f"efter registrering {after}" if after is not None else "før registreringerne"
        verdict.say(
            f"Referatets fingeraftryk er protokollen, som den stod {where}, ikke en godkendelse "
            "eller rettelse: det dækker ikke, hvornår, hvordan og af hvem referatet er godkendt "
            "(et godkendt referat bærer godkendelsens eller den nyeste rettelses eget "
            "fingeraftryk).",
            ok=False,
        )
        return
    verdict.say(
        "Referatets fingeraftryk findes ikke i denne protokol: det er ikke lavet af den, "
        "eller protokollen er ændret (også hvis godkendelsen er fjernet).",
        ok=False,
    )


def _changed_since(report: ChainReport, line: int, verdict: Verdict) -> None:
    """A change before what the referat was made from: the referat is the older truth."""
    changed = report.changed
    if changed is not None and changed.line <= line:
        verdict.say(
            "Protokollen er siden ændret i det, referatet bygger på (se ovenfor); referatet "
            "viser den, som den var.",
            ok=False,
        )


def _sealed(after: int | None) -> str:
    if after is None:
        return "protokollen, før den havde nogen registreringer"
    return f"protokollen, som den stod efter registrering {after}"


def _count(events: int) -> str:
    return f"{events} {'registrering' if events == 1 else 'registreringer'}"


def _span(word: str, first: int, last: int) -> str:
    return f"{word} {first}" if first == last else f"{word} {first}–{last}"


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in ids:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _spans(word: str, runs: list[tuple[int, int]]) -> str:
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in runs]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
    return f"{word} {joined}"


# -- the command ------------------------------------------------------------------------------
def add_verify_command(sub) -> None:
    command = sub.add_parser(
        "verify",
        help="check a record's hash chain, and whether a referat was made from it",
    )
    command.add_argument("record", metavar="RECORD", help="the meeting record (.record)")
    command.add_argument(
        "referat", metavar="REFERAT", nargs="?", help="a referat (.docx, .pdf, .html) to compare"
    )
    command.set_defaults(handler=run_verify)


def run_verify(args) -> int:
    from rich.console import Console
    from rich.text import Text

    from meetingtui.terminal_text import Printable

    verdict = verify(Path(args.record), Path(args.referat) if args.referat else None)
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    for line in verdict.lines:
        out.print(Printable(Text(line)))
    return verdict.exit_code
