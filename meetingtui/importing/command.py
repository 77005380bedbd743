"""`meetingtui import SOURCE -o AGENDA.toml`: the command, its arguments and its report."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from meetingtui.terminal_text import Printable


def add_import_command(sub) -> None:
    command = sub.add_parser(
        "import", help="make an agenda from a dagsorden or referat (.docx, .pdf, .txt, .html)"
    )
    command.add_argument(
        "source", metavar="SOURCE", help="the dagsorden: .docx, .pdf, .txt or .html"
    )
    command.add_argument(
        "-o",
        "--output",
        metavar="AGENDA.toml",
        help="the agenda to write (default: SOURCE's name, .toml)",
    )
    command.add_argument("--overwrite", action="store_true", help="replace an existing agenda file")
    command.set_defaults(handler=run_import)


def run_import(args) -> int:
    from meetingtui.agenda.write import to_toml
    from meetingtui.importing import ImportFailed, import_source, report
    from meetingtui.importing.source import write_agenda

    source = Path(args.source)
    target = Path(args.output) if args.output else Path(source.stem + ".toml")
    if target.is_dir():
        target = target / (source.stem + ".toml")
    if (target.exists() or target.is_symlink()) and not args.overwrite:
        raise ImportFailed(f"{target}: findes allerede (brug --overwrite for at erstatte den)")
    result = import_source(source)
    comment = (
        f"Importeret af `meetingtui import` fra {source.name}.\n"
        "Ret det, der ikke passer, og tjek filen med `meetingtui check`."
    )
    write_agenda(target, to_toml(result.data, comment=comment), args.overwrite)
    out = Console(highlight=False, soft_wrap=True, emoji=False)
    for line in report.lines(result, str(source), str(target)):
        out.print(Printable(Text(line)))
    return 0
