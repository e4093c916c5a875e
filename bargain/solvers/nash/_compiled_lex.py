"""Compiled lexicographic search over the bases of a polytope (private; numba only).

The loop form of :class:`~bargain.solvers.nash._polytope_pivot.LexSearch` in its
``"float"`` and ``"exact"`` (int64) modes, for small games where numpy's cost per call,
not arithmetic, sets the numpy search's time. Imported only by
:mod:`bargain.solvers.nash._compiled`, when numba is installed; every rule is the numpy
search's (the tests run both on the same games and compare):

* bases are visited breadth first from the origin, each pivot taken by the
  lexicographic minimum-ratio rule, each basis once (a hash set of basis bit masks);
* ``"float"``: ties within ``eps`` on the slack scale, rates below ``rate_noise`` of
  their edge's largest rate ignored, a basis violating a row by more than ``eps``
  dropped, dictionaries rebuilt from a fresh basis inverse every ``refresh`` pivots;
* ``"exact"``: fraction-free integer dictionaries (entries over the common denominator
  ``delta``), every comparison exact by cross-multiplication; while every entry stays
  below ``2**31`` no int64 product overflows, and an entry beyond stops the search
  (the numpy search, which switches to Python integers, runs instead).

Each kernel returns ``(status, processed, keys, coords, bases, ...)``: the tight sets of
the vertices found (bit masks, first basis of each), with coordinates and that basis.
Status 0 done; 2 a singular basis at a refresh; 3 more bases than ``max_bases``;
5 an int64 entry beyond ``2**31``. Any status but 0 sends the caller to the numpy search.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from bargain.solvers.nash._compiled_kernels import _insert, _lu_inverse, _origin_basis, _polish_rows, _slot

__all__ = ["lex_search_float", "lex_search_int", "labelled_pairs", "polish_bases"]

_SMALL = np.int64(2**31)  # int64 dictionaries stay exact while every entry is below this


@njit(cache=True, nogil=True)
def _grow(a, cap):
    """``a`` copied into a new array of ``cap`` rows."""
    out = np.empty((cap,) + a.shape[1:], dtype=a.dtype)
    out[: a.shape[0]] = a
    return out


@njit(cache=True, nogil=True)
def _rehash(keys, n):
    """A fresh open-addressing set of ``keys[:n]`` (4 slots per key, at least 256)."""
    size = 256
    while size < 4 * n:
        size *= 2
    table = np.zeros(size, np.int64)
    for i in range(n):
        _insert(table, keys[i])
    return table


@njit(cache=True, nogil=True)
def _origin_dictionary(G, h, tab):
    """The origin's dictionary into ``tab``: slacks ``h``, and along the edge that relaxes
    basis position ``c`` every row's slack decreasing at rate ``G[:, c]``."""
    K, d = G.shape
    for k in range(K):
        tab[0, k] = h[k]
        for c in range(d):
            tab[1 + c, k] = G[k, c]


@njit(cache=True, nogil=True)
def _tight_key(S, basis, pos_of, eps):
    """Bit mask of the rows tight at a basis (its rows, and every slack ``S <= eps``); sets
    ``pos_of`` to each row's position in the basis (-1 outside)."""
    for k in range(len(S)):
        pos_of[k] = -1
    for c in range(len(basis)):
        pos_of[basis[c]] = c
    key = np.int64(0)
    for k in range(len(S)):
        if pos_of[k] >= 0 or S[k] <= eps:
            key |= np.int64(1) << k
    return key


@njit(cache=True, nogil=True)
def _record(vseen, vkeys, vbases, vvals, n_vert, tkey, basis, vals):
    """Store a vertex (tight set ``tkey``, a ``basis``, per-vertex ``vals``) unless a vertex
    with that tight set is stored; the stores grow as needed and are returned with the
    new count: ``(vseen, vkeys, vbases, vvals, n_vert)``."""
    if not _insert(vseen, tkey):
        return vseen, vkeys, vbases, vvals, n_vert
    if n_vert == len(vkeys):
        vkeys = _grow(vkeys, 2 * n_vert)
        vbases = _grow(vbases, 2 * n_vert)
        vvals = _grow(vvals, 2 * n_vert)
    if 4 * (n_vert + 1) > len(vseen):
        vseen = _rehash(vkeys, n_vert)
        _insert(vseen, tkey)
    vkeys[n_vert] = tkey
    vbases[n_vert] = basis
    vvals[n_vert] = vals
    return vseen, vkeys, vbases, vvals, n_vert + 1


