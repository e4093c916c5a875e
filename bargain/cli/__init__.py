"""The ``bargain`` command line (also ``python -m bargain``): solve game files, bargain, run models.

Subcommands: ``solve`` (every Nash equilibrium of a game file), ``bargain`` (a bargaining
solution over a game file's outcomes), ``model`` (evaluate a registered model with its
declared parameters), ``sweep`` (a model over a parameter grid, to netCDF) and ``demo``
(the headline demo). ``--json`` gives strict JSON for scripts. Exit status: 0 done, 1 bad
input (the message on standard error, no traceback), 2 wrong usage.

>>> main(["solve", "--help"]) == 0  # doctest: +ELLIPSIS
usage: bargain solve ...
True
"""

from __future__ import annotations

from bargain.cli._main import build_parser, main

__all__ = ["main", "build_parser"]
