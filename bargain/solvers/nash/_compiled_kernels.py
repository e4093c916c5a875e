"""Compiled loops of the float vertex enumeration (private; imported only when numba is).

Never imported by the rest of the package directly: :mod:`bargain.solvers.nash._compiled`
imports it on first use, when numba is installed (the ``jit`` extra) and not switched off.
Each kernel is the loop form of a numpy path that stays the default
(:mod:`bargain.solvers.nash._hull`, :mod:`bargain.solvers.nash._complement`); the tests run
both on the same games and compare.

Status codes returned by :func:`simple_vertices_bfs` (any but 0 sends the caller to qhull):
0 done, 1 a slack in the grey zone or a tie (a degenerate or nearly degenerate vertex),
2 an ill-conditioned pivot, 3 more vertices than the budget, 4 an unbounded edge.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_EMPTY = np.int64(0)  # no tight set is empty: 0 marks a free hash slot


@njit(cache=True, nogil=True)
def _slot(key, mask):
    """First probe of ``key`` in an open-addressing table of ``mask + 1`` slots."""
    x = np.uint64(key)
    x ^= x >> np.uint64(31)
    x *= np.uint64(0x9E3779B97F4A7C15)
    x ^= x >> np.uint64(29)
    return np.int64(x & np.uint64(mask))


@njit(cache=True, nogil=True)
def _insert(table, key):
    """Insert ``key``; False when it was already there."""
    mask = len(table) - 1
    i = _slot(key, mask)
    while table[i] != _EMPTY:
        if table[i] == key:
            return False
        i = (i + 1) & mask
    table[i] = key
    return True


@njit(cache=True, nogil=True)
def _origin_basis(origin, basis):
    """Write the origin's basis (rows ``-z_c <= 0``) into ``basis``; return its bit mask."""
    key = np.int64(0)
    for c in range(len(origin)):
        basis[c] = origin[c]
        key |= np.int64(1) << origin[c]
    return key


