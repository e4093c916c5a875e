"""All extreme equilibria of a batch of small games (m, n <= 4), vectorized over the batch.

Method: vertex pairs of the best-response polyhedra (Mangasarian 1964; von Stengel 2002,
Handbook of Game Theory vol. 3, ch. 45, Section 2.7 and Theorem 2.14)

    P = {(x, v) : x >= 0, 1.x = 1, B^T x <= v 1}     Q = {(y, u) : y >= 0, 1.y = 1, A y <= u 1}.

A point of ``P`` has label ``i`` when ``x_i = 0`` and label ``m + j`` when column ``j`` is a
best response to ``x``; a point of ``Q`` has label ``i`` when row ``i`` is a best response
to ``y`` and ``m + j`` when ``y_j = 0``. The extreme equilibria are exactly the pairs of
vertices whose labels together cover ``{0, ..., m + n - 1}``, degenerate games included.

Every vertex of ``P`` is the solution of a *basis*: row supports ``I`` and column sets ``J``
with ``|I| = |J| = k`` solving ``x_I B_IJ = v 1``, ``1.x_I = 1``. There are
``C(m + n, m) - 1`` bases (19 for 3 x 3, 69 for 4 x 4), each a ``k x k`` system with
``k <= 4`` solved for the whole batch at once in closed form: ``x_I`` is proportional to
``adj(M) 1`` (entry ``c`` is the determinant of ``M`` with column ``c`` replaced by ones),
computed with explicit determinant formulas; a vanishing sum marks a singular basis. Each
candidate is then checked for feasibility and labelled, all vectorized, on the payoffs
normalised to [0, 1] per player (so no scale or shift of either player's payoffs changes
the answer). Non-degenerate
games pair each vertex with the one carrying the complementary labels through a lookup
table; degenerate games (a vertex with more labels than the polytope's dimension) merge
duplicate vertices and test all vertex pairs. Every returned profile is certified by its
regret relative to each player's payoff range (<= ``tol``), batched.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

import numpy as np

from bargain._result import Result, Status, warn_if_uncertified
from bargain._thresholds import BASIS_SINGULAR, DEFAULT_TOL, LABEL_TOL_FRACTION
from bargain._validate import check_int, check_tol
from bargain.core import kernels
from bargain.core.frozen import readonly as _readonly
from bargain.core.game import as_game
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.solvers.nash.result import default_labels, profile_line

__all__ = ["batched_equilibria", "BatchedEquilibria", "MAX_ACTIONS", "degenerate_small"]

#: Largest number of actions per player that :func:`batched_equilibria` accepts.
MAX_ACTIONS = 4

_CHUNK = 8192  # games per block (cache-sized)
_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.int8)


@dataclass(frozen=True, eq=False, repr=False)
class BatchedEquilibria(Result):
    """All extreme equilibria of every game in a batch, as fixed-shape padded arrays.

    Slots ``0 .. count - 1`` of each game hold its extreme equilibria (vertex pairs of the
    best-response polyhedra); unused slots hold NaN and ``valid`` is False there.

    Attributes
    ----------
    row, col : ndarray, shapes batch + (K, m) and batch + (K, n)
        Mixed strategies of each slot (NaN-padded). ``K`` is ``max_equilibria``.
    payoffs : ndarray, shape batch + (K, 2)
        Expected payoffs of each slot on the game as given (NaN-padded).
    regret : ndarray, shape batch + (K,)
        The certificate: largest player regret of each slot relative to that player's
        payoff range (<= ``tol``).
    valid : ndarray of bool, shape batch + (K,)
        Which slots hold an equilibrium.
    count : ndarray of int, shape batch
        Number of equilibria returned for each game.
    found : ndarray of int, shape batch
        Number of extreme equilibria found (larger than ``count`` only on overflow).
    overflow : ndarray of bool, shape batch
        The game has more extreme equilibria than ``K`` slots; the first ``K`` are kept.
    degenerate : ndarray of bool, shape batch
        Some mixed strategy with ``k`` actions in its support has more than ``k`` pure
        best responses (detected within ``tol``).
    complete : ndarray of bool, shape batch
        Every extreme equilibrium of the game is returned: no overflow and no candidate
        failed certification.
    tol : float
        The tolerance used (relative to each player's payoff range).
    status, success, message, labels
        From :class:`~bargain._result.Result`: ``UNCERTIFIED`` when some candidate failed
        certification (it is dropped, and that game's ``complete`` is False).

    All arrays are read-only. ``len()`` is the number of equilibria of a single game.
    """

    row: np.ndarray
    col: np.ndarray
    payoffs: np.ndarray
    regret: np.ndarray
    valid: np.ndarray
    count: np.ndarray
    found: np.ndarray
    overflow: np.ndarray
    degenerate: np.ndarray
    complete: np.ndarray
    tol: float

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch of games."""
        return self.count.shape

    @property
    def max_equilibria(self) -> int:
        """Number of slots per game (``K``)."""
        return self.valid.shape[-1]

    def profiles(self, index: Any = ()) -> list[tuple[np.ndarray, np.ndarray]]:
        """The equilibria ``(row, col)`` of one game of the batch (``index`` into the batch)."""
        if not isinstance(index, tuple):
            index = (index,)
        if len(index) != len(self.batch_shape):
            raise InvalidArgumentError(
                f"BatchedEquilibria.profiles: index {index!r} must address all "
                f"{len(self.batch_shape)} batch axes"
            )
        k = int(self.count[index])
        return [(self.row[index][s].copy(), self.col[index][s].copy()) for s in range(k)]

    def __len__(self) -> int:
        if self.batch_shape:
            raise TypeError(
                "len() of BatchedEquilibria is the number of equilibria of a single game; this "
                f"is a batch of shape {self.batch_shape}: use .count"
            )
        return int(self.count)

    def __repr__(self) -> str:
        if not self.batch_shape:
            k = int(self.count)
            labels = default_labels(self.row.shape[-1], self.col.shape[-1], self.labels)
            flags = ["complete" if bool(self.complete) else "incomplete"]
            if bool(self.degenerate):
                flags.append("degenerate")
            noun = "equilibrium" if k == 1 else "equilibria"
            lines = [f"BatchedEquilibria: {k} extreme {noun} ({', '.join(flags)})"]
            lines += [
                f"  {s}. " + profile_line(self.row[s], self.col[s], self.payoffs[s], labels)
                for s in range(k)
            ]
            if not self.success:
                lines.append("  " + self._status_line())
            return "\n".join(lines)
        return (
            f"BatchedEquilibria(batch of shape {self.batch_shape}: {int(self.count.sum())} extreme "
            f"equilibria in {self.max_equilibria} slots per game; {int(self.degenerate.sum())} "
            f"degenerate, {int((~self.complete).sum())} incomplete, {int(self.overflow.sum())} "
            "overflowing)"
        )


# ----------------------------------------------------------------------------- algebra
# Matrices are kept as nested lists of (G, nb) arrays ("structure of arrays"): every
# operation below is elementwise on contiguous arrays, which is much faster than numpy
# reductions over axes of length 2-4.
def _det(M: list[list[np.ndarray]]) -> np.ndarray:
    """Determinant of a ``k x k`` matrix of arrays (k <= 4) by explicit cofactor formulas."""
    k = len(M)
    if k == 1:
        return M[0][0]
    if k == 2:
        return M[0][0] * M[1][1] - M[0][1] * M[1][0]
    out = None
    for c in range(k):
        minor = [[row[j] for j in range(k) if j != c] for row in M[1:]]
        term = M[0][c] * _det(minor)
        out = term if out is None else (out + term if c % 2 == 0 else out - term)
    return out


def _adj_ones(M: list[list[np.ndarray]], shape: tuple[int, ...]) -> list[np.ndarray]:
    """``adj(M) @ 1``: entry ``c`` is the determinant of ``M`` with column ``c`` set to ones."""
    k = len(M)
    if k == 1:
        return [np.ones(shape)]
    if k == 2:
        return [M[1][1] - M[0][1], M[0][0] - M[1][0]]
    one = np.ones(shape)
    return [_det([[one if j == c else row[j] for j in range(k)] for row in M]) for c in range(k)]


@cache
def _bases(own: int, opp: int) -> tuple[tuple[int, np.ndarray, np.ndarray], ...]:
    """Bases grouped by size ``k``: (k, I (nb, k) own supports, J (nb, k) tight opponent actions)."""
    out = []
    for k in range(1, min(own, opp) + 1):
        pairs = [(I, J) for I in combinations(range(own), k) for J in combinations(range(opp), k)]
        I = np.array([p[0] for p in pairs], dtype=np.intp)
        J = np.array([p[1] for p in pairs], dtype=np.intp)
        out.append((k, I, J))
    return tuple(out)


def _vertices(P: np.ndarray, scale: np.ndarray, ptol: float) -> tuple[np.ndarray, ...]:
    """Vertices of ``{(s, v): s >= 0, 1.s = 1, s P <= v}`` for a stack ``P`` (G, own, opp).

    ``scale`` (G,) is each game's payoff scale (1 on normalised payoffs): payoff ties are
    within ``ptol * scale``, and a basis is singular when its ``k x k`` system's
    determinant-like sum is below ``BASIS_SINGULAR * scale**(k - 1)``. Returns the solved
    coordinates ``parts`` (kmax, G, NB) of each basis (the strategy puts ``parts[c]`` on own
    action ``support[b, c]``; padding is 0 on action -1), the supports (NB, kmax), validity
    (G, NB), and bit masks (G, NB) of the own actions played with probability 0 and of the
    opponent actions that are best responses.
    """
    G, own, opp = P.shape
    flat = P.reshape(G, own * opp)
    groups = _bases(own, opp)
    NB = sum(I.shape[0] for _, I, _ in groups)
    kmax = groups[-1][0]
    parts = np.zeros((kmax, G, NB))
    support = np.full((NB, kmax), -1, dtype=np.intp)
    valid = np.empty((G, NB), dtype=bool)
    own_mask = np.empty((G, NB), dtype=np.uint8)
    opp_mask = np.empty((G, NB), dtype=np.uint8)
    all_own = (1 << own) - 1
    atol = scale * ptol
    start = 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for k, I, J in groups:
            nb = I.shape[0]
            stop = start + nb
            support[start:stop, :k] = I
            # payoff entries P[I[c], j] for every own position c and opponent action j
            E = [[flat[:, I[:, c] * opp + j] for j in range(opp)] for c in range(k)]
            if k == 1:
                w = [np.ones((G, nb))]
                part = w
                ok = np.ones((G, nb), dtype=bool)
                pay = E[0]
            else:
                # equation r (opponent action J[r]) in unknown c (own action I[c]): P[I[c], J[r]]
                M = [[flat[:, I[:, c] * opp + J[:, r]] for c in range(k)] for r in range(k)]
                w = _adj_ones(M, (G, nb))
                total = w[0] + w[1]
                for c in range(2, k):
                    total += w[c]
                ok = np.abs(total) > BASIS_SINGULAR * scale[:, None] ** (k - 1)
                total[~ok] = np.nan
                part = [wc / total for wc in w]
                pay = [sum(part[c] * E[c][j] for c in range(k)) for j in range(opp)]
            for c in range(k):
                parts[c, :, start:stop] = part[c]
            v = sum(pay[j] * (J[:, 0] == j) for j in range(opp)) if k > 1 else None
            if k == 1:
                v = flat[:, I[:, 0] * opp + J[:, 0]]
            hi = v + atol[:, None]
            lo = v - atol[:, None]
            good = ok.copy()
            zero = np.full((G, nb), all_own, dtype=np.uint8)
            for c in range(k):
                good &= part[c] >= -ptol
                # clear the bit of own action I[c] unless its probability is (near) zero
                keep = (part[c] <= ptol).view(np.uint8) << I[:, c].astype(np.uint8)
                zero &= ~(np.uint8(1) << I[:, c].astype(np.uint8)) | keep
            tight = np.zeros((G, nb), dtype=np.uint8)
            for j in range(opp):
                good &= pay[j] <= hi
                tight |= (pay[j] >= lo).view(np.uint8) << np.uint8(j)
            valid[:, start:stop] = good
            own_mask[:, start:stop] = zero
            opp_mask[:, start:stop] = tight
            start = stop
    return parts, support, valid, own_mask, opp_mask


def _strategies(parts: np.ndarray, support: np.ndarray, g: np.ndarray, b: np.ndarray, own: int) -> np.ndarray:
    """Normalised strategies (E, own) of the selected vertices (games ``g``, bases ``b``)."""
    out = np.zeros((g.size, own + 1))  # column ``own`` absorbs the padding (support -1)
    sup = support[b]
    rows = np.arange(g.size)
    for c in range(parts.shape[0]):
        out[rows, sup[:, c]] += np.clip(parts[c, g, b], 0.0, None)
    out = out[:, :own]
    out /= out.sum(axis=1, keepdims=True)
    return out


def _first_of_mask(mask: np.ndarray, valid: np.ndarray, bits: int) -> np.ndarray:
    """Validity with repeated vertices removed: a vertex is determined by its label set, so
    only the first valid vertex with each label mask is kept (per game)."""
    G, NB = mask.shape
    table = np.full((G, 1 << bits), NB, dtype=np.int16)
    g, b = np.nonzero(valid)
    np.minimum.at(table, (g, mask[g, b]), b.astype(np.int16))
    first = np.zeros_like(valid)
    first[g, b] = table[g, mask[g, b]] == b
    return first


def _compact(mask: np.ndarray, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Move each game's valid vertices to the front (in basis order) and drop all-invalid columns.

    Returns the original basis indices (G, K), their masks and validity, with ``K`` the
    largest number of valid vertices of any game in the block.
    """
    order = np.argsort(~valid, axis=1, kind="stable")
    width = max(int(valid.sum(axis=1).max(initial=0)), 1)
    idx = order[:, :width]
    return idx, np.take_along_axis(mask, idx, axis=1), np.take_along_axis(valid, idx, axis=1)


def degenerate_small(A: np.ndarray, B: np.ndarray, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Per-game degeneracy of payoffs ``(G, m, n)`` with ``m, n <= 4`` (internal to the package).

    A game is degenerate iff a vertex of a best-response polyhedron has more labels than
    its dimension (von Stengel 2002, Section 2.6); ties within ``tol`` of each player's
    payoff range count (decided on the payoffs normalised per player).
    """
    m, n = A.shape[-2:]
    A, B = kernels.normalise(A, B)
    scale = np.ones(A.shape[0])
    inner = tol * LABEL_TOL_FRACTION
    A0, B0 = A, B  # normalised: every minimum is 0 already
    _, _, vx, x_own, x_opp = _vertices(B0, scale, inner)
    _, _, vy, y_own, y_opp = _vertices(np.ascontiguousarray(np.swapaxes(A0, 1, 2)), scale, inner)
    more_x = (_POPCOUNT[x_own] + _POPCOUNT[x_opp] > m) & vx
    more_y = (_POPCOUNT[y_own] + _POPCOUNT[y_opp] > n) & vy
    return more_x.any(axis=1) | more_y.any(axis=1)


def _chunk(A: np.ndarray, B: np.ndarray, tol: float) -> tuple[np.ndarray, ...]:
    """Certified equilibria of one block of games: (game, x, y, regret) rows and per-game flags.

    ``A``, ``B`` are normalised to [0, 1] per player; the regret is relative to each player's range.
    """
    G, m, n = A.shape
    scale = np.ones(G)
    A0, B0 = A, B
    inner = tol * LABEL_TOL_FRACTION  # labels and feasibility use part of tol; certification all
    X, Xs, vx, x_own, x_opp = _vertices(B0, scale, inner)  # x over rows, best responses among cols
    Y, Ys, vy, y_own, y_opp = _vertices(np.ascontiguousarray(np.swapaxes(A0, 1, 2)), scale, inner)
    mx = x_own | (x_opp << np.uint8(m))  # labels: i for x_i = 0, m + j for best-response column j
    my = y_opp | (y_own << np.uint8(m))  # labels: i for best-response row i, m + j for y_j = 0
    bits = m + n
    full = np.uint8((1 << bits) - 1)
    degenerate = ((_POPCOUNT[mx] > m) & vx).any(axis=1) | ((_POPCOUNT[my] > n) & vy).any(axis=1)

    # non-degenerate games: each x vertex pairs with the y vertex carrying the complementary labels
    nd = np.flatnonzero(~degenerate)
    table = np.full((nd.size, 1 << bits), -1, dtype=np.int16)
    gy, by = np.nonzero(vy[nd])
    table[gy, my[nd[gy], by]] = by
    gx, ax = np.nonzero(vx[nd])
    partner = table[gx, full ^ mx[nd[gx], ax]]
    hit = partner >= 0
    g_all, a_all, b_all = nd[gx[hit]], ax[hit], partner[hit].astype(np.intp)

    # degenerate games: merge repeated vertices, then test every vertex pair
    dg = np.flatnonzero(degenerate)
    if dg.size:
        ix, mxc, vxc = _compact(mx[dg], _first_of_mask(mx[dg], vx[dg], bits))
        iy, myc, vyc = _compact(my[dg], _first_of_mask(my[dg], vy[dg], bits))
        ok = (mxc[:, :, None] | myc[:, None, :]) == full
        ok &= vxc[:, :, None]
        ok &= vyc[:, None, :]
        gd, ac, bc = np.nonzero(ok)
        a2, b2 = ix[gd, ac], iy[gd, bc]
        g_all = np.concatenate([g_all, dg[gd]])
        a_all = np.concatenate([a_all, a2])
        b_all = np.concatenate([b_all, b2])
        order = np.argsort(g_all, kind="stable")  # each game's pairs are already in (a, b) order
        g_all, a_all, b_all = g_all[order], a_all[order], b_all[order]
    x = _strategies(X, Xs, g_all, a_all, m)
    y = _strategies(Y, Ys, g_all, b_all, n)
    r = kernels.relative_regret(A[g_all], B[g_all], x, y).max(axis=-1)
    good = r <= tol
    failed = np.zeros(G, dtype=bool)
    failed[g_all[~good]] = True
    return g_all[good], x[good], y[good], r[good], degenerate, failed


def batched_equilibria(
    game: Any, *, tol: float = DEFAULT_TOL, max_equilibria: int | None = None
) -> BatchedEquilibria:
    """All extreme Nash equilibria of every game in a batch of small games, vectorized.

    For payoffs of shape ``(..., m, n)`` with ``m, n <= 4``, enumerates the vertex pairs of
    the two best-response polyhedra for the whole batch at once (no Python loop over the
    games): every basis of each polyhedron is solved in closed form, checked, labelled and
    paired with the complementary vertices (von Stengel 2002, Section 2.7). Degenerate games
    are handled (their extreme equilibria can have supports of unequal size): repeated
    vertices are merged and all vertex pairs are tested. Every returned profile is certified
    by its regret, relative to each player's payoff range; the search runs on the payoffs
    normalised to [0, 1] per player, so one player's scale never sets the other's tolerance.

    Parameters
    ----------
    game : Game or nashpy.Game
        Payoffs ``(..., m, n)`` with ``1 <= m, n <= 4``; a single game is a batch of shape ``()``.
    tol : float
        Regret tolerance, relative to each player's payoff range (ties within a quarter of it).
    max_equilibria : int, optional
        Slots per game. Default: the largest number of extreme equilibria of any game in the
        batch (no overflow). A game with more equilibria keeps the first ones and is flagged
        in ``overflow`` (and ``complete`` is False).

    Returns
    -------
    BatchedEquilibria
        Padded ``row``/``col``/``payoffs``/``regret`` arrays with ``valid`` and ``count``,
        and per-game ``degenerate``, ``complete`` and ``overflow`` flags.

    Examples
    --------
    A 3 x 3 coordination game has 2^3 - 1 = 7 equilibria; the second game of the batch is
    rock-paper-scissors:

    >>> coord = np.eye(3)
    >>> rps = np.array([[0., -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> res = bg.batched_equilibria(bg.Game(np.stack([coord, rps]), np.stack([coord, -rps])))
    >>> res.count.tolist(), res.complete.tolist(), res.max_equilibria
    ([7, 1], [True, True], 7)
    >>> res.row[1, 0].round(4).tolist()
    [0.3333, 0.3333, 0.3333]

    Selten's entry game in strategic form is degenerate, with a continuum of equilibria
    whose extreme points have supports of unequal size:

    >>> entry = bg.Game([[0, 0], [-1, 2]], [[2, 2], [-1, 1]])
    >>> r = bg.batched_equilibria(entry)
    >>> int(r.count), bool(r.degenerate)
    (3, True)
    """
    func = "batched_equilibria"
    g = as_game(game, func)
    m, n = g.shape
    if m > MAX_ACTIONS or n > MAX_ACTIONS:
        raise InvalidGameError(
            f"{func}: needs small games with at most {MAX_ACTIONS} actions per player, got "
            f"{m}x{n}; use nash_equilibria on each game"
        )
    tol = check_tol(tol, func)
    if max_equilibria is not None:
        max_equilibria = check_int(max_equilibria, "max_equilibria", func, low=1)
    batch = g.batch_shape
    norm = g.normalized
    A = norm.A.reshape(-1, m, n)
    B = norm.B.reshape(-1, m, n)
    A_orig = g.A.reshape(-1, m, n)
    B_orig = g.B.reshape(-1, m, n)
    total = A.shape[0]
    parts = []
    degenerate = np.empty(total, dtype=bool)
    failed = np.empty(total, dtype=bool)
    for lo in range(0, total, _CHUNK):
        hi = min(lo + _CHUNK, total)
        gi, x, y, r, deg, fail = _chunk(A[lo:hi], B[lo:hi], tol)
        parts.append((gi + lo, x, y, r))
        degenerate[lo:hi] = deg
        failed[lo:hi] = fail
    gi = np.concatenate([p[0] for p in parts])
    x = np.concatenate([p[1] for p in parts])
    y = np.concatenate([p[2] for p in parts])
    r = np.concatenate([p[3] for p in parts])
    found = np.bincount(gi, minlength=total)
    K = max(int(found.max(initial=0)), 1) if max_equilibria is None else max_equilibria
    starts = np.concatenate([[0], np.cumsum(found)[:-1]])
    slot = np.arange(gi.size) - starts[gi]
    keep = slot < K
    gi, slot, x, y, r = gi[keep], slot[keep], x[keep], y[keep], r[keep]
    row = np.full((total, K, m), np.nan)
    col = np.full((total, K, n), np.nan)
    reg = np.full((total, K), np.nan)
    valid = np.zeros((total, K), dtype=bool)
    row[gi, slot] = x
    col[gi, slot] = y
    reg[gi, slot] = r
    valid[gi, slot] = True
    pay = np.full((total, K, 2), np.nan)
    pay[gi, slot] = kernels.expected_payoffs(A_orig[gi], B_orig[gi], x, y)
    count = np.minimum(found, K)
    overflow = found > K
    complete = ~overflow & ~failed
    status, message = Status.SUCCESS, ""
    notes = []
    if failed.any():
        status = Status.UNCERTIFIED
        notes.append(
            f"{int(failed.sum())} game(s) had candidate profiles that failed certification "
            f"(regret > {tol:g} x payoff range); they were dropped and those games are incomplete"
        )
    if overflow.any():
        notes.append(
            f"{int(overflow.sum())} game(s) have more than {K} extreme equilibria (max_equilibria); "
            "the first ones are kept"
        )
    message = "; ".join(notes)
    warn_if_uncertified(status, f"{func}: {message}")
    return BatchedEquilibria(
        row=_readonly(row.reshape(batch + (K, m))),
        col=_readonly(col.reshape(batch + (K, n))),
        payoffs=_readonly(pay.reshape(batch + (K, 2))),
        regret=_readonly(reg.reshape(batch + (K,))),
        valid=_readonly(valid.reshape(batch + (K,))),
        count=_readonly(count.reshape(batch)),
        found=_readonly(found.reshape(batch)),
        overflow=_readonly(overflow.reshape(batch)),
        degenerate=_readonly(degenerate.reshape(batch)),
        complete=_readonly(complete.reshape(batch)),
        tol=tol,
        status=status,
        message=message,
        labels=g.labels,
    )
