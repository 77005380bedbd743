"""The referat as PDF: the Word document laid out, numbered and printed by LibreOffice.

LibreOffice is optional: only a PDF needs it. It is found as `soffice` (MEETINGTUI_SOFFICE,
else the PATH, else the usual places on macOS and Windows), and driven over UNO by a
script (`pdf_uno.py`) that runs under a Python that can import `uno`
(MEETINGTUI_UNO_PYTHON, else the Python bundled with LibreOffice, else Debian's
/usr/bin/python3 with python3-uno). Either missing is a PdfUnavailable: one Danish line
saying what to install, exit status 2.

Why a script of LibreOffice's Python rather than the PyPI package unoserver (which makes
the same calls, indexes updated twice included): unoserver must itself be installed into
that Python (not the venv; Debian's system Python refuses pip), it runs a server on a TCP
port that any local user can send documents to (the full referat is confidential), and it
returns only the file, not the numbered contents or the fonts the text asked for, which
the checks below need. The script is under 200 lines, needs nothing installed beyond
LibreOffice, and talks to a LibreOffice of its own over a private pipe. Each export starts
a fresh private profile (about 0.6 s more than a kept one) so nothing is shared between
exports or with the user's own LibreOffice.

Everything happens in a private temporary folder (0700) that is removed afterwards: the
full referat's .docx is confidential. The PDF comes back as bytes; `export` writes it
like any referat. Fonts: the script reports the fonts the text asks for; the PDF's
embedded fonts are read back, and a font that is neither there nor replaced by a
metric-compatible one (Carlito for Calibri, ...) is a warning: line and page breaks will
differ from Word's.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from meetingtui.errors import ExportError, MeetingtuiError

WORKER = Path(__file__).with_name("pdf_uno.py")
TIME_LIMIT = 180.0  # seconds for LibreOffice to start, lay out and print one referat
INSTALL_HINT = (
    "installér LibreOffice Writer (Debian/Ubuntu: apt-get install libreoffice-writer "
    "python3-uno fonts-crosextra-carlito), eller eksportér uden --pdf (.docx)"
)


class PdfUnavailable(MeetingtuiError):
    """LibreOffice (or its UNO bridge) is not installed: nothing to make a PDF with."""

    exit_code = 2


@dataclass(frozen=True)
class Office:
    soffice: Path
    python: Path


@dataclass
class Pdf:
    data: bytes
    pages: int
    contents: list[str]  # the contents page as LibreOffice numbered it: 'title\tpage'
    warnings: list[str] = field(default_factory=list)


def find_office() -> Office:
    """LibreOffice and a Python that can talk to it, or PdfUnavailable saying what is missing."""
    soffice = _find_soffice()
    for python in _python_candidates(soffice):
        if _imports_uno(python):
            return Office(soffice, python)
    raise PdfUnavailable(
        f"LibreOffice ({soffice}) er installeret, men dens Python-forbindelse (UNO) blev ikke "
        "fundet, så der kan ikke laves en PDF: installér python3-uno (Debian/Ubuntu), eller "
        "sæt MEETINGTUI_UNO_PYTHON til en Python, der kan importere uno"
    )


def _find_soffice() -> Path:
    named = os.environ.get("MEETINGTUI_SOFFICE")
    if named:
        if Path(named).is_file() and os.access(named, os.X_OK):
            return Path(named)
        raise PdfUnavailable(
            f"LibreOffice blev ikke fundet i {named} (MEETINGTUI_SOFFICE), så der kan ikke "
            f"laves en PDF: {INSTALL_HINT}"
        )
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found).resolve()
    for place in (
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ):
        if Path(place).is_file():
            return Path(place)
    raise PdfUnavailable(
        f"LibreOffice er ikke installeret, så der kan ikke laves en PDF: {INSTALL_HINT}"
    )


def _python_candidates(soffice: Path) -> list[Path]:
    named = os.environ.get("MEETINGTUI_UNO_PYTHON")
    if named:
        return [Path(named)]
    program = soffice.parent
    bundled = [program / "python", program / "python.exe", program.parent / "Resources/python"]
    return [*bundled, Path("/usr/bin/python3")]


def _imports_uno(python: Path) -> bool:
    if not python.is_file():
        return False
    try:
        return (
            subprocess.run(
                [str(python), "-I", "-c", "import uno"],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=30,
            ).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def convert(docx: bytes, time_limit: float = TIME_LIMIT) -> Pdf:
    """The .docx as a tagged PDF with its contents page numbered, and what to warn about."""
    office = find_office()
    with tempfile.TemporaryDirectory(prefix="meetingtui-pdf-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)  # mkdtemp: 0700
        source, target, job = folder / "referat.docx", folder / "referat.pdf", folder / "job.json"
        (folder / "tmp").mkdir(mode=0o700)
        _write_private(source, docx)
        job_text = json.dumps(
            {
                "soffice": str(office.soffice),
                "profile": str(folder / "profile"),
                "tmp": str(folder / "tmp"),
                "docx": str(source),
                "pdf": str(target),
                "timeout": time_limit,
            }
        )
        _write_private(job, job_text.encode("utf-8"))
        answer = _run_worker(office, job, time_limit)
        if "error" in answer or not target.is_file():
            raise ExportError(f"PDF'en blev ikke lavet: {_failure(answer, office, time_limit)}")
        data = target.read_bytes()
    made = Pdf(data, int(answer["pages"]), _contents_lines(answer["contents"]))
    made.warnings += contents_warnings(made.contents)
    made.warnings += font_warnings(answer["fonts"], embedded_fonts(data))
    return made


def contents_warnings(contents: list[str]) -> list[str]:
    """A contents page LibreOffice left without page numbers must not go out unnoticed."""
    unnumbered = [line.split("\t")[0] for line in contents if not re.search(r"\t\d+$", line)]
    if not unnumbered:
        return []
    return [
        f"Indholdsfortegnelsen fik ikke sidetal ved {len(unnumbered)} "
        f"{'punkt' if len(unnumbered) == 1 else 'punkter'} "
        f"(først »{unnumbered[0]}«); LibreOffice opdaterede den ikke."
    ]


def _failure(answer: dict, office: Office, time_limit: float) -> str:
    """The worker's failure in the secretary's words, with its technical detail."""
    kind, detail = answer.get("error", "other"), answer.get("detail", "")
    said = {
        "start": f"LibreOffice ({office.soffice}) stoppede, før det var klar",
        "timeout": f"LibreOffice svarede ikke inden for {time_limit:.0f} sekunder",
        "load": "LibreOffice kunne ikke åbne Word-dokumentet",
    }.get(kind, "LibreOffice fejlede")
    return f"{said} ({detail})" if detail else said


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _run_worker(office: Office, job: Path, time_limit: float) -> dict:
    """Run pdf_uno.py; its one JSON line, or {"error": ...}. A hung LibreOffice is killed."""
    process = subprocess.Popen(
        [str(office.python), "-I", str(WORKER), str(job)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: soffice is killed with it
    )
    try:
        out, err = process.communicate(timeout=time_limit + 30)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate()
        return {"error": "timeout"}
    finally:
        _kill_group(process)  # whatever of LibreOffice outlived the script (it forks)
    lines = out.decode("utf-8", "replace").strip().splitlines()
    try:
        answer = json.loads(lines[-1])
    except (IndexError, ValueError):
        why = err.decode("utf-8", "replace").strip().splitlines()
        detail = why[-1] if why else f"exit status {process.returncode}"
        return {"error": "other", "detail": detail}
    return answer if isinstance(answer, dict) else {"error": "other", "detail": repr(answer)}


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the script's process group: the script, soffice and what soffice started."""
    if sys.platform == "win32":
        if process.poll() is None:
            process.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _contents_lines(indexes: list[str]) -> list[str]:
    return [line for text in indexes for line in text.splitlines() if line.strip()]


