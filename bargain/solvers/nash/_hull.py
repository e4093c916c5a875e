"""Vertices of a best-response polytope by qhull, with a completeness certificate (private).

Polar duality: after translating ``{z : G z <= h}`` by an interior point ``z0``, the
polytope is ``{w : p_k . w <= 1}`` with ``p_k = G_k / (h_k - G_k z0)``, and its vertices
are the facets of the convex hull of the points ``p_k`` (Grunbaum 2003, Convex
Polytopes, Sec. 3.4); ``scipy.spatial.ConvexHull`` (qhull; Barber, Dobkin and Huhdanpaa
1996) returns each facet as an equation ``a . p + b = 0``, i.e. the vertex ``w = -a / b``.

qhull works in floating point and may merge or misplace nearly coplanar facets, so its
output is only a *guide*. It is accepted only with a certificate:

* every vertex's slacks are cleanly separated: each constraint is either tight (slack at
  roundoff level, ``HULL_TIE_ROUNDOFF``) or clearly slack (at least
  ``HULL_SLACK_MARGIN * eps``); a near tie in between (or a violation) is left to the
  lexicographic search, which defines how the float path decides ties within ``eps``;
* no vertex's tight set contains another's (distinct vertices of a polytope never have
  nested tight sets; nesting means that ties within ``eps`` merged vertices);
* the vertex set is closed under adjacency. An edge of a vertex ``v`` is a set ``S`` of
  its tight constraints of rank ``dim - 1``: ``T(v) - {k}`` for each label ``k`` of a
  simple vertex, and at a degenerate vertex the tight set of each extreme ray of its
  tangent cone ``{r : G_T r <= 0}`` (a small double description, exact on integer data).
  The vertices whose tight sets contain ``S`` lie on the edge's line, so they are its two
  endpoints, and exactly two must have been found.

A nonempty vertex set closed in this sense contains every vertex of the polytope, whose
graph is connected (Balinski 1961). Grey-zone slacks, qhull errors, too degenerate a
vertex or a failed closure return ``None``, and the caller falls back to the
lexicographic search, which is complete by construction. The exact path also proves
every simple vertex with error-bounded float solves (:func:`certify_exact`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np

from bargain._thresholds import (
    HULL_CERTIFY_ONE_BLOCK,
    HULL_MAX_DEGENERATE,
    HULL_MAX_RAYS,
    HULL_QHULL_OPTIONS,
    HULL_RANK_RTOL,
    HULL_SLACK_MARGIN,
    HULL_TIE_ROUNDOFF,
)
from bargain.core.exact import bareiss_inverse

__all__ = [
    "HullVertices",
    "hull_vertices",
    "closed_under_adjacency",
    "hull_pairs",
    "certify_exact",
    "certified_vertices",
    "padded_systems",
]


@dataclass(frozen=True)
class HullVertices:
    """Certified vertices of ``{z : G z <= h}``: tight masks, coordinates, bases, margin."""

    keys: np.ndarray  # int64 bit masks of the tight constraints, one per vertex
    tight: np.ndarray  # (V, K) bool
    coords: np.ndarray  # (V, d) float
    deg_bases: dict  # vertex -> rows of a nonsingular basis, for degenerate vertices
    simple: np.ndarray  # (V,) bool: exactly d tight constraints
    margin: float  # smallest slack of a non-tight constraint over all vertices

    @property
    def degenerate(self) -> bool:
        return not bool(self.simple.all())

    def basis(self, i: int) -> np.ndarray:
        """Rows of a nonsingular basis of vertex ``i`` (its tight set when simple)."""
        if self.simple[i]:
            return np.flatnonzero(self.tight[i])
        return self.deg_bases[i]


def _interior_point(G: np.ndarray, h: np.ndarray) -> np.ndarray | None:
    """A point ``t * 1`` strictly inside a best-response polytope (``G[origin] = -I``)."""
    d = G.shape[1]
    s = G.sum(axis=1)
    pos = s > 0
    t = 0.5 * float(np.min(h[pos] / s[pos])) if pos.any() else 1.0
    z0 = np.full(d, t)
    if not (t > 0 and (h - G @ z0 > 0).all()):
        return None
    return z0


def hull_vertices(
    G: np.ndarray,
    h: np.ndarray,
    eps: float,
    exact: tuple[list, list] | None = None,
) -> HullVertices | None:
    """The vertices of the bounded polytope ``{z : G z <= h}`` from qhull, or ``None``.

    ``None`` when qhull fails, when a slack falls in the grey zone ``(eps, margin)`` or
    is violated by more than ``eps``, when a degenerate vertex is too degenerate to
    expand, or when the vertex set is not closed under adjacency (module docstring).
    With ``exact=(Gi, hi)`` (integer data of the same polytope up to positive row
    scaling), degenerate vertices and their edges are decided in exact arithmetic;
    simple vertices are then left to :func:`certify_exact`, and a positive slack in the
    grey zone is no reason to give up (those proofs decide it).
    """
    K, d = G.shape
    if K > 62 or d < 2:
        return None
    z0 = _interior_point(G, h)
    if z0 is None:
        return None
    slack0 = h - G @ z0
    pts = np.ascontiguousarray(G / slack0[:, None])
    for options in HULL_QHULL_OPTIONS:  # the fastest first; the next when uncertified
        hull = _convex_hull(pts, options)
        if hull is not None:
            found = _certified(G, h, eps, exact, z0, slack0, hull)
            if found is not None:
                return found
    return None


def _certified(G, h, eps, exact, z0, slack0, hull: _Facets) -> HullVertices | None:
    """``hull_vertices`` from qhull's facets of the polar points: the certificate."""
    K, d = G.shape
    eq = hull.equations
    b = eq[:, -1]
    if not (b < 0).all():
        return None
    W = eq[:, :-1] / (-b)[:, None]
    S = W @ G.T
    np.subtract(slack0[None, :], S, out=S)  # slacks of every constraint at every facet's vertex
    # tight only at roundoff level: a slack that is a tie only within eps (a near tie) is
    # left to the lexicographic search, whose perturbation defines the float path's ties
    tight = np.abs(S) <= min(eps, HULL_TIE_ROUNDOFF)
    if exact is None:
        loose = S >= HULL_SLACK_MARGIN * eps
        if not (tight | loose).all():
            return None
    else:
        # the exact path proves every slack (certify_exact, and the integer checks of the
        # degenerate vertices), so a small positive slack in the float grey zone is left to
        # that proof instead of sending the whole polytope to the search
        loose = ~tight
        if (S[loose] <= 0).any():
            return None
    pow2 = np.left_shift(np.int64(1), np.arange(K, dtype=np.int64))
    facet_keys = tight.astype(np.int64) @ pow2
    keys, idx = np.unique(facet_keys, return_index=True)
    tight = tight[idx]
    counts = np.bitwise_count(keys).astype(np.intp)  # tight constraints per vertex
    simple = counts == d
    if (counts < d).any() or len(keys) < d + 1:
        return None
    deg_bases: dict[int, np.ndarray] = {}
    deg = np.flatnonzero(~simple)
    if len(deg) > HULL_MAX_DEGENERATE:
        return None
    # distinct vertices never have nested tight sets (a tight set of rank dim fixes its
    # point); nesting means ties within eps merged vertices (a "vertex" inside a tied edge),
    # which the lexicographic search resolves instead
    for start in range(0, len(deg), 64):
        kd = keys[deg[start : start + 64]]
        if (((keys[None, :] & ~kd[:, None]) == 0).sum(axis=1) > 1).any():
            return None
    deg_edges: list[int] = []
    if exact is not None and len(deg):
        exact = (exact[0], exact[1], _origin_rows(exact[0]))
    rest = deg
    if len(deg):
        # most degenerate vertices have one tight row too many: all of those at once
        one = deg[counts[deg] == d + 1]
        if exact is None:
            found_one = _one_extra_edges(G, tight[one], d)
        else:
            found_one = _one_extra_edges_exact(G, tight[one], d, exact[0], exact[1])
        if found_one is None:
            return None
        for v, basis, masks in zip(one.tolist(), *found_one):
            deg_bases[v] = basis
            deg_edges.extend(masks)
        rest = deg[counts[deg] > d + 1]
    for v in rest.tolist():
        rows = np.flatnonzero(tight[v])
        found = _tangent_edges(G, h, rows, exact)
        if found is None:
            return None
        basis, masks = found
        deg_bases[v] = basis
        deg_edges.extend(masks)
    deg_arr = np.array(deg_edges, dtype=np.int64)
    if not _simple_edges_by_neighbours(hull, facet_keys, pow2, d):
        if not closed_under_adjacency(keys, tight, simple, pow2, deg_arr):
            return None
    elif not _edges_reach_another_vertex(keys, simple, deg_arr, K):
        return None
    margin = float(np.where(loose, S, np.inf).min(initial=np.inf))
    return HullVertices(keys, tight, W[idx] + z0, deg_bases, simple, margin)


