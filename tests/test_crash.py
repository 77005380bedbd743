"""The crash harness at a small size: SIGKILL a writing record at random moments.

After every kill the record must load and hold every event the writer had acknowledged,
in order and unchanged. The full run is `python scripts/crash_harness.py --kills 500`.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parents[1] / "scripts" / "crash_harness.py"


def load_harness():
    spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_killed_writers_lose_no_acknowledged_event(tmp_path):
    harness = load_harness()
    figures = harness.run(kills=25, seed=2025, workdir=tmp_path, kills_per_record=10)
    assert figures.kills == 25
    assert figures.load_failures == 0
    assert figures.events_lost == 0
    assert figures.problems == []
    assert figures.stray_temp_files_left == 0
    # The run proved something: writers got far, and kills landed inside saves.
    assert figures.events_acknowledged > 100
    assert figures.kills_while_saving > 0


def test_the_scripted_meeting_is_the_same_in_every_process():
    """The parent checks content against its own copy: the child must make the same."""
    harness = load_harness()
    script = (
        "import importlib.util, json, sys\n"
        f"spec = importlib.util.spec_from_file_location('h', {str(HARNESS)!r})\n"
        "h = importlib.util.module_from_spec(spec); sys.modules['h'] = h\n"
        "spec.loader.exec_module(h)\n"
        "print(json.dumps([h.event_for(n) for n in range(1, 60)]))\n"
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    mine = [harness.event_for(n) for n in range(1, 60)]
    assert json.loads(child.stdout) == mine
    assert len({json.dumps(e) for e in mine}) == len(mine)


def test_power_cut_figures_are_all_zero():
    """The figures script the README quotes, at a small sample: no cut fails."""
    spec = importlib.util.spec_from_file_location("power_cut", HARNESS.with_name("power_cut.py"))
    power_cut = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = power_cut
    spec.loader.exec_module(power_cut)
    for label, figures in power_cut.run(sample=60).items():
        assert figures.cuts > 0, label
        assert (figures.failed_loads, figures.events_lost, figures.torn_kept) == (0, 0, 0), label
        assert (figures.missing_notice, figures.missing_backup) == (0, 0), label