# Fonts LibreOffice may use in place of another without moving a line (the same widths),
# and the Debian package that has each.
METRIC_COMPATIBLE = {
    "calibri": ("Carlito", "fonts-crosextra-carlito"),
    "cambria": ("Caladea", "fonts-crosextra-caladea"),
    "arial": ("Liberation Sans", "fonts-liberation2"),
    "helvetica": ("Liberation Sans", "fonts-liberation2"),
    "arialnarrow": ("Liberation Sans Narrow", "fonts-liberation"),
    "timesnewroman": ("Liberation Serif", "fonts-liberation2"),
    "couriernew": ("Liberation Mono", "fonts-liberation2"),
}
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE = re.compile(r"[-,](Bold|Italic|Oblique|Regular|Book|Light|Medium)+$", re.I)


def _base_name(name: str) -> str:
    """'/BAAAAA+Carlito-Bold' -> 'Carlito': the family as the PDF names it."""
    return _STYLE.sub("", _SUBSET.sub("", name.lstrip("/")))


def _family_key(name: str) -> str:
    """A family name to compare: 'Liberation Sans', 'LiberationSans-Bold' -> 'liberationsans'."""
    return re.sub(r"[\s_-]", "", _base_name(name)).lower()


def font_warnings(requested: list[str], embedded: set[str]) -> list[str]:
    """One Danish line per font the text asks for that the PDF has neither itself nor a
    metric-compatible stand-in for: LibreOffice put another font in, which moves line and
    page breaks (a body's letterhead font not installed here, or Carlito missing)."""
    have = {_family_key(name) for name in embedded}
    expected = {_family_key(name) for name in requested} | {"opensymbol"}  # list bullets
    for stand_in, _package in METRIC_COMPATIBLE.values():
        expected.add(_family_key(stand_in))
    others = sorted({_base_name(name) for name in embedded if _family_key(name) not in expected})
    used = f", så LibreOffice brugte {', '.join(others)} i stedet" if others else ""
    out = []
    for name in sorted(set(requested)):
        key = _family_key(name)
        stand_in, package = METRIC_COMPATIBLE.get(key, ("", ""))
        if key in have or (stand_in and _family_key(stand_in) in have):
            continue
        hint = (
            f"installér {name}, eller {stand_in} med samme mål: Debian-pakken {package}"
            if stand_in
            else f"installér {name} på denne maskine"
        )
        out.append(
            f"Skrifttypen »{name}« findes ikke på denne maskine{used}; linje- og sideskift kan "
            f"afvige fra Word ({hint})."
        )
    return out


def embedded_fonts(data: bytes) -> set[str]:
    """The base font names of every font the PDF's pages use."""
    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(BytesIO(data)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            base = font.get("/BaseFont")
            if base is not None:
                names.add(str(base).lstrip("/"))
    return names
