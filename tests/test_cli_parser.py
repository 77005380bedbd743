"""The command line's parser: every command is offered and answers --help, and starting
the app builds only the run command's parser (the others' modules stay unloaded)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from meetingtui import cli

COMMAND_MODULES = (
    "meetingtui.agenda.command",
    "meetingtui.approval_command",
    "meetingtui.importing.command",
    "meetingtui.verify",
    "meetingtui.web.command",
)


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["--help"])
    assert exit.value.code == 0
    listed = capsys.readouterr().out
    offered = re.findall(r"(?m)^ {4}(\w+)", listed)
    assert offered == [
        "run", "check", "new", "export", "attendance", "recover",
        "import", "serve", "verify", "approve", "correct",
    ]  # fmt: skip


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_each_command_answers_help(command, capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main([command, "--help"])
    assert exit.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: meetingtui {command} ")


def test_a_command_given_wrongly_is_named_in_danish(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["verify"])
    assert exit.value.code == 2
    assert "meetingtui verify: fejl i kommandoen" in capsys.readouterr().err


def test_starting_the_app_loads_no_other_commands_module():
    probe = (
        "import sys; from meetingtui import cli; "
        "args = cli.parser('run').parse_args(['run', '--demo']); "
        "assert args.handler is cli.run_app; "
        f"print([m for m in {COMMAND_MODULES!r} if m in sys.modules])"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
