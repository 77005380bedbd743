"""Does the roll call cost linear in members? (issue 9: 2,000 members took 44 s to show)

    python bench/rollcall_scale.py                  # 100, 500, 1,000 and 2,000 members
    python bench/rollcall_scale.py --members 100 2000 --repeat 3

For each size: an agenda of that many members (and three items) is written to a temporary
folder; the app is built as the CLI builds it (`create_app`: the agenda read and checked, a
new record) and run headless at 120x40. Measured, each the median of `--repeat` runs:

- shown: from building the app to the roll call drawn (the first frame after mounting);
- key: one key (`a`: the member under the cursor sends notice) to the redrawn frame,
  through the Secretary and the record, as a secretary would press it.

Both are also given per member. Pilot adds about 20 ms of idle waiting to a key press; it is
the same at every size. The target: time per member flat within 2x from 100 to 2,000
members (a cost that grew with members squared would be 20x).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from meetingtui.ui.app import create_app  # noqa: E402

PARTIES = ("A", "V", "B", "Ø", "C", "F", "løsgænger")
FIRST = ("Bo", "Anja", "Mette", "Karsten", "Henriette", "Anne Marie", "Lars", "Jens Peter")
LAST = ("Lund", "Selman", "Byrgesen", "Geisler Andersen", "Schlesinger Kærgaard", "Wistoft")


def name(number: int) -> str:
    """Names of many lengths, as in a real body (equal widths would hide a width cost)."""
    return f"{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]} {number}"


def agenda_text(members: int) -> str:
    lines = [
        "format = 1",
        "[meeting]",
        'body = "Skalaudvalget"',
        "date = 2025-11-20",
        "start = 10:00:00",
        'place = "Rådhuset"',
    ]
    for number in range(members):
        lines += [
            "[[members]]",
            f'id = "m{number:05d}"',
            f'name = "{name(number)}"',
            f'party = "{PARTIES[number % len(PARTIES)]}"',
        ]
    for number in range(3):
        lines += ["[[items]]", f'id = "i{number}"', f'title = "Punkt {number}"']
    return "\n".join(lines) + "\n"


async def measure_once(members: int, folder: Path) -> tuple[float, float]:
    agenda = folder / f"scale-{members}.toml"
    agenda.write_text(agenda_text(members), encoding="utf-8")
    record = folder / f"scale-{members}-{time.monotonic_ns()}.record"
    started = time.perf_counter()
    app = create_app(agenda, record)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "RollCallScreen"
        shown = time.perf_counter() - started
        await pilot.press("down")
        key_started = time.perf_counter()
        await pilot.press("a")
        await pilot.pause()
        key = time.perf_counter() - key_started
        assert app.secretary.state.seats["m00001"].status == "afbud"
    return shown, key


def run(sizes: list[int], repeat: int) -> list[tuple[int, float, float]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("MEETINGTUI_DATA_DIR", str(Path(folder) / "data"))
        for members in sizes:
            runs = [asyncio.run(measure_once(members, Path(folder))) for _ in range(repeat)]
            shown = statistics.median(r[0] for r in runs)
            key = statistics.median(r[1] for r in runs)
            rows.append((members, shown, key))
            print(
                f"  {members} members: shown {shown:.2f} s, key {key * 1000:.0f} ms",
                file=sys.stderr,
            )
    return rows


def table(rows: list[tuple[int, float, float]]) -> str:
    lines = [
        "| members | roll call shown | per member | one key | per member |",
        "|--------:|----------------:|-----------:|--------:|-----------:|",
    ]
    for members, shown, key in rows:
        lines.append(
            f"| {members:,} | {shown:.2f} s | {shown / members * 1e3:.2f} ms "
            f"| {key * 1e3:.0f} ms | {key / members * 1e3:.3f} ms |"
        )
    first, last = rows[0], rows[-1]
    shown_ratio = (last[1] / last[0]) / (first[1] / first[0])
    key_ratio = (last[2] / last[0]) / (first[2] / first[0])
    lines.append("")
    lines.append(
        f"Per member, {last[0]:,} against {first[0]:,}: shown x{shown_ratio:.2f}, "
        f"key x{key_ratio:.2f} (target: at most x2)."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[100, 500, 1000, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(table(run(args.members, args.repeat)))


if __name__ == "__main__":
    main()
