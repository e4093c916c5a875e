"""Typed, frozen results of the Nash solvers: one equilibrium, all equilibria of a game, 2x2 batches.

:class:`NashResult` and :class:`Equilibria2x2` derive from :class:`bargain._result.Result`
(``status``, ``success``, ``message``, ``labels``); :class:`Equilibrium` is a plain frozen
value (one profile, not a run). Arrays are read-only and statistics immutable, so a result
cannot change after it was certified. Reprs use the game's player names and action labels.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np

from bargain._result import Labels, Result, fmt_number, fmt_strategy, readonly_state
from bargain._thresholds import SUPPORT_EPS
from bargain.core import two_by_two as _t
from bargain.core.frozen import frozen as _frozen_array
from bargain.core.frozen import readonly as _readonly

__all__ = ["Equilibrium", "NashResult", "Equilibria2x2", "default_labels", "profile_line"]


def default_labels(m: int, n: int, labels: Labels | None = None) -> Labels:
    """``labels`` when they fit an ``m x n`` game, else the defaults a :class:`~bargain.Game` uses."""
    if labels is not None and len(labels.row_actions) == m and len(labels.col_actions) == n:
        return labels
    players = labels.players if labels is not None else ("Row", "Column")
    return Labels(players, tuple(f"r{i}" for i in range(m)), tuple(f"c{j}" for j in range(n)))


def profile_line(row: Any, col: Any, payoffs: Any, labels: Labels) -> str:
    """One equilibrium in words: ``"US: Tariff; China: Tariff 2/3, Free 1/3  payoffs (1, 1)"``."""
    pay = ", ".join(fmt_number(v) for v in payoffs)
    return (
        f"{labels.player(0)}: {fmt_strategy(row, labels.row_actions)}; "
        f"{labels.player(1)}: {fmt_strategy(col, labels.col_actions)}  payoffs ({pay})"
    )


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One Nash equilibrium ``(row, col)`` of a single game, with its payoffs.

    A plain frozen value (the run that found it is a :class:`NashResult`).

    Attributes
    ----------
    row, col : ndarray
        Mixed strategies (probability vectors) of the row and column player (read-only).
    payoffs : ndarray, shape (2,)
        Expected payoffs ``(row, col)`` on the game as given (read-only).
    regret : float
        The larger player's regret relative to that player's payoff range (0 at an exact
        equilibrium), as verified.
    row_exact, col_exact, payoffs_exact : tuple of Fraction or None
        Exact rational versions, when the solver ran with ``exact=True``.
    labels : Labels or None
        Player names and action labels, for the ``repr``.
    """

    row: np.ndarray
    col: np.ndarray
    payoffs: np.ndarray
    regret: float = 0.0
    row_exact: tuple[Fraction, ...] | None = None
    col_exact: tuple[Fraction, ...] | None = None
    payoffs_exact: tuple[Fraction, Fraction] | None = None
    labels: Labels | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for name in ("row", "col", "payoffs"):
            object.__setattr__(self, name, _frozen_array(getattr(self, name)))

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickling or copying: the arrays read-only again."""
        self.__dict__.update(readonly_state(state))

    @classmethod
    def _from_frozen(
        cls,
        row: np.ndarray,
        col: np.ndarray,
        payoffs: np.ndarray,
        regret: float,
        row_exact: tuple[Fraction, ...] | None = None,
        col_exact: tuple[Fraction, ...] | None = None,
        payoffs_exact: tuple[Fraction, Fraction] | None = None,
        labels: Labels | None = None,
    ) -> Equilibrium:
        """An equilibrium from arrays that are already read-only float64 (no copy, no checks).

        For :func:`~bargain.solvers.nash._assemble.assemble_result`, which builds many at
        once as rows of read-only stacks (a row of a read-only array cannot be made
        writeable again, since its base is read-only).
        """
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", {  # one dict literal: the cheapest way in
            "row": row,
            "col": col,
            "payoffs": payoffs,
            "regret": regret,
            "row_exact": row_exact,
            "col_exact": col_exact,
            "payoffs_exact": payoffs_exact,
            "labels": labels,
        })
        return obj

    @property
    def row_support(self) -> tuple[int, ...]:
        """Indices of the row actions played with positive probability."""
        return _support(self.row, self.row_exact)

    @property
    def col_support(self) -> tuple[int, ...]:
        """Indices of the column actions played with positive probability."""
        return _support(self.col, self.col_exact)

    @property
    def is_pure(self) -> bool:
        """True when both players play a single action."""
        return len(self.row_support) == 1 and len(self.col_support) == 1

    @property
    def is_exact(self) -> bool:
        """True when exact rational strategies are attached."""
        return self.row_exact is not None

    def describe(self) -> str:
        """The equilibrium in words, with the game's labels (exact values when present)."""
        labels = default_labels(len(self.row), len(self.col), self.labels)
        if self.row_exact is not None and self.col_exact is not None and self.payoffs_exact:
            return profile_line(self.row_exact, self.col_exact, self.payoffs_exact, labels)
        return profile_line(self.row, self.col, self.payoffs, labels)

    def __repr__(self) -> str:
        return f"Equilibrium({self.describe()})"