@njit(cache=True, nogil=True)
def simple_vertices_bfs(G, h, origin, tie, loose, piv_rtol, max_vertices):
    """All vertices of the bounded polytope ``{z : G z <= h}`` when it is simple, by a
    breadth-first walk of its graph from the origin with pivoted dictionaries.

    ``origin[c]`` is the row ``-z_c <= 0`` (``h = 0`` there), so the origin is the vertex
    whose tight set is ``origin``. A vertex is kept by its basis (its ``d`` tight rows); its
    dictionary ``s = s(v) + C t`` gives every row's slack ``s`` as a function of the slacks
    ``t`` of the basis rows. Leaving basis row ``p`` is an edge; the minimum ratio test gives
    the row that becomes tight at its other end. Each vertex is checked afresh when it is
    expanded: its coordinates ``z_c = s_origin[c]`` give the slacks ``h - G z``, whose basis
    rows must be ties at roundoff (``|s| <= tie``) and every other row clearly slack
    (``s >= loose``); any other value stops the walk (status 1; the polytope is degenerate or
    too close to it for this path). A pivot below ``piv_rtol`` of its column stops it too
    (status 2). When the walk ends every edge of every vertex found leads to a vertex found,
    so the set is closed in the connected graph of the polytope: all its vertices.

    Returns ``(status, V, keys, tight, Z, margin)``: ``V`` vertices, their tight sets as
    sorted bit masks and as a ``(V, K)`` boolean matrix, their coordinates ``(V, d)`` (all
    empty unless status 0), and the smallest slack of a non-tight row over all of them.
    """
    K, d = G.shape
    cap = 256
    keys = np.empty(cap, np.int64)
    bases = np.empty((cap, d), np.int64)
    S = np.empty((cap, K))
    C = np.empty((cap, d, K))  # C[v, p, j]: rate of row j's slack along basis position p
    table = np.zeros(4 * cap, np.int64)
    inb = np.zeros(K, np.bool_)
    z = np.empty(d)
    res = np.empty(d)
    nothing = np.empty((0, d))  # the coordinates returned when the walk stops
    no_tight = np.zeros((0, K), np.bool_)
    # the origin: basis rows origin[c] with slack t_c = z_c, so s_j = h_j - sum_c G[j, c] t_c
    key0 = _origin_basis(origin, bases[0])
    keys[0] = key0
    for j in range(K):
        S[0, j] = h[j]
        for c in range(d):
            C[0, c, j] = -G[j, c]
    _insert(table, key0)
    V = 1
    head = 0
    margin = np.inf
    while head < V:
        v = head
        head += 1
        for j in range(K):
            inb[j] = False
        for p in range(d):
            inb[bases[v, p]] = True
        for c in range(d):
            z[c] = S[v, origin[c]]
        # one refinement step: the basis rows' residual slacks r are undone along the
        # dictionary's rates (dz_c / dt_p = C[v, p, origin[c]]), so rounding does not
        # accumulate along the walk
        for p in range(d):
            b = bases[v, p]
            r = h[b]
            for c in range(d):
                r -= G[b, c] * z[c]
            res[p] = r
        for c in range(d):
            acc = z[c]
            for p in range(d):
                acc -= C[v, p, origin[c]] * res[p]
            z[c] = acc
        for j in range(K):  # the fresh check of this vertex, from its coordinates
            s = h[j]
            for c in range(d):
                s -= G[j, c] * z[c]
            if inb[j]:
                if abs(s) > tie:
                    return 1, V, keys[:0], no_tight, nothing, margin
                S[v, j] = 0.0
            elif s < loose:
                return 1, V, keys[:0], no_tight, nothing, margin
            else:
                S[v, j] = s  # the children start from the fresh slacks
                if s < margin:
                    margin = s
        for p in range(d):
            # minimum ratio S_j / -C_j over the rows that decrease, by cross-multiplication
            # (both sides positive; no division in the loop)
            num = 1.0
            den = 0.0
            leave = -1
            colmax = 0.0
            for j in range(K):
                cj = C[v, p, j]
                if abs(cj) > colmax:
                    colmax = abs(cj)
                if cj < 0.0:  # basis rows have C = identity rows, never negative
                    if leave < 0 or S[v, j] * den < num * -cj:
                        num = S[v, j]
                        den = -cj
                        leave = j
            if leave < 0:
                return 4, V, keys[:0], no_tight, nothing, margin
            piv = C[v, p, leave]
            if -piv < piv_rtol * colmax:
                return 2, V, keys[:0], no_tight, nothing, margin
            key = (keys[v] ^ (np.int64(1) << bases[v, p])) | (np.int64(1) << leave)
            if not _insert(table, key):
                continue
            if V >= max_vertices:
                return 3, V, keys[:0], no_tight, nothing, margin
            if V == cap:  # grow the stores, and the hash table with them
                cap *= 2
                keys2 = np.empty(cap, np.int64)
                keys2[:V] = keys[:V]
                keys = keys2
                bases2 = np.empty((cap, d), np.int64)
                bases2[:V] = bases[:V]
                bases = bases2
                S2 = np.empty((cap, K))
                S2[:V] = S[:V]
                S = S2
                C2 = np.empty((cap, d, K))
                C2[:V] = C[:V]
                C = C2
                table = np.zeros(4 * cap, np.int64)
                for u in range(V):
                    _insert(table, keys[u])
                _insert(table, key)
            # the neighbour's dictionary: row ``leave`` enters the basis at position p
            keys[V] = key
            for q in range(d):
                bases[V, q] = bases[v, q]
            bases[V, p] = leave
            ratio = S[v, leave] / -piv
            for j in range(K):
                S[V, j] = S[v, j] + C[v, p, j] * ratio
            S[V, leave] = 0.0
            for q in range(d):
                if q == p:
                    continue
                g = C[v, q, leave] / piv
                for j in range(K):
                    C[V, q, j] = C[v, q, j] - g * C[v, p, j]
                C[V, q, leave] = 0.0  # the entering row is a basis row: exact values
            inv = 1.0 / piv
            for j in range(K):
                C[V, p, j] = C[v, p, j] * inv
            C[V, p, leave] = 1.0
            V += 1
    order = np.argsort(keys[:V])
    Z = np.empty((V, d))
    tight = np.zeros((V, K), np.bool_)
    for i in range(V):
        u = order[i]
        for c in range(d):
            Z[i, c] = S[u, origin[c]]  # refreshed when the vertex was expanded
            tight[i, bases[u, c]] = True
    return 0, V, keys[order], tight, Z, margin


