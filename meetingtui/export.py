"""Write the referat to disk: the file name, the variant, and a write that loses nothing.

An export never overwrites an existing file silently: with the default name it takes the
next free one (`-2`, `-3`, ...; the rule in `files.free_names`); an explicit path that
exists is refused unless `overwrite` is given. The file is written to a temporary file,
fsynced, then linked into place (or, to overwrite, renamed over the old one), so a
symlink planted at the target is never followed. A disk without hard links (FAT, exFAT:
USB sticks) gets the file created under its name (never over anything) and written
there; a file that cannot be written whole is removed again.

Every way a path can fail (no permission, a read-only disk, a file where a folder
should be, a folder, FIFO or device where the file should be) is an ExportError, one
line saying where and what: the CLI prints it, the app shows it and stays up. Only a
regular file is ever overwritten, and only with `overwrite`.

Three formats: the Word document (.docx, the default), a PDF made from it by LibreOffice
(`pdf.py`: the contents page numbered, fonts embedded, tagged), and one HTML page of the
public referat (`minutes/html.py`). The full, confidential referat is never made as HTML:
HTML is the form a web portal publishes, and a page of closed items is one upload away
from a breach; the full version is a .docx or a PDF.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from meetingtui import files, paths, wording
from meetingtui.agenda import Agenda
from meetingtui.errors import AgendaError, ExportError
from meetingtui.meeting import MeetingState
from meetingtui.minutes import build


def docx_bytes(state: MeetingState, full: bool, template: Path | None = None) -> bytes:
    return rendered(state, full, "docx", template)[0]


def house(agenda: Agenda, template: Path | None = None) -> tuple[Path | None, wording.Choices]:
    """The Word template and the wording the referat uses: `template` if given (--template),
    else the body file's (the agenda's body_file); the reference's wording by default."""
    if agenda.meeting.body_file is None:
        return template, wording.REFERENCE
    from meetingtui.agenda import body_file

    try:
        body = body_file.load(agenda.meeting.body_file)
    except AgendaError as error:
        raise ExportError(str(error).splitlines()[0]) from None
    return template or body.template, body.choices


NO_FULL_HTML = (
    "den fulde (fortrolige) udgave laves ikke som HTML, der er til offentliggørelse: "
    "eksportér den som .docx eller --pdf"
)
SUFFIXES = {"docx": (".docx",), "pdf": (".pdf",), "html": (".html", ".htm")}


def format_of(output: Path | str | None) -> str | None:
    """The format an output file name asks for by its suffix (None: a folder or no name)."""
    if output is None:
        return None
    suffix = Path(output).suffix.lower()
    return next((kind for kind, known in SUFFIXES.items() if suffix in known), None)


def chosen_format(asked: str | None, output: Path | str | None, full: bool = False) -> str:
    """docx, pdf or html: as asked (--pdf, --html), else by the output file's suffix; a
    clash between the two, or the full referat as HTML, is an ExportError."""
    named = format_of(output)
    if asked and named and asked != named:
        raise ExportError(
            f"{output}: --{asked} skriver en .{asked}-fil; vælg et navn, der ender på "
            f".{asked}, eller udelad --{asked}"
        )
    kind = asked or named or "docx"
    if kind == "html" and full:
        raise ExportError(NO_FULL_HTML)
    return kind


def target_path(
    agenda: Agenda, full: bool, output: Path | None, kind: str = "docx"
) -> tuple[Path, bool]:
    """(path, explicit): where the export goes, and whether the user named it.

    `output` names a file if it ends in the format's suffix (.docx, .pdf, .html) or is an
    existing file (or link); anything else is a folder, created if need be, that gets the
    default name: `-o referater` must not write a file called 'referater' that Word
    cannot open.
    """
    default = Path(paths.export_name(agenda, full)).with_suffix(SUFFIXES[kind][0]).name
    if output is None:
        return paths.output_dir() / default, False
    named_folder = str(output).endswith(("/", os.sep))
    output = Path(output)
    found = _stat(output, follow=False)
    is_dir = found is not None and stat.S_ISDIR((_stat(output) or found).st_mode)
    names_a_file = output.suffix.lower() in SUFFIXES[kind] or (found is not None and not is_dir)
    if named_folder or is_dir or not names_a_file:
        return output / default, False
    return output, True


def export(
    state: MeetingState, full: bool = False, output: Path | None = None, overwrite: bool = False
) -> Path:
    return export_with_warnings(state, full, output, overwrite)[0]


