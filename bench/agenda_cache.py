"""Does the agenda cache still pay for itself? (issue 9: "prove it, or drop it")

    python bench/agenda_cache.py            # 7, 100 and 500 items, 15 runs each
    python bench/agenda_cache.py --runs 5 --sizes small

For each synthetic agenda (bench/synth.py: about 4 KB of case text per item), in one
process, with the file in the OS's page cache (a reopening, which is what the cache is
for), the median of N runs of:

- parse: `tomllib.loads` of the file's text;
- rules: checking the parsed TOML (what a hit saves besides the parse);
- load, cold: `agenda.load()` without a cache (read, SHA-256, parse, the rules);
- load, cached: `agenda.load()` with a warm cache (read, SHA-256, the cache file checked
  and read back: HMAC, `json.loads`, the Agenda built again; agenda/cached.py);
- cache write: what a miss adds (JSON, HMAC, temporary file, fsync, rename).

"load, cached" is what the secretary waits for at every start. The cache is kept if it
saves time at the sizes that matter (100 and 500 items) and costs next to nothing at the
reference size.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402

from meetingtui import agenda as agenda_mod  # noqa: E402
from meetingtui.agenda.cached import CheckedAgenda  # noqa: E402
from meetingtui.agenda.rules import Checker  # noqa: E402


def median_ms(call, runs: int) -> float:
    """The median of `runs` calls, in ms; the garbage collector off while timing (as timeit)."""
    call()  # warm up: imports, the page cache
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return statistics.median(times) * 1000


def measure(size: synth.Size, folder: Path, runs: int) -> dict[str, float]:
    path = folder / f"{size.name}.toml"
    path.write_text(synth.agenda_toml(size), encoding="utf-8")
    data = path.read_bytes()
    text = data.decode("utf-8")
    cache = folder / f"cache-{size.name}"
    agenda = agenda_mod.load(path, cache_dir=cache)  # writes the cache
    raw = tomllib.loads(text)

    def write_cache():
        CheckedAgenda(cache, path, data).keep(agenda, None)

    return {
        "items": len(agenda.items),
        "kB": len(data) / 1000,
        "parse": median_ms(lambda: tomllib.loads(text), runs),
        "rules": median_ms(lambda: Checker(path, text).agenda(raw), runs),
        "load, cold": median_ms(lambda: agenda_mod.load(path), runs),
        "load, cached": median_ms(lambda: agenda_mod.load(path, cache_dir=cache), runs),
        "cache write": median_ms(write_cache, runs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per measure (default 15)")
    parser.add_argument("--sizes", nargs="+", default=list(synth.SIZES), choices=synth.SIZES)
    args = parser.parse_args(argv)
    columns = ["items", "kB", "parse", "rules", "load, cold", "load, cached", "cache write"]
    print("| " + " | ".join(columns) + " | saved per load |")
    print("|" + "---|" * (len(columns) + 1))
    with tempfile.TemporaryDirectory() as folder:
        for name in args.sizes:
            found = measure(synth.SIZES[name], Path(folder), args.runs)
            saved = found["load, cold"] - found["load, cached"]
            cells = [f"{found['items']:.0f}", f"{found['kB']:,.0f}"]
            cells += [f"{found[column]:.1f} ms" for column in columns[2:]]
            print(f"| {' | '.join(cells)} | {saved:.1f} ms ({saved / found['load, cold']:.0%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