@njit(cache=True, nogil=True)
def _lu_inverse(M, s):
    """``(ok, A)``: ``A = [I | M_s^-1]`` by Gauss-Jordan elimination with partial pivoting of
    ``[M_s | I]``, ``M_s`` the leading ``s x s`` block of ``M``; ok False at a zero pivot."""
    A = np.empty((s, 2 * s))
    for i in range(s):
        for j in range(s):
            A[i, j] = M[i, j]
            A[i, s + j] = 1.0 if i == j else 0.0
    for col in range(s):
        piv = col
        big = abs(A[col, col])
        for r in range(col + 1, s):
            if abs(A[r, col]) > big:
                big = abs(A[r, col])
                piv = r
        if big == 0.0:
            return False, A
        if piv != col:
            for j in range(2 * s):
                A[col, j], A[piv, j] = A[piv, j], A[col, j]
        inv = 1.0 / A[col, col]
        for j in range(2 * s):
            A[col, j] *= inv
        for r in range(s):
            if r != col:
                f = A[r, col]
                if f != 0.0:
                    for j in range(2 * s):
                        A[r, j] -= f * A[col, j]
    return True, A


@njit(cache=True, nogil=True)
def partner_solves(keys, coords, G, h, own_origin, Go, ho, other_origin, tie, loose, rank_rtol, polish_rtol):
    """Each vertex's partner in the other polytope (:func:`~bargain.solvers.nash._complement.partners`).

    ``keys`` are the tight sets of a simple polytope ``G z <= h``'s vertices (bit masks over the
    ``m + n`` labels). For each but the origin, the other polytope's coordinate ``c`` is
    free iff label ``other_origin[c]`` is tight at the vertex, and its equations are the
    other labels missing from the vertex; the square system is inverted (its condition in
    the infinity norm must stay below ``1 / rank_rtol``, bounding ``||M||`` by the largest
    absolute row sum of ``Go``),
    and the partner's slacks classified: a tie at roundoff (``<= tie``), clearly positive or
    negative (``>= loose`` in size), or neither, which stops (ok False). Returns
    ``(ok, own_ids, X, W, pkeys, degenerate)`` for the feasible partners, ``X`` their own
    vertices re-solved from their tight rows of ``G z <= h`` (as ``vertex._polish_many``: the
    re-solve is kept unless it moves a coordinate by more than ``polish_rtol`` of ``coords``)
    and normalised to strategies; ``degenerate`` when a partner has more than ``e`` tight
    rows (a degenerate vertex of the other polytope).
    """
    V = len(keys)
    K, e = Go.shape
    is_oo = np.zeros(K, np.bool_)
    for c in range(e):
        is_oo[other_origin[c]] = True
    own_key = np.int64(0)
    for c in range(len(own_origin)):
        own_key |= np.int64(1) << own_origin[c]
    d = G.shape[1]
    ids = np.empty(V, np.int64)
    X = np.zeros((V, d))
    Mo = np.empty((d, d))
    rows = np.empty(d, np.int64)
    W = np.zeros((V, e))
    pkeys = np.empty(V, np.int64)
    free = np.empty(e, np.int64)
    eqs = np.empty(K, np.int64)
    M = np.empty((e, e))
    w = np.empty(e)
    found = 0
    bound = 1.0
    for j in range(K):
        row = 0.0
        for c in range(e):
            row += abs(Go[j, c])
        bound = max(bound, row)
    degenerate = False
    for v in range(V):
        key = keys[v]
        if key & own_key == own_key:  # the origin: no partner
            continue
        s = 0
        for c in range(e):
            if key >> other_origin[c] & 1:
                free[s] = c
                s += 1
        ne = 0
        for j in range(K):
            if not is_oo[j] and not (key >> j & 1):
                eqs[ne] = j
                ne += 1
        if ne != s:
            return False, ids[:0], X[:0], W[:0], pkeys[:0], False
        for i in range(s):
            for k in range(s):
                M[i, k] = Go[eqs[i], free[k]]
        ok, A = _lu_inverse(M, s)
        if not ok:
            return False, ids[:0], X[:0], W[:0], pkeys[:0], False
        ninv = 0.0
        for i in range(s):
            row = 0.0
            for k in range(s):
                row += abs(A[i, s + k])
            if row > ninv:
                ninv = row
        if not (ninv * bound * rank_rtol < 1.0):  # NaN fails too
            return False, ids[:0], X[:0], W[:0], pkeys[:0], False
        for c in range(e):
            w[c] = 0.0
        for i in range(s):
            acc = 0.0
            for k in range(s):
                acc += A[i, s + k] * ho[eqs[k]]
            w[free[i]] = acc
        feasible = True
        pk = np.int64(0)
        for j in range(K):
            if not (key >> j & 1):  # a label missing from the vertex: tight by construction
                pk |= np.int64(1) << j
                continue
            sl = ho[j]
            for c in range(e):
                sl -= Go[j, c] * w[c]
            if abs(sl) <= tie:
                pk |= np.int64(1) << j
            elif sl >= loose:
                continue
            elif sl <= -loose:
                feasible = False
            else:
                return False, ids[:0], X[:0], W[:0], pkeys[:0], False
        if feasible:
            ids[found] = v
            for c in range(e):
                W[found, c] = w[c]
            pkeys[found] = pk
            n_tight = 0
            while pk:
                pk &= pk - 1
                n_tight += 1
            degenerate |= n_tight > e
            _polish(G, h, key, coords[v], Mo, rows, polish_rtol, X[found])
            found += 1
    return True, ids[:found], X[:found], W[:found], pkeys[:found], degenerate


