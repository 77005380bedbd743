"""`meetingtui verify RECORD [REFERAT]`: what a reader is told about a record and a referat.

Records are written by MeetingRecord, or, where they hold an approval (whose event kinds
this layer does not define), line by line by the test itself: the chain's hashes are
computed here from the JSON (SHA-256 of the sorted, unspaced JSON of each line), as an
outside checker would. Hand edits are made to the bytes, as someone with an editor would.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zlib
from pathlib import Path

import pendulum
import pytest
from docx import Document

from meetingtui import agenda as agenda_mod
from meetingtui import fingerprint
from meetingtui.cli import main
from meetingtui.events import make
from meetingtui.record import MeetingRecord, chain

T0 = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")
LEGACY = Path(__file__).parent / "legacy"
SEALING = ("approved", "correction")


def event(n: int) -> dict:
    return make("decision_set", now=T0.add(minutes=n), item=f"punkt-{n}", text=f"Beslutning {n}.")


def sha(entry: dict) -> str:
    payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def line(entry: dict) -> bytes:
    payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


def approval(kind: str = "approved") -> dict:
    return {"v": 2, "kind": kind, "at": "2025-12-01T10:00:00+01:00", "how": "møde"}


def write_chained(path: Path, docs: list[dict], agenda: str = "aaa") -> dict[int, str]:
    """A record of these events, chained; an approval or correction seals the chain before
    it. Returns each event's prev (what a seal on it names)."""
    meta = {"app": "meetingtui", "format": 1, "agenda_sha256": agenda, "created": "2025-11-20"}
    out = [line({"t": "meta", "id": "1", "d": meta})]
    prev = hashlib.sha256(b"meetingtui record\n" + agenda.encode()).hexdigest()
    prevs = {}
    for n, doc in enumerate(docs, start=1):
        if doc.get("kind") in SEALING:
            doc = dict(doc, seal=prev)
        entry = {"t": "events", "id": str(n), "d": doc, "prev": prev}
        out.append(line(entry))
        prevs[n] = prev
        prev = sha(entry)
    path.write_bytes(b"".join(out))
    return prevs


def edit(path: Path, old: bytes, new: bytes, fix_checksum: bool) -> None:
    """Change bytes of one line by hand, with or without writing its checksum anew."""
    lines = path.read_bytes().split(b"\n")
    (number,) = [i for i, raw in enumerate(lines) if old in raw]
    changed = lines[number].replace(old, new)
    if fix_checksum:
        changed = b"%08x" % zlib.crc32(changed[9:]) + changed[8:]
    lines[number] = changed
    path.write_bytes(b"\n".join(lines))