@njit(cache=True, nogil=True)
def _claim(seen, n_seen, key, leaving, entering):
    """Mark the neighbour basis (``key`` with row ``leaving`` swapped for ``entering``) as
    seen: ``(new, seen, n_seen, child)``, ``new`` False when it was seen before."""
    child = (key ^ (np.int64(1) << leaving)) | (np.int64(1) << entering)
    if not _insert(seen, child):
        return False, seen, n_seen, child
    n_seen += 1
    if 4 * n_seen > len(seen):
        seen = _rehash_grow(seen)
    return True, seen, n_seen, child


@njit(cache=True, nogil=True)
def _grow_store(bkeys, bases, tabs, aux, cap):
    """The per-basis stores (keys, bases, dictionaries, and depths or denominators) grown
    to ``cap`` rows."""
    return _grow(bkeys, cap), _grow(bases, cap), _grow(tabs, cap), _grow(aux, cap)


@njit(cache=True, nogil=True)
def _child(bkeys, bases, v, row, key, c, entering):
    """Row ``row`` of the stores: the basis of row ``v`` with position ``c`` now ``entering``."""
    bkeys[row] = key
    bases[row] = bases[v]
    bases[row, c] = entering


@njit(cache=True, nogil=True)
def _float_refresh(G, h, basis, tab):
    """Dictionary of ``basis`` from a fresh basis inverse into ``tab``; False if singular."""
    K, d = G.shape
    M = np.empty((d, d))
    for i in range(d):
        for k in range(d):
            M[i, k] = G[basis[i], k]
    ok, A = _lu_inverse(M, d)
    if not ok:
        return False
    v = np.zeros(d)
    for i in range(d):
        acc = 0.0
        for j in range(d):
            acc += A[i, d + j] * h[basis[j]]
        v[i] = acc
    for k in range(K):
        s = h[k]
        for i in range(d):
            s -= G[k, i] * v[i]
        tab[0, k] = s
        for c in range(d):
            acc = 0.0
            for i in range(d):
                acc += G[k, i] * A[i, d + c]
            tab[1 + c, k] = -acc
    for c in range(d):
        b = basis[c]
        tab[0, b] = 0.0
        for q in range(d):
            tab[1 + q, b] = 0.0
        tab[1 + c, b] = -1.0
    return True


@njit(cache=True, nogil=True)
def _lex_float_pick(tab, c, alive, n_alive, pos_of, lex_rtol):
    """The lexicographic minimum ratio among the tied rows ``alive[:n_alive]`` of edge ``c``
    (float mode; as ``_polytope_pivot._lex_float``): rows are compared by the coefficients
    of the perturbation ``eps**i``, in increasing ``i``, within ``lex_rtol``."""
    K = tab.shape[1]
    coef = np.empty(n_alive)
    for i in range(K):
        if n_alive <= 1:
            break
        best = np.inf
        for a in range(n_alive):
            r = alive[a]
            inv = 1.0 / tab[1 + c, r]
            if pos_of[i] >= 0:
                val = tab[1 + pos_of[i], r] * inv
            elif i == r:
                val = inv
            else:
                val = 0.0
            coef[a] = val
            if val < best:
                best = val
        lim = best + lex_rtol * max(abs(best), 1.0)
        kept = 0
        for a in range(n_alive):
            if coef[a] <= lim:
                alive[kept] = alive[a]
                kept += 1
        n_alive = kept
    return alive[0]


