"""The performance benchmark (bench/run.py) runs and prints its table: smallest size, no tmux.

No timing is asserted here (CI machines vary); the numbers are read by people, from a
full run on a quiet machine (see bench/README.md).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "run.py"
MEASURES = [
    "start-up",
    "floor: next item, bare (Markdown at the key)",
    "floor: next item, bare (Markdown rendered before)",
    "key: next item (n)",
    "key: jump to item (enter in list)",
    "key: member left (l, enter)",
    "floor: move a highlight, bare",
    "key: type a character",
    "save (append one event)",
    "export (public .docx)",
    "peak memory (max RSS)",
]
FLOORS = [measure for measure in MEASURES if measure.startswith("floor:")]
KEYS = [measure for measure in MEASURES if measure.startswith(("key:", "floor:"))]


def test_benchmark_runs_at_the_smallest_size(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--sizes",
            "small",
            "--markdown",
            "--no-tmux",
            "--key-runs",
            "3",
            "--save-runs",
            "5",
            "--export-runs",
            "1",
            "--memory-runs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    rows = {}
    for line in done.stdout.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[1] == "small":
            rows[cells[0]] = cells
    assert list(rows) == MEASURES, done.stdout
    assert rows["start-up"][-1] == "skipped: --no-tmux"
    for measure in MEASURES[1:]:
        _, _, median, frame, floor, ratio, target, met = rows[measure]
        assert re.fullmatch(r"\d+(\.\d+)? (ms|s|MB)", median), rows[measure]
        if measure in KEYS:  # keys and their floors: the share of a 16 ms frame
            assert re.fullmatch(r"\d+%", frame), rows[measure]
        else:
            assert frame == "—", rows[measure]
        if measure in FLOORS:  # a floor is measured, not held to a target
            assert (floor, ratio, target, met) == ("—", "—", "—", "—"), rows[measure]
            continue
        assert re.fullmatch(r"\d+(\.\d+)? (ms|s|MB)", floor), rows[measure]
        assert re.fullmatch(r"\d+\.\d\dx", ratio), rows[measure]
        assert target and met in ("met", "NOT MET", "—"), rows[measure]
