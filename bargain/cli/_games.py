"""``bargain solve`` and ``bargain bargain``: a game file in, equilibria or a bargaining solution out."""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from typing import Any

from bargain._result import fmt_number
from bargain._thresholds import IO_MAX_FILE_BYTES
from bargain.bargaining.problem import DISAGREEMENTS, BargainingProblem
from bargain.bargaining.solutions import egalitarian, kalai_smorodinsky, nash_bargaining, utilitarian
from bargain.cli._json import dumps, exact_or_none
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.io import GameFile, parse_game, read_game_file
from bargain.io._common import decode, parse_number
from bargain.solvers.nash.dispatch import METHODS, nash_equilibria

__all__ = ["add_solve", "add_bargain", "load"]

SOLUTIONS = {
    "nash": nash_bargaining,
    "ks": kalai_smorodinsky,
    "egalitarian": egalitarian,
    "utilitarian": utilitarian,
}


def load(path: str, command: str) -> GameFile:
    """The game file at ``path`` (``-``: standard input), errors naming the command."""
    func = f"bargain {command}"
    if path == "-":
        data = sys.stdin.buffer.read(IO_MAX_FILE_BYTES + 1)
        if len(data) > IO_MAX_FILE_BYTES:
            raise InvalidGameError(
                f"{func}: <stdin>: more than the {IO_MAX_FILE_BYTES} bytes a game file may have"
            )
        return parse_game(decode(data, f"{func}: <stdin>"), name="<stdin>", func=func)
    return read_game_file(path)


