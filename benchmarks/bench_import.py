"""Time of ``import bargain`` in fresh interpreters (target: under 0.3 s), against numpy alone.

Run: python benchmarks/bench_import.py [repeats]
"""

from __future__ import annotations

import statistics
import subprocess
import sys


def import_time(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    statements = (
        "import numpy",
        "import bargain",
        "import bargain; bargain.Game; bargain.nash_equilibria",
        "import nashpy",
    )
    for statement in statements:
        times = [import_time(statement) for _ in range(repeats)]
        print(f"{statement:55s} median {statistics.median(times) * 1e3:7.1f} ms  "
              f"(min {min(times) * 1e3:.1f} ms over {repeats} fresh interpreters)")


if __name__ == "__main__":
    main()
