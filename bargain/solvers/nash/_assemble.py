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

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np

from bargain._result import Status, warn_if_uncertified
from bargain._thresholds import DEDUP_DECIMALS
from bargain.core.exact import ratio
from bargain.core.frozen import readonly
from bargain.core.game import Game
from bargain.solvers.nash.result import Equilibrium, NashResult

__all__ = ["assemble_result", "maximal_components", "StackedProfiles", "ExactStackedProfiles", "as_floats"]


def maximal_components(
    equilibria: Sequence[Equilibrium], decimals: int = DEDUP_DECIMALS
) -> tuple[tuple[int, ...], ...]:
    """Maximal convex sets of equilibria as tuples of indices into ``equilibria``.

    A set ``conv(X) x conv(Y)`` consists of equilibria when every pair in ``X x Y`` is an
    equilibrium; the maximal such products (maximal bicliques of the bipartite graph
    linking row and column vertices that form an equilibrium) are the components.
    """

    def keys(vs: list[np.ndarray], exact: list[tuple[Fraction, ...] | None]) -> list[tuple]:
        if vs and all(x is not None for x in exact):
            return [tuple(x) for x in exact]  # type: ignore[arg-type]
        if not vs:
            return []
        rounded = (np.round(np.array(vs, dtype=np.float64), decimals) + 0.0).tolist()
        return [tuple(x) if x is not None else tuple(r) for x, r in zip(exact, rounded)]

    xk = keys([e.row for e in equilibria], [e.row_exact for e in equilibria])
    yk = keys([e.col for e in equilibria], [e.col_exact for e in equilibria])
    return components_of_pairs(xk, yk)


def components_of_pairs(xk: Sequence[Hashable], yk: Sequence[Hashable]) -> tuple[tuple[int, ...], ...]:
    """:func:`maximal_components` of the profiles ``(xk[k], yk[k])``, each strategy given by
    any key that identifies it (a vertex's index, its exact or rounded coordinates).

    >>> components_of_pairs([0, 0, 1, 1], [5, 6, 5, 6])  # {x0, x1} x {y5, y6}: one component
    ((0, 1, 2, 3),)
    >>> components_of_pairs([0, 0, 1], [5, 6, 6])  # two components sharing (x0, y6)
    ((0, 1), (1, 2))
    """
    if len(set(xk)) == len(xk) and len(set(yk)) == len(yk):  # no shared strategy
        return tuple(zip(range(len(xk))))
    x_ids: dict[Hashable, int] = {}
    y_ids: dict[Hashable, int] = {}
    pair_index: dict[tuple[int, int], int] = {}
    for k in range(len(xk)):
        xi = x_ids.setdefault(xk[k], len(x_ids))
        yi = y_ids.setdefault(yk[k], len(y_ids))
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


@dataclass(frozen=True)
class StackedProfiles:
    """Float candidate profiles as two stacks, row ``k`` of each being profile ``k``.

    What a vectorised method hands to :func:`assemble_result` instead of a list of pairs.
    """

    X: np.ndarray  # (k, m)
    Y: np.ndarray  # (k, n)

    def __len__(self) -> int:  # the number of profiles, as for a list of pairs
        return len(self.X)


@dataclass(frozen=True)
class ExactStackedProfiles:
    """Exact candidate profiles with their integer form, row ``k`` of each being profile ``k``.

    ``xs[k]`` (tuple of Fraction) equals ``Xi[k] / dx[k]`` with ``dx[k]`` the least common
    denominator (likewise ``ys``, ``Yi``, ``dy``): what an exact method that solved its
    vertices as integers hands to :func:`assemble_result`, so that the profiles are not
    taken apart again.
    """

    xs: list[tuple[Fraction, ...]]
    ys: list[tuple[Fraction, ...]]
    Xi: np.ndarray  # (k, m) object array of Python integers
    dx: list[int]
    Yi: np.ndarray  # (k, n)
    dy: list[int]

    def __len__(self) -> int:
        return len(self.xs)