def _heading(gf: GameFile, path: str) -> str:
    g = gf.game
    m, n = g.shape
    title = f"{gf.title} " if gf.title else ""
    lines = [f"{title}({path}): {g.players[0]} ({m} strategies) vs {g.players[1]} ({n} strategies)"]
    if gf.source:
        lines.append(f"Source: {gf.source}" + (f", p. {gf.page}" if gf.page else ""))
    if gf.comment:
        note = " ".join(gf.comment.split())
        lines.append(f"Note: {note if len(note) <= 200 else note[:197] + '...'}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- solve
def add_solve(sub: Any) -> None:
    p = sub.add_parser(
        "solve",
        help="all Nash equilibria of a game file (.nfg or .toml), with labels, payoffs and components",
        description=(
            "Solve a two-player game file (Gambit .nfg, either version, or bargain's TOML format; "
            "'-' reads standard input) and print every Nash equilibrium with the strategies' labels, "
            "the payoffs, the convex components (sets of equilibria whose mixtures are equilibria) and "
            "whether the game is degenerate."
        ),
    )
    p.add_argument("file", help="the game file (.nfg or .toml; '-' for standard input)")
    p.add_argument("--method", default="auto", choices=("auto", *METHODS),
                   help="algorithm (default auto: the fastest complete method for the game's size)")
    p.add_argument("--exact", action="store_true", help="compute and print exact rational equilibria")
    p.add_argument("--max-time", type=float, default=None, metavar="SECONDS",
                   help="wall-clock budget (default: the library's, 10 s)")
    p.add_argument("--json", action="store_true", help="print JSON (for scripts)")
    p.set_defaults(run=run_solve)


def run_solve(args: argparse.Namespace) -> int:
    gf = load(args.file, "solve")
    g = gf.game
    budget = {} if args.max_time is None else {"max_time": args.max_time}
    res = nash_equilibria(g, method=args.method, exact=args.exact, **budget)
    if args.json:
        print(dumps(_solve_json(gf, args.file, res)))
        return 0
    out = [_heading(gf, args.file), ""]
    out += ["  " + line for line in repr(g).splitlines()[1:]] + [""]
    k = len(res)
    noun = "equilibrium" if k == 1 else "equilibria"
    done = "complete" if res.complete else "possibly incomplete"
    arithmetic = "exact" if res.exact else "float"
    out.append(f"{k} Nash {noun} ({done}; method {res.method}, {arithmetic} arithmetic):")
    width = len(str(k))
    out += [f"  {i + 1:>{width}}. {e.describe()}" for i, e in enumerate(res.equilibria)]
    out.append("")
    if len(res.components) < k:
        comps = "; ".join("{" + ", ".join(str(i + 1) for i in c) + "}" for c in res.components)
        out.append(f"Components: {comps}. Every mixture of the equilibria in one component is an "
                   "equilibrium too (a continuum).")
    else:
        out.append("Components: every equilibrium is isolated (no continuum).")
    if res.degenerate:
        out.append(
            "Degenerate game: some strategy has more pure best responses than the size of its support, "
            "so equilibria can form continua or be missed by solvers that assume nondegeneracy; the "
            "methods used here enumerate them all."
            if res.complete else
            "Degenerate game: some strategy has more pure best responses than the size of its support; "
            "equilibria may form continua."
        )
    elif res.complete:
        out.append("Nondegenerate game: finitely many equilibria, an odd number of them.")
    else:
        out.append("Nondegenerate game: finitely many equilibria.")
    status = "certified" if res.success else f"{res.status.name}: {res.message}"
    out.append(f"Status: {status} (largest regret {fmt_number(res.max_regret)} of the payoff range).")
    print("\n".join(out))
    return 0


def _solve_json(gf: GameFile, path: str, res: Any) -> dict[str, Any]:
    g = gf.game
    return {
        "file": path,
        "format": gf.format,
        "title": gf.title,
        "players": list(g.players),
        "row_actions": list(g.row_actions),
        "col_actions": list(g.col_actions),
        "method": res.method,
        "exact": res.exact,
        "complete": res.complete,
        "degenerate": res.degenerate,
        "status": res.status.name,
        "message": res.message,
        "max_regret": res.max_regret,
        "equilibria": [
            {
                "row": e.row,
                "col": e.col,
                "payoffs": e.payoffs,
                "row_exact": exact_or_none(e.row_exact),
                "col_exact": exact_or_none(e.col_exact),
                "payoffs_exact": exact_or_none(e.payoffs_exact),
                "row_support": [g.row_actions[i] for i in e.row_support],
                "col_support": [g.col_actions[j] for j in e.col_support],
                "pure": e.is_pure,
                "regret": e.regret,
            }
            for e in res.equilibria
        ],
        "components": [list(c) for c in res.components],
    }


# ----------------------------------------------------------------------------------- bargain
def add_bargain(sub: Any) -> None:
    p = sub.add_parser(
        "bargain",
        help="a bargaining solution over a game file's outcomes (Nash, Kalai-Smorodinsky, ...)",
        description=(
            "Bargaining over the correlated outcomes of a game file: the feasible set is the convex hull "
            "of its payoff pairs, the disagreement point what each side gets without a deal."
        ),
    )
    p.add_argument("file", help="the game file (.nfg or .toml; '-' for standard input)")
    p.add_argument("--solution", default="nash", choices=tuple(SOLUTIONS),
                   help="nash (default), ks (Kalai-Smorodinsky), egalitarian or utilitarian")
    p.add_argument("--disagreement", default="security", metavar="POINT",
                   help="security (default: each side's maxmin), minmax, nash (an equilibrium's "
                        "payoffs, see --nash-index), or two numbers d1,d2")
    p.add_argument("--nash-index", type=int, default=0, metavar="K",
                   help="which equilibrium gives the disagreement point with --disagreement nash (0-based)")
    p.add_argument("--weights", default=None, metavar="W1,W2",
                   help="bargaining weights (nash, egalitarian, utilitarian; default 1,1)")
    p.add_argument("--json", action="store_true", help="print JSON (for scripts)")
    p.set_defaults(run=run_bargain)


def _pair(text: str, what: str) -> tuple[Any, Any]:
    parts = text.split(",")
    if len(parts) != 2:
        raise InvalidArgumentError(f"bargain bargain: {what} must be two numbers a,b, got {text!r}")
    a, b = (parse_number(s.strip(), f"bargain bargain: {what}") for s in parts)
    return a, b


def run_bargain(args: argparse.Namespace) -> int:
    gf = load(args.file, "bargain")
    g = gf.game
    disagreement: Any = args.disagreement
    if disagreement not in DISAGREEMENTS:
        disagreement = _pair(disagreement, f"--disagreement (one of {', '.join(DISAGREEMENTS)}, or d1,d2)")
    problem = BargainingProblem.from_game(g, disagreement=disagreement, nash_index=args.nash_index)
    solve = SOLUTIONS[args.solution]
    if args.weights is not None:
        if args.solution == "ks":
            raise InvalidArgumentError("bargain bargain: the Kalai-Smorodinsky solution takes no weights")
        sol = solve(problem, weights=_pair(args.weights, "--weights"))
    else:
        sol = solve(problem)
    d = problem.disagreement_exact if problem.disagreement_exact is not None else problem.disagreement
    if args.json:
        print(dumps({
            "file": args.file,
            "title": gf.title,
            "players": list(g.players),
            "row_actions": list(g.row_actions),
            "col_actions": list(g.col_actions),
            "solution": sol.name,
            "disagreement": problem.disagreement,
            "disagreement_exact": exact_or_none(problem.disagreement_exact),
            "disagreement_source": args.disagreement,
            "payoffs": sol.payoffs,
            "payoffs_exact": exact_or_none(sol.payoffs_exact),
            "gains": sol.gains,
            "weights": sol.weights,
            "unique": sol.unique,
            "segment": sol.segment,
            "agreement": sol.agreement,
            "agreement_exact": None if sol.agreement_exact is None else [
                [str(Fraction(v)) for v in row] for row in sol.agreement_exact
            ],
            "status": sol.status.name,
            "message": sol.message,
        }))
        return 0
    point = f"({fmt_number(d[0])}, {fmt_number(d[1])})"
    source = args.disagreement if args.disagreement in DISAGREEMENTS else "given"
    print(_heading(gf, args.file))
    print(f"Disagreement point ({source}): {point}")
    print(repr(sol))
    return 0
