"""What every example prints and saves the same way: numbers, tables, its --out option, its figure.

Not an example (``examples/tour.py`` skips names starting with ``_``). The examples run as
scripts, so their own directory is on ``sys.path`` and ``from _show import table`` finds
this module.

>>> from fractions import Fraction
>>> fmt(Fraction(2, 3)), fmt(2 / 3), fmt(True)
('2/3', '0.6667', 'yes')
>>> table(("s", "delta*"), [("1", "3/5"), ("10", "12/23")])
 s  delta*
----------
 1     3/5
10   12/23
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import tempfile
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["fmt", "table", "parser", "save_figure"]

NO_MATPLOTLIB = "matplotlib is not installed: no figure saved (pip install matplotlib to get one)."


def fmt(x: object) -> str:
    """A Fraction as p/q, a bool as yes/no, any other number with 4 significant digits."""
    if isinstance(x, bool | np.bool_):
        return "yes" if x else "no"
    if isinstance(x, Fraction):
        return str(x)
    return f"{float(x):.4g}"  # type: ignore[arg-type]


def table(
    head: Sequence[str], rows: Sequence[Sequence[str]], *, rule: bool = True, left: bool = False
) -> None:
    """Print an aligned text table: columns right-aligned (or ``left``), a ``rule`` under the head."""

    def line(cells: Sequence[str]) -> str:
        padded = (c.ljust(w) if left else c.rjust(w) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(head)]
    top = line(head)
    print(top)
    if rule:
        print("-" * len(top))
    for r in rows:
        print(line(r))


def parser(doc: str) -> argparse.ArgumentParser:
    """The example's command line: its docstring's first line, and ``--out DIR`` for the figure."""
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument("--out", default=tempfile.gettempdir(), help="directory for the figure")
    return p


def save_figure(
    out: str,
    name: str,
    draw: Callable[[Any], None],
    *,
    ncols: int = 1,
    size: tuple[float, float] = (6, 4),
    dpi: int = 120,
) -> str | None:
    """Draw a figure and save it as ``out/name.png`` where matplotlib is installed.

    ``draw`` gets the axes (one, or a tuple of ``ncols`` side by side). Prints and returns
    the path; without matplotlib prints a note and returns None.
    """
    if importlib.util.find_spec("matplotlib") is None:
        print(NO_MATPLOTLIB)
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=size)
    draw(tuple(axes) if ncols > 1 else axes)
    fig.tight_layout()
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, f"{name}.png")
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    print(f"Figure saved to {path}")
    return path