@dataclass(frozen=True)
class _Facets:
    """What the certificate reads of a convex hull: triangulated facets, their neighbours
    and their equations (as ``scipy.spatial.ConvexHull`` names them)."""

    simplices: np.ndarray
    neighbors: np.ndarray
    equations: np.ndarray


def _convex_hull(pts: np.ndarray, options: str) -> _Facets | None:
    """The facets of ``conv(pts)`` from qhull with ``options``, or ``None`` when qhull fails.

    ``scipy.spatial.ConvexHull`` also computes the hull's volume and area, a fifth of its
    time on these point sets (measured at 8 and 12 actions); the facets alone come from
    the same qhull run through scipy's ``_Qhull`` (with the triangulated output
    ``ConvexHull`` requires), and from ``ConvexHull`` itself where that private class is
    absent or different.
    """
    from scipy.spatial import ConvexHull, QhullError

    try:
        try:
            from scipy.spatial._qhull import _Qhull

            qhull = _Qhull(b"i", pts, options.encode("latin1"), required_options=b"Qt")
        except (ImportError, TypeError, AttributeError):
            hull = ConvexHull(pts, qhull_options=options)
            return _Facets(hull.simplices, hull.neighbors, hull.equations)
        try:
            qhull.triangulate()
            simplices, neighbors, equations = qhull.get_simplex_facet_array()[:3]
        finally:
            qhull.close()
    except (QhullError, ValueError):
        return None
    return _Facets(simplices, neighbors, equations)


def _simple_edges_by_neighbours(hull: _Facets, facet_keys: np.ndarray, pow2: np.ndarray, d: int) -> bool:
    """Closure at every simple vertex, with qhull's facet neighbours as witnesses.

    A simplicial facet whose points are exactly the vertex's tight set is a simple vertex;
    across its ridge opposite point ``k`` lies a facet whose tight set must contain the
    edge key ``T(v) - {k}`` and differ from ``T(v)``: that facet's vertex is then the other
    end of the edge (module docstring). qhull's adjacency is only a guide, every
    containment is checked here; ``False`` sends the caller to the sorting check.
    """
    simp = hull.simplices
    own = pow2[simp].sum(axis=1)
    f = np.flatnonzero(np.bitwise_count(facet_keys) == d)  # the facets of simple vertices
    if not len(f) or not (own[f] == facet_keys[f]).all():
        return False
    edge = facet_keys[f][:, None] ^ pow2[simp[f]]  # (F, d) edge keys
    other = facet_keys[hull.neighbors[f]]
    return bool((((other & edge) == edge) & (other != facet_keys[f][:, None])).all())


