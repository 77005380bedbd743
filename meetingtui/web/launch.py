"""Starting the chair's page from the app: `meetingtui serve` as a process of its own.

The server outlives the app on purpose: the chair's page keeps showing the meeting (and
says the record is not being written) while the secretary's app restarts, and the app
finds the same server again when it is back, so the tablet keeps its address. What the
app started is remembered in `serve/<key>.json` in the data directory (0600: it holds the
token), one per record; its output goes to `serve/<key>.log`.

The token is made here and handed to the server in its environment (never on its command
line, which other users can read).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

from meetingtui import files, paths
from meetingtui.errors import MeetingtuiError
from meetingtui.web.address import DEFAULT_PORT, TOKEN_ENV, page_url
from meetingtui.web.security import new_token

PORTS_TRIED = 20  # DEFAULT_PORT and the next ones, for the first free
READY_SECONDS = 15.0  # how long a starting server may take to listen


@dataclass(frozen=True)
class Running:
    pid: int
    host: str
    port: int
    url: str  # with the token
    record: str


def _key(record: Path) -> str:
    return hashlib.sha256(str(Path(record).resolve()).encode()).hexdigest()[:16]


def state_file(record: Path) -> Path:
    return paths.data_dir() / "serve" / f"{_key(record)}.json"


def log_file(record: Path) -> Path:
    return paths.data_dir() / "serve" / f"{_key(record)}.log"


def running(record: Path) -> Running | None:
    """The server the app started for this record, if it still runs and listens."""
    try:
        found = Running(**json.loads(state_file(record).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if found.record != str(Path(record).resolve()) or not _ours(found.pid):
        return None
    return found if _listening(found.host, found.port) else None


def _ours(pid: int) -> bool:
    """The process is a `meetingtui serve` (the number may have been reused)."""
    try:
        command = psutil.Process(pid).cmdline()
    except (psutil.Error, OSError):
        return False
    return "serve" in command and any("meetingtui" in part for part in command)


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def free_port(host: str) -> int:
    for port in range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise MeetingtuiError(
        f"{host}: ports {DEFAULT_PORT}-{DEFAULT_PORT + PORTS_TRIED - 1} are all taken"
    )


def start(agenda: Path, record: Path, host: str) -> Running:
    """Start `meetingtui serve` on `host`, wait until it listens, remember it."""
    stop(record)
    token = new_token()
    port = free_port(host)
    log = log_file(record)
    files.make_dirs(log.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | files.NOFOLLOW | files.CLOEXEC
    fd = os.open(log, flags, files.FILE_MODE)
    command = [sys.executable, "-m", "meetingtui", "serve", str(agenda)]
    command += ["--record", str(record), "--host", host, "--port", str(port)]
    detach: dict = (
        {"start_new_session": True}
        if os.name == "posix"
        else {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    )
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=fd,
            stderr=fd,
            env={**os.environ, TOKEN_ENV: token},
            **detach,
        )
    finally:
        os.close(fd)
    deadline = time.monotonic() + READY_SECONDS
    while not _listening(host, port):
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                process.kill()
            raise MeetingtuiError(_last_line(log) or "the server did not start")
        time.sleep(0.05)
    found = Running(process.pid, host, port, page_url(host, port, token), str(record.resolve()))
    files.replace_file(state_file(record), json.dumps(asdict(found)).encode())
    return found


def stop(record: Path) -> bool:
    """Stop the server the app started for this record; False if none ran."""
    found = running(record)
    with contextlib.suppress(OSError):
        state_file(record).unlink()
    if found is None:
        return False
    with contextlib.suppress(OSError):
        os.kill(found.pid, signal.SIGTERM)
    with contextlib.suppress(psutil.Error):
        psutil.Process(found.pid).wait(timeout=5)
    return True


def _last_line(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1].removeprefix("meetingtui: ") if lines else ""