@njit(cache=True, nogil=True)
def lex_search_float(G, h, origin, eps, rate_noise, lex_rtol, refresh, chunk, max_bases):
    """Lexicographic search of ``{z : G z <= h}`` in float64 (module docstring).

    Bases are visited in the numpy search's order, so that both record the same first
    basis of each vertex (on near ties, where bases of one tight set differ by up to the
    tolerance, the same point): a stack of blocks of bases, each sorted by basis key; the
    top block gives up to ``chunk`` bases, whose new neighbours form the next block.
    """
    K, d = G.shape
    cap = 64
    bases = np.empty((cap, d), np.int64)
    bkeys = np.empty(cap, np.int64)
    tabs = np.empty((cap, d + 1, K))
    depth = np.empty(cap, np.int64)
    vkeys = np.empty(64, np.int64)
    vcoords = np.empty((64, d))
    vbases = np.empty((64, d), np.int64)
    vals = np.empty(d)
    n_vert = 0
    bkeys[0] = _origin_basis(origin, bases[0])
    _origin_dictionary(G, h, tabs[0])
    depth[0] = 0
    seen = _rehash(bkeys, 1)
    n_seen = 1
    vseen = np.zeros(256, np.int64)
    lo_s = np.zeros(16, np.int64)  # the stack of blocks: rows lo_s[i]..hi_s[i]-1
    hi_s = np.ones(16, np.int64)
    top = 1
    tail = 1
    processed = 0
    pos_of = np.empty(K, np.int64)
    alive = np.empty(K, np.int64)
    ratio = np.empty(K)  # each row's ratio along the current edge (divided once)
    while top > 0:
        live = 0
        for i in range(top):
            live += hi_s[i] - lo_s[i]
        if 2 * tail > cap and 2 * live <= tail:  # reclaim the rows of processed blocks
            pos = 0
            for i in range(top):
                n_i = hi_s[i] - lo_s[i]
                for r in range(n_i):  # rows move down, never onto a live one
                    src, dst = lo_s[i] + r, pos + r
                    bkeys[dst] = bkeys[src]
                    bases[dst] = bases[src]
                    tabs[dst] = tabs[src]
                    depth[dst] = depth[src]
                lo_s[i], hi_s[i] = pos, pos + n_i
                pos += n_i
            tail = pos
        lo, hi = lo_s[top - 1], hi_s[top - 1]
        if hi - lo <= chunk:
            top -= 1
            end = hi
        else:
            end = lo + chunk
            lo_s[top - 1] = end
        first_child = tail
        for v in range(lo, end):
            processed += 1
            tab = tabs[v]
            if depth[v] >= refresh:
                if not _float_refresh(G, h, bases[v], tab):
                    return 2, processed, vkeys[:0], vcoords[:0], vbases[:0]
                depth[v] = 0
            feasible = True
            for k in range(K):
                if tab[0, k] < -eps:
                    feasible = False
                    break
            if not feasible:
                continue
            tkey = _tight_key(tab[0], bases[v], pos_of, eps)
            for c in range(d):
                vals[c] = max(tab[0, origin[c]], 0.0)
            vseen, vkeys, vbases, vcoords, n_vert = _record(
                vseen, vkeys, vbases, vcoords, n_vert, tkey, bases[v], vals
            )
            for c in range(d):
                tmax = -np.inf
                tmin = np.inf
                for k in range(K):
                    t = tab[1 + c, k]
                    tmax = max(tmax, t)
                    tmin = min(tmin, t)
                thr = max(tmax, -tmin) * rate_noise
                kstar = -1
                rmin = np.inf
                for k in range(K):
                    t = tab[1 + c, k]
                    ratio[k] = np.inf  # rows whose rate is noise never leave
                    if t > thr:
                        r = tab[0, k] / t
                        ratio[k] = r
                        if r < rmin:
                            rmin = r
                            kstar = k
                if kstar < 0 or not np.isfinite(rmin):
                    continue
                bound = rmin + eps / tmax
                n_alive = 0
                for k in range(K):
                    if ratio[k] <= bound:
                        alive[n_alive] = k
                        n_alive += 1
                if n_alive > 1:
                    kstar = _lex_float_pick(tab, c, alive, n_alive, pos_of, lex_rtol)
                new_basis, seen, n_seen, key = _claim(seen, n_seen, bkeys[v], bases[v, c], kstar)
                if not new_basis:
                    continue
                if n_seen > max_bases:
                    return 3, processed, vkeys[:0], vcoords[:0], vbases[:0]
                if tail == cap:
                    cap *= 2
                    bkeys, bases, tabs, depth = _grow_store(bkeys, bases, tabs, depth, cap)
                    tab = tabs[v]
                _child(bkeys, bases, v, tail, key, c, kstar)
                depth[tail] = depth[v] + 1
                new = tabs[tail]
                p = tab[1 + c, kstar]
                for r in range(d + 1):
                    g = tab[r, kstar] / p
                    for j in range(K):
                        new[r, j] = tab[r, j] - g * tab[1 + c, j]
                for j in range(K):
                    new[1 + c, j] = -tab[1 + c, j] / p
                for r in range(d + 1):
                    new[r, kstar] = 0.0
                new[1 + c, kstar] = -1.0
                tail += 1
        if tail > first_child:  # the new block, sorted by basis key
            order = np.argsort(bkeys[first_child:tail])
            kb, bb = bkeys[first_child:tail].copy(), bases[first_child:tail].copy()
            tb, db = tabs[first_child:tail].copy(), depth[first_child:tail].copy()
            for i in range(tail - first_child):  # rows moved one by one (plain indexing)
                bkeys[first_child + i] = kb[order[i]]
                bases[first_child + i] = bb[order[i]]
                tabs[first_child + i] = tb[order[i]]
                depth[first_child + i] = db[order[i]]
            if top == len(lo_s):
                lo_s = _grow(lo_s, 2 * top)
                hi_s = _grow(hi_s, 2 * top)
            lo_s[top] = first_child
            hi_s[top] = tail
            top += 1
    return 0, processed, vkeys[:n_vert], vcoords[:n_vert], vbases[:n_vert]


