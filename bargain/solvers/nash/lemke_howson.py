"""Lemke-Howson: complementary pivoting from any label, and the "all accessible" variant.

The Lemke-Howson algorithm (Lemke and Howson 1964) follows a path of almost complementary
vertex pairs of the two best-response polytopes, starting at the artificial equilibrium
``(0, 0)`` with one label dropped, until the dropped label is picked up again: the end
point is a Nash equilibrium. This implementation follows von Stengel (2002), "Computing
equilibria for two-person games", Handbook of Game Theory vol. 3, ch. 45, Sections 2.3-2.6:

* tableaux on ``A y + r = 1`` and ``B^T x + s = 1`` after shifting payoffs to be positive;
* a **lexicographic** minimum-ratio test, which perturbs the right-hand side symbolically so
  that no basis is degenerate: the path is unique and never cycles, also on degenerate games;
* two arithmetics: float64 (the basis is re-solved from the original data at the end) and
  exact **integer pivoting** (every tableau entry stays an integer; results as Fractions).

The float path works on the payoffs normalised to [0, 1] per player (``g.normalized``), so
no scale or shift of either player's payoffs changes it. Every end point is certified
(each player's regret <= tol x that player's payoff range, or exactly 0). A path that runs
out of pivots, or whose float end point fails certification, is reported in ``status`` and
never returned as an equilibrium; a failed float run is retried once in exact arithmetic.

``lemke_howson_all`` explores the Lemke-Howson graph: it runs from the artificial equilibrium
with every label and then from every equilibrium found with every label, returning every
equilibrium reachable this way. Equilibria outside the component of the Lemke-Howson graph
that contains the artificial equilibrium are never reached (von Stengel 2002, Section 2.3),
so ``complete`` is always False. Paths can also be exponentially long (Savani and von
Stengel 2006), hence the ``max_iter`` / ``max_time`` budgets.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Status, warn_if_uncertified
from bargain._thresholds import DEFAULT_TOL, LH_DEGENERACY_MAX_ACTIONS, LH_MAX_ITER
from bargain._validate import check_bool, check_budget, check_int, check_tol
from bargain.core import kernels
from bargain.core.game import Game, as_single_game
from bargain.errors import InvalidArgumentError
from bargain.solvers.nash._assemble import assemble_result
from bargain.solvers.nash._lemke_howson_tableau import make_tableaux
from bargain.solvers.nash.batched import degenerate_small
from bargain.solvers.nash.result import NashResult

__all__ = ["lemke_howson", "lemke_howson_all", "budgeted_enumeration"]

_DEFAULT_MAX_ITER = LH_MAX_ITER

# path outcomes
_OK, _MAX_ITER, _MAX_TIME, _RAY = "ok", "max_iter", "max_time", "ray"


# ----------------------------------------------------------------------------- validation
def _check_common(
    game: Any, exact: Any, tol: Any, max_iter: Any, max_time: Any, func: str
) -> tuple[Game, bool, float, int | None, float | None]:
    g = as_single_game(game, func)
    exact = check_bool(exact, "exact", func)
    tol = check_tol(tol, func)
    max_iter, max_time = check_budget(max_iter, max_time, func)
    return g, exact, tol, max_iter, max_time


# ----------------------------------------------------------------------------- the path
def _in_t2(v: int, m: int, n: int) -> bool:
    """Whether variable id ``v`` lives in tableau 2 (``x`` and ``s``)."""
    return v < m or v >= 2 * m + n


def _follow(
    t1: Any, t2: Any, label: int, m: int, n: int, max_iter: int | None, deadline: float | None = None
) -> tuple[str, int]:
    """Drop ``label`` at the current complementary basis pair and pivot until it returns."""
    size = m + n
    basic = set(t1.basis) | set(t2.basis)
    entering = label if label not in basic else label + size
    pivots = 0
    limit = math.inf if max_iter is None else max_iter
    while pivots < limit:
        if deadline is not None and pivots % 32 == 31 and time.perf_counter() > deadline:
            return _MAX_TIME, pivots
        tab = t2 if _in_t2(entering, m, n) else t1
        leaving = tab.pivot(entering)
        pivots += 1
        if leaving is None:
            return _RAY, pivots
        if leaving % size == label:
            return _OK, pivots
        entering = (leaving + size) % (2 * size)
    return _MAX_ITER, pivots


def _is_artificial(t1: Any, t2: Any, m: int, n: int) -> bool:
    return all(v >= m + n for v in t1.basis) and all(v >= m + n for v in t2.basis)


def _profile(t1: Any, t2: Any, m: int, n: int, exact: bool) -> tuple[list, list]:
    """Normalised strategies of a complementary basis pair (Fractions or floats)."""
    v1, v2 = t1.values(), t2.values()
    zero = Fraction(0) if exact else 0.0
    x = [v2.get(i, zero) for i in range(m)]
    y = [v1.get(m + j, zero) for j in range(n)]
    if not exact:
        x = [max(v, 0.0) for v in x]
        y = [max(v, 0.0) for v in y]
    sx, sy = sum(x), sum(y)
    if not sx > 0 or not sy > 0:
        return [], []
    return [v / sx for v in x], [v / sy for v in y]


def _certified(g: Game, x: list, y: list, tol: float, exact: bool) -> bool:
    if not x:
        return False
    if exact:
        return True  # exact pivoting ends at an exact equilibrium; assemble_result re-checks
    norm = g.normalized
    r = kernels.relative_regret(norm.A, norm.B, np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return bool(r.max() <= tol)


def _payoffs_for(g: Game, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """Exact payoffs, or the float payoffs normalised to [0, 1] per player."""
    if exact:
        return g.exact_payoffs()
    norm = g.normalized
    return norm.A, norm.B


def _degenerate(g: Game, ties: bool) -> tuple[bool, str]:
    """Whether the game is degenerate, and how that was decided.

    A tie in a ratio test on the path, or a pure strategy with two or more pure best
    responses, proves degeneracy. Games up to 4 x 4 are also tested on every vertex of the
    best-response polyhedra; larger games are not tested exhaustively.
    """
    A, B = g.normalized.A, g.normalized.B
    col_best = (A == A.max(axis=0, keepdims=True)).sum(axis=0)
    row_best = (B == B.max(axis=1, keepdims=True)).sum(axis=1)
    if ties or bool((col_best > 1).any() or (row_best > 1).any()):
        return True, "degenerate"
    m, n = g.shape
    small = LH_DEGENERACY_MAX_ACTIONS
    if m <= small and n <= small:
        return bool(degenerate_small(A[None], B[None])[0]), ""
    return False, (
        f"no degeneracy seen on the path (larger than {small}x{small}: not tested on every vertex)"
    )


def _to_float_profile(x: list, y: list) -> tuple[np.ndarray, np.ndarray]:
    return np.array([float(v) for v in x]), np.array([float(v) for v in y])


# ----------------------------------------------------------------------------- one label
def _single(
    g: Game, label: int, exact: bool, tol: float, max_iter: int | None, deadline: float | None = None
) -> tuple[str, list, list, int, bool]:
    """Run one path in the requested arithmetic: (outcome, x, y, pivots, tie_seen)."""
    m, n = g.shape
    A, B = _payoffs_for(g, exact)
    t1, t2 = make_tableaux(A, B, exact)
    outcome, pivots = _follow(t1, t2, label, m, n, max_iter, deadline)
    ties = t1.tie_seen or t2.tie_seen
    if outcome != _OK:
        return outcome, [], [], pivots, ties
    x, y = _profile(t1, t2, m, n, exact)
    return outcome, x, y, pivots, ties


def _lemke_howson(
    g: Game, label: int, exact: bool, tol: float, max_iter: int | None, max_time: float | None
) -> NashResult:
    deadline = None if max_time is None else time.perf_counter() + max_time
    outcome, x, y, pivots, ties = _single(g, label, exact, tol, max_iter, deadline)
    stats: dict[str, Any] = {"label": label, "pivots": pivots, "arithmetic": "exact" if exact else "float"}
    notes = []
    ok = outcome == _OK and _certified(g, x, y, tol, exact)
    if not ok and not exact and outcome in (_OK, _RAY):  # path length does not depend on arithmetic
        why = "found no pivot row" if outcome == _RAY else "ended at a point that failed certification"
        notes.append(f"the float path {why}; retried in exact arithmetic")
        outcome, xe, ye, pivots_e, ties_e = _single(g, label, True, tol, max_iter, deadline)
        stats.update(pivots_exact=pivots_e, arithmetic="exact (fallback)")
        ties = ties or ties_e
        if outcome == _OK and xe:
            x, y = _to_float_profile(xe, ye)
            ok = _certified(g, list(x), list(y), tol, False)
            if not ok:
                notes.append("the exact end point lost precision in float64")
    status = Status.SUCCESS
    profiles: list = []
    if ok:
        profiles = [(x, y)]
        notes.insert(0, f"Lemke-Howson from label {label}: equilibrium after {pivots} pivots")
    elif outcome == _MAX_ITER:
        status = Status.MAX_ITER
        notes.insert(0, f"Lemke-Howson from label {label}: stopped at max_iter={max_iter} pivots")
    elif outcome == _MAX_TIME:
        status = Status.MAX_TIME
        notes.insert(0, f"Lemke-Howson from label {label}: stopped at max_time={max_time} s "
                        f"after {pivots} pivots")
    else:
        status = Status.FAILED
        notes.insert(0, f"Lemke-Howson from label {label}: no certified end point")
    degenerate, note = _degenerate(g, ties)
    if note and note != "degenerate":
        notes.append(note)
    return assemble_result(
        g,
        profiles,
        method="lemke_howson",
        complete=False,
        degenerate=degenerate,
        tol=tol,
        exact=exact,
        status=status,
        message="; ".join(notes),
        stats=stats,
    )


def lemke_howson(
    game: Any,
    *,
    initial_label: int = 0,
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    max_iter: int | None = _DEFAULT_MAX_ITER,
    max_time: float | None = None,
) -> NashResult:
    """One Nash equilibrium by the Lemke-Howson algorithm with a lexicographic ratio test.

    Starting from the artificial equilibrium with label ``initial_label`` dropped, the
    algorithm pivots along the unique path of the best-response polytopes until the label
    is picked up again (Lemke and Howson 1964; von Stengel 2002, Sections 2.3-2.6). The
    lexicographic minimum-ratio test makes the path unique on degenerate games too, so it
    never cycles.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single bimatrix game.
    initial_label : int, default 0
        The label dropped at the start: ``0 .. m-1`` are the row actions, ``m .. m+n-1``
        the column actions (nashpy's convention).
    exact : bool, default False
        Pivot with exact integer arithmetic and return Fractions (``row_exact`` ...);
        otherwise float64, with a retry in exact arithmetic if the float path fails.
    tol : float
        Largest regret accepted, relative to each player's payoff range (float path).
    max_iter : int or None, default 10000
        Largest number of pivots on the path (``None``: no limit).
    max_time : float, optional
        Wall-clock budget in seconds.

    Returns
    -------
    NashResult
        One equilibrium with ``status`` SUCCESS, or none with ``status`` MAX_ITER / MAX_TIME / FAILED
        (and a :class:`~bargain.ConvergenceWarning`). ``complete`` is always False.
        ``degenerate`` is exact for games up to 4 x 4; for larger games it is True when
        degeneracy was seen (a tie in a ratio test or a pure strategy with several pure best
        responses) and False otherwise, which the message then says is not a proof.

    Examples
    --------
    The 3 x 2 example of von Stengel (2002, Section 2):

    >>> g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> res = bg.lemke_howson(g, initial_label=1, exact=True)
    >>> res.equilibria[0]
    Equilibrium(Row: r1 1/3, r2 2/3; Column: c0 1/3, c1 2/3  payoffs (4, 8/3))
    >>> res.success, res.complete
    (True, False)
    """
    func = "lemke_howson"
    g, exact, tol, max_iter, max_time = _check_common(game, exact, tol, max_iter, max_time, func)
    label = _check_label(initial_label, g, func)
    return _lemke_howson(g, label, exact, tol, max_iter, max_time)


def _check_label(initial_label: Any, g: Game, func: str) -> int:
    m, n = g.shape
    return check_int(initial_label, "initial_label", func, low=0, high=m + n - 1)


# ----------------------------------------------------------------------------- all accessible
def _explore(
    g: Game, exact: bool, tol: float, max_iter: int | None, deadline: float | None
) -> tuple[list, dict[str, Any]]:
    """Walk the Lemke-Howson graph breadth first; return end-point profiles and a report."""
    m, n = g.shape
    size = m + n
    A, B = _payoffs_for(g, exact)
    start = make_tableaux(A, B, exact)

    def key(t1: Any, t2: Any) -> tuple[frozenset[int], frozenset[int]]:
        return t1.basis_key(), t2.basis_key()

    art = key(*start)
    states: dict[tuple, tuple[Any, Any]] = {art: start}
    order: list[tuple] = []
    done_edges: set[tuple[tuple, int]] = set()
    report: dict[str, Any] = {"max_iter": 0, "max_time": 0, "ray": 0, "paths": 0, "pivots": 0,
                              "ties": False, "timed_out": False, "uncertified": 0}
    queue: list[tuple] = [art]
    while queue and not report["timed_out"]:
        here = queue.pop(0)
        for label in range(size):
            if (here, label) in done_edges:
                continue
            if deadline is not None and time.perf_counter() > deadline:
                report["timed_out"] = True
                break
            t1, t2 = (t.copy() for t in states[here])
            outcome, pivots = _follow(t1, t2, label, m, n, max_iter, deadline)
            report["paths"] += 1
            report["pivots"] += pivots
            report["ties"] = report["ties"] or t1.tie_seen or t2.tie_seen
            done_edges.add((here, label))
            if outcome == _MAX_TIME:
                report["timed_out"] = True
                break
            if outcome != _OK:
                report[outcome] += 1
                continue
            there = key(t1, t2)
            done_edges.add((there, label))  # the same path walked backwards
            if there in states or _is_artificial(t1, t2, m, n):
                continue
            states[there] = (t1, t2)
            order.append(there)
            queue.append(there)
    profiles = []
    for k in order:
        x, y = _profile(*states[k], m, n, exact)
        if not _certified(g, x, y, tol, exact):
            report["uncertified"] += 1
        if x:
            profiles.append((x, y))
    report["endpoints"] = len(order)
    return profiles, report


def _lemke_howson_all(
    g: Game, exact: bool, tol: float, max_iter: int | None, max_time: float | None
) -> NashResult:
    deadline = None if max_time is None else time.perf_counter() + max_time
    profiles, rep = _explore(g, exact, tol, max_iter, deadline)
    notes = [
        f"all accessible Lemke-Howson: {rep['endpoints']} end point(s) from {rep['paths']} paths "
        f"({rep['pivots']} pivots)"
    ]
    arithmetic = "exact" if exact else "float"
    failed = rep["ray"] or rep["uncertified"]  # a long path is as long in exact arithmetic
    if failed and not exact and not rep["timed_out"]:
        profiles_e, rep_e = _explore(g, True, tol, max_iter, deadline)
        notes.append("the float run had failures; repeated in exact arithmetic")
        arithmetic = "exact (fallback)"
        ties = rep["ties"] or rep_e["ties"]
        rep = rep_e
        rep["ties"] = ties
        profiles = [_to_float_profile(x, y) for x, y in profiles_e]
    status = Status.SUCCESS
    if rep["max_iter"]:
        status = Status.MAX_ITER
        notes.append(f"{rep['max_iter']} path(s) stopped at max_iter={max_iter}")
    if rep["ray"]:
        status = Status.FAILED if status is Status.SUCCESS else status
        notes.append(f"{rep['ray']} path(s) found no pivot row")
    if rep["timed_out"]:
        status = Status.MAX_TIME
        notes.append(f"stopped at max_time={max_time} s")
    notes.append("reachable equilibria only: Lemke-Howson does not guarantee all equilibria")
    degenerate, note = _degenerate(g, rep["ties"])
    if note and note != "degenerate":
        notes.append(note)
    stats = {"paths": rep["paths"], "pivots": rep["pivots"], "endpoints": rep["endpoints"],
             "arithmetic": arithmetic}
    return assemble_result(
        g,
        profiles,
        method="lemke_howson_all",
        complete=False,
        degenerate=degenerate,
        tol=tol,
        exact=exact,
        status=status,
        message="; ".join(notes),
        stats=stats,
    )


def lemke_howson_all(
    game: Any,
    *,
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    max_iter: int | None = _DEFAULT_MAX_ITER,
    max_time: float | None = None,
) -> NashResult:
    """Every equilibrium reachable on the Lemke-Howson graph ("all accessible" equilibria).

    Runs Lemke-Howson from the artificial equilibrium with every label, then from every
    equilibrium found with every label (a path from an equilibrium ends at another
    equilibrium or back at the artificial one), until no new end point appears. The paths
    come in pairs, so each path is walked once. With the lexicographic ratio test this also
    works on degenerate games. Some games have equilibria that no path reaches, so
    ``complete`` is always False; use ``nash_equilibria`` for all equilibria.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single bimatrix game.
    exact : bool, default False
        Exact integer pivoting with results as Fractions.
    tol : float
        Largest regret accepted, relative to each player's payoff range (float path).
    max_iter : int or None, default 10000
        Largest number of pivots on each path; a path that hits it is reported
        (status MAX_ITER) and skipped (``None``: no limit).
    max_time : float, optional
        Wall-clock budget in seconds; when it runs out the equilibria found so far are
        returned with status MAX_TIME.

    Returns
    -------
    NashResult
        The certified equilibria found, ``complete=False``.

    Examples
    --------
    >>> g = bg.Game([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> res = bg.lemke_howson_all(g, exact=True)
    >>> len(res.equilibria), res.complete
    (3, False)
    >>> sorted(e.row_exact for e in res.equilibria)[0]
    (Fraction(0, 1), Fraction(1, 3), Fraction(2, 3))
    """
    func = "lemke_howson_all"
    g, exact, tol, max_iter, max_time = _check_common(game, exact, tol, max_iter, max_time, func)
    return _lemke_howson_all(g, exact, tol, max_iter, max_time)


# ----------------------------------------------------------------------------- budget fallback
def budgeted_enumeration(
    solver: Callable[..., NashResult],
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None,
    max_time: float | None,
    **options: Any,
) -> NashResult:
    """Run a complete enumerator (``solve_support``, ``solve_vertex``) under its budgets.

    ``options`` go to the enumerator (``engine`` of ``solve_vertex``).

    When a budget ends before any equilibrium was found, the end point of one Lemke-Howson
    path (label 0, its own pivot budget) is added, so a budgeted result is never empty; the
    status stays ``MAX_TIME``/``MAX_ITER`` and ``complete`` False. One warning, pointing at
    the user's line, for any status other than ``SUCCESS``.
    """
    res = solver(g, exact, tol, max_iter=max_iter, max_time=max_time, warn=False, **options)
    if res.status not in (Status.MAX_TIME, Status.MAX_ITER) or res.equilibria:
        warn_if_uncertified(res.status, f"{res.method}: {res.message}")
        return res
    lh = _lemke_howson(g, 0, exact, tol, _DEFAULT_MAX_ITER, None)
    if exact:
        profiles = [(e.row_exact, e.col_exact) for e in lh.equilibria]
    else:
        profiles = [(e.row, e.col) for e in lh.equilibria]
    found = "one equilibrium added from a Lemke-Howson path" if profiles else "Lemke-Howson found none"
    return assemble_result(
        g,
        profiles,
        method=res.method,
        complete=False,
        degenerate=res.degenerate or lh.degenerate,
        tol=tol,
        exact=exact,
        status=res.status,
        message=f"{res.message}; {found}",
        stats={**res.stats, "lemke_howson_pivots": lh.stats.get("pivots", 0)},
    )


# ----------------------------------------------------------------------------- registry hooks
def nash_method_lemke_howson(
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None = _DEFAULT_MAX_ITER,
    max_time: float | None = None,
    initial_label: Any = 0,
    **options: Any,
) -> NashResult:
    """``nash_equilibria(method="lemke_howson")``: options ``initial_label``, ``max_iter``, ``max_time``."""
    func = "nash_equilibria"
    _no_more(options, func)
    label = _check_label(initial_label, g, func)
    return _lemke_howson(g, label, exact, tol, max_iter, max_time)


def nash_method_lemke_howson_all(
    g: Game,
    exact: bool,
    tol: float,
    *,
    max_iter: int | None = _DEFAULT_MAX_ITER,
    max_time: float | None = None,
    **options: Any,
) -> NashResult:
    """``nash_equilibria(method="lemke_howson_all")``: options ``max_iter``, ``max_time``."""
    _no_more(options, "nash_equilibria")
    return _lemke_howson_all(g, exact, tol, max_iter, max_time)


def _no_more(options: dict, func: str) -> None:
    if options:
        raise InvalidArgumentError(f"{func}: unknown option(s) for Lemke-Howson: {sorted(options)}")


#: name -> callable(g, exact, tol, **options), for ``nash.METHODS``.
NASH_METHODS: dict[str, Callable[..., NashResult]] = {
    "lemke_howson": nash_method_lemke_howson,
    "lemke_howson_all": nash_method_lemke_howson_all,
}
