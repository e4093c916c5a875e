"""Lexicographic pivoting search over the bases of a polytope ``{z : G z <= h}`` (private).

The search visits the *lexicographically feasible* bases: the bases of the polytope whose
right-hand side is perturbed to ``h_k + eps**(k+1)``. That perturbed polytope is simple,
its vertices are exactly these bases, its graph is connected, and every vertex of the
original polytope is the limit of at least one of them (Dantzig, Orden and Wolfe 1955;
the rule of lrs, Avis 2000). So a breadth-first search from the origin that pivots with
the lexicographic minimum-ratio rule reaches every vertex, degenerate or not, and
enters a degenerate vertex through a few perturbed bases instead of all of its bases.

Each basis carries its dictionary, stored transposed as ``(1 + d) x K`` so that the
ratio test reduces over the contiguous axis: row 0 holds the slacks ``S[k]`` of the
``K`` constraints at the vertex, row ``1 + c`` the rates ``T[k, c]`` at which they
decrease along the edge that relaxes the basis row in position ``c``. A whole frontier
is pivoted as one numpy stack. Three modes:

* ``"float"``: float64 dictionaries, rebuilt from a fresh basis inverse every few dozen
  pivots; ties are decided with a tolerance ``eps`` on the *slack* scale (the scale of
  the payoffs): a row is tight when its slack is at most ``eps``, two rows tie in the
  ratio test when the vertices they lead to are within ``eps`` of each other in every
  slack (never by comparing ratios, whose unit is the relaxed row's rate and can be
  anything), and a basis whose vertex violates a constraint by more than ``eps`` is
  dropped, so every vertex recorded is feasible and labelled within ``eps``.
* ``"exact"``: fraction-free integer dictionaries (entries are subdeterminants over the
  common denominator ``delta``; Edmonds 1967, integer pivoting as in von Stengel 2007,
  Sec. 3.4), in ``int64`` while every entry stays below ``2**31`` (so no product can
  overflow) and in Python integers beyond. Every comparison is exact: float ratios of
  integers are correctly rounded, so unequal floats order the exact ratios, and equal
  ones are compared by cross-multiplication.
* ``"hybrid"``: float64 dictionaries that carry a rigorous bound on the error of every
  entry, propagated through each pivot (interval bounds for ``a - (b / p) c`` plus one
  rounding per operation; Higham 2002, Sec. 2.2). A decision is taken in float only when
  the bounds separate the alternatives; a basis with any undecidable choice (an exact
  tie, i.e. a degenerate vertex, or ill-conditioning) gets an exact integer dictionary
  rebuilt from its basis (Bareiss elimination) and is pivoted exactly, and its children
  return to the certified float frontier. The combinatorics are therefore exact, at
  nearly float speed on nondegenerate data.
"""

from __future__ import annotations

import numpy as np

from bargain._thresholds import DEFAULT_TOL, LEX_TIE_RTOL, RATE_NOISE, REFRESH_PIVOTS
from bargain.core.exact import bareiss_inverse

__all__ = ["LexSearch", "chunk_size"]

_SMALL = 2**31  # int64 dictionaries while every entry is below this (no product overflows)
_REFRESH = REFRESH_PIVOTS
_U = 2.0**-53
_SAFE = 1.0 + 64 * _U  # inflation of computed error bounds for their own rounding


