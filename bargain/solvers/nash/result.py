"""Typed, frozen results returned by the solvers."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

import numpy as np

from bargain._result import Status
from bargain._result import fmt_vector as _fmt_vector
from bargain.core import two_by_two as _t
from bargain.core.frozen import frozen as _frozen_array

__all__ = ["Equilibrium", "NashResult", "Equilibria2x2"]


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One Nash equilibrium ``(row, col)`` of a single game, with its payoffs.

    Attributes
    ----------
    row, col : ndarray
        Mixed strategies (probability vectors) of the row and column player.
    payoffs : ndarray, shape (2,)
        Expected payoffs ``(row, col)``.
    regret : float
        The larger player's regret (0 at an exact equilibrium), as verified.
    row_exact, col_exact, payoffs_exact : tuple of Fraction or None
        Exact rational versions, when the solver ran with ``exact=True``.
    """

    row: np.ndarray
    col: np.ndarray
    payoffs: np.ndarray
    regret: float = 0.0
    row_exact: tuple[Fraction, ...] | None = None
    col_exact: tuple[Fraction, ...] | None = None
    payoffs_exact: tuple[Fraction, Fraction] | None = None

    def __post_init__(self) -> None:
        for name in ("row", "col", "payoffs"):
            object.__setattr__(self, name, _frozen_array(getattr(self, name)))

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

    def __repr__(self) -> str:
        if self.row_exact is not None and self.col_exact is not None and self.payoffs_exact:
            fr = lambda t: "(" + ", ".join(str(v) for v in t) + ")"  # noqa: E731
            return (
                f"Equilibrium(row={fr(self.row_exact)}, col={fr(self.col_exact)}, "
                f"payoffs={fr(self.payoffs_exact)})"
            )
        return (
            f"Equilibrium(row={_fmt_vector(self.row)}, col={_fmt_vector(self.col)}, "
            f"payoffs={_fmt_vector(self.payoffs)})"
        )


def _support(v: np.ndarray, exact: tuple[Fraction, ...] | None) -> tuple[int, ...]:
    if exact is not None:
        return tuple(i for i, p in enumerate(exact) if p > 0)
    return tuple(int(i) for i in np.flatnonzero(v > 1e-12))


@dataclass(frozen=True, eq=False)
class NashResult:
    """All (or some, see ``complete``) Nash equilibria of one game.

    Attributes
    ----------
    equilibria : tuple of Equilibrium
        Extreme equilibria found; each has been verified (regret <= tol).
    components : tuple of tuple of int
        Maximal convex sets of equilibria, each as the indices (into ``equilibria``) of
        its extreme points; their convex hulls are made of equilibria.
    degenerate : bool
        Whether the game is degenerate (some mixed strategy with ``k`` actions in its
        support has more than ``k`` pure best responses).
    complete : bool
        True only when the method guarantees that every extreme equilibrium was found.
    status : Status
        ``SUCCESS`` when everything returned is certified and no budget ran out.
    max_regret : float
        Largest regret among the returned equilibria.
    method : str
        The algorithm that produced the result (``method="auto"`` says which it chose).
    message : str
        Human-readable account of the run (budgets, certification, degeneracy).
    """

    equilibria: tuple[Equilibrium, ...]
    components: tuple[tuple[int, ...], ...]
    degenerate: bool
    complete: bool
    status: Status
    max_regret: float
    method: str
    message: str = ""
    exact: bool = False
    tol: float = 0.0
    stats: dict = field(default_factory=dict)

    @property
    def success(self) -> bool:
        """True when the status is ``SUCCESS``."""
        return self.status is Status.SUCCESS

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        """The pure equilibria among ``equilibria``."""
        return tuple(e for e in self.equilibria if e.is_pure)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, i: int) -> Equilibrium:
        return self.equilibria[i]

    def __repr__(self) -> str:
        flags = []
        if self.degenerate:
            flags.append("degenerate")
        flags.append("complete" if self.complete else "possibly incomplete")
        lines = [
            f"NashResult({len(self.equilibria)} equilibria, {len(self.components)} components, "
            f"{', '.join(flags)}, method={self.method!r}, status={self.status!r}, "
            f"max_regret={self.max_regret:.3g})"
        ]
        lines += [f"  {i}: {e!r}" for i, e in enumerate(self.equilibria[:20])]
        if len(self.equilibria) > 20:
            lines.append(f"  ... {len(self.equilibria) - 20} more")
        if self.message:
            lines.append(f"  message: {self.message}")
        return "\n".join(lines)