@njit(cache=True, nogil=True)
def _polish(G, h, key, z, M, rows, rtol, out):
    """The simple vertex with tight set ``key`` re-solved from its rows into ``out``
    (:func:`_polish_rows`)."""
    r = 0
    for j in range(G.shape[0]):
        if key >> j & 1:
            rows[r] = j
            r += 1
    _polish_rows(G, h, rows, z, M, rtol, out)


@njit(cache=True, nogil=True)
def _polish_rows(G, h, rows, z, M, rtol, out):
    """The vertex of basis ``rows`` re-solved, clipped at 0 and normalised, into ``out``;
    ``z`` (its searched coordinates) where the re-solve fails or moves a coordinate by more
    than ``rtol`` (relative to ``max(1, max |z|)``)."""
    d = len(z)
    for i in range(d):
        for k in range(d):
            M[i, k] = G[rows[i], k]
    ok, A = _lu_inverse(M, d)
    scale = 1.0
    for c in range(d):
        scale = max(scale, abs(z[c]))
    good = ok
    for c in range(d):
        acc = 0.0
        for k in range(d):
            acc += A[c, d + k] * h[rows[k]]
        out[c] = acc
        if not (abs(acc - z[c]) <= rtol * scale):  # NaN fails too
            good = False
    total = 0.0
    for c in range(d):
        if not good:
            out[c] = z[c]
        if out[c] < 0.0:
            out[c] = 0.0
        total += out[c]
    if total > 0.0:  # the origin (all zero) stays as it is
        for c in range(d):
            out[c] /= total