@njit(cache=True, nogil=True)
def _rehash_grow(table):
    """The open-addressing set ``table`` rehashed into twice as many slots."""
    out = np.zeros(2 * len(table), np.int64)
    for i in range(len(table)):
        if table[i] != 0:
            _insert(out, table[i])
    return out


@njit(cache=True, nogil=True)
def _lex_int_pick(tab, delta, c, alive, n_alive, pos_of):
    """The exact lexicographic minimum ratio among rows ``alive[:n_alive]`` of edge ``c``,
    whose ratios ``S_r / T_cr`` are exactly equal (as ``_polytope_pivot._lex_exact``): the
    coefficient of ``eps**i`` in row ``r``'s perturbed ratio is ``num_i(r) / T_cr``, with
    ``num_i(r)`` the rate of basis row ``i``, ``delta`` when ``i == r``, else 0; compared
    by cross-multiplication (entries below ``2**31``: exact in int64)."""
    K = tab.shape[1]
    nums = np.empty(n_alive, np.int64)
    for i in range(K):
        if n_alive <= 1:
            break
        best = 0
        for a in range(n_alive):
            r = alive[a]
            if pos_of[i] >= 0:
                nums[a] = tab[1 + pos_of[i], r]
            elif i == r:
                nums[a] = delta
            else:
                nums[a] = 0
            # nums[a] / T[c, r] < nums[best] / T[c, rb], denominators positive
            if a > 0 and nums[a] * tab[1 + c, alive[best]] < nums[best] * tab[1 + c, r]:
                best = a
        rb = alive[best]
        kept = 0
        for a in range(n_alive):
            if nums[a] * tab[1 + c, rb] == nums[best] * tab[1 + c, alive[a]]:
                alive[kept] = alive[a]
                nums[kept] = nums[a]
                kept += 1
        n_alive = kept
    return alive[0]


