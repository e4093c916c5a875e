"""Headline demo: four policy questions, each asked of a model and answered in words.

1. A tariff war: two trading powers both gain from free trade; will they keep it, and how
   patient must they be? (Johnson 1953; Bagwell and Staiger 1990.)
2. A crisis: when does a dispute end in war? Never with complete information; with some
   probability when resolve is private. (Fearon 1995.)
3. A conditional guarantee: protection kept only while the ally pays; is it self-enforcing?
   (Friedman 1971; Sandler and Hartley 2001.)
4. A million uncertain crises, solved in one batched call.

The story lives in :mod:`bargain.demo` (``bargain demo`` runs the same); figures are saved
where matplotlib is installed.

Run: python examples/quickstart.py [--out DIR]
"""

from __future__ import annotations

import argparse
import tempfile

from bargain.demo import run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=tempfile.gettempdir(), help="directory for the figures")
    args = parser.parse_args(argv)
    run(args.out)


if __name__ == "__main__":
    main()