@dataclass(frozen=True, eq=False, repr=False)
class Equilibria2x2:
    """All extreme equilibria of a batch of 2x2 games, as fixed-shape arrays.

    Built by :func:`bargain.equilibria_2x2`. The primary data are the per-game sign
    pattern ``code`` and the two indifference probabilities; everything else is derived
    (lazily) from the pattern tables of :mod:`bargain.core.two_by_two`. Slots are padded
    to :data:`~bargain.core.two_by_two.MAX_EQUILIBRIA` (4); unused slots hold NaN.

    Attributes
    ----------
    code : ndarray of uint8, shape batch
        Sign pattern of the payoff differences (one of 81).
    A, B : ndarray, shape batch + (2, 2)
        The payoffs the equilibria belong to.
    """

    code: np.ndarray
    raw_p_star: np.ndarray
    raw_q_star: np.ndarray
    A: np.ndarray
    B: np.ndarray

    def _table(self, name: str) -> np.ndarray:
        return _t.PATTERNS[name].take(self.code, axis=0)

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
        return np.where(self._table("p_exists"), self.raw_p_star, np.nan)

    @cached_property
    def q_star(self) -> np.ndarray:
        """Column mixing probability that makes the row player indifferent (NaN if none in (0, 1))."""
        return np.where(self._table("q_exists"), self.raw_q_star, np.nan)

    @cached_property
    def p(self) -> np.ndarray:
        """Probability of the first row action in each slot, shape batch + (4,)."""
        return _t.fill_slots(self.code, self.raw_p_star, "p")

    @cached_property
    def q(self) -> np.ndarray:
        """Probability of the first column action in each slot, shape batch + (4,)."""
        return _t.fill_slots(self.code, self.raw_q_star, "q")

    @cached_property
    def valid(self) -> np.ndarray:
        """Which slots hold an equilibrium, shape batch + (4,)."""
        return self._table("slots") >= 0

    @property
    def row(self) -> np.ndarray:
        """Row strategies, shape batch + (4, 2) (NaN in unused slots)."""
        return np.stack([self.p, 1.0 - self.p], axis=-1)

    @property
    def col(self) -> np.ndarray:
        """Column strategies, shape batch + (4, 2) (NaN in unused slots)."""
        return np.stack([self.q, 1.0 - self.q], axis=-1)

    @cached_property
    def payoffs(self) -> np.ndarray:
        """Expected payoffs of each slot, shape batch + (4, 2) (NaN in unused slots)."""
        p, q = self.p, self.q
        A, B = self.A[..., None, :, :], self.B[..., None, :, :]

        def value(M: np.ndarray) -> np.ndarray:
            return (
                p * q * M[..., 0, 0]
                + p * (1 - q) * M[..., 0, 1]
                + (1 - p) * q * M[..., 1, 0]
                + (1 - p) * (1 - q) * M[..., 1, 1]
            )

        return np.stack([value(A), value(B)], axis=-1)

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
        """Largest player regret in each slot, batch + (4,) (NaN in unused slots): the certificate."""
        from bargain.core.kernels import regret

        row = np.nan_to_num(self.row)
        col = np.nan_to_num(self.col)
        r = regret(self.A[..., None, :, :], self.B[..., None, :, :], row, col).max(axis=-1)
        return np.where(self.valid, r, np.nan)

    @property
    def max_regret(self) -> np.ndarray:
        """Largest regret over each game's equilibria, shape batch."""
        return np.nanmax(self.regret, axis=-1)

    def __len__(self) -> int:
        return len(self.code) if self.code.ndim else 1

    def __repr__(self) -> str:
        if self.code.ndim == 0:
            k = int(self.count)
            eqs = ", ".join(
                f"(p={self.p[s]:.6g}, q={self.q[s]:.6g})" for s in range(k)
            )
            return (
                f"Equilibria2x2({k} extreme equilibria: {eqs}; degenerate={bool(self.degenerate)}, "
                f"continuum={bool(self.continuum)})"
            )
        return (
            f"Equilibria2x2(batch of shape {self.code.shape}: "
            f"{int(self.count.sum())} extreme equilibria, "
            f"{int(self.degenerate.sum())} degenerate games, {int(self.continuum.sum())} with a continuum)"
        )