@njit(cache=True, nogil=True)
def lex_search_int(Gi, hi, origin, max_bases):
    """Lexicographic search of ``{z : Gi z <= hi}`` with fraction-free int64 dictionaries
    (module docstring). Returns ``(status, processed, keys, nums, bases, delta)``: a
    vertex's coordinates are ``nums / delta`` exactly (integers below ``2**31``).

    Every decision is exact, so the bases visited and each vertex's coordinates do not
    depend on the order of the visit: a plain first-in first-out queue (rows already
    processed are reclaimed when the store is full), not the float search's blocks."""
    K, d = Gi.shape
    cap = 64
    bases = np.empty((cap, d), np.int64)
    bkeys = np.empty(cap, np.int64)
    tabs = np.empty((cap, d + 1, K), np.int64)
    deltas = np.empty(cap, np.int64)
    vkeys = np.empty(64, np.int64)
    vnums = np.empty((64, d + 1), np.int64)  # coordinates times delta, then delta
    vbases = np.empty((64, d), np.int64)
    vals = np.empty(d + 1, np.int64)
    n_vert = 0
    if np.abs(Gi).max() >= _SMALL or np.abs(hi).max() >= _SMALL:  # the data already
        return 5, 0, vkeys[:0], vnums[:0, :d], vbases[:0], vnums[:0, d]
    bkeys[0] = _origin_basis(origin, bases[0])
    _origin_dictionary(Gi, hi, tabs[0])
    deltas[0] = 1
    seen = _rehash(bkeys, 1)
    n_seen = 1
    vseen = np.zeros(256, np.int64)
    head, tail = 0, 1
    processed = 0
    pos_of = np.empty(K, np.int64)
    alive = np.empty(K, np.int64)
    while head < tail:
        v = head
        head += 1
        processed += 1
        tab = tabs[v]
        delta = deltas[v]
        tkey = _tight_key(tab[0], bases[v], pos_of, 0)  # slacks are >= 0: tight is 0
        for c in range(d):
            vals[c] = tab[0, origin[c]]
        vals[d] = delta
        vseen, vkeys, vbases, vnums, n_vert = _record(
            vseen, vkeys, vbases, vnums, n_vert, tkey, bases[v], vals
        )
        for c in range(d):
            kstar = -1
            for k in range(K):
                t = tab[1 + c, k]
                # S_k / t < S_kstar / t_kstar (exact ratio test by cross-multiplication)
                if t > 0 and (kstar < 0 or tab[0, k] * tab[1 + c, kstar] < tab[0, kstar] * t):
                    kstar = k
            if kstar < 0:
                continue
            n_alive = 0
            for k in range(K):
                t = tab[1 + c, k]
                if t > 0 and tab[0, k] * tab[1 + c, kstar] == tab[0, kstar] * t:
                    alive[n_alive] = k
                    n_alive += 1
            if n_alive > 1:
                kstar = _lex_int_pick(tab, delta, c, alive, n_alive, pos_of)
            new_basis, seen, n_seen, key = _claim(seen, n_seen, bkeys[v], bases[v, c], kstar)
            if not new_basis:
                continue
            if n_seen > max_bases:
                return 3, processed, vkeys[:0], vnums[:0, :d], vbases[:0], vnums[:0, d]
            if tail == len(bkeys):  # as in lex_search_float
                if 2 * v >= tail:
                    live = tail - v
                    bkeys[:live] = bkeys[v:tail].copy()
                    bases[:live] = bases[v:tail].copy()
                    tabs[:live] = tabs[v:tail].copy()
                    deltas[:live] = deltas[v:tail].copy()
                    head, tail, v = head - v, live, 0
                else:
                    cap *= 2
                    bkeys, bases, tabs, deltas = _grow_store(bkeys, bases, tabs, deltas, cap)
                tab = tabs[v]
            _child(bkeys, bases, v, tail, key, c, kstar)
            new = tabs[tail]
            p = tab[1 + c, kstar]
            deltas[tail] = p
            for r in range(d + 1):
                a = tab[r, kstar]
                for j in range(K):
                    val = (tab[r, j] * p - a * tab[1 + c, j]) // delta
                    if val >= _SMALL or val <= -_SMALL:
                        return 5, processed, vkeys[:0], vnums[:0, :d], vbases[:0], vnums[:0, d]
                    new[r, j] = val
            for j in range(K):
                new[1 + c, j] = -tab[1 + c, j]
            for r in range(d + 1):
                new[r, kstar] = 0
            new[1 + c, kstar] = -p
            tail += 1
    return 0, processed, vkeys[:n_vert], vnums[:n_vert, :d], vbases[:n_vert], vnums[:n_vert, d]