def _edges_reach_another_vertex(keys: np.ndarray, simple: np.ndarray, deg_edges: np.ndarray, K: int) -> bool:
    """Every edge key of a degenerate vertex is contained in at least two vertices' tight sets.

    A simple vertex contains a key ``S`` of ``dim - 1`` constraints only as ``S + {j}``, so
    those candidates are looked up among the sorted keys; degenerate vertices (few) are
    tested directly.
    """
    if not len(deg_edges):
        return True
    deg_keys = keys[~simple]
    count = np.zeros(len(deg_edges), dtype=np.int64)
    for start in range(0, len(deg_edges), 256):
        e = deg_edges[start : start + 256, None]
        count[start : start + 256] = ((deg_keys[None, :] & e) == e).sum(axis=1)
    simple_keys = keys[simple]  # sorted (keys are)
    if len(simple_keys):
        bits = np.left_shift(np.int64(1), np.arange(K, dtype=np.int64))
        cand = deg_edges[:, None] | bits[None, :]  # (E, K); j in S gives S itself: no simple match
        pos = np.minimum(np.searchsorted(simple_keys, cand), len(simple_keys) - 1)
        hit = (simple_keys[pos] == cand) & ((deg_edges[:, None] & bits[None, :]) == 0)
        count += hit.sum(axis=1)
    return bool((count >= 2).all())


def closed_under_adjacency(
    keys: np.ndarray,
    tight: np.ndarray,
    simple: np.ndarray,
    pow2: np.ndarray,
    deg_edges: np.ndarray | None = None,
) -> bool:
    """Every edge of every vertex leads to exactly one other vertex of the set.

    An edge is given by a set ``S`` of tight constraints of rank ``dim - 1``: ``T(v) - {k}``
    for a simple vertex, the tight set of an extreme ray of the tangent cone for a
    degenerate one (``deg_edges``, bit masks). The vertices whose tight sets contain ``S``
    lie on the edge's line, so they are its two endpoints: exactly two must be found.
    A simple vertex contains ``S`` only as one of its own edge keys (``|S| = dim - 1``);
    a degenerate vertex is matched through its ``(dim - 1)``-subsets.
    """
    rows, cols = np.nonzero(tight[simple])
    ek = keys[simple][rows] ^ pow2[cols]
    uniq, simple_counts = np.unique(ek, return_counts=True)
    counts = simple_counts.copy()
    dim = int(tight[simple][0].sum()) if simple.any() else None
    deg_keys = keys[~simple]
    for w in deg_keys.tolist():
        if dim is None:
            break
        bits = [b for b in range(tight.shape[1]) if w >> b & 1]
        drop = len(bits) - (dim - 1)
        if comb(len(bits), drop) > HULL_MAX_RAYS:
            counts += (uniq & ~np.int64(w)) == 0
            continue
        subs = np.array(
            [w ^ sum(1 << b for b in c) for c in combinations(bits, drop)], dtype=np.int64
        )
        pos = np.minimum(np.searchsorted(uniq, subs), len(uniq) - 1)
        hit = pos[uniq[pos] == subs]
        np.add.at(counts, hit, 1)
    if not (counts == 2).all():
        return False
    if deg_edges is not None and len(deg_edges):
        c = np.zeros(len(deg_edges), dtype=np.int64)
        if len(uniq):
            pos = np.minimum(np.searchsorted(uniq, deg_edges), len(uniq) - 1)
            c += np.where(uniq[pos] == deg_edges, simple_counts[pos], 0)
        for start in range(0, len(deg_edges), 64):
            e = deg_edges[start : start + 64, None]
            c[start : start + 64] += ((deg_keys[None, :] & e) == e).sum(axis=1)
        if not (c == 2).all():
            return False
    return True