def _support(v: np.ndarray, exact: tuple[Fraction, ...] | None) -> tuple[int, ...]:
    if exact is not None:
        return tuple(i for i, p in enumerate(exact) if p > 0)
    return tuple(int(i) for i in np.flatnonzero(v > SUPPORT_EPS))


class _DeferredBool:
    """A ``bool`` field that may be given as a zero-argument callable, called on first read.

    For a property of the game that the answer does not need and that costs as much as
    the answer to decide: ``NashResult.degenerate`` after an enumeration that visited only
    one of the two best-response polytopes. The value is computed once and kept (the
    result stays frozen: what it says never changes), and is a ``bool`` to every reader.
    The callable must be picklable for the result to be (a module-level function or a
    ``functools.partial`` of one).
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_{name}_value"

    def __get__(self, obj: Any, objtype: type | None = None) -> bool:
        if obj is None:
            raise AttributeError(self._slot)  # no class-level default: the field is required
        value = obj.__dict__[self._slot]
        if callable(value):
            value = bool(value())
            obj.__dict__[self._slot] = value
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self._slot] = value if callable(value) else bool(value)


@dataclass(frozen=True, eq=False, repr=False)
class NashResult(Result):
    """All (or some, see ``complete``) Nash equilibria of one game.

    ``len(result)`` is the number of equilibria; iterating gives them in order.

    Attributes
    ----------
    equilibria : tuple of Equilibrium
        Extreme equilibria found; each has been verified (each player's regret <= ``tol`` x
        that player's payoff range, or exactly 0).
    components : tuple of tuple of int
        Maximal convex sets of equilibria, each as the indices (into ``equilibria``) of
        its extreme points; their convex hulls are made of equilibria.
    degenerate : bool
        Whether the game is degenerate (some mixed strategy with ``k`` actions in its
        support has more than ``k`` pure best responses). A method that certified its
        equilibria from one player's best-response polytope alone decides the other
        player's part of this on first read (``stats["degenerate_deferred"]``).
    complete : bool
        True only when the method guarantees that every extreme equilibrium was found.
    max_regret : float
        Largest relative regret among the returned equilibria.
    method : str
        The algorithm that produced the result (``method="auto"`` says which it chose).
    exact, tol : bool, float
        The arithmetic and the regret tolerance used.
    stats : Mapping
        Read-only counters of the run (vertices, systems, pivots, seconds).
    status, success, message, labels
        From :class:`~bargain._result.Result`.
    """

    equilibria: tuple[Equilibrium, ...]
    components: tuple[tuple[int, ...], ...]
    degenerate: bool = _DeferredBool()  # type: ignore[assignment]
    complete: bool
    max_regret: float
    method: str
    exact: bool = False
    tol: float = 0.0
    stats: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stats", MappingProxyType(dict(self.stats)))

    def __getstate__(self) -> dict[str, Any]:
        """Picklable state (a read-only mapping is not): ``stats`` as a plain dict; a deferred
        ``degenerate`` travels as its (picklable) callable, undecided."""
        state = dict(self.__dict__)
        state["stats"] = dict(self.stats)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        state["stats"] = MappingProxyType(dict(state["stats"]))
        super().__setstate__(state)

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        """The pure equilibria among ``equilibria``."""
        return tuple(e for e in self.equilibria if e.is_pure)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, i: int) -> Equilibrium:
        return self.equilibria[i]

    def __repr__(self) -> str:
        k = len(self.equilibria)
        flags = ["complete" if self.complete else "possibly incomplete", f"method {self.method!r}"]
        if self.degenerate:
            flags.append("degenerate game")
        noun = "equilibrium" if k == 1 else "equilibria"
        lines = [f"NashResult: {k} Nash {noun} ({', '.join(flags)})"]
        width = len(str(min(k, 20)))
        lines += [f"  {i:>{width}}. {e.describe()}" for i, e in enumerate(self.equilibria[:20])]
        if k > 20:
            lines.append(f"  ... {k - 20} more")
        if len(self.components) < k:
            comps = ", ".join("{" + ", ".join(map(str, c)) + "}" for c in self.components)
            lines.append(f"  convex components: {comps}")
        # the run's account (``message``) is shown when something needs saying
        lines.append("  " + (self._status_line() if not self.success else "status=SUCCESS (certified)"))
        return "\n".join(lines)


#: Games per block when computing the payoffs of a batch's equilibria (temporaries stay in cache).
_PAYOFF_CHUNK = 8192


@dataclass(frozen=True, eq=False, repr=False)
class Equilibria2x2(Result):
    """All extreme equilibria of a batch of 2x2 games, as fixed-shape read-only arrays.

    Built by :func:`bargain.equilibria_2x2`. The primary data are the per-game sign
    pattern ``code`` and the two indifference probabilities; everything else is derived
    (lazily) from the pattern tables of :mod:`bargain.core.two_by_two`. Slots are padded
    to :data:`~bargain.core.two_by_two.MAX_EQUILIBRIA` (4); unused slots hold NaN.
    ``len()`` is the number of equilibria of a single game (use ``count`` for a batch).

    Attributes
    ----------
    code : ndarray of uint8, shape batch
        Sign pattern of the payoff differences (one of 81), decided on payoffs normalised
        to [0, 1] per player.
    A, B : ndarray, shape batch + (2, 2)
        The payoffs the equilibria belong to (as given; ``payoffs`` are computed on them).
    """

    code: np.ndarray
    raw_p_star: np.ndarray
    raw_q_star: np.ndarray
    A: np.ndarray
    B: np.ndarray
    normalized: tuple[np.ndarray, np.ndarray] | None = None

    def __post_init__(self) -> None:
        for name in ("code", "raw_p_star", "raw_q_star", "A", "B"):
            arr = np.asarray(getattr(self, name))
            if arr.flags.writeable:
                arr = _readonly(arr.copy())
            object.__setattr__(self, name, arr)

    def _table(self, name: str) -> np.ndarray:
        return _readonly(_t.PATTERNS[name].take(self.code, axis=0))

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch."""
        return self.code.shape

    @cached_property
    def count(self) -> np.ndarray:
        """Number of extreme equilibria per game (1 to 4)."""
        return self._table("count")

    @cached_property
    def n_pure(self) -> np.ndarray:
        """Number of pure equilibria per game."""
        return self._table("n_pure")

    @cached_property
    def has_mixed(self) -> np.ndarray:
        """Whether the game has an equilibrium in which both players mix."""
        return self._table("has_mixed")

    @cached_property
    def degenerate(self) -> np.ndarray:
        """Whether the game is degenerate (a pure strategy with two pure best responses)."""
        return self._table("degenerate")

    @cached_property
    def continuum(self) -> np.ndarray:
        """Whether the game has infinitely many equilibria (a component with 2+ extreme points)."""
        return self._table("continuum")

    @cached_property
    def p_star(self) -> np.ndarray:
        """Row mixing probability that makes the column player indifferent (NaN if none in (0, 1))."""
        return _readonly(np.where(self._table("p_exists"), self.raw_p_star, np.nan))

    @cached_property
    def q_star(self) -> np.ndarray:
        """Column mixing probability that makes the row player indifferent (NaN if none in (0, 1))."""
        return _readonly(np.where(self._table("q_exists"), self.raw_q_star, np.nan))

    @cached_property
    def p(self) -> np.ndarray:
        """Probability of the first row action in each slot, shape batch + (4,)."""
        return _readonly(_t.fill_slots(self.code, self.raw_p_star, "p"))

    @cached_property
    def q(self) -> np.ndarray:
        """Probability of the first column action in each slot, shape batch + (4,)."""
        return _readonly(_t.fill_slots(self.code, self.raw_q_star, "q"))

    @cached_property
    def valid(self) -> np.ndarray:
        """Which slots hold an equilibrium, shape batch + (4,)."""
        return _readonly(self._table("slots") >= 0)

    @cached_property
    def row(self) -> np.ndarray:
        """Row strategies, shape batch + (4, 2) (NaN in unused slots)."""
        return _readonly(np.stack([self.p, 1.0 - self.p], axis=-1))

    @cached_property
    def col(self) -> np.ndarray:
        """Column strategies, shape batch + (4, 2) (NaN in unused slots)."""
        return _readonly(np.stack([self.q, 1.0 - self.q], axis=-1))

    @cached_property
    def payoffs(self) -> np.ndarray:
        """Expected payoffs of each slot on the game as given, shape batch + (4, 2) (NaN in unused slots)."""
        slots = _t.MAX_EQUILIBRIA
        p, q = self.p.reshape(-1, slots), self.q.reshape(-1, slots)
        games = (self.A.reshape(-1, 2, 2), self.B.reshape(-1, 2, 2))
        out = np.empty((p.shape[0], slots, 2))
        for lo in range(0, p.shape[0], _PAYOFF_CHUNK):  # cache-sized blocks of games
            hi = lo + _PAYOFF_CHUNK
            pp, qq = p[lo:hi], q[lo:hi]
            p1, q1 = 1.0 - pp, 1.0 - qq
            for k, M in enumerate(games):
                # q (p M00 + (1-p) M10) + (1-q) (p M01 + (1-p) M11): exact at pure profiles
                m = M[lo:hi, :, :, None]
                first = pp * m[:, 0, 0]
                first += p1 * m[:, 1, 0]
                first *= qq
                second = pp * m[:, 0, 1]
                second += p1 * m[:, 1, 1]
                second *= q1
                np.add(first, second, out=out[lo:hi, :, k])
        return _readonly(out.reshape(self.p.shape + (2,)))

    @cached_property
    def components(self) -> np.ndarray:
        """Maximal convex components as bit masks over the slots, shape batch + (3,) (0 = none)."""
        return self._table("components")

    @cached_property
    def n_components(self) -> np.ndarray:
        """Number of maximal convex components per game."""
        return self._table("n_components")

    @cached_property
    def regret(self) -> np.ndarray:
        """Largest relative player regret in each slot, batch + (4,) (NaN in unused slots): the certificate.

        Each player's regret is divided by that player's payoff range (computed on the
        payoffs normalised to [0, 1] per player).
        """
        from bargain.core.kernels import normalise, relative_regret

        An, Bn = self.normalized if self.normalized is not None else normalise(self.A, self.B)
        row = np.nan_to_num(self.row)
        col = np.nan_to_num(self.col)
        r = relative_regret(An[..., None, :, :], Bn[..., None, :, :], row, col).max(axis=-1)
        return _readonly(np.where(self.valid, r, np.nan))

    @property
    def max_regret(self) -> np.ndarray:
        """Largest regret over each game's equilibria, shape batch."""
        return np.nanmax(self.regret, axis=-1)

    def __len__(self) -> int:
        if self.code.ndim:
            raise TypeError(
                f"len() of Equilibria2x2 is the number of equilibria of a single game; this is a "
                f"batch of shape {self.code.shape}: use .count"
            )
        return int(self.count)

    def __repr__(self) -> str:
        if self.code.ndim == 0:
            k = int(self.count)
            labels = default_labels(2, 2, self.labels)
            noun = "equilibrium" if k == 1 else "equilibria"
            flags = []
            if bool(self.degenerate):
                flags.append("degenerate")
            if bool(self.continuum):
                flags.append("a continuum")
            head = f"Equilibria2x2: {k} extreme {noun}" + (f" ({', '.join(flags)})" if flags else "")
            lines = [head]
            for s in range(k):
                lines.append(
                    f"  {s}. "
                    + profile_line(self.row[s], self.col[s], self.payoffs[s], labels)
                )
            return "\n".join(lines)
        return (
            f"Equilibria2x2(batch of shape {self.code.shape}: "
            f"{int(self.count.sum())} extreme equilibria, "
            f"{int(self.degenerate.sum())} degenerate games, {int(self.continuum.sum())} with a continuum)"
        )