def verify(capsys, *args) -> tuple[int, list[str]]:
    code = main(["verify", *map(str, args)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, (captured.out + captured.err).splitlines()


def says(lines: list[str], *words: str) -> str:
    """The one line that has all these words."""
    found = [text for text in lines if all(word in text for word in words)]
    assert len(found) == 1, (words, lines)
    return found[0]


# -- the record ------------------------------------------------------------------------------
def test_a_record_written_now_is_unchanged_and_chained_from_its_first_event(tmp_path, capsys):
    path = tmp_path / "m.record"
    record = MeetingRecord(path, agenda_sha256="aaa")
    for n in range(1, 58):
        record.append(event(n))
    record.close()
    code, lines = verify(capsys, path)
    assert code == 0
    assert lines[0] == (
        "Protokollen er uændret: 57 registreringer; kæden hænger sammen fra registrering 1."
    )
    says(lines, "ikke godkendt")


@pytest.mark.parametrize("fix_checksum", [False, True], ids=["checksum-left", "checksum-fixed"])
def test_one_byte_changed_in_an_approved_record_names_that_event(tmp_path, capsys, fix_checksum):
    path = tmp_path / "m.record"
    write_chained(path, [event(n) for n in range(1, 8)] + [approval()])
    edit(path, b"Beslutning 3.", b"Beslutning 8.", fix_checksum)
    code, lines = verify(capsys, path)
    assert code == 1
    first = says(lines, "Registrering 3 (linje 4) er ændret, efter den blev skrevet")
    assert "alt fra den er ikke til at stole på" in first
    assert ("kontrolsum" in first) is not fix_checksum
    # The approval's own seal still names the record as it stood when it was made.
    says(lines, "Godkendt: registrering 8 forsegler protokollen, som den stod efter registrering 7")


def test_a_change_to_the_approval_itself_is_found_by_its_seal_or_the_next_event(tmp_path, capsys):
    path = tmp_path / "m.record"
    write_chained(path, [event(1), event(2), approval(), approval("correction") | {"how": "-"}])
    edit(path, b'"how":"m\xc3\xb8de"', b'"how":"papir"', fix_checksum=True)
    code, lines = verify(capsys, path)
    assert code == 1
    says(lines, "Registrering 3 (linje 4) er ændret")


def test_an_event_removed_from_the_middle_is_named(tmp_path, capsys):
    path = tmp_path / "m.record"
    write_chained(path, [event(n) for n in range(1, 6)])
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(lines[:3] + lines[4:]))  # event 3 (line 4) goes
    code, out = verify(capsys, path)
    assert code == 1
    says(out, "Registrering 3 er fjernet")


def test_a_changed_header_is_named(tmp_path, capsys):
    path = tmp_path / "m.record"
    write_chained(path, [event(1), event(2)], agenda="a" * 64)
    edit(path, b"a" * 64, b"b" * 64, fix_checksum=True)  # bound to another agenda
    code, lines = verify(capsys, path)
    assert code == 1
    says(lines, "Protokollens hoved (linje 1", "dagsorden")


def test_events_added_after_the_approval_that_are_not_corrections(tmp_path, capsys):
    path = tmp_path / "m.record"
    write_chained(path, [event(1), approval(), approval("correction"), event(4), event(5)])
    code, lines = verify(capsys, path)
    assert code == 1
    says(lines, "Godkendt: registrering 2 forsegler", "efter registrering 1")
    says(lines, "Rettelse: registrering 3 forsegler", "efter registrering 2")
    says(lines, "Registrering 4–5 er skrevet efter godkendelsen uden at være rettelser")


def test_a_seal_that_is_not_the_chain_before_it_is_refused(tmp_path, capsys):
    path = tmp_path / "m.record"
    prevs = write_chained(path, [event(1), event(2), approval()])
    seal = b'"seal":"%s"'
    edit(path, seal % prevs[3].encode(), seal % prevs[2].encode(), fix_checksum=True)
    code, lines = verify(capsys, path)
    assert code == 1
    says(lines, "forseglingen i registrering 3", "passer ikke")


@pytest.mark.parametrize("newline", [b"", b"\n"], ids=["cut", "cut-then-newline"])
def test_a_torn_last_write_is_said_and_is_no_change(tmp_path, capsys, newline):
    path = tmp_path / "m.record"
    write_chained(path, [event(1), event(2)])
    torn = b'1234abcd {"t":"events","id":"3"' + newline
    with path.open("ab") as handle:
        handle.write(torn)
    code, lines = verify(capsys, path)
    assert code == 0
    says(lines, f"Den sidste skrivning ({len(torn)} bytes) blev aldrig gjort færdig")


# -- records from before the chain -------------------------------------------------------------
@pytest.fixture
def legacy_copy(tmp_path):
    copy = tmp_path / "meeting.record"
    shutil.copyfile(LEGACY / "meeting.record", copy)
    copy.chmod(0o600)
    return copy


def test_an_old_record_says_none_of_it_can_be_checked(legacy_copy, capsys):
    code, lines = verify(capsys, legacy_copy)
    assert code == 0
    assert lines[0] == (
        "Protokollen har ingen fingeraftryk: alle 38 registreringer er skrevet af en ældre "
        "meetingtui og kan ikke efterprøves."
    )


def test_an_old_record_continued_is_checked_from_its_first_new_event(legacy_copy, capsys):
    agenda = agenda_mod.load(LEGACY / "agenda.toml")
    record = MeetingRecord(legacy_copy, agenda.sha256)
    record.append(make("chair_set", member="meho-selman"))
    record.append(make("chair_set", member="anja-lund"))
    record.close()
    code, lines = verify(capsys, legacy_copy)
    assert code == 0
    says(lines, "uændret: 40 registreringer", "fra registrering 39")
    says(lines, "Registrering 1–38 er skrevet af en ældre meetingtui uden fingeraftryk")
    # A change to an old event the new ones chain onto is found.
    edit(legacy_copy, b'"id":"38"', b'"id":"38","x":1', fix_checksum=True)
    code, lines = verify(capsys, legacy_copy)
    assert code == 1
    says(lines, "Registrering 38 (linje 39) er ændret")


def test_a_moved_record_verifies_the_same(tmp_path, capsys):
    path = tmp_path / "m.record"
    record = MeetingRecord(path, agenda_sha256="aaa")
    for n in range(1, 4):
        record.append(event(n))
    record.move_to(tmp_path / "moved.record")
    record.append(event(4))
    record.close()
    code, lines = verify(capsys, tmp_path / "moved.record")
    assert code == 0
    assert lines[0].startswith("Protokollen er uændret: 4 registreringer")


# -- the referat -------------------------------------------------------------------------------
def docx_with(path: Path, *paragraphs: str) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def approved_record(tmp_path: Path) -> tuple[Path, str]:
    """A record approved at event 4, with two corrections after it; the hash of the
    approval's own line (what a referat made at the approval prints, and what the first
    correction after it seals)."""
    path = tmp_path / "m.record"
    docs = [event(1), event(2), event(3), approval(), approval("correction")]
    prevs = write_chained(path, docs + [approval("correction")])
    return path, prevs[5]


def test_a_docx_with_the_approvals_fingerprint_was_made_from_the_record(tmp_path, capsys):
    record, seal = approved_record(tmp_path)
    referat = docx_with(tmp_path / "r.docx", "Underskrifter")
    document = Document(str(referat))  # on the signature page, in a table's cell
    document.add_table(rows=1, cols=2).cell(0, 1).text = fingerprint.line(seal)
    document.save(str(referat))
    code, lines = verify(capsys, record, referat)
    assert code == 0
    says(lines, f"Referatets fingeraftryk: {fingerprint.display(seal)}")
    assert says(lines, "Referatet er lavet af protokollen") == (
        "Referatet er lavet af protokollen, som den stod ved godkendelsen (registrering 4); "
        "2 senere rettelser (registrering 5–6) er ikke med i det."
    )


@pytest.mark.parametrize("after", [3, 2])
def test_a_referat_whose_fingerprint_is_a_state_but_no_approval_is_refused(tmp_path, capsys, after):
    """The record as it stood after event 3 (what the approval at 4 seals, and what an
    earlier meetingtui printed) or after event 2: neither anchors the approval's date,
    way and names, so it ties the referat to nothing."""
    record, _ = approved_record(tmp_path)
    docs = [event(1), event(2), event(3), approval(), approval("correction")]
    prevs = write_chained(tmp_path / "same.record", docs + [approval("correction")])
    assert (tmp_path / "same.record").read_bytes() == record.read_bytes()
    referat = docx_with(tmp_path / "r.docx", fingerprint.line(prevs[after + 1]))
    code, lines = verify(capsys, record, referat)
    assert code == 1
    says(lines, f"Referatets fingeraftryk er protokollen, som den stod efter registrering {after}")


@pytest.mark.parametrize("form", ["docx", "html"])
def test_a_referat_whose_fingerprint_is_not_in_the_record(tmp_path, capsys, form):
    record, seal = approved_record(tmp_path)
    other = hashlib.sha256(b"en anden protokol").hexdigest()
    if form == "docx":
        referat = docx_with(tmp_path / "r.docx", fingerprint.line(other))
    else:
        referat = tmp_path / "r.html"
        referat.write_text(f"<html><body><p>{fingerprint.line(other)}</p></body></html>")
    code, lines = verify(capsys, record, referat)
    assert code == 1
    says(lines, "Referatets fingeraftryk findes ikke i denne protokol")


def test_a_record_rewritten_whole_is_exposed_by_the_referats_fingerprint(tmp_path, capsys):
    """Every hash recomputed after a change: the chain holds, the printed fingerprint does not."""
    record, seal = approved_record(tmp_path)
    referat = docx_with(tmp_path / "r.docx", fingerprint.line(seal))
    docs = [json.loads(raw[9:])["d"] for raw in record.read_bytes().splitlines()[1:]]
    docs[1] = dict(docs[1], text="Beslutning 2, omskrevet.")
    write_chained(record, [{k: v for k, v in d.items() if k != "seal"} for d in docs])
    code, lines = verify(capsys, record, referat)
    assert code == 1
    assert lines[0].startswith("Protokollen er uændret")
    says(lines, "Referatets fingeraftryk findes ikke i denne protokol")


def test_an_html_referat_with_the_fingerprint_broken_across_lines_and_tags(tmp_path, capsys):
    record, seal = approved_record(tmp_path)
    groups = fingerprint.display(seal).split()
    page = (
        '<!doctype html><html lang="da"><body><p>Fingeraftryk\n(SHA-256): '
        f"<code>{' '.join(groups[:5])}</code>\n<span>{' '.join(groups[5:])}</span></p>"
        "</body></html>"
    )
    (tmp_path / "r.html").write_text(page, encoding="utf-8")
    code, lines = verify(capsys, record, tmp_path / "r.html")
    assert code == 0
    says(lines, "som den stod ved godkendelsen (registrering 4)")


def text_pdf(path: Path, *rows: str) -> Path:
    """A one-page PDF with these lines of text (Helvetica), written by hand."""
    content = b"BT /F1 10 Tf 50 800 Td 14 TL " + b"".join(
        b"(" + row.encode("latin-1") + b") Tj T* " for row in rows
    )
    content += b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    path.write_bytes(out.getvalue())
    return path


def test_a_pdf_referat_with_the_fingerprint_wrapped(tmp_path, capsys):
    record, seal = approved_record(tmp_path)
    shown = fingerprint.display(seal)
    referat = text_pdf(
        tmp_path / "r.pdf",
        "Godkendt af udvalget.",
        f"Fingeraftryk (SHA-256): {shown[:44]}",
        shown[45:],
    )
    code, lines = verify(capsys, record, referat)
    assert code == 0, lines
    says(lines, "som den stod ved godkendelsen (registrering 4)")


@pytest.mark.parametrize("form", ["docx", "html"])
def test_an_exported_referat_before_approval_bears_no_fingerprint(tmp_path, capsys, form):
    referat = tmp_path / f"referat.{form}"
    assert main(["export", "--demo", "-o", str(referat)]) == 0
    capsys.readouterr()
    from meetingtui.paths import DEMO_RECORD

    code, lines = verify(capsys, DEMO_RECORD, referat)
    assert code == 1
    says(lines, "Referatet bærer ikke et fingeraftryk")


def test_a_fingerprint_line_that_cannot_be_read(tmp_path, capsys):
    record, seal = approved_record(tmp_path)
    referat = docx_with(tmp_path / "r.docx", f"{fingerprint.LABEL} {seal[:60]}")
    code, lines = verify(capsys, record, referat)
    assert code == 1
    says(lines, "kan ikke læses som et fingeraftryk")


# -- what cannot be read: one line, exit 2 -----------------------------------------------------
def broken_inputs(tmp_path: Path) -> dict[str, tuple[Path, Path | None, str]]:
    good = tmp_path / "good.record"
    write_chained(good, [event(1)])
    (tmp_path / "empty.record").write_bytes(b"")
    (tmp_path / "text.record").write_text("Dette er ikke en protokol.\nSlet ikke.\n")
    (tmp_path / "junk.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (tmp_path / "r.txt").write_text("tekst")
    (tmp_path / "folder.docx").mkdir()
    os.mkfifo(tmp_path / "pipe.record")
    return {
        "missing record": (tmp_path / "none.record", None, "filen findes ikke"),
        "folder as record": (tmp_path, None, "er en mappe"),
        "empty record": (tmp_path / "empty.record", None, "filen er tom"),
        "not a record": (tmp_path / "text.record", None, "er ikke en meetingtui-protokol"),
        "fifo as record": (tmp_path / "pipe.record", None, "er ikke en almindelig fil"),
        "missing referat": (good, tmp_path / "none.pdf", "filen findes ikke"),
        "broken docx": (good, tmp_path / "junk.docx", "er ikke et Word-dokument"),
        "unknown type": (good, tmp_path / "r.txt", "filtypen ».txt«"),
        "folder as referat": (good, tmp_path / "folder.docx", "er en mappe"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing record",
        "folder as record",
        "empty record",
        "not a record",
        "fifo as record",
        "missing referat",
        "broken docx",
        "unknown type",
        "folder as referat",
    ],
)
def test_unreadable_input_is_one_line_and_exit_2(tmp_path, capsys, case):
    record, referat, what = broken_inputs(tmp_path)[case]
    code, lines = verify(capsys, record, *([referat] if referat else []))
    assert code == 2
    assert len(lines) == 1, lines
    named = referat if referat else record
    assert lines[0].startswith(f"meetingtui: {named}: ") and what in lines[0]


# -- the fingerprint line ----------------------------------------------------------------------
def test_the_fingerprint_is_printed_in_eight_groups_and_read_back_however_it_wraps():
    digest = hashlib.sha256(b"protokol").hexdigest()
    shown = fingerprint.display(digest)
    assert [len(group) for group in shown.split(" ")] == [8] * 8
    assert shown.replace(" ", "") == digest
    printed = fingerprint.line(digest)
    assert printed == f"Fingeraftryk (SHA-256): {shown}"
    assert fingerprint.find(f"Side 17\n{printed}\nSide 18") == digest
    assert fingerprint.find(printed.replace(" ", "\n")) == digest
    assert fingerprint.find(printed.replace(shown, shown.replace(" ", ""))) == digest
    assert fingerprint.find(printed.upper().replace("FINGERAFTRYK", "Fingeraftryk")) == digest
    assert fingerprint.find(printed + "ab") is None  # more digits: not a SHA-256
    assert fingerprint.find(printed[:-1]) is None
    assert fingerprint.find(shown) is None  # no label, no fingerprint
    with pytest.raises(ValueError):
        fingerprint.display("xyz")


def test_the_chain_check_reads_every_line_once_and_ignores_reformatting(tmp_path):
    """Reformatted JSON (another key order, spaces) with its checksum fixed is no change."""
    path = tmp_path / "m.record"
    write_chained(path, [event(1), event(2), event(3)])
    lines = path.read_bytes().split(b"\n")
    entry = json.loads(lines[2][9:])
    payload = json.dumps(dict(reversed(list(entry.items()))), indent=None).encode()
    lines[2] = b"%08x %s" % (zlib.crc32(payload), payload)
    report = chain.check(b"\n".join(lines))
    assert report.changes == [] and report.events == 3


def test_the_fingerprint_found_is_the_last_one_printed():
    """A correction's text above the real line may quote an earlier fingerprint: the
    referat's own is the last one, printed after everything it seals."""
    quoted, own = (hashlib.sha256(word).hexdigest() for word in (b"gammel", b"ny"))
    text = f"Rettelse: det gamle {fingerprint.line(quoted)} var forkert.\n{fingerprint.line(own)}"
    assert fingerprint.find(text) == own
