"""Power-cut simulation: cut a record inside its last write at every byte offset, then load.

    python scripts/power_cut.py

A kill stops the process; a power cut can also leave a write half on disk. For a record of
ordinary events and for one whose last event is a 50 KB decision (cuts sampled to 1,000
offsets), the file is cut at each offset inside the last line, or that tail is overwritten
with zeros or garbage, and then opened as the app opens it. Each cut must load with every
event written before the last write, drop the torn one with a notice, and keep the file as
found as a backup. Prints the figures; exits 1 if any cut fails.
"""

from __future__ import annotations

import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from meetingtui import events as ev
from meetingtui.notices import NoticeCode
from meetingtui.record import MeetingRecord


@dataclass
class Figures:
    cuts: int = 0
    failed_loads: int = 0
    events_lost: int = 0
    torn_kept: int = 0  # a torn event that was wrongly kept
    missing_notice: int = 0
    missing_backup: int = 0


def write_record(path: Path, events: int, last_text: str) -> tuple[bytes, int]:
    record = MeetingRecord(path, "bench")
    for n in range(events - 1):
        record.append(ev.make("decision_set", item=f"i{n % 7}", text=f"Beslutning {n}"))
    before = path.stat().st_size
    record.append(ev.make("decision_set", item="last", text=last_text))
    record.close()
    return path.read_bytes(), before


def try_cut(
    folder: Path, data: bytes, keep: int, tail: bytes, expected: int, figures: Figures
) -> None:
    path = folder / f"cut-{figures.cuts}.record"
    path.write_bytes(data[:keep] + tail)
    path.chmod(0o600)  # the app's own file, as the power cut left it
    figures.cuts += 1
    try:
        record = MeetingRecord(path, "bench")
    except Exception:
        figures.failed_loads += 1
        return
    try:
        kinds = [e for e in record.events if e["kind"] == "decision_set"]
        figures.events_lost += max(0, expected - len([e for e in kinds if e["item"] != "last"]))
        figures.torn_kept += any(e["item"] == "last" for e in kinds)
        codes = [notice.code for notice in record.notices]
        figures.missing_notice += codes != [NoticeCode.TORN_WRITE_DROPPED]
        figures.missing_backup += not list(folder.glob(f"{path.name}.torn-*"))
    finally:
        record.close()


def run(sample: int = 1000, seed: int = 1) -> dict[str, Figures]:
    rng = random.Random(seed)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, text in (
            ("short", "Til orientering."),
            ("50 KB", "x" * 50_000),
        ):
            folder = Path(tmp) / label.replace(" ", "-")
            folder.mkdir()
            data, before = write_record(folder / "source.record", 20, text)
            offsets = list(range(before + 1, len(data)))  # at least one byte of it on disk
            if len(offsets) > sample:
                offsets = sorted(rng.sample(offsets, sample))
            figures = Figures()
            for keep in offsets:
                try_cut(folder, data, keep, b"", 19, figures)
            for filler in (b"\x00", b"\xff"):
                try_cut(folder, data, before, filler * (len(data) - before), 19, figures)
            results[label] = figures
    return results


def main() -> int:
    results = run()
    table = Table(title="Power cut inside the last write")
    for column in (
        "last event",
        "cuts",
        "failed loads",
        "events lost",
        "torn kept",
        "no notice",
        "no backup",
    ):
        table.add_column(column)
    bad = 0
    for label, f in results.items():
        table.add_row(
            label,
            *map(
                str,
                (
                    f.cuts,
                    f.failed_loads,
                    f.events_lost,
                    f.torn_kept,
                    f.missing_notice,
                    f.missing_backup,
                ),
            ),
        )
        bad += f.failed_loads + f.events_lost + f.torn_kept + f.missing_notice + f.missing_backup
    Console().print(table)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