def _dependency(G: np.ndarray, tight: np.ndarray, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Per vertex with ``d + 1`` tight rows: those rows ``(V, d + 1)``, their one linear
    dependency ``lam`` (``lam @ G[rows] = 0``, the left singular vector of the smallest singular
    value) and the position ``X`` of its largest coefficient; ``None`` unless every vertex's
    tight rows have rank ``d`` by a clear margin."""
    V = len(tight)
    rows = np.nonzero(tight)[1].reshape(V, d + 1)
    try:
        U, sv, _ = np.linalg.svd(G[rows], full_matrices=True)  # G[rows]: (V, d + 1, d)
    except np.linalg.LinAlgError:
        return None
    if not (sv[:, d - 1] > HULL_RANK_RTOL * sv[:, 0]).all():
        return None
    lam = U[:, :, d]
    return rows, lam, np.abs(lam).argmax(axis=1)


def _one_extra_edges(G: np.ndarray, tight: np.ndarray, d: int):
    """``_tangent_edges`` (float) for degenerate vertices with exactly ``d + 1`` tight rows, at once.

    The ``d + 1`` tight rows ``g_k`` of rank ``d`` have one linear dependency
    ``sum lambda_k g_k = 0`` (the left singular vector of the smallest singular value).
    The extreme rays of the tangent cone ``{r : g_k . r <= 0}`` are then, by sign of
    ``lambda``: one ray tight on ``T - {k}`` for each ``lambda_k = 0``, and one tight on
    ``T - {j, k}`` for each pair with ``lambda_j lambda_k < 0`` (the double description of
    ``_tangent_edges`` with the basis ``T - {X}``, ``|lambda_X|`` largest, and
    ``M = -lambda_B / lambda_X``). Rank and signs are decided with the same relative
    thresholds as there; ``None`` when any vertex falls in a grey zone.
    Returns ``(bases, masks)``: per vertex its basis rows and its edges' tight-set masks.
    """
    V = len(tight)
    if V == 0:
        return [], []
    found = _dependency(G, tight, d)
    if found is None:
        return None
    rows, lam, X = found
    lam = lam * np.sign(lam[np.arange(V), X])[:, None]  # lam_X > 0
    scale = np.abs(lam).max(axis=1, keepdims=True)  # = lam_X; |M| <= 1, as in _signs
    zero = np.abs(lam) <= HULL_RANK_RTOL * scale
    grey = (np.abs(lam) < HULL_SLACK_MARGIN * HULL_RANK_RTOL * scale) & ~zero
    if grey.any():
        return None
    sign = np.where(zero, 0, np.sign(lam)).astype(np.int64)
    bit = np.left_shift(np.int64(1), rows.astype(np.int64))  # (V, d + 1)
    full = bit.sum(axis=1)
    keep = np.ones((V, d + 1), dtype=bool)
    keep[np.arange(V), X] = False
    bases = list(rows[keep].reshape(V, d))  # sorted rows without X
    masks = []
    signs, bits, fulls = sign.tolist(), bit.tolist(), full.tolist()
    for v in range(V):
        sg, b, fv = signs[v], bits[v], fulls[v]
        out = [fv ^ b[k] for k in range(d + 1) if sg[k] == 0]
        pos = [k for k in range(d + 1) if sg[k] > 0]
        neg = [k for k in range(d + 1) if sg[k] < 0]
        out.extend(fv ^ b[j] ^ b[k] for j in pos for k in neg)
        masks.append(out)
    return bases, masks


def bareiss_many(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fraction-free elimination (Bareiss 1968) of a stack of integer systems ``[M | b]``.

    ``A`` is ``(V, s, s + 1)``, an object array of Python integers; all systems are
    eliminated together, one pivot column at a time (a zero pivot swaps in the first row
    below with a nonzero entry, system by system), to an upper triangle whose last pivot
    ``D`` is the determinant up to sign; back-substitution then gives ``D v`` for the
    solution ``v``, each division exact since ``D v`` is an integer vector (Cramer's rule).
    Returns ``D v``, a mask of the singular systems and ``D`` (the values of
    :func:`bargain.core.exact.solve_integer`'s elimination, at a third of its operations).
    """
    V, s, _ = A.shape
    A = A.copy()
    prev = np.ones(V, dtype=object)
    singular = np.zeros(V, dtype=bool)
    for k in range(s):
        nz = (A[:, k:, k] != 0).astype(bool)
        dead = ~nz.any(axis=1) & ~singular
        if dead.any():  # singular: continue on an identity system, report it
            singular |= dead
            A[dead] = 0
            for i in range(s):
                A[dead, i, i] = 1
            prev[dead] = 1
            nz = (A[:, k:, k] != 0).astype(bool)
        first = nz.argmax(axis=1) + k
        swap = np.flatnonzero(first != k)
        if len(swap):
            rows_k = A[swap, k, :].copy()
            A[swap, k, :] = A[swap, first[swap], :]
            A[swap, first[swap], :] = rows_k
        p = A[:, k, k]
        if k + 1 < s:
            below = A[:, k + 1 :, k + 1 :]
            A[:, k + 1 :, k + 1 :] = (
                p[:, None, None] * below - A[:, k + 1 :, k, None] * A[:, k, None, k + 1 :]
            ) // prev[:, None, None]
            A[:, k + 1 :, k] = 0
        prev = p.copy()
    D = prev
    out = np.empty((V, s), dtype=object)
    for i in range(s - 1, -1, -1):  # D v_i = (D c_i - sum_j U_ij D v_j) / U_ii, exactly
        acc = D * A[:, i, s]
        if i + 1 < s:
            acc = acc - (A[:, i, i + 1 : s] * out[:, i + 1 :]).sum(axis=1)
        out[:, i] = acc // A[:, i, i]
    return out, singular, D


def _one_extra_edges_exact(G: np.ndarray, tight: np.ndarray, d: int, Gi: list, hi: list):
    """``_one_extra_edges`` decided in integer arithmetic (the exact path), all vertices at once.

    The basis ``B = T - {X}`` (``X`` of largest float ``|lambda_X|``) must be nonsingular
    and the dependency ``lambda`` is then exact: ``lambda_X = D`` and ``lambda_B = -D mu``
    for the solution ``mu`` of ``G_B^T mu = G_X^T`` (``D`` the common pivot of a
    fraction-free elimination). ``X`` is exactly tight at the basis's vertex ``z*`` iff
    ``lambda . h_T = 0``, and every row outside ``T`` must be strictly slack at ``z*``
    (``D' h_k - G_k (D' z*) > 0`` after a sign fix, with ``z*`` from a second elimination):
    the checks of ``_tangent_edges`` with exact integer data. ``None`` when any check
    fails (the caller then falls back to the lexicographic search).
    """
    V = len(tight)
    if V == 0:
        return [], []
    found = _dependency(G, tight, d)
    if found is None:
        return None
    rows, _, X = found
    keep = np.ones((V, d + 1), dtype=bool)
    keep[np.arange(V), X] = False
    B = rows[keep].reshape(V, d)
    Xrow = rows[np.arange(V), X]
    K = len(Gi)
    Go = np.empty((K, d), dtype=object)
    Go[:] = [list(r) for r in Gi]
    ho = np.empty(K, dtype=object)
    ho[:] = list(hi)
    GB = Go[B]  # (V, d, d)
    # G_B^T mu = G_X^T: the dependency
    A1 = np.empty((V, d, d + 1), dtype=object)
    A1[:, :, :d] = GB.transpose(0, 2, 1)
    A1[:, :, d] = Go[Xrow]
    col, sing1, D1 = bareiss_many(A1)
    # G_B z = h_B: the vertex
    A2 = np.empty((V, d, d + 1), dtype=object)
    A2[:, :, :d] = GB
    A2[:, :, d] = ho[B]
    zn, sing2, D2 = bareiss_many(A2)
    if sing1.any() or sing2.any():
        return None
    # every row outside T strictly slack at z* = zn / D2: sign(D2) (D2 h_k - G_k zn) > 0
    slack = D2[:, None] * ho[None, :] - zn.dot(Go.T)  # (V, K) integers
    slack = slack * np.array([1 if x > 0 else -1 for x in D2.tolist()], dtype=object)[:, None]
    positive = (slack > 0).astype(bool)
    if not (positive | tight).all():
        return None
    D1 = D1.tolist()
    bit = np.left_shift(np.int64(1), rows.astype(np.int64))
    full = bit.sum(axis=1)
    bases, masks = [], []
    for v in range(V):
        d1 = D1[v]
        if d1 == 0:  # pragma: no cover - nonsingular by the checks above
            return None
        cv = col[v].tolist()
        Bv = B[v].tolist()
        # lambda with lambda_X > 0: lambda_X = |d1|, lambda_B = -sign(d1) col
        s1 = 1 if d1 > 0 else -1
        lam_B = [-s1 * c for c in cv]
        if abs(d1) * hi[int(Xrow[v])] + sum(lb * hi[b] for lb, b in zip(lam_B, Bv)) != 0:
            return None  # X is not exactly tight at the basis's vertex
        sign = {int(Xrow[v]): 1}
        sign.update((b, (lb > 0) - (lb < 0)) for b, lb in zip(Bv, lam_B))
        rv = rows[v].tolist()
        bv = bit[v].tolist()
        sg = [sign[r] for r in rv]
        fv = int(full[v])
        out = [fv ^ bv[k] for k in range(d + 1) if sg[k] == 0]
        pos = [k for k in range(d + 1) if sg[k] > 0]
        neg = [k for k in range(d + 1) if sg[k] < 0]
        out.extend(fv ^ bv[j] ^ bv[k] for j in pos for k in neg)
        bases.append(np.array(sorted(Bv)))
        masks.append(out)
    return bases, masks


def _tangent_edges(G, h, rows, exact):
    """A basis and the edges (tight-set masks) of the degenerate vertex with tight ``rows``.

    With ``u = -G_B r`` for a basis ``B`` of the tight rows, the tangent cone
    ``{r : G_T r <= 0}`` is ``{u >= 0, M u >= 0}`` with ``M = G_X G_B^-1`` for the other
    tight rows ``X``; its extreme rays come from the double description method (Motzkin et
    al. 1953; Fukuda and Prodon 1996), exactly with integer data, else in float with a
    clear margin (``None`` in the grey zone).
    """
    from scipy.linalg import qr

    d = G.shape[1]
    GT = G[rows]
    _, r, piv = qr(GT.T, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    if len(diag) < d or not diag[d - 1] > HULL_RANK_RTOL * diag[0]:
        return None
    B, X = rows[np.sort(piv[:d])], rows[np.sort(piv[d:])]
    if exact is None:
        try:
            M = G[X] @ np.linalg.inv(G[B])
        except np.linalg.LinAlgError:
            return None
    else:
        Gi, hi, origin = exact
        inv = _block_inverse(Gi, B.tolist(), origin, d)
        if inv is None:
            return None
        det, R = inv
        sg = 1 if det > 0 else -1
        Bl = B.tolist()
        Rh = [sum(R[i][j] * hi[b] for j, b in enumerate(Bl) if hi[b]) for i in range(d)]  # det z*
        nz = [(i, v) for i, v in enumerate(Rh) if v]
        adet = abs(det)
        Xl = X.tolist()
        for k in Xl:  # the other tight rows must be exactly tight (the basis rows are)
            g = Gi[k]
            if adet * hi[k] - sg * sum(g[i] * v for i, v in nz) != 0:
                return None
        if not _slack_rows_positive(Gi, hi, rows, nz, adet, sg):
            return None
        cols = [[(i, R[i][c]) for i in range(d) if R[i][c]] for c in range(d)]
        M = [[sg * sum(Gi[x][i] * v for i, v in col) for col in cols] for x in X.tolist()]
    rays = _double_description(M, d, exact is not None)
    if rays is None:
        return None
    labels = np.concatenate([B, X])
    bits = (np.array(rays, dtype=np.int64)[:, None] >> np.arange(len(labels))) & 1
    masks = (bits * np.left_shift(np.int64(1), labels.astype(np.int64))).sum(axis=1)
    return B, masks.tolist()


def _slack_rows_positive(Gi, hi, rows, nz, adet: int, sg: int) -> bool:
    """Every row outside ``rows`` has a positive exact slack ``|det| h_k - sg G_k (det z*)``.

    Decided in float with a rigorous bound where the integers allow it (every decision
    the bound cannot settle is taken in integers).
    """
    K = len(Gi)
    out = np.ones(K, dtype=bool)
    out[rows] = False
    idx = [i for i, _ in nz]
    vals = [v for _, v in nz]
    big = max([abs(v) for v in vals] + [adet])
    undecided = np.flatnonzero(out)
    if big < 2**53 and idx:
        Gf = np.array([[Gi[k][i] for i in idx] for k in undecided.tolist()], dtype=np.float64)
        if np.abs(Gf).max() < 2**53:
            v = np.array(vals, dtype=np.float64)
            h = np.array([hi[k] for k in undecided.tolist()], dtype=np.float64)
            N = adet * h - sg * (Gf @ v)
            bound = 4.0 * (len(idx) + 2) * 2.0**-53 * (adet * np.abs(h) + np.abs(Gf) @ np.abs(v))
            if (N < -bound).any():
                return False
            undecided = undecided[~(N > bound)]
    for k in undecided.tolist():
        g = Gi[k]
        if adet * hi[k] - sg * sum(g[i] * v for i, v in nz) <= 0:
            return False
    return True


def _origin_rows(Gi) -> dict[int, int]:
    """Rows ``-z_c <= 0`` of integer data, as ``{row: c}``."""
    out = {}
    for k, row in enumerate(Gi):
        nz = [c for c, v in enumerate(row) if v]
        if len(nz) == 1 and row[nz[0]] == -1:
            out.setdefault(k, nz[0])
    return out


def _block_inverse(Gi, B: list[int], origin: dict[int, int], d: int):
    """``(det, R)`` with ``G_B R = det I`` (integers), eliminating the rows ``-z_c <= 0``.

    Basis rows ``-z_c <= 0`` fix ``r_c = -b``; the other rows ``J`` then solve
    ``N r_F = b_J + G_JZ b_O`` on the free coordinates ``F``, so only the support's
    square block ``N`` is inverted (fraction-free, ``bareiss_inverse``).
    """
    opos = {origin[b]: p for p, b in enumerate(B) if b in origin}  # coordinate -> position
    if len(opos) != sum(1 for b in B if b in origin):
        return None
    F = [c for c in range(d) if c not in opos]
    J = [p for p, b in enumerate(B) if b not in origin]
    if len(F) != len(J):
        return None
    if F:
        inv = bareiss_inverse([[Gi[B[p]][c] for c in F] for p in J])
        if inv is None:
            return None
        det, adj = inv
    else:
        det, adj = 1, []
    R = [[0] * d for _ in range(d)]
    for c, p in opos.items():
        R[c][p] = -det
    for i, ci in enumerate(F):
        row = R[ci]
        for k, pk in enumerate(J):
            a = adj[i][k]
            if a:
                row[pk] += a
                g = Gi[B[pk]]
                for c, p in opos.items():
                    row[p] += a * g[c]
    return det, R


def _signs(V, a, exact: bool) -> np.ndarray | None:
    """Signs of ``V @ a`` for rays ``V`` (rows): exact on integers (int64 when no product
    can overflow, else Python integers), else with a relative zero band and a grey zone
    (``None``)."""
    if exact:
        vals = V @ a
        if vals.dtype == object:
            return np.array([(v > 0) - (v < 0) for v in vals.tolist()], dtype=np.int64)
        return np.sign(vals).astype(np.int64)
    vals = V @ a
    scale = np.abs(a).max() * np.abs(V).max(axis=1)
    zero = np.abs(vals) <= HULL_RANK_RTOL * scale
    if ((np.abs(vals) < HULL_SLACK_MARGIN * HULL_RANK_RTOL * scale) & ~zero).any():
        return None
    return np.where(zero, 0, np.sign(vals)).astype(np.int64)


def _as_exact(M, V, big: int):
    """``M`` and rays ``V`` as int64 arrays while no product below can come near overflow
    (``big`` bounds ``|M|``), else as object arrays of Python integers."""
    if V.dtype != object:
        vmax = int(np.abs(V).max())
        if big * max(vmax, 1) * (V.shape[1] + 1) < 2**31:
            return (M if isinstance(M, np.ndarray) and M.dtype != object else np.array(M, dtype=np.int64)), V
    return np.array(M, dtype=object), V.astype(object)


def _double_description(M, d: int, exact: bool) -> list[int] | None:
    """Zero sets (bit masks over constraints: bit ``c < d`` for ``u_c >= 0``, bit ``d + i``
    for row ``i`` of ``M``) of the extreme rays of the pointed cone ``{u >= 0, M u >= 0}``.

    Two rays are combined only when adjacent (no third ray's zero set contains their common
    zero set; the combinatorial test of Fukuda and Prodon 1996); all pairs of the initial
    orthant rays are adjacent, so one extra row has closed-form rays.
    """
    full = (1 << d) - 1
    V = np.eye(d, dtype=np.int64) if exact else np.eye(d)
    if exact:
        big = max(max((abs(x) for row in M for x in row), default=0), 1)
        Ma, V = _as_exact(M, V, big)
    else:
        Ma = np.asarray(M, dtype=np.float64)
    zeros: list[int] = [full ^ (1 << c) for c in range(d)]
    for i in range(len(Ma)):
        a = Ma[i]
        if exact and Ma.dtype != object:
            Ma, V = _as_exact(Ma, V, big)
            a = Ma[i]
        sg = _signs(V, a, exact)
        if sg is None:
            return None
        bit = 1 << (d + i)
        keep = np.flatnonzero(sg >= 0)
        new_zeros = [zeros[k] | bit if sg[k] == 0 else zeros[k] for k in keep.tolist()]
        pos = np.flatnonzero(sg > 0).tolist()
        neg = np.flatnonzero(sg < 0).tolist()
        pairs = []
        if pos and neg:
            pp = np.repeat(np.array(pos), len(neg))
            qq = np.tile(np.array(neg), len(pos))
            zarr = np.array(zeros, dtype=np.int64)
            common = zarr[pp] & zarr[qq]
            if i > 0:
                # adjacent: no third ray's zero set contains the common zero set
                ok = np.bitwise_count(common) >= d - 2
                for start in range(0, len(common), 512):
                    c = common[start : start + 512, None]
                    inside = ((c & ~zarr[None, :]) == 0).sum(axis=1)
                    ok[start : start + 512] &= inside <= 2
                pp, qq, common = pp[ok], qq[ok], common[ok]
            pairs = list(zip(pp.tolist(), qq.tolist()))
            new_zeros.extend((common | bit).tolist())
        if pairs:
            P_, Q_ = (np.array(x) for x in zip(*pairs))
            vals = V @ a
            new = vals[P_][:, None] * V[Q_] - vals[Q_][:, None] * V[P_]
            if exact:
                if new.dtype != object:
                    g = np.gcd.reduce(new, axis=1)
                    new = new // np.maximum(g, 1)[:, None]
            else:
                new = new / np.abs(new).max(axis=1, keepdims=True)
            V = np.concatenate([V[keep], new])
        else:
            V = V[keep]
        zeros = new_zeros
        if len(zeros) > HULL_MAX_RAYS:
            return None
    return zeros


_U = 2.0**-53
_UL = float(np.finfo(np.longdouble).eps) / 2  # unit roundoff of np.longdouble


def certify_exact(
    G: np.ndarray, h: np.ndarray, origin: tuple[int, ...], tight: np.ndarray, data_rounding: float
) -> bool:
    """Prove that each row of ``tight`` is the tight set of a simple vertex of ``{z : G z <= h}``
    (:func:`certified_vertices`, without the coordinates)."""
    return certified_vertices(G, h, origin, tight, data_rounding) is not None


def certified_vertices(
    G: np.ndarray, h: np.ndarray, origin: tuple[int, ...], tight: np.ndarray, data_rounding: float
) -> np.ndarray | None:
    """Prove that each row of ``tight`` is the tight set of a simple vertex of ``{z : G z <= h}``:
    ``(Z, E)``, the vertices' coordinates refined in extended precision (``(V, d)``,
    ``np.longdouble``) and proved bounds ``|z* - Z| <= E`` (float64), or ``None`` when a
    proof fails.

    ``G``, ``h`` are float copies of integer (or any exact) data, each entry within a
    relative ``data_rounding`` of the exact value (0 when the copy is exact); row
    ``origin[c]`` is ``-z_c <= 0``. For every mask ``T`` (exactly ``dim`` rows) this
    proves, in floating point with rigorous error bounds, that the exact system of ``T``
    is nonsingular and that its exact solution ``z*`` leaves every other constraint
    strictly slack. Coordinates fixed at 0 by tight origin rows are dropped, so each
    vertex solves only its support's square system. An approximate inverse ``R`` gives
    ``||M^-1|| <= ||R|| / (1 - ||I - R M||)`` (Rump 1983; Higham 2002, Sec. 2.2 and 7.2
    for the rounding bounds ``gamma_n``), hence a bound on ``z* - z``; every bound is
    inflated by a factor 2 for its own rounding. Rows are first scaled by powers of two
    (exact), which leaves the polytope unchanged.
    """
    V, K = tight.shape
    d = G.shape[1]
    Z, E = np.zeros((V, d), dtype=np.longdouble), np.zeros((V, d))
    if V == 0:
        return Z, E
    if not np.isfinite(G).all() or (tight.sum(axis=1) != d).any():
        return None
    _, expo = np.frexp(np.abs(G).max(axis=1))
    G = np.ldexp(G, -expo[:, None])
    h = np.ldexp(h, -expo)
    origin_arr = np.asarray(origin)
    is_origin = np.zeros(K, dtype=bool)
    is_origin[origin_arr] = True
    free = ~tight[:, origin_arr]  # (V, d) coordinates not fixed at zero
    size = free.sum(axis=1)
    if V <= HULL_CERTIFY_ONE_BLOCK:
        return _certify_padded(G, h, free, tight & ~is_origin, size, tight, data_rounding)
    for s in np.unique(size).tolist():
        if s == 0:
            continue  # the origin: tight set is the origin rows, all others have h > 0
        sel = np.flatnonzero(size == s)
        for start in range(0, len(sel), 4096):
            part = sel[start : start + 4096]
            F = np.nonzero(free[part])[1].reshape(len(part), s)
            J = np.nonzero(tight[part] & ~is_origin)[1].reshape(len(part), s)
            proved = _certify_block(G, h, F, J, tight[part], data_rounding)
            if proved is None:
                return None
            Z[part[:, None], F], E[part[:, None], F] = proved
    return Z, E


def _certify_padded(G, h, free, eqs, size, tight, u) -> tuple[np.ndarray, np.ndarray] | None:
    """``certified_vertices`` in one block: each system padded to the largest support
    (:func:`padded_systems`); the padding rows count as tight."""
    d = G.shape[1]
    Z, E = np.zeros((len(size), d), dtype=np.longdouble), np.zeros((len(size), d))
    keep = np.flatnonzero(size > 0)  # the origin: tight set is the origin rows, all others have h > 0
    free, eqs, size, tight = free[keep], eqs[keep], size[keep], tight[keep]
    V = len(size)
    if V == 0:
        return Z, E
    w = int(size.max())
    if (eqs.sum(axis=1) != size).any():  # pragma: no cover - simple masks are square
        return None
    Gx, hx, F, J = padded_systems(G, h, free, eqs, size, w)
    tight_x = np.concatenate([tight, np.ones((V, w), dtype=bool)], axis=1)
    proved = _certify_block(Gx, hx, F, J, tight_x, u)
    if proved is None:
        return None
    for out, vals in zip((Z, E), proved):  # padding columns d.. are dropped
        full = np.zeros((V, d + w), dtype=out.dtype)
        np.put_along_axis(full, F, vals, axis=1)
        out[keep] = full[:, :d]
    return Z, E


def padded_systems(
    G: np.ndarray, h: np.ndarray, free: np.ndarray, eqs: np.ndarray, size: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Square systems ``Gx[J, F] z = hx[J]`` of one width for many vertices at once.

    Vertex ``v`` has the free coordinates ``free[v]`` and the equation rows ``eqs[v]``
    (``size[v]`` of each). Padding slot ``t`` is row ``K + t`` and column ``d + t`` of the
    extended ``Gx``, which is the identity there (``hx`` is 0), so a padded system is
    block-diagonal with the real one and its extra coordinates are 0. Returns
    ``(Gx, hx, F, J)`` with ``F``, ``J`` of shape ``(V, width)``: real entries first.
    """
    K, d = G.shape
    V = len(size)
    Gx = np.zeros((K + width, d + width))
    Gx[:K, :d] = G
    Gx[K:, d:] = np.eye(width)
    hx = np.zeros(K + width)
    hx[:K] = h
    start = np.cumsum(size) - size
    F = np.empty((V, width), dtype=np.intp)
    F[:] = d + np.arange(width)
    r, c = np.nonzero(free)
    F[r, np.arange(len(r)) - start[r]] = c
    J = np.empty((V, width), dtype=np.intp)
    J[:] = K + np.arange(width)
    r, c = np.nonzero(eqs)
    J[r, np.arange(len(r)) - start[r]] = c
    return Gx, hx, F, J


def _certify_block(G, h, F, J, tight, u) -> tuple[np.ndarray, np.ndarray] | None:
    """``certified_vertices`` for vertices with free coordinates ``F`` and tight non-origin
    rows ``J``: their refined coordinates on ``F`` and the proved bounds (``(V, s)`` each), or
    ``None``.

    The solution is refined twice and residuals and slacks are evaluated in
    ``np.longdouble`` (extended precision where the platform has it; its own unit
    roundoff is used in the bounds), and the error of the solution is bounded
    componentwise: ``|z* - z| <= |R| |r| + rho / (1 - rho) max(|R| |r|)`` with
    ``rho = ||I - R M||``, since ``z* - z = (I - C)^-1 R r``.
    """
    V, s = F.shape
    gam = 2.0 * (s + 2) * _U / (1 - (s + 2) * _U)
    gl = 2.0 * (s + 2) * _UL / (1 - (s + 2) * _UL)
    Gs = G[:, F].transpose(1, 0, 2)  # (V, K, s): every row on the free coordinates
    M = np.take_along_axis(Gs, J[:, :, None], axis=1)  # (V, s, s)
    hT = h[J]
    with np.errstate(all="ignore"):
        try:
            R = np.linalg.inv(M)
        except np.linalg.LinAlgError:
            return None
        absR = np.abs(R)
        absM = np.abs(M)
        C = np.abs(np.eye(s) - R @ M) + (gam + 2 * u) * (1.0 + absR @ absM)
        rho = C.sum(axis=2).max(axis=1)
        Ml = M.astype(np.longdouble)
        Rl = R.astype(np.longdouble)
        hl = hT.astype(np.longdouble)
        zl = np.einsum("vij,vj->vi", Rl, hl)
        for _ in range(2):  # iterative refinement, residuals in extended precision
            r = hl - np.einsum("vij,vj->vi", Ml, zl)
            zl = zl + np.einsum("vij,vj->vi", Rl, r)
        r = hl - np.einsum("vij,vj->vi", Ml, zl)
        absz = np.abs(zl).astype(np.float64) * (1 + gam)
        Mz = np.einsum("vij,vj->vi", absM, absz)
        rb = np.abs(r).astype(np.float64) * (1 + gam) + (gl + 2 * u) * (np.abs(hT) + Mz) * (1 + gam)
        Rr = np.einsum("vij,vj->vi", absR, rb) * (1 + gam)
        dz = (Rr + (rho / (1.0 - rho) * Rr.max(axis=1))[:, None]) * (1 + gam)
        Sl = h.astype(np.longdouble)[None, :] - np.einsum("vks,vs->vk", Gs.astype(np.longdouble), zl)
        absGs = np.abs(Gs)
        err = (gl + 2 * u) * (np.abs(h)[None, :] + np.einsum("vks,vs->vk", absGs, absz))
        err += np.einsum("vks,vs->vk", absGs, dz)
        err *= 1 + gam
        ok_rows = (Sl.astype(np.float64) - 2.0 * err > 0) | tight
        good = (rho < 0.5) & np.isfinite(dz).all(axis=1) & ok_rows.all(axis=1)
    return (zl, dz) if good.all() else None


def hull_pairs(hp: HullVertices, hq: HullVertices, m: int, n: int) -> list[tuple[int, int]]:
    """Completely labelled vertex pairs ``(i, j)`` (origins excluded), as ``complete_pairs``.

    Two simple vertices complete each other only when their tight sets are complements
    (``m + n`` labels in ``m + n`` constraints), a sorted-key lookup; a degenerate vertex
    is matched against every vertex whose tight set covers its complement.
    """
    full = (1 << (m + n)) - 1
    origin_p, origin_q = (1 << m) - 1, full ^ ((1 << m) - 1)
    kp, kq = hp.keys, hq.keys  # sorted (np.unique)
    pairs: set[tuple[int, int]] = set()
    sp = np.flatnonzero(hp.simple & (kp != origin_p))
    comp = np.int64(full) ^ kp[sp]
    pos = np.minimum(np.searchsorted(kq, comp), len(kq) - 1)
    hit = (kq[pos] == comp) & hq.simple[pos] & (kq[pos] != origin_q)
    pairs.update(zip(sp[hit].tolist(), pos[hit].tolist()))
    for i in np.flatnonzero(~hp.simple).tolist():
        c = np.int64(full ^ int(kp[i]))
        for j in np.flatnonzero((kq & c) == c).tolist():
            if kq[j] != origin_q:
                pairs.add((i, j))
    for j in np.flatnonzero(~hq.simple).tolist():
        c = np.int64(full ^ int(kq[j]))
        for i in np.flatnonzero((kp & c) == c).tolist():
            if kp[i] != origin_p:
                pairs.add((i, j))
    return sorted(pairs)