def chunk_size(K: int, d: int) -> int:
    """Bases pivoted per step of a search of ``K`` rows in dimension ``d`` (numpy stacks of
    about 2 MB); the compiled search visits bases in the same blocks."""
    return int(max(16, min(512, 240_000 // max(K * (d + 1), 1))))


class LexSearch:
    """Breadth-first lexicographic pivoting over one polytope, resumable under a budget.

    Parameters
    ----------
    G, h : the constraints; float arrays (``"float"``) or integer sequences (other modes)
    origin : basis (row indices) of the vertex ``z = 0``, where ``G[origin] = -I``
    mode : ``"float"``, ``"exact"`` or ``"hybrid"`` (see the module docstring)
    eps : tie tolerance of the float mode
    """

    def __init__(self, G, h, origin, *, mode: str, eps: float = DEFAULT_TOL) -> None:
        self.mode = mode
        self.eps = eps
        self.origin = np.array(origin, dtype=np.int64)
        self.coord_rows = self.origin  # G[origin] = -I: slack of origin row c is z_c
        if mode == "float":
            self.Gf = np.array(G, dtype=np.float64)
            self.hf = np.array(h, dtype=np.float64)
            self.Gi = self.hi = None
        else:
            self.Gi = [tuple(int(v) for v in row) for row in G]
            self.hi = [int(v) for v in h]
            big = max(abs(v) for row in self.Gi for v in row)
            # dictionaries do not depend on the scale of G, so the float copy is G itself,
            # exact up to one rounding per entry when the integers exceed 2**53
            self.Gf = np.array(
                [[float(v) if v.bit_length() <= 1000 else np.inf for v in row] for row in self.Gi]
            )
            self.hf = np.array(self.hi, dtype=np.float64)
            self.data_rounding = 2.0**-53 if big > 2**53 else 0.0
        self.K, self.d = self.Gf.shape
        self.pow2 = (
            np.left_shift(np.int64(1), np.arange(self.K, dtype=np.int64))
            if self.K <= 62
            else np.array([1 << k for k in range(self.K)], dtype=object)
        )
        okey = int(self.pow2[self.origin].sum())
        self.seen = np.array([okey], dtype=self.pow2.dtype)
        self.seen_set: set[int] | None = None if self.K <= 62 else {okey}
        # frontier: list of (kind, keys, bases, tab, aux); origin dictionary: S = h, T = G
        self.front: list[tuple] = []
        keys0 = np.array([okey], dtype=self.pow2.dtype)
        bases0 = self.origin[None, :].copy()
        if mode == "float":
            tab = np.concatenate([self.hf[None, :], self.Gf.T], axis=0)[None]
            self.front.append(("float", keys0, bases0, tab, np.zeros(1, dtype=np.int64)))
        elif mode == "hybrid":
            tab = np.concatenate([self.hf[None, :], self.Gf.T], axis=0)[None]
            err = np.zeros_like(tab)
            err[0, 1:, :] = self.data_rounding * np.abs(self.Gf.T)
            self.front.append(("cert", keys0, bases0, tab, err))
        else:
            tab = np.concatenate(
                [np.array(self.hi, dtype=object)[None, :], np.array(self.Gi, dtype=object).T], axis=0
            )[None]
            self.front.append(("exact",) + (keys0, bases0) + _shrink(tab, np.array([1], dtype=object)))
        # vertex store, one entry per processed basis
        self.v_keys: list[np.ndarray] = []
        self.v_coords: list[np.ndarray] = []
        self.v_bases: list[np.ndarray] = []
        self.processed = 0
        self.n_exact = 0  # bases pivoted in integer arithmetic
        self.chunk = chunk_size(self.K, self.d)

    # ------------------------------------------------------------------ state
    @property
    def done(self) -> bool:
        return not self.front

    def _pop(self, limit: int | None):
        take = self.chunk if limit is None else max(1, min(self.chunk, limit))
        kind, keys, bases, tab, aux = self.front[-1]
        if len(keys) <= take:
            self.front.pop()
            return kind, keys, bases, tab, aux
        self.front[-1] = (kind, keys[take:], bases[take:], tab[take:], aux[take:])
        return kind, keys[:take], bases[:take], tab[:take], aux[:take]

    def _is_new(self, keys: np.ndarray) -> np.ndarray:
        if self.seen_set is not None:
            return np.array([k not in self.seen_set for k in keys.tolist()], dtype=bool)
        pos = np.minimum(np.searchsorted(self.seen, keys), len(self.seen) - 1)
        return self.seen[pos] != keys

    def _mark_seen(self, keys: np.ndarray) -> None:
        """Add new (distinct, unseen) keys to the sorted array of seen bases."""
        if self.seen_set is not None:
            self.seen_set.update(keys.tolist())
        else:
            keys = np.sort(keys)
            self.seen = np.insert(self.seen, np.searchsorted(self.seen, keys), keys)

    def step(self, limit: int | None = None) -> int:
        """Process up to one chunk of frontier bases; return how many."""
        kind, keys, bases, tab, aux = self._pop(limit)
        deferred = 0
        if kind == "float":
            self._step_float(keys, bases, tab, aux)
        elif kind == "cert":
            deferred = self._step_certified(keys, bases, tab, aux)
        else:
            self._step_exact(keys, bases, tab, aux)
        self.processed += len(keys) - deferred
        return len(keys) - deferred

    # ------------------------------------------------------------------ float mode
    def _refresh(self, bases: np.ndarray) -> np.ndarray:
        """Fresh float dictionaries from a basis inverse."""
        G, h = self.Gf, self.hf
        R = np.linalg.inv(G[bases])
        v = np.einsum("fij,fj->fi", R, h[bases])
        S = h[None, :] - v @ G.T
        T = -np.einsum("fic,ki->fck", R, G)
        tab = np.concatenate([S[:, None, :], T], axis=1)
        F, d = bases.shape
        f = np.arange(F)[:, None]
        tab[f, 0, bases] = 0.0
        tab[f[:, :, None], 1 + np.arange(d)[None, :, None], bases[:, None, :]] = 0.0
        tab[f, 1 + np.arange(d)[None, :], bases] = -1.0
        return tab

    def _step_float(self, keys, bases, tab, depth) -> None:
        old = depth >= _REFRESH
        if old.any():
            tab = tab.copy()
            tab[old] = self._refresh(bases[old])
            depth = np.where(old, 0, depth)
        # a basis whose vertex violates a constraint by more than eps is no vertex of the
        # polytope (it comes from an eps-tie decided against a true minimum by a margin
        # below eps, amplified by a later pivot on a tiny rate): never record nor expand it
        feasible = (tab[:, 0, :] >= -self.eps).all(axis=1)
        if not feasible.all():
            keys, bases, tab, depth = (a[feasible] for a in (keys, bases, tab, depth))
            if len(keys) == 0:
                return
        S = tab[:, 0, :]  # (F, K)
        T = tab[:, 1:, :]  # (F, d, K)
        tight = S <= self.eps
        tight[np.arange(len(keys))[:, None], bases] = True
        self._record(tight, bases, np.clip(S[:, self.coord_rows], 0.0, None))
        # candidates: rates clearly positive relative to their edge's scale (noise in a
        # mathematically zero rate must not create a spurious degenerate pivot)
        tmax = T.max(axis=2, keepdims=True)  # largest rate of each edge
        thr = np.maximum(tmax, -T.min(axis=2, keepdims=True))
        thr *= RATE_NOISE
        pos = np.greater(T, thr, out=np.empty(T.shape, dtype=bool))
        ratio = np.full(T.shape, np.inf)
        np.divide(S[:, None, :], T, out=ratio, where=pos)
        kstar = ratio.argmin(axis=2)  # (F, d)
        tmin = np.take_along_axis(ratio, kstar[:, :, None], axis=2)
        # ties: rows k whose vertex along the edge, at ratio r_k, is within eps of the
        # nearest one, i.e. every row j stays eps-feasible there (T_j (r_k - tmin) <= eps
        # for all rates T_j > 0) and row k is eps-tight at the nearest vertex. Ratios are
        # in units of the relaxed row's slack, whose rates can be anything (1e6 at an
        # ill-conditioned basis, 1e-7 near a tie of payoffs), so they are compared on the
        # slack scale, never within an absolute eps.
        with np.errstate(divide="ignore", invalid="ignore"):  # edges with no positive rate
            bound = np.where(np.isfinite(tmin), tmin + self.eps / tmax, -np.inf)
        ties = np.less_equal(ratio, bound, out=pos)  # pos is not needed any more
        multi = np.argwhere(np.count_nonzero(ties, axis=2) > 1)
        if len(multi):
            kstar[multi[:, 0], multi[:, 1]] = _lex_float(T, bases, ties, multi)
        ok = np.isfinite(tmin[:, :, 0])
        f, c, k, child, nb = self._children(keys, bases, kstar, ok)
        if len(f) == 0:
            return
        N = np.arange(len(f))
        new = tab[f]  # gathered copy of the parents' dictionaries
        col = new[N, 1 + c, :].copy()  # rates along the edge taken
        p = new[N, 1 + c, k].copy()  # pivot elements (> 0)
        prow = new[N, :, k] / p[:, None]  # the entering row, scaled
        new -= prow[:, :, None] * col[:, None, :]
        new[N, 1 + c, :] = -col / p[:, None]
        new[N, :, k] = 0.0  # the entering row is now a basis row: exact values
        new[N, 1 + c, k] = -1.0
        self.front.append(("float", child, nb, new, depth[f] + 1))

    # ------------------------------------------------------------------ certified mode
    def _step_certified(self, keys, bases, tab, err) -> int:
        """Pivot the bases whose decisions are certified; defer the others (returns how many)."""
        u4 = 4 * _U
        S, T = tab[:, 0, :], tab[:, 1:, :]
        ES, ET = err[:, 0, :], err[:, 1:, :]
        F = len(keys)
        in_b = np.zeros(S.shape, dtype=bool)
        in_b[np.arange(F)[:, None], bases] = True
        # every test is written so that a NaN (overflowed bound) counts as uncertain
        sure_slack = ((S - ES > 0) | in_b).all(axis=1)
        nb = ~in_b[:, None, :]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            hi = np.where((T - ET > 0) & nb, (S + ES)[:, None, :] / (T - ET), np.inf) * (1 + u4)
            lo = np.where(~(T + ET <= 0) & nb, (S - ES)[:, None, :] / (T + ET), np.inf) * (1 - u4)
        kstar = hi.argmin(axis=2)
        hmin = np.take_along_axis(hi, kstar[:, :, None], axis=2)[:, :, 0]
        np.put_along_axis(lo, kstar[:, :, None], np.inf, axis=2)
        sure = sure_slack & (np.isfinite(hmin) & (hmin < lo.min(axis=2))).all(axis=1)
        deferred = int((~sure).sum())
        if deferred:
            self._to_exact(keys[~sure], bases[~sure])
            keys, bases, tab, err, kstar, in_b = (
                a[sure] for a in (keys, bases, tab, err, kstar, in_b)
            )
            if len(keys) == 0:
                return deferred
        self._record(in_b, bases, np.clip(tab[:, 0, self.coord_rows], 0.0, None))
        f, c, k, child, nbases = self._children(keys, bases, kstar, np.ones(kstar.shape, dtype=bool))
        if len(f):
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                new, newerr = _pivot_certified(tab[f], err[f], c, k)
            self.front.append(("cert", child, nbases, new, newerr))
        return deferred

    def _to_exact(self, keys, bases) -> None:
        """Rebuild exact integer dictionaries for bases whose float decisions are uncertain."""
        tabs, deltas = [], []
        for basis in bases.tolist():
            t, dl = _exact_dictionary(self.Gi, self.hi, basis)
            tabs.append(t)
            deltas.append(dl)
        tab = np.array(tabs, dtype=object)
        self.front.append(("exact", keys, bases) + _shrink(tab, np.array(deltas, dtype=object)))

    # ------------------------------------------------------------------ exact mode
    def _step_exact(self, keys, bases, tab, delta) -> None:
        self.n_exact += len(keys)
        S = tab[:, 0, :]
        T = tab[:, 1:, :]
        tight = np.asarray(S == 0, dtype=bool)
        self._record(tight, bases, (S[:, self.coord_rows] / delta[:, None]).astype(np.float64))
        pos = np.asarray(T > 0, dtype=bool)
        if tab.dtype == object:
            num = np.where(pos, S[:, None, :], 0)
            den = np.where(pos, T, 1)
            ratio = np.where(pos, _ratio(num, den, 1e308), np.inf)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(pos, S[:, None, :] / T, np.inf)
        kstar = ratio.argmin(axis=2)
        tmin = np.take_along_axis(ratio, kstar[:, :, None], axis=2)
        ties = pos & (ratio == tmin)
        multi = np.argwhere(ties.sum(axis=2) > 1)
        if len(multi):
            if tab.dtype == object:
                rest = multi
            else:
                won, ok = _lex_int64(S, T, bases, delta, ties, multi)
                kstar[multi[ok, 0], multi[ok, 1]] = won[ok]
                rest = multi[~ok]
            for f, c in rest.tolist():
                kstar[f, c] = _lex_exact(S[f], T[f], bases[f], delta[f], c, np.flatnonzero(ties[f, c]))
        f, c, k, child, nb = self._children(keys, bases, kstar, np.isfinite(tmin[:, :, 0]))
        if len(f) == 0:
            return
        N = np.arange(len(f))
        parent, dl = tab[f], delta[f]
        if parent.dtype != object and (
            np.abs(parent).max(initial=0) >= _SMALL or np.abs(dl).max(initial=0) >= _SMALL
        ):
            parent, dl = parent.astype(object), dl.astype(object)
        col = parent[N, 1 + c, :]
        prow = parent[N, :, k]
        p = prow[N, 1 + c]
        new = (parent * p[:, None, None] - prow[:, :, None] * col[:, None, :]) // dl[:, None, None]
        new[N, 1 + c, :] = -col
        new[N, :, k] = 0
        new[N, 1 + c, k] = -p
        if self.mode == "hybrid":  # children go back to the certified float frontier
            tabf = _ratio(new, p[:, None, None], np.inf)
            with np.errstate(invalid="ignore"):
                errf = 2 * _U * np.abs(tabf)  # correctly rounded; inf where out of range
            self.front.append(("cert", child, nb, tabf, errf))
        else:
            self.front.append(("exact", child, nb) + _shrink(new, p.copy()))

    # ------------------------------------------------------------------ bookkeeping
    def _children(self, keys, bases, kstar, ok):
        """New (unseen) neighbour bases: parent index, position, entering row, key, basis."""
        F, d = bases.shape
        f = np.repeat(np.arange(F), d)
        c = np.tile(np.arange(d), F)
        k = kstar.reshape(-1)
        sel = ok.reshape(-1)
        f, c, k = f[sel], c[sel], k[sel]
        child = (keys[f] ^ self.pow2[bases[f, c]]) | self.pow2[k]
        if child.dtype == object:
            first: dict[int, int] = {}
            for idx, key in enumerate(child.tolist()):
                if key not in self.seen_set and key not in first:
                    first[key] = idx
            sel = np.array(list(first.values()), dtype=np.int64)
        else:
            fresh = np.flatnonzero(self._is_new(child))
            _, first_idx = np.unique(child[fresh], return_index=True)
            sel = fresh[first_idx]
        f, c, k, child = f[sel], c[sel], k[sel], child[sel]
        if len(f):
            self._mark_seen(child)
        nb = bases[f].copy()
        nb[np.arange(len(f)), c] = k
        return f, c, k, child, nb

    def _record(self, tight: np.ndarray, bases: np.ndarray, coords: np.ndarray) -> None:
        if self.pow2.dtype == object:
            tkeys = np.array(
                [sum(int(p) for p, t in zip(self.pow2, row) if t) for row in tight], dtype=object
            )
        else:
            tkeys = (tight.astype(np.int64) * self.pow2).sum(axis=1)
        self.v_keys.append(tkeys)
        self.v_coords.append(coords)
        self.v_bases.append(bases.copy())

    def vertices(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(tight keys, float coordinates, a basis)`` of every vertex found, once each."""
        if not self.v_keys:
            return (
                np.zeros(0, dtype=self.pow2.dtype),
                np.zeros((0, self.d)),
                np.zeros((0, self.d), dtype=np.int64),
            )
        keys = np.concatenate(self.v_keys)
        if keys.dtype == object:
            first: dict[int, int] = {}
            for i, kk in enumerate(keys.tolist()):
                first.setdefault(kk, i)
            idx = np.array(sorted(first.values()), dtype=np.int64)
        else:
            _, idx = np.unique(keys, return_index=True)
            idx.sort()
        return keys[idx], np.concatenate(self.v_coords)[idx], np.concatenate(self.v_bases)[idx]


# ---------------------------------------------------------------------------- helpers
def _div_or(a, b, big):
    try:
        return a / b  # int / int is correctly rounded
    except OverflowError:
        return big if (a > 0) == (b > 0) else -big


_DIV_OR = np.frompyfunc(_div_or, 3, 1)


def _ratio(num: np.ndarray, den: np.ndarray, big: float) -> np.ndarray:
    """Float quotients of integer arrays; ``+-big`` where the quotient overflows a float.

    With ``big=1e308`` overflowing ratios stay finite and compare equal, so the exact
    tie-breaking settles them; with ``big=inf`` they poison every decision they enter.
    """
    if num.dtype != object and den.dtype != object:
        with np.errstate(divide="ignore", invalid="ignore"):
            return num / den
    return _DIV_OR(num, den, big).astype(np.float64)


def _shrink(tab: np.ndarray, delta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Integer dictionaries as int64 when every entry is below 2**31, else Python ints."""
    big = max(int(np.abs(tab).max(initial=0)), int(np.abs(delta).max(initial=0)))
    if big < _SMALL:
        return tab.astype(np.int64), delta.astype(np.int64)
    return tab.astype(object), delta.astype(object)


def _exact_dictionary(Gi, hi, basis) -> tuple[np.ndarray, int]:
    """Integer dictionary ``(1 + d) x K`` and denominator of a basis, from scratch (Bareiss)."""
    d = len(basis)
    inv = bareiss_inverse([Gi[b] for b in basis])
    if inv is None:  # pragma: no cover - bases of the search are nonsingular
        raise ArithmeticError("singular basis")
    det, R = inv
    sgn = 1 if det > 0 else -1
    delta = abs(det)
    Rh = [sum(R[i][j] * hi[basis[j]] for j in range(d)) for i in range(d)]  # det * v
    K = len(Gi)
    tab = [[0] * K for _ in range(d + 1)]
    for k in range(K):
        g = Gi[k]
        tab[0][k] = hi[k] * delta - sgn * sum(g[i] * Rh[i] for i in range(d))
        for c in range(d):
            tab[1 + c][k] = -sgn * sum(g[i] * R[i][c] for i in range(d))
    return tab, delta


def _pivot_certified(parent: np.ndarray, perr: np.ndarray, c: np.ndarray, k: np.ndarray):
    """Float pivot with a rigorous bound on the error of every new entry.

    With ``|b* - b| <= Eb`` etc. and ``p - Ep > 0``: ``|b*/p* - b/p| <= (Eb p + |b| Ep) /
    (p (p - Ep))`` and ``|q* c* - q c| <= |q| Ec + (|c| + Ec) Eq``; each float operation
    adds at most one unit roundoff of its result (doubled here for safety).
    """
    u2 = 2 * _U
    N = np.arange(len(c))
    col, Ec = parent[N, 1 + c, :], perr[N, 1 + c, :]  # (N, K)
    prow, Eb = parent[N, :, k], perr[N, :, k]  # (N, 1 + d)
    p, Ep = prow[N, 1 + c], Eb[N, 1 + c]
    ap = np.abs(p)[:, None]
    denom = ap * (ap - Ep[:, None])
    q = prow / p[:, None]
    Eq = ((Eb * ap + np.abs(prow) * Ep[:, None]) / denom + u2 * np.abs(q)) * _SAFE
    prod = q[:, :, None] * col[:, None, :]
    new = parent - prod
    Enew = (
        perr
        + np.abs(q)[:, :, None] * Ec[:, None, :]
        + Eq[:, :, None] * (np.abs(col) + Ec)[:, None, :]
        + u2 * (np.abs(prod) + np.abs(new))
    ) * _SAFE  # the bound itself is computed in rounded arithmetic
    pc = -col / p[:, None]
    new[N, 1 + c, :] = pc
    Enew[N, 1 + c, :] = ((Ec * ap + np.abs(col) * Ep[:, None]) / denom + u2 * np.abs(pc)) * _SAFE
    new[N, :, k] = 0.0
    new[N, 1 + c, k] = -1.0
    Enew[N, :, k] = 0.0
    return new, Enew


def _lex_float(T: np.ndarray, bases: np.ndarray, ties: np.ndarray, multi: np.ndarray) -> np.ndarray:
    """Lexicographic minimum ratio among tied rows (float mode); ``T`` is (F, d, K).

    The perturbed ratio of row ``r`` along edge ``c`` has coefficient ``1 / T[r, c]`` at
    ``eps**r`` and ``T[r, c'] / T[r, c]`` at ``eps**b`` for the basis row ``b`` in position
    ``c'``; rows are compared coefficient by coefficient in increasing row order.
    """
    F, d, K = T.shape
    f, c = multi[:, 0], multi[:, 1]
    alive = ties[f, c, :]  # (G, K)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(alive, 1.0 / T[f, c, :], np.inf)
    pos_of = np.full((len(f), K), -1, dtype=np.int64)  # basis position of each row
    pos_of[np.arange(len(f))[:, None], bases[f]] = np.arange(d)[None, :]
    for i in range(K):
        if (alive.sum(axis=1) <= 1).all():
            break
        in_b = pos_of[:, i] >= 0
        cp = np.where(in_b, pos_of[:, i], 0)
        with np.errstate(invalid="ignore"):
            coef = np.where(in_b[:, None], T[f, cp, :] * inv, 0.0)
        coef[:, i] = np.where(alive[:, i], inv[:, i], coef[:, i])
        coef = np.where(alive, coef, np.inf)
        best = coef.min(axis=1, keepdims=True)
        alive &= coef <= best + LEX_TIE_RTOL * np.maximum(np.abs(best), 1.0)
    return alive.argmax(axis=1)


def _lex_int64(S, T, bases, delta, ties, multi) -> tuple[np.ndarray, np.ndarray]:
    """Exact lexicographic minimum ratio for int64 dictionaries, vectorized over tie groups.

    Entries are below ``2**31``, so cross products are exact in int64. Float ratios of
    such integers are correctly rounded: a float minimum excludes every row with a larger
    float, and the rows with an equal float are checked for exact equality against one
    representative. Groups where an equal float hides unequal fractions are reported
    (``ok`` False) for the scalar routine.
    """
    F, d, K = T.shape
    f, c = multi[:, 0], multi[:, 1]
    g = np.arange(len(f))
    alive = ties[f, c, :].copy()  # (G, K)
    den = T[f, c, :]  # (G, K), positive on alive rows
    ok = np.ones(len(f), dtype=bool)
    # equal float ratios must be exactly equal ratios S[r] / T[c, r]
    num = S[f]
    rep = alive.argmax(axis=1)
    same = num * den[g, rep][:, None] == num[g, rep][:, None] * den
    ok &= ~(alive & ~same).any(axis=1)
    pos_of = np.full((len(f), K), -1, dtype=np.int64)
    pos_of[g[:, None], bases[f]] = np.arange(d)[None, :]
    safe_den = np.where(alive, den, 1)
    for i in range(K):
        if (alive.sum(axis=1) <= 1).all():
            break
        in_b = pos_of[:, i] >= 0
        cp = np.where(in_b, pos_of[:, i], 0)
        num_i = np.where(in_b[:, None], T[f, cp, :], 0)
        num_i[:, i] = np.where(in_b, num_i[:, i], np.where(alive[:, i], delta[f], 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            val = np.where(alive, num_i / safe_den, np.inf)
        best = val.min(axis=1, keepdims=True)
        cand = alive & (val == best)
        rep = cand.argmax(axis=1)
        exact_eq = num_i * safe_den[g, rep][:, None] == num_i[g, rep][:, None] * safe_den
        ok &= ~(cand & ~exact_eq).any(axis=1)
        alive = cand
    return alive.argmax(axis=1), ok


def _lex_exact(S, T, basis, delta, c, rows) -> int:
    """Exact lexicographic minimum ratio among rows with equal float ratios (``T`` is d x K)."""
    rows = [int(r) for r in rows]
    best = [rows[0]]  # exact minimum ratio first: equal floats may hide unequal fractions
    for r in rows[1:]:
        a = int(S[r]) * int(T[c, best[0]])
        b = int(S[best[0]]) * int(T[c, r])
        if a < b:
            best = [r]
        elif a == b:
            best.append(r)
    if len(best) == 1:
        return best[0]
    pos_of = {int(b): i for i, b in enumerate(basis)}
    alive = best
    for i in range(len(S)):
        if len(alive) == 1:
            break
        vals = []  # coefficient of eps**i as (numerator, positive denominator T[r, c])
        for r in alive:
            if i in pos_of:
                num = int(T[pos_of[i], r])
            elif i == r:
                num = int(delta)
            else:
                num = 0
            vals.append((num, int(T[c, r])))
        lo = vals[0]
        for v in vals[1:]:
            if v[0] * lo[1] < lo[0] * v[1]:
                lo = v
        alive = [r for r, v in zip(alive, vals) if v[0] * lo[1] == lo[0] * v[1]]
    return alive[0]
