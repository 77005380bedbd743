"""Write the referat to disk: the file name, the variant, and a write that loses nothing.

An export never overwrites an existing file silently: with the default name it takes the
next free one (`-2`, `-3`, ...; the rule in `files.free_names`); an explicit path that
exists is refused unless `overwrite` is given. The file is written to a temporary file,
fsynced, then linked into place (or, to overwrite, renamed over the old one), so a
symlink planted at the target is never followed.
"""

from __future__ import annotations

import os
from pathlib import Path

from meetingtui import files, paths
from meetingtui.agenda import Agenda
from meetingtui.errors import ExportError
from meetingtui.meeting import MeetingState
from meetingtui.minutes import build


def docx_bytes(state: MeetingState, full: bool) -> bytes:
    from meetingtui.minutes import word  # python-docx is only needed for an export

    return word.render(build(state, full=full))


def target_path(agenda: Agenda, full: bool, output: Path | None) -> tuple[Path, bool]:
    """(path, explicit): where the export goes, and whether the user named it.

    `output` names a file if it ends in .docx or is an existing file (or link); anything
    else is a folder, created if need be, that gets the default name: `-o referater`
    must not write a file called 'referater' that Word cannot open.
    """
    if output is None:
        return paths.output_dir() / paths.export_name(agenda, full), False
    named_folder = str(output).endswith(("/", os.sep))
    output = Path(output)
    names_a_file = (
        output.suffix.lower() == ".docx"
        or output.is_symlink()
        or (output.exists() and not output.is_dir())
    )
    if named_folder or output.is_dir() or not names_a_file:
        return output / paths.export_name(agenda, full), False
    return output, True


def export(
    state: MeetingState, full: bool = False, output: Path | None = None, overwrite: bool = False
) -> Path:
    return export_with_warnings(state, full, output, overwrite)[0]


def export_with_warnings(
    state: MeetingState, full: bool = False, output: Path | None = None, overwrite: bool = False
) -> tuple[Path, list[str]]:
    """Write the referat; also say (in Danish) what had to be left out."""
    from meetingtui.minutes import word  # python-docx is only needed for an export

    path, explicit = target_path(state.agenda, full, output)
    minutes = build(state, full=full)
    data = word.render(minutes)
    written = write_new(path, data, overwrite=overwrite, next_free=not explicit)
    dropped = word.unsupported_characters(minutes)
    warnings = (
        [f"{dropped} tegn, som et Word-dokument ikke kan rumme (styretegn), er udeladt."]
        if dropped
        else []
    )
    return written, warnings


def write_new(path: Path, data: bytes, overwrite: bool = False, next_free: bool = True) -> Path:
    """Write the file whole under `path` (or the next free name); the path it got."""
    try:
        files.make_dirs(path.parent)
    except OSError as err:
        raise ExportError(f"{path.parent}: cannot create the folder: {files.reason(err)}") from None
    try:
        if overwrite:
            files.replace_file(path, data)  # replaces a symlink itself, never its target
            return path
        temp = files.write_unique(
            lambda suffix: path.with_name(f".{path.name}.{os.getpid()}{suffix}.tmp"), data
        )
        try:
            return files.link_unique(temp, files.numbered(path), next_free)
        finally:
            temp.unlink(missing_ok=True)
    except FileExistsError:
        raise ExportError(
            f"{path}: exists already (use --overwrite to replace it, or another -o)"
        ) from None
    except OSError as err:
        raise ExportError(
            f"{path}: the referat could not be written: {files.reason(err)}"
        ) from None
