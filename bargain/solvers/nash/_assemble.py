"""Turn candidate profiles into a certified :class:`NashResult` (shared by every Nash method).

Every candidate is verified (each player's regret <= tol x that player's payoff range,
computed on the payoffs normalised to [0, 1] per player; or exact regret == 0); one that
fails is dropped, and the result says so in its status and message and warns. Payoffs
are reported on the game as given. Duplicates
are merged, and the maximal convex components are computed from the extreme equilibria
as maximal "Nash subsets" (products X x Y whose pairs are all equilibria; Winkels 1979,
Jansen 1981), as Gambit's enummixed and lrsnash's clique step do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Status, warn_if_uncertified
from bargain._thresholds import DEDUP_DECIMALS
from bargain.core import kernels
from bargain.core.exact import IntegerGame
from bargain.core.game import Game
from bargain.solvers.nash.result import Equilibrium, NashResult

__all__ = ["assemble_result", "maximal_components"]


def maximal_components(
    equilibria: Sequence[Equilibrium], decimals: int = DEDUP_DECIMALS
) -> tuple[tuple[int, ...], ...]:
    """Maximal convex sets of equilibria as tuples of indices into ``equilibria``.

    A set ``conv(X) x conv(Y)`` consists of equilibria when every pair in ``X x Y`` is an
    equilibrium; the maximal such products (maximal bicliques of the bipartite graph
    linking row and column vertices that form an equilibrium) are the components.
    """

    def key(v: np.ndarray, exact: tuple[Fraction, ...] | None) -> tuple:
        return tuple(exact) if exact is not None else tuple(np.round(v, decimals) + 0.0)

    x_ids: dict[tuple, int] = {}
    y_ids: dict[tuple, int] = {}
    pair_index: dict[tuple[int, int], int] = {}
    for k, e in enumerate(equilibria):
        xi = x_ids.setdefault(key(e.row, e.row_exact), len(x_ids))
        yi = y_ids.setdefault(key(e.col, e.col_exact), len(y_ids))
        pair_index.setdefault((xi, yi), k)
    neighbours: dict[int, frozenset[int]] = {}
    for xi, yi in pair_index:
        neighbours[xi] = neighbours.get(xi, frozenset()) | {yi}
    # every maximal biclique's Y side is an intersection of some neighbourhoods
    closed: set[frozenset[int]] = set(neighbours.values())
    frontier = list(closed)
    while frontier:
        new = []
        for ys in frontier:
            for nb in neighbours.values():
                inter = ys & nb
                if inter and inter not in closed:
                    closed.add(inter)
                    new.append(inter)
        frontier = new
    bicliques = []
    for ys in closed:
        xs = frozenset(x for x, nb in neighbours.items() if ys <= nb)
        bicliques.append((xs, ys))
    maximal = [
        (xs, ys)
        for xs, ys in bicliques
        if not any((xs <= o[0] and ys <= o[1]) and (xs, ys) != o for o in bicliques)
    ]
    comps = sorted(
        tuple(sorted(pair_index[(x, y)] for x in xs for y in ys)) for xs, ys in maximal
    )
    return tuple(comps)


def assemble_result(
    game: Game,
    profiles: Sequence[tuple[Sequence, Sequence]],
    *,
    method: str,
    complete: bool,
    degenerate: bool,
    tol: float,
    exact: bool = False,
    status: Status = Status.SUCCESS,
    message: str = "",
    components: tuple[tuple[int, ...], ...] | None = None,
    stats: Mapping[str, Any] | None = None,
    warn: bool = True,
) -> NashResult:
    """Verify, deduplicate and package candidate profiles ``(x, y)``.

    With ``exact=True`` the profiles must be sequences of :class:`Fraction` and are
    checked with exact arithmetic; otherwise they are float vectors whose regret, relative
    to each player's payoff range (computed on ``game.normalized``), must be <= ``tol``.
    ``components`` (indices into ``profiles``) is used when given and every profile
    survives; else components are recomputed. ``warn=False`` leaves the warning of an
    uncertified or budgeted result to the caller.
    """
    norm = game.normalized
    labels = game.labels
    equilibria: list[Equilibrium] = []
    seen: set[tuple] = set()
    rejected = 0
    kept_from: list[int] = []
    if exact:
        integer_game = IntegerGame.from_fractions(*game.exact_payoffs())
    for idx, (x, y) in enumerate(profiles):
        if exact:
            xe, ye = tuple(x), tuple(y)
            k = xe + ye
            if k in seen:
                continue
            pe, (r1, r2) = integer_game.evaluate(xe, ye)
            if r1 != 0 or r2 != 0:
                rejected += 1
                continue
            seen.add(k)
            xf = np.array([float(v) for v in xe])
            yf = np.array([float(v) for v in ye])
            equilibria.append(
                Equilibrium(
                    xf, yf, np.array([float(pe[0]), float(pe[1])]), 0.0, xe, ye, pe, labels=labels
                )
            )
        else:
            xf = np.asarray(x, dtype=float)
            yf = np.asarray(y, dtype=float)
            r = float(kernels.relative_regret(norm.A, norm.B, xf, yf).max())
            if not r <= tol:
                rejected += 1
                continue
            k = tuple(np.round(np.concatenate([xf, yf]), DEDUP_DECIMALS) + 0.0)
            if k in seen:
                continue
            seen.add(k)
            pay = kernels.expected_payoffs(game.A, game.B, xf, yf)
            equilibria.append(Equilibrium(xf, yf, pay, r, labels=labels))
        kept_from.append(idx)
    if rejected:
        status = Status.UNCERTIFIED if status is Status.SUCCESS else status
        complete = False
        note = (
            f"{rejected} candidate profile(s) failed certification (regret > {tol:g} x payoff range) "
            "and were dropped"
        )
        message = f"{message}; {note}" if message else note
    if components is None or rejected or len(kept_from) != len(profiles):
        components = maximal_components(equilibria)
    max_r = max((e.regret for e in equilibria), default=0.0)
    if warn:
        warn_if_uncertified(status, f"{method}: {message}")
    return NashResult(
        equilibria=tuple(equilibria),
        components=tuple(components),
        degenerate=bool(degenerate),
        complete=bool(complete),
        max_regret=max_r,
        method=method,
        exact=exact,
        tol=tol,
        stats=dict(stats or {}),
        status=status,
        message=message,
        labels=labels,
    )
