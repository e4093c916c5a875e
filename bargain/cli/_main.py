"""The parser and the entry point: subcommands, exit codes, errors as one line on standard error."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from bargain import __version__
from bargain.cli._games import add_bargain, add_solve
from bargain.cli._models import add_demo, add_model, add_sweep, model_lines, sweep_available
from bargain.errors import BargainError

__all__ = ["main", "build_parser"]

EXAMPLES = """examples:
  bargain solve game.nfg                 every Nash equilibrium, with labels and components
  bargain solve game.nfg --exact --json  exact equilibria as JSON
  bargain bargain game.toml --solution ks --disagreement minmax
  bargain model tariff_war --demand-slope 2
  bargain sweep crisis.fearon --param p=0:1:11 --fixed cost_a=0.1 --fixed cost_b=0.1 --out fearon.nc
  bargain demo

exit status: 0 done, 1 bad input (message on standard error), 2 wrong usage
"""


def build_parser() -> argparse.ArgumentParser:
    """The ``bargain`` argument parser (the models' list in the help is read from the registry)."""
    parser = argparse.ArgumentParser(
        prog="bargain",
        description="Game-theoretic bargaining for transactional diplomacy: solve game files exactly, "
                    "bargain over their outcomes, evaluate and sweep models of foreign policy.",
        epilog=EXAMPLES + "\nmodels (bargain model NAME --help):\n" + model_lines(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"bargain {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_solve(sub)
    add_bargain(sub)
    add_model(sub)
    if sweep_available():
        add_sweep(sub)
    add_demo(sub)
    return parser


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (captured output)
        pass


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status.

    0: done; 1: bad input (a game file, a parameter or a value the library refused; the
    message goes to standard error, without a traceback); 2: wrong usage (argparse's message).
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as exc:  # --help, --version, usage errors
        return _exit_code(exc.code)
    command = f"bargain {args.command}"
    try:
        return int(args.run(args) or 0)
    except SystemExit as exc:  # a model's own parser (bargain model NAME --help or a usage error)
        return _exit_code(exc.code)
    except BrokenPipeError:  # the reader went away (bargain solve ... | head): stop quietly
        _silence_stdout()
        return 141
    except (BargainError, OSError) as exc:
        text = str(exc)
        if isinstance(exc, OSError) and exc.filename is not None:
            text = f"{exc.filename}: {exc.strerror or exc}"
        prefix = "" if text.startswith(command) else f"{command}: "
        print(f"{prefix}error: {text}", file=sys.stderr)
        return 1
    except ImportError as exc:
        print(f"{command}: error: {exc} (pip install 'bargain-games[sweep]' for sweeps)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{command}: interrupted", file=sys.stderr)
        return 130
