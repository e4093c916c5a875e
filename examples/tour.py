"""A tour of every example: each policy question the library's models answer, one after another.

Each script in this directory is a policy (a tariff war, an alliance's burden, a crisis,
export controls, the dollar, ...) turned into a model and answered in words. This script
runs them all in turn, each in its own process, and saves their figures (where matplotlib
is installed) to one directory: every example takes ``--out DIR``. It stops at the first
example that fails and says which.

Run: python examples/tour.py [--out DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: The order of the tour: trade first, then alliances and cooperation, then security.
ORDER = (
    "quickstart",
    "tariff_war",
    "trade_deal_bargaining",
    "industrial_policy",
    "issue_linkage",
    "alliance_burden",
    "conditional_guarantee",
    "great_power_cooperation",
    "trilateral",
    "crisis_bargaining",
    "strategic_unpredictability",
    "spheres_of_influence",
    "export_controls",
    "dollar_dominance",
)


def examples() -> list[Path]:
    """Every example script, in tour order (scripts not named in ORDER come last)."""
    found = {p.stem: p for p in HERE.glob("*.py") if p.stem != "tour" and not p.stem.startswith("_")}
    ordered = [found.pop(name) for name in ORDER if name in found]
    return ordered + [found[name] for name in sorted(found)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=tempfile.gettempdir(), help="directory for the figures")
    parser.add_argument("--only", nargs="*", default=None, help="names of the examples to run")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scripts = examples()
    if args.only:
        unknown = sorted(set(args.only) - {p.stem for p in scripts})
        if unknown:
            known = ", ".join(p.stem for p in scripts)
            parser.error(f"no example called {', '.join(unknown)} (examples: {known})")
        scripts = [p for p in scripts if p.stem in args.only]
    for number, path in enumerate(scripts, 1):
        banner = f" {number}/{len(scripts)}  examples/{path.name} "
        print(f"\n{banner:=^100}\n", flush=True)
        command = [sys.executable, str(path), "--out", str(out)]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=HERE.parent, check=False)
        if done.returncode != 0:
            print(f"\nexamples/{path.name} failed (exit code {done.returncode}); the tour stops here.")
            return done.returncode
        print(f"\n({time.perf_counter() - start:.1f} s)", flush=True)
    print(f"\nAll {len(scripts)} examples ran; figures (where matplotlib is installed) are in {out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
