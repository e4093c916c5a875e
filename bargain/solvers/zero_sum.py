"""The value and optimal strategies of a zero-sum game, by linear programming.

For the row player's payoff matrix ``A`` (the column player gets ``-A``) the value is

    v = max_x min_j (x A)_j = min_y max_i (A y)_i        (von Neumann 1928)

and both sides are linear programs, dual to each other (Dantzig 1951; see e.g. Ferguson,
*Game Theory*, Part II, Section 4). The LP engine is the one of the security levels
(:func:`bargain.solvers.security.solve_matrix_games`): ``A`` is normalised to ``[0, 1]``,
solved with HiGHS, certified by the duality gap (relative to the payoff range) and the value
mapped back; batches are block-diagonal LPs; ``exact=True`` recovers the exact rational
optimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import Result, fmt_number, fmt_strategy
from bargain._thresholds import DEFAULT_TOL
from bargain.core.frozen import readonly
from bargain.errors import InvalidGameError

# maxmin and minmax lived here before 0.2.0 (security levels are now their own module);
# the names stay importable from this module for callers that used it directly.
from bargain.solvers.security import certification, maxmin, minmax, setup, solve_matrix_games  # noqa: F401

__all__ = ["solve_zero_sum", "ZeroSumResult"]


@dataclass(frozen=True, eq=False, repr=False)
class ZeroSumResult(Result):
    """Value and optimal strategies of a zero-sum game (or of each game of a batch).

    Attributes
    ----------
    value : float or ndarray, shape batch
        The row player's value ``max_x min_y x A y``, in the game's payoff units.
    row, col : ndarray, shapes batch + (m,) and batch + (n,)
        Optimal (maxmin) strategy of the row player and optimal (minmax) strategy of the
        column player.
    gap : float or ndarray, shape batch
        The certificate ``max_i (A y)_i - min_j (x A)_j`` divided by the payoff range (0 at
        an exact optimum).
    certified : bool or ndarray of bool, shape batch
        Whether ``gap <= tol`` (exactly 0 with ``exact=True``).
    value_exact, row_exact, col_exact : optional
        With ``exact=True``: a Fraction and tuples of Fractions for a single game, object
        arrays of Fractions for a batch.
    status, message, success
        ``SUCCESS`` when every game's answer is certified.
    """

    value: float | np.ndarray
    row: np.ndarray
    col: np.ndarray
    gap: float | np.ndarray = 0.0
    certified: bool | np.ndarray = True
    value_exact: Any = None
    row_exact: Any = None
    col_exact: Any = None

    def __repr__(self) -> str:
        status = "status=SUCCESS" if self.success else self._status_line()
        if np.ndim(self.value) != 0:
            return f"ZeroSumResult(batch of shape {np.shape(self.value)}, {status})"
        exact = self.value_exact is not None
        labels = self.labels
        players = labels.players if labels is not None else ("Row", "Column")
        value = self.value_exact if exact else self.value
        lines = [f"ZeroSumResult(value {fmt_number(value)} to {players[0]}, {status})"]
        for k, strat in enumerate((self.row_exact, self.col_exact) if exact else (self.row, self.col)):
            acts = None if labels is None else labels.actions(k)
            lines.append(f"  {players[k]} plays {fmt_strategy(strat, acts)}")
        return "\n".join(lines)


def _scalar(a: np.ndarray) -> Any:
    return a.item() if isinstance(a, np.ndarray) and a.ndim == 0 else a


def solve_zero_sum(game: Any, *, exact: bool = False, tol: float = DEFAULT_TOL) -> ZeroSumResult:
    """Value and optimal strategies of a zero-sum game (``B = -A``) by linear programming.

    The row player's maxmin strategy solves ``max v`` s.t. ``x A >= v``, ``x`` in the
    simplex; the column player's minmax strategy solves the dual LP (von Neumann 1928;
    Dantzig 1951). Both are solved with HiGHS on ``A`` normalised to [0, 1] and certified
    by the duality gap; the value is mapped back to the game's units, so a positive affine
    change ``a A + b`` of the payoffs changes the value to ``a v + b`` and nothing else.

    Parameters
    ----------
    game : Game or nashpy.Game
        A zero-sum game or a batch ``(..., m, n)`` of them; ``B`` must equal ``-A``
        within ``tol`` x payoff range.
    exact : bool, default False
        Recover and certify the exact rational value and strategies (Fractions); loops
        over the games of a batch.
    tol : float
        Largest duality gap accepted, relative to the payoff range.

    Returns
    -------
    ZeroSumResult
        ``value``, ``row``, ``col`` (batched like the input), ``status``, ``gap``.

    Raises
    ------
    InvalidGameError
        When the game is not zero-sum.

    Examples
    --------
    Rock-paper-scissors has value 0 and uniform optimal strategies:

    >>> rps = bg.Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> res = bg.solve_zero_sum(rps, exact=True)
    >>> res.value_exact, res.row_exact
    (Fraction(0, 1), (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))

    Odd-or-even (Ferguson, *Game Theory*, Part II, Section 1.1) has value 1/12:

    >>> odd_even = bg.Game.zero_sum([[-2, 3], [3, -4]], row_actions=("One", "Two"),
    ...                             col_actions=("One", "Two"), players=("Odd", "Even"))
    >>> bg.solve_zero_sum(odd_even, exact=True)
    ZeroSumResult(value 1/12 to Odd, status=SUCCESS)
      Odd plays One 7/12, Two 5/12
      Even plays One 7/12, Two 5/12
    """
    func = "solve_zero_sum"
    g, exact, tol = setup(game, exact, tol, func)
    ranges = np.asarray(g.payoff_range).max(axis=-1)
    off = np.abs(g.A + g.B).max(axis=(-2, -1))
    bad = off > tol * ranges
    if np.any(bad):
        first = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else ()
        where = f" (first at batch index {first})" if bad.ndim else ""
        raise InvalidGameError(
            f"{func}: the game is not zero-sum: B must equal -A, but |A + B| reaches "
            f"{float(off.max()):g}{where}; use maxmin/minmax for general games"
        )
    res = solve_matrix_games(g.A, g.exact_payoffs()[0] if exact else None, tol)
    status, msg = certification(res.certified, "games", func)
    message = msg or ("LP (HiGHS), certified by the duality gap"
                      + ("; exact optimum recovered in Fractions" if exact else ""))
    value_exact = row_exact = col_exact = None
    if res.exact is not None:
        ve, xe, ye = res.exact
        if g.batch_shape:
            value_exact, row_exact, col_exact = readonly(ve), readonly(xe), readonly(ye)
        else:
            value_exact, row_exact, col_exact = ve.item(), tuple(xe), tuple(ye)
    single = not g.batch_shape
    return ZeroSumResult(
        value=_scalar(readonly(res.value)) if single else readonly(res.value),
        row=readonly(res.maxi),
        col=readonly(res.mini),
        gap=_scalar(readonly(res.gap)) if single else readonly(res.gap),
        certified=bool(res.certified) if single else readonly(res.certified),
        value_exact=value_exact,
        row_exact=row_exact,
        col_exact=col_exact,
        status=status,
        message=message,
        labels=g.labels,
    )