@njit(cache=True, nogil=True)
def _bits(key):
    """Number of set bits of a nonnegative int64."""
    count = 0
    while key:
        key &= key - 1
        count += 1
    return count


@njit(cache=True, nogil=True)
def _pair_codes(kP, kQ, m, n, tkeys, tvals, codes):
    """Write the codes ``i * len(kQ) + j`` of the completely labelled pairs into ``codes``
    while it has room (a pair of two degenerate vertices may come twice); return how many
    there are. ``tkeys``, ``tvals``: the simple vertices of Q hashed by tight set. No array
    is reassigned in the loops (numba would count references at every step)."""
    full = (np.int64(1) << (m + n)) - 1
    origin_p = (np.int64(1) << m) - 1
    origin_q = full ^ origin_p
    mask = len(tkeys) - 1
    VQ = len(kQ)
    nc = 0
    cap = len(codes)
    for i in range(len(kP)):
        if kP[i] == origin_p:
            continue
        comp = full ^ kP[i]
        if _bits(kP[i]) == m:
            s = _slot(comp, mask)
            while tkeys[s] != 0 and tkeys[s] != comp:
                s = (s + 1) & mask
            if tkeys[s] == comp:
                if nc < cap:
                    codes[nc] = i * VQ + tvals[s]
                nc += 1
        else:
            for j in range(VQ):
                if kQ[j] & comp == comp and kQ[j] != origin_q:
                    if nc < cap:
                        codes[nc] = i * VQ + j
                    nc += 1
    for j in range(VQ):
        if _bits(kQ[j]) > n:
            comp = full ^ kQ[j]
            for i in range(len(kP)):
                if kP[i] & comp == comp and kP[i] != origin_p:
                    if nc < cap:
                        codes[nc] = i * VQ + j
                    nc += 1
    return nc


@njit(cache=True, nogil=True)
def labelled_pairs(kP, kQ, m, n):
    """Completely labelled pairs ``(I, J)`` of vertices of P and Q (tight sets ``kP``, ``kQ``),
    origins excluded, once each and sorted (as ``_polytope.complete_pairs``): a simple
    vertex pairs with the vertex whose tight set is its complement (a hash lookup), a
    degenerate one with every vertex whose tight set covers its complement."""
    full = (np.int64(1) << (m + n)) - 1
    origin_q = full ^ ((np.int64(1) << m) - 1)
    size = 256
    while size < 4 * len(kQ):
        size *= 2
    tkeys = np.zeros(size, np.int64)
    tvals = np.empty(size, np.int64)
    mask = size - 1
    for j in range(len(kQ)):  # the simple vertices of Q, by tight set
        if kQ[j] != origin_q and _bits(kQ[j]) == n:
            i = _slot(kQ[j], mask)
            while tkeys[i] != 0 and tkeys[i] != kQ[j]:
                i = (i + 1) & mask
            tkeys[i] = kQ[j]
            tvals[i] = j
    codes = np.empty(64, np.int64)
    nc = _pair_codes(kP, kQ, m, n, tkeys, tvals, codes)
    if nc > len(codes):  # more than the first guess: again, with room for all
        codes = np.empty(nc, np.int64)
        nc = _pair_codes(kP, kQ, m, n, tkeys, tvals, codes)
    codes = np.unique(codes[:nc])  # sorted: (i, j) in lexicographic order
    VQ = max(len(kQ), 1)
    return codes // VQ, codes % VQ


@njit(cache=True, nogil=True)
def polish_bases(G, h, bases, coords, rtol):
    """Vertices re-solved from their ``bases``, clipped at 0 and normalised (as
    ``vertex._polish_bases``); a vertex keeps its searched ``coords`` where the re-solve
    fails or moves a coordinate by more than ``rtol``."""
    d = G.shape[1]
    X = np.empty((len(bases), d))
    M = np.empty((d, d))
    for r in range(len(bases)):
        _polish_rows(G, h, bases[r], coords[r], M, rtol, X[r])
    return X
