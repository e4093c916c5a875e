"""Evolutionarily stable strategies (ESS) of a symmetric game, exactly.

An *evolutionarily stable strategy* is a posture that, once common, no rare alternative
can invade (Maynard Smith & Price 1973, *Nature* 246, 15-18; Maynard Smith 1982,
*Evolution and the Theory of Games*). Hawk-dove is the classic crisis contest. The
search is exact (rational arithmetic), so the answer is invariant to any positive affine
change of the payoffs; the proofs are in :mod:`bargain.solvers.dynamics._evolution_exact`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_strategy, warn_if_uncertified
from bargain._thresholds import ESS_MAX_ACTIONS, ESS_STRATEGY_TOL, SUPPORT_EPS
from bargain._validate import as_real_array, as_strategy, check_budget, check_int, check_tol
from bargain.core.frozen import frozen
from bargain.errors import InvalidGameError
from bargain.solvers.dynamics import _evolution_exact as _ex
from bargain.solvers.dynamics._compat import renamed
from bargain.solvers.dynamics._population import as_symmetric_game, exact_matrix

__all__ = ["ess", "is_ess", "ESSResult"]


@dataclass(frozen=True, eq=False, repr=False)
class ESSResult(Result):
    """All evolutionarily stable strategies of a symmetric game.

    ``len(result)`` is the number of ESS; iterating or indexing gives their float vectors.

    Attributes
    ----------
    strategies : tuple of ndarray
        The ESS, as float vectors (read-only).
    strategies_exact : tuple of tuple of Fraction
        The same, exactly.
    supports : tuple of tuple of int
        Support of each ESS.
    payoffs : tuple of Fraction
        Payoff ``x.Ax`` of each ESS against itself.
    regular : tuple of bool
        Whether each ESS's best replies are exactly its support (then Haigh's
        negative-definiteness test alone decides; otherwise the copositivity step did).
    symmetric_equilibria : tuple of tuple of Fraction
        Every symmetric Nash equilibrium with a regular support system (an isolated one on
        its support) that was examined; every ESS is among them.
    status, success, message
        ``SUCCESS`` when every support was examined (the list is complete); ``MAX_TIME``
        when ``max_time`` ended the search (what was found is an ESS, but there may be more).
    """

    strategies: tuple[np.ndarray, ...]
    strategies_exact: tuple[tuple[Fraction, ...], ...]
    supports: tuple[tuple[int, ...], ...]
    payoffs: tuple[Fraction, ...]
    regular: tuple[bool, ...]
    symmetric_equilibria: tuple[tuple[Fraction, ...], ...]

    def __len__(self) -> int:
        return len(self.strategies)

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter(self.strategies)

    def __getitem__(self, i: int) -> np.ndarray:
        return self.strategies[i]

    def __repr__(self) -> str:
        actions = self.labels.row_actions if self.labels is not None else None
        if not self.strategies:
            head = f"ESSResult: no ESS ({len(self.symmetric_equilibria)} symmetric equilibria examined)"
            return f"{head}\n  {self._status_line()}"
        count = len(self.strategies)
        lines = [f"ESSResult: {count} ESS"]
        lines += [f"  {fmt_strategy(list(x), actions)}" for x in self.strategies_exact]
        lines.append(f"  {self._status_line()}")
        return "\n".join(lines)


def ess(
    game: Any, *, max_actions: int = ESS_MAX_ACTIONS, max_time: float | None = None
) -> ESSResult:
    """All evolutionarily stable strategies (ESS) of a symmetric game, exactly.

    ``x`` is an ESS (Maynard Smith & Price 1973; Maynard Smith 1982) when no rare mutant
    ``y`` invades: ``y.Ax <= x.Ax`` for every ``y``, and if ``y.Ax = x.Ax`` (``y`` is an
    alternative best reply) then ``x.Ay > y.Ay``.

    Method: every support ``S`` is tried (``2^k - 1`` of them). An ESS is an isolated
    symmetric equilibrium, so its support system ``(A x)_i = v`` (``i`` in ``S``),
    ``sum(x) = 1`` is nonsingular and determines ``x``; the candidate is kept if it is
    positive on ``S`` and a symmetric Nash equilibrium. It is an ESS iff ``z.Az < 0`` for
    every nonzero direction ``z`` from ``x`` into its best-reply face: Haigh's (1975)
    negative-definiteness test of ``A`` on the tangent space of the support, completed
    when there are best replies outside the support by a strict-copositivity test of the
    Schur complement (Abakuks 1980; Bomze 1992). All arithmetic is exact
    (:class:`~fractions.Fraction`); float payoffs are read as the decimals they print as
    (``0.1`` is ``1/10``). Details and the proof sketch:
    :mod:`bargain.solvers.dynamics._evolution_exact`.

    Parameters
    ----------
    game : Game, nashpy.Game or array_like (k, k)
        A single symmetric game (``B = A.T``), or its row player's payoffs ``A``.
    max_actions : int
        Refuse games with more actions (the support enumeration is exponential).
    max_time : float or None
        Wall-clock budget in seconds (``None``: no limit); when it ends the search, the
        ESS found so far are returned with status ``MAX_TIME``.

    Returns
    -------
    ESSResult
        ``strategies``, ``strategies_exact``, ``supports``, ``payoffs``, ``regular`` and the
        ``symmetric_equilibria`` examined. An empty result with status ``SUCCESS`` means
        the game has no ESS.

    Raises
    ------
    InvalidGameError
        For a non-square matrix, a non-symmetric or batched game, or too many actions.

    Examples
    --------
    Hawk-dove with value ``V = 4`` and cost ``C = 6``: the unique ESS plays Hawk with
    probability ``V / C`` (Maynard Smith 1982, ch. 2).

    >>> import bargain as bg
    >>> bg.ess(bg.Game.symmetric([[-1, 4], [0, 2]], actions=("Hawk", "Dove")))
    ESSResult: 1 ESS
      Hawk 2/3, Dove 1/3
      status=SUCCESS (ess: all 3 supports examined)

    Rock-paper-scissors: none in the zero-sum game; the centre is an ESS when a win pays
    more than a loss costs.

    >>> len(bg.ess([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])), bg.ess([[0, -1, 2], [2, 0, -1], [-1, 2, 0]])[0]
    (0, array([0.33333333, 0.33333333, 0.33333333]))
    """
    func = "ess"
    g = as_symmetric_game(game, func)
    k = g.shape[0]
    limit = check_int(max_actions, "max_actions", func, low=1)
    _, max_time = check_budget(None, max_time, func)
    if k > limit:
        raise InvalidGameError(
            f"{func}: {k} actions exceed max_actions={limit} (the search visits 2^k supports); "
            "raise it to insist"
        )
    A = exact_matrix(g)
    deadline = None if max_time is None else time.perf_counter() + max_time
    found: list[tuple[list[Fraction], Fraction, tuple[int, ...], bool]] = []
    equilibria: list[tuple[Fraction, ...]] = []
    visited = 0
    status = Status.SUCCESS
    for size in range(1, k + 1):
        for S in combinations(range(k), size):
            if deadline is not None and time.perf_counter() > deadline:
                status = Status.MAX_TIME
                break
            visited += 1
            cand = _ex.support_equilibrium(A, S)
            if cand is None:
                continue
            x, v = cand
            is_nash, stable, T = _ex.ess_test(A, x)
            if not is_nash:
                continue
            equilibria.append(tuple(x))
            if stable:
                found.append((x, v, S, T == S))
        if status is not Status.SUCCESS:
            break
    total = 2**k - 1
    if status is Status.SUCCESS:
        message = f"{func}: all {total} supports examined"
    else:
        message = (
            f"{func}: max_time ran out after {visited} of {total} supports; the {len(found)} ESS "
            "found are ESS, but there may be more"
        )
    warn_if_uncertified(status, message)
    return ESSResult(
        strategies=tuple(frozen([float(p) for p in x]) for x, _, _, _ in found),
        strategies_exact=tuple(tuple(x) for x, _, _, _ in found),
        supports=tuple(S for _, _, S, _ in found),
        payoffs=tuple(v for _, v, _, _ in found),
        regular=tuple(r for _, _, _, r in found),
        symmetric_equilibria=tuple(equilibria),
        status=status,
        message=message,
        labels=g.labels,
    )


def is_ess(game: Any, x: Any, *, strategy_tol: float = ESS_STRATEGY_TOL, **legacy: Any) -> bool:
    """Whether ``x`` is an evolutionarily stable strategy of a symmetric game.

    Exact: the support of ``x`` (entries above ``strategy_tol``) determines the only
    candidate ESS on that support (see :func:`ess`); ``x`` must equal it (exactly when
    ``x`` is given as fractions or integers, within ``strategy_tol`` otherwise), and the
    candidate must pass the exact ESS test.

    Parameters
    ----------
    game : Game, nashpy.Game or array_like (k, k)
        As in :func:`ess`.
    x : array_like, shape (k,)
        The strategy to test (floats, integers or Fractions).
    strategy_tol : float
        Float entries at or below this are outside the support, and ``x`` may differ from
        the ESS by this much in each entry (a distance between strategies, not a regret).
    **legacy
        ``tol=``, the deprecated name of ``strategy_tol`` (it was never a regret tolerance).

    Examples
    --------
    >>> import bargain as bg
    >>> from fractions import Fraction as F
    >>> bg.is_ess([[-1, 4], [0, 2]], [F(2, 3), F(1, 3)])
    True
    >>> bg.is_ess([[-1, 4], [0, 2]], [1, 0])          # all-hawk is invaded by doves
    False
    """
    func = "is_ess"
    g = as_symmetric_game(game, func)
    strategy_tol = renamed(func, legacy, "tol", "strategy_tol", strategy_tol, ESS_STRATEGY_TOL)
    strategy_tol = check_tol(strategy_tol, func, "strategy_tol")
    A = exact_matrix(g)
    k = len(A)
    exact_input = _exact_vector(x, k)
    values = as_strategy(
        as_real_array(x, "x", func, ndim=1, error=InvalidGameError), k, "x", func,
        tol=max(strategy_tol, SUPPORT_EPS),
    )
    if exact_input is not None:
        S = tuple(i for i, p in enumerate(exact_input) if p > 0)
    else:
        S = tuple(int(i) for i in np.flatnonzero(values > strategy_tol))
    cand = _ex.support_equilibrium(A, S)
    if cand is None:
        return False
    point, _ = cand
    if exact_input is not None:
        if list(exact_input) != point:
            return False
    elif np.abs(values - np.array([float(p) for p in point])).max() > strategy_tol:
        return False
    _, stable, _ = _ex.ess_test(A, point)
    return stable


def _exact_vector(x: Any, k: int) -> tuple[Fraction, ...] | None:
    """``x`` as fractions when every entry is an int or Fraction (not a bool), else ``None``."""
    if isinstance(x, np.ndarray) and x.dtype.kind not in "iuO":
        return None
    items = np.asarray(x, dtype=object).ravel().tolist()
    if len(items) != k or not all(
        isinstance(v, int | Fraction | np.integer) and not isinstance(v, bool | np.bool_) for v in items
    ):
        return None
    return tuple(Fraction(int(v)) if not isinstance(v, Fraction) else v for v in items)