def export_with_warnings(
    state: MeetingState,
    full: bool = False,
    output: Path | None = None,
    overwrite: bool = False,
    kind: str = "docx",
    template: Path | None = None,
) -> tuple[Path, list[str]]:
    """Write the referat as `kind` (docx, pdf, html); also say (in Danish) what to know
    about it: characters left out, fonts LibreOffice had to replace."""
    if kind == "html" and full:
        raise ExportError(NO_FULL_HTML)
    if kind == "html" and template is not None:
        raise ExportError(
            f"{template}: en HTML-side laves ikke på en Word-skabelon (--template gælder .docx "
            "og --pdf)"
        )
    path, explicit = target_path(state.agenda, full, output, kind)
    data, warnings = rendered(state, full, kind, template)
    written = write_new(path, data, overwrite=overwrite, next_free=not explicit)
    return written, warnings


def rendered(
    state: MeetingState, full: bool, kind: str, template: Path | None = None
) -> tuple[bytes, list[str]]:
    """The referat's bytes in the format, and the warnings that go with them; on the body's
    template and in its wording (`house`). An HTML page has no template."""
    template, choices = house(state.agenda, template)
    minutes = build(state, full=full, choices=choices)
    if kind == "html":
        from meetingtui.minutes import html

        dropped = html.unsupported_characters(minutes)
        return html.render(minutes), [_dropped(dropped, "en webside")] if dropped else []
    from meetingtui.minutes import word  # python-docx is only needed for an export

    data = word.render(minutes, template)
    dropped = word.unsupported_characters(minutes)
    warnings = [_dropped(dropped, "et Word-dokument")] if dropped else []
    if kind == "pdf":
        from meetingtui import pdf

        made = pdf.convert(data)
        return made.data, warnings + made.warnings
    return data, warnings


def _dropped(count: int, where: str) -> str:
    return f"{count} tegn, som {where} ikke kan rumme (styretegn), er udeladt."


# os.link fails so on a disk without hard links (FAT, exFAT, some network shares).
NO_LINKS = frozenset(
    {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
)


def write_new(path: Path, data: bytes, overwrite: bool = False, next_free: bool = True) -> Path:
    """Write the file whole under `path` (or the next free name); the path it got."""
    _ready_folder(path.parent)
    found = _stat(path, follow=False)
    kind = files.not_a_file(found) if found is not None else None
    # A link is replaced itself with `overwrite`, else taken like any existing name (the
    # next free one is used); a folder, FIFO or device is never written over or opened.
    if kind and kind != "a symbolic link" and (overwrite or not next_free):
        raise ExportError(
            f"{path}: is {kind}, not a file (choose another name with -o; --overwrite "
            "replaces only a file)"
        )
    try:
        if overwrite:
            files.replace_file(path, data)  # replaces a symlink itself, never its target
            return path
        temp = files.write_unique(
            lambda suffix: path.with_name(f".{path.name}.{os.getpid()}{suffix}.tmp"), data
        )
        try:
            return files.link_unique(temp, files.numbered(path), next_free)
        except OSError as err:
            if isinstance(err, FileExistsError) or err.errno not in NO_LINKS:
                raise
        finally:
            temp.unlink(missing_ok=True)
        # No hard links here: create the file under its name (O_EXCL) and write it.
        if not next_free:
            files.write_new(path, data)
            return path
        return files.write_unique(files.numbered(path), data)
    except FileExistsError:
        raise ExportError(
            f"{path}: exists already (use --overwrite to replace it, or another -o)"
        ) from None
    except OSError as err:
        raise ExportError(
            f"{path}: the referat could not be written: {files.reason(err)}"
        ) from None


def _stat(path: Path, follow: bool = True) -> os.stat_result | None:
    """The path's stat, None if there is nothing there; ExportError if it cannot be looked at."""
    try:
        return os.stat(path) if follow else os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as err:
        if follow and err.errno == errno.ELOOP:
            return None
        raise ExportError(f"{path}: cannot be reached: {files.reason(err)}") from None


def _ready_folder(folder: Path) -> None:
    """Make the folder (0700 where new), or say in one line why it cannot be one."""
    existing = folder
    while _stat(existing) is None and existing.parent != existing:
        existing = existing.parent
    found = _stat(existing)
    if found is not None and not stat.S_ISDIR(found.st_mode):
        kind = files.not_a_file(found) or "a file"
        raise ExportError(
            f"{existing}: is {kind}, not a folder (the referat cannot be saved in {folder})"
        )
    try:
        files.make_dirs(folder)
    except OSError as err:
        raise ExportError(f"{folder}: cannot create the folder: {files.reason(err)}") from None