def _float_certificates(
    game: Game, profiles: Sequence[tuple[Sequence, Sequence]] | StackedProfiles
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Stacked profiles ``X (k, m)``, ``Y (k, n)``, their relative regrets and payoffs, at once.

    The regret of each player is computed on ``game.normalized`` (each player's payoffs
    in [0, 1]) and divided by that player's normalised range (1 up to rounding; a constant
    player's regret is 0): exactly :func:`bargain.core.kernels.relative_regret`, for
    all profiles in one matrix product. Payoffs are on the game as given.
    """
    m, n = game.shape
    if isinstance(profiles, StackedProfiles):
        X, Y = profiles.X, profiles.Y
    else:
        k = len(profiles)
        X = np.array([x for x, _ in profiles], dtype=np.float64).reshape(k, m)
        Y = np.array([y for _, y in profiles], dtype=np.float64).reshape(k, n)
    norm = game.normalized
    nA, nB = norm.A, norm.B
    AY = Y @ nA.T  # (k, m): each row action's normalised payoff
    XB = X @ nB  # (k, n): each column action's normalised payoff
    r1 = AY.max(axis=1, initial=-np.inf) - np.einsum("ki,ki->k", X, AY)
    r2 = XB.max(axis=1, initial=-np.inf) - np.einsum("kj,kj->k", Y, XB)
    ra, rb = norm.payoff_range.tolist() if nA.size else (0.0, 0.0)  # max - min (cached)
    r1 = np.maximum(r1, 0.0) / (ra if ra > 0 else 1.0)
    r2 = np.maximum(r2, 0.0) / (rb if rb > 0 else 1.0)
    regret = np.maximum(r1, r2)  # NaN propagates and then fails ``<= tol``
    payoffs = np.empty((len(X), 2))
    payoffs[:, 0] = np.einsum("ki,ki->k", X, Y @ game.A.T)
    payoffs[:, 1] = np.einsum("kj,kj->k", Y, X @ game.B)
    return X, Y, regret, payoffs


def _exact_certificates(
    game: Game, profiles: Sequence[tuple[Sequence, Sequence]] | ExactStackedProfiles
) -> tuple:
    """Exact regrets (zero or not) and payoffs of all profiles, in integer arithmetic.

    Each strategy is written as integer numerators over its least common denominator and
    each player's payoffs as integers over one denominator (:class:`IntegerGame`); the
    action values of all profiles are then one integer matrix product (object arrays of
    Python integers), and a player's regret is zero iff the best action value times the
    strategy's denominator equals the numerator of the expected payoff. Returns the
    profiles as tuples, their integer keys (numerators and denominators: equal iff the
    profiles are), float copies, the certificates and the exact payoffs.
    """
    ig = game._integer_payoffs
    m, n = game.shape
    k = len(profiles)
    if isinstance(profiles, ExactStackedProfiles):
        xs, ys = profiles.xs, profiles.ys
        Xi, dx, Yi, dy = profiles.Xi, profiles.dx, profiles.Yi, profiles.dy
    else:
        xs = [tuple(x) for x, _ in profiles]
        ys = [tuple(y) for _, y in profiles]
        Xi, dx = _integer_rows(xs, m)
        Yi, dy = _integer_rows(ys, n)
    if not k:
        return xs, ys, [], as_floats(Xi, dx, xs), as_floats(Yi, dy, ys), [], []
    AY = Yi.dot(ig.A_int.T)  # (k, m), x den_a dy
    XB = Xi.dot(ig.B_int)  # (k, n), x den_b dx
    U1 = (Xi * AY).sum(axis=1).tolist()  # x A y times den_a dx dy
    U2 = (XB * Yi).sum(axis=1).tolist()  # x B y times den_b dx dy
    best1, best2 = AY.max(axis=1).tolist(), XB.max(axis=1).tolist()
    ok = [b1 * a == u1 and b2 * b == u2 for b1, a, u1, b2, b, u2 in zip(best1, dx, U1, best2, dy, U2)]
    pay = [
        (ratio(u1, ig.den_a * a * b), ratio(u2, ig.den_b * a * b))
        for u1, u2, a, b in zip(U1, U2, dx, dy)
    ]
    xl, yl = Xi.tolist(), Yi.tolist()
    keys = [(*xr, a, *yr, b) for xr, a, yr, b in zip(xl, dx, yl, dy)]
    return xs, ys, keys, as_floats(Xi, dx, xs), as_floats(Yi, dy, ys), ok, pay


def as_floats(ints: np.ndarray, dens: list[int], rows: list[tuple]) -> np.ndarray:
    """``ints / dens`` row by row as float64, correctly rounded (as ``float(Fraction)``)."""
    if not len(dens):
        return np.empty(ints.shape, dtype=np.float64)
    big = max(max(dens), int(np.abs(ints).max(initial=0)))
    if big < 2**53:  # both exact in float64: one correctly rounded division
        return ints.astype(np.float64) / np.array(dens, dtype=np.float64)[:, None]
    return np.array(rows, dtype=np.float64)


def _integer_rows(rows: list[tuple], width: int) -> tuple[np.ndarray, list[int]]:
    """Fraction rows as an object array of integer numerators over each row's least denominator."""
    out = np.empty((len(rows), width), dtype=object)
    dens = []
    for r, vals in enumerate(rows):
        fr = [v if isinstance(v, Fraction) else Fraction(v) for v in vals]
        den = lcm(*(v.denominator for v in fr))
        out[r] = [v.numerator * (den // v.denominator) for v in fr]
        dens.append(den)
    return out, dens


def _first_of_each(keys: np.ndarray, passed: np.ndarray) -> np.ndarray:
    """Indices of the rows of ``keys`` that passed, the first of each distinct row, in order
    (rows compared by their bytes: ``keys`` holds no NaN and no negative zero)."""
    idx = np.flatnonzero(passed)
    rows = np.ascontiguousarray(keys[idx])
    raw = rows.view(np.dtype((np.void, rows.shape[1] * rows.itemsize))).ravel().tolist()
    if len(set(raw)) == len(raw):  # all distinct (the common case)
        return idx
    first: dict[bytes, int] = {}
    for r, row in enumerate(raw):
        first.setdefault(row, r)
    return idx[list(first.values())]


def assemble_result(
    game: Game,
    profiles: Sequence[tuple[Sequence, Sequence]] | StackedProfiles | ExactStackedProfiles,
    *,
    method: str,
    complete: bool,
    degenerate: bool | Callable[[], bool],
    tol: float,
    exact: bool = False,
    status: Status = Status.SUCCESS,
    message: str = "",
    components: tuple[tuple[int, ...], ...] | None = None,
    stats: Mapping[str, Any] | None = None,
    warn: bool = True,
) -> NashResult:
    """Verify, deduplicate and package candidate profiles ``(x, y)``.

    With ``exact=True`` the profiles must be sequences of :class:`Fraction` (or one
    :class:`ExactStackedProfiles`) and are checked with exact arithmetic; otherwise
    they are float vectors (or one :class:`StackedProfiles`) whose regret, relative to
    each player's payoff range (computed on ``game.normalized``), must be <= ``tol``.
    All profiles are certified together (one matrix product per player). ``components``
    (indices into ``profiles``) is used when given and every profile survives; else
    components are recomputed. ``degenerate`` may be a zero-argument callable that decides
    it on first read (:class:`~bargain.solvers.nash.result.NashResult`). ``warn=False``
    leaves the warning of an uncertified or budgeted result to the caller.
    """
    labels = game.labels
    equilibria: list[Equilibrium] = []
    seen: set[tuple] = set()
    rejected = 0
    kept_from: list[int] = []
    rs: list[float] = []  # the regrets of the equilibria kept (float path)
    if exact:
        xs, ys, keys, Xall, Yall, ok, pay = _exact_certificates(game, profiles)
        for idx, key in enumerate(keys):
            if key in seen:
                continue
            if not ok[idx]:
                rejected += 1
                continue
            seen.add(key)
            kept_from.append(idx)
        if kept_from:
            Xf, Yf = readonly(Xall[kept_from]), readonly(Yall[kept_from])
            Pf = readonly(np.array([pay[i] for i in kept_from], dtype=np.float64))
            make = Equilibrium._from_frozen
            equilibria = [
                make(Xf[r], Yf[r], Pf[r], 0.0, xs[i], ys[i], pay[i], labels)
                for r, i in enumerate(kept_from)
            ]
    elif len(profiles):
        X, Y, regrets, payoffs = _float_certificates(game, profiles)
        passed = regrets <= tol
        rejected = int(np.count_nonzero(~passed))
        sel = _first_of_each(np.round(np.concatenate([X, Y], axis=1), DEDUP_DECIMALS) + 0.0, passed)
        kept_from = sel.tolist()
        if kept_from:
            Xf, Yf, Pf = readonly(X[sel]), readonly(Y[sel]), readonly(payoffs[sel])
            rs = regrets[sel].tolist()
            make = Equilibrium._from_frozen
            equilibria = [  # rows of the stacks by iteration: cheaper than indexing each
                make(x, y, pay, r, labels=labels) for x, y, pay, r in zip(Xf, Yf, Pf, rs)
            ]
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
    max_r = max(rs, default=0.0)  # exact equilibria have regret 0
    if warn:
        warn_if_uncertified(status, f"{method}: {message}")
    return NashResult(
        equilibria=tuple(equilibria),
        components=tuple(components),
        degenerate=degenerate if callable(degenerate) else bool(degenerate),
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
