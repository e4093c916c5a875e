"""The complete equilibrium set of 2x2 games in closed form, batched.

Notation (``p``: probability of the first row action, ``q``: of the first column action)::

    a = A[0,0] - A[1,0]    b = A[0,1] - A[1,1]     row prefers r0 over r1 by  a q + b (1 - q)
    c = B[0,0] - B[0,1]    d = B[1,0] - B[1,1]     col prefers c0 over c1 by  c p + d (1 - p)

The row player is indifferent at ``q* = b / (b - a)`` (inside (0, 1) iff ``a b < 0``) and
the column player at ``p* = d / (d - c)`` (iff ``c d < 0``). Every extreme equilibrium (a
pair of vertices of the two best-response polytopes) is one of the nine profiles in
``{0, p*, 1} x {0, q*, 1}``, and whether each is an equilibrium depends only on the signs of
``a, b, c, d``. So the whole equilibrium structure of a 2x2 game, degenerate or not, is
one of 81 sign patterns, tabulated once here; only ``p*`` and ``q*`` are computed per
game. The game is degenerate iff one of ``a, b, c, d`` is zero; the equilibrium set is a
continuum iff two extreme equilibria share a strategy of one player.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, product
from typing import Any

import numpy as np

from bargain.core._namespace import as_floating, namespace
from bargain.core.kernels import payoff_ranges

__all__ = [
    "CANDIDATES",
    "MAX_EQUILIBRIA",
    "MAX_COMPONENTS",
    "PATTERNS",
    "sign_pattern_2x2",
    "sign3",
    "sign_pattern_exact",
    "pattern_profiles",
    "solve_2x2",
    "fill_slots",
]

#: The nine candidate profiles, in output order: (p kind, q kind), kind in {"1", "0", "*"}.
#: Pure profiles come first in the order (r0,c0), (r0,c1), (r1,c0), (r1,c1).
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("1", "1"),
    ("1", "0"),
    ("0", "1"),
    ("0", "0"),
    ("*", "*"),
    ("*", "1"),
    ("*", "0"),
    ("1", "*"),
    ("0", "*"),
)


def _row_ok(p: str, q: str, sa: int, sb: int) -> bool:
    diff = {"1": sa, "0": sb, "*": 0}[q]  # sign of the row player's gain from r0 over r1
    return {"1": diff >= 0, "0": diff <= 0, "*": diff == 0}[p]


def _col_ok(p: str, q: str, sc: int, sd: int) -> bool:
    diff = {"1": sc, "0": sd, "*": 0}[p]  # sign of the column player's gain from c0 over c1
    return {"1": diff >= 0, "0": diff <= 0, "*": diff == 0}[q]


def _pattern(sa: int, sb: int, sc: int, sd: int) -> dict:
    q_exists = sa * sb < 0
    p_exists = sc * sd < 0
    eqs = []
    for k, (p, q) in enumerate(CANDIDATES):
        if (p == "*" and not p_exists) or (q == "*" and not q_exists):
            continue
        if _row_ok(p, q, sa, sb) and _col_ok(p, q, sc, sd):
            eqs.append(k)
    # maximal convex components: maximal products P' x Q' of strategies whose pairs are all equilibria
    ps = sorted({CANDIDATES[k][0] for k in eqs})
    qs = sorted({CANDIDATES[k][1] for k in eqs})
    eq_pairs = {CANDIDATES[k] for k in eqs}
    bicliques = []
    for rp in range(1, len(ps) + 1):
        for psub in combinations(ps, rp):
            for rq in range(1, len(qs) + 1):
                for qsub in combinations(qs, rq):
                    if all((p, q) in eq_pairs for p in psub for q in qsub):
                        bicliques.append((set(psub), set(qsub)))
    maximal = [
        bc
        for bc in bicliques
        if not any(o != bc and bc[0] <= o[0] and bc[1] <= o[1] for o in bicliques)
    ]
    components = []
    for psub, qsub in maximal:
        mask = 0
        for slot, k in enumerate(eqs):
            if CANDIDATES[k][0] in psub and CANDIDATES[k][1] in qsub:
                mask |= 1 << slot
        components.append(mask)
    return {
        "eqs": eqs,
        "components": sorted(components),
        "degenerate": 0 in (sa, sb, sc, sd),
        "continuum": any(len(p) * len(q) > 1 for p, q in maximal),
        "p_exists": p_exists,
        "q_exists": q_exists,
    }


def _build_tables() -> dict[str, np.ndarray]:
    pats = [_pattern(*s) for s in product((-1, 0, 1), repeat=4)]
    k_max = max(len(p["eqs"]) for p in pats)
    c_max = max(len(p["components"]) for p in pats)
    n = len(pats)
    slots = np.full((n, k_max), -1, dtype=np.int8)
    p_const = np.full((n, k_max), np.nan)
    q_const = np.full((n, k_max), np.nan)
    p_star = np.zeros((n, k_max), dtype=bool)
    q_star = np.zeros((n, k_max), dtype=bool)
    comps = np.zeros((n, c_max), dtype=np.uint16)
    value = {"1": 1.0, "0": 0.0, "*": np.nan}
    for i, pat in enumerate(pats):
        for s, k in enumerate(pat["eqs"]):
            pk, qk = CANDIDATES[k]
            slots[i, s] = k
            p_const[i, s] = value[pk]
            q_const[i, s] = value[qk]
            p_star[i, s] = pk == "*"
            q_star[i, s] = qk == "*"
        comps[i, : len(pat["components"])] = pat["components"]
    tables = {
        "slots": slots,
        "count": np.array([len(p["eqs"]) for p in pats], dtype=np.int8),
        "n_pure": np.array([sum(k < 4 for k in p["eqs"]) for p in pats], dtype=np.int8),
        "has_mixed": np.array([4 in p["eqs"] for p in pats]),
        "degenerate": np.array([p["degenerate"] for p in pats]),
        "continuum": np.array([p["continuum"] for p in pats]),
        "p_exists": np.array([p["p_exists"] for p in pats]),
        "q_exists": np.array([p["q_exists"] for p in pats]),
        "p_const": p_const,
        "q_const": q_const,
        "p_star": p_star,
        "q_star": q_star,
        "components": comps,
        "n_components": np.array([len(p["components"]) for p in pats], dtype=np.int8),
    }
    for arr in tables.values():
        arr.setflags(write=False)
    return tables


#: Tables indexed by the sign pattern code ``27 (sa+1) + 9 (sb+1) + 3 (sc+1) + (sd+1)``.
PATTERNS: dict[str, np.ndarray] = _build_tables()
#: Most extreme equilibria a 2x2 game can have (the width of padded outputs).
MAX_EQUILIBRIA: int = PATTERNS["slots"].shape[1]
#: Most maximal convex components a 2x2 game can have.
MAX_COMPONENTS: int = PATTERNS["components"].shape[1]

_CHUNK = 1 << 14


def sign3(x: np.ndarray, atol: np.ndarray | float, neg_atol: np.ndarray | float | None = None) -> np.ndarray:
    """0, 1, 2 for negative, zero, positive (within ``atol``), as uint8: the digits of a pattern code.

    ``neg_atol`` is ``-atol`` when the caller has it already (one negation per block).

    >>> sign3(np.array([-1.0, 1e-12, 2.0]), 1e-9).tolist()
    [0, 1, 2]
    """
    if neg_atol is None:
        neg_atol = np.negative(atol)
    return (x > atol).view(np.uint8) + (x >= neg_atol).view(np.uint8)


def _range4(M: np.ndarray) -> np.ndarray:
    """``max - min`` of the four cells of each game in ``M`` (k, 2, 2): one player's payoff range."""
    m00, m01, m10, m11 = M[:, 0, 0], M[:, 0, 1], M[:, 1, 0], M[:, 1, 1]
    lo = np.minimum(np.minimum(m00, m01), np.minimum(m10, m11))
    hi = np.maximum(np.maximum(m00, m01), np.maximum(m10, m11))
    return np.subtract(hi, lo, out=hi)


def _ratio(x: np.ndarray, y: np.ndarray, out: np.ndarray) -> None:
    """``x / (x - y)`` into ``out``, always finite: 0 where ``x == y``, halved where ``x - y`` overflows.

    ``x``, ``y`` are finite (differences of payoffs whose range is finite), and a nonzero
    ``x - y`` is at least an ulp of them, so the ratio is finite.
    """
    den = np.subtract(x, y)
    np.divide(x, den, out=out)
    np.copyto(out, 0.0, where=den == 0)
    if not np.isfinite(den).all():  # differences near the float limit
        big = ~np.isfinite(den)
        out[big] = (0.5 * x[big]) / (0.5 * x[big] - 0.5 * y[big])


def sign_pattern_2x2(
    A: np.ndarray, B: np.ndarray, tol: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sign-pattern code (uint8, 0..80) and raw ``p*``, ``q*`` of 2x2 games ``(..., 2, 2)``.

    A payoff difference counts as zero when it is within ``tol`` times its player's payoff
    range (``max - min`` of that player's four payoffs in that game), so the code is the one
    of the game normalised to [0, 1] per player, and no scale or shift of either player's
    payoffs changes it; the payoffs are not normalised (a copy the batch does not need).
    ``tol = 0`` counts exact float ties only. ``p*``/``q*`` (ratios of differences, so
    invariant too) are only meaningful where ``PATTERNS["p_exists"]``/``["q_exists"]`` hold
    for the code. Works chunk by chunk on cache-sized blocks of the flattened batch.

    >>> A = np.array([[1e9, 0.0], [0.0, 1e9]]); B = np.array([[1e-9, 0.0], [0.0, 2e-9]])
    >>> code, p, q = sign_pattern_2x2(A, B, 1e-9)
    >>> int(PATTERNS["count"][code]), round(float(p), 6), round(float(q), 6)
    (3, 0.666667, 0.5)
    """
    batch = np.broadcast_shapes(A.shape, B.shape)[:-2]
    # (k, 2, 2) views: a transposed B (a symmetric game) is read in place, not copied
    a3 = np.broadcast_to(np.asarray(A, dtype=np.float64), batch + (2, 2)).reshape(-1, 2, 2)
    b3 = np.broadcast_to(np.asarray(B, dtype=np.float64), batch + (2, 2)).reshape(-1, 2, 2)
    total = a3.shape[0]
    tol = float(tol)
    code = np.empty(total, dtype=np.uint8)
    p_star = np.empty(total)
    q_star = np.empty(total)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for lo in range(0, total, _CHUNK):
            hi = min(lo + _CHUNK, total)
            ca, cb = a3[lo:hi], b3[lo:hi]
            a = ca[:, 0, 0] - ca[:, 1, 0]
            b = ca[:, 0, 1] - ca[:, 1, 1]
            c = cb[:, 0, 0] - cb[:, 0, 1]
            d = cb[:, 1, 0] - cb[:, 1, 1]
            ta: np.ndarray | float = 0.0
            tb: np.ndarray | float = 0.0
            na: np.ndarray | float = 0.0
            nb: np.ndarray | float = 0.0
            if tol > 0:
                ta = np.multiply(_range4(ca), tol)
                tb = np.multiply(_range4(cb), tol)
                na, nb = np.negative(ta), np.negative(tb)
            out = code[lo:hi]
            np.multiply(sign3(a, ta, na), 27, out=out)
            out += sign3(b, ta, na) * np.uint8(9)
            out += sign3(c, tb, nb) * np.uint8(3)
            out += sign3(d, tb, nb)
            _ratio(d, c, p_star[lo:hi])
            _ratio(b, a, q_star[lo:hi])
    return code.reshape(batch), p_star.reshape(batch), q_star.reshape(batch)


def _differences(A: Any, B: Any) -> tuple[Any, Any, Any, Any]:
    """The payoff differences ``a, b, c, d`` of the module docstring (any number type)."""
    return A[0][0] - A[1][0], A[0][1] - A[1][1], B[0][0] - B[0][1], B[1][0] - B[1][1]


def sign_pattern_exact(A: Any, B: Any) -> tuple[int, Fraction, Fraction]:
    """Sign-pattern code and exact ``p*``, ``q*`` of one 2x2 game with rational payoffs.

    ``A``, ``B`` are 2x2 nested sequences (or object arrays) of Fractions or integers; the
    code indexes :data:`PATTERNS` exactly as :func:`sign_pattern_2x2` does for floats
    (``p*``/``q*`` are 0 where the pattern has none).

    >>> code, p, q = sign_pattern_exact([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> int(PATTERNS["count"][code]), p, q
    (3, Fraction(2, 3), Fraction(1, 3))
    """
    a, b, c, d = (Fraction(v) for v in _differences(A, B))

    def sign3(v: Fraction) -> int:  # 0, 1, 2 for negative, zero, positive
        return (v > 0) - (v < 0) + 1

    code = 27 * sign3(a) + 9 * sign3(b) + 3 * sign3(c) + sign3(d)
    p_star = d / (d - c) if c != d else Fraction(0)
    q_star = b / (b - a) if a != b else Fraction(0)
    return code, p_star, q_star


def pattern_profiles(
    code: int, p_star: Any, q_star: Any, one: Any = 1.0, zero: Any = 0.0
) -> tuple[list[tuple[tuple[Any, Any], tuple[Any, Any]]], tuple[tuple[int, ...], ...]]:
    """The extreme equilibria of one game's sign pattern as strategy pairs, and its components.

    Profiles are ``((p, 1 - p), (q, 1 - q))`` in slot order, with ``one``/``zero`` for the
    pure probabilities (``Fraction`` for the exact path); components are tuples of slots.

    >>> pattern_profiles(int(sign_pattern_2x2(np.eye(2), np.eye(2))[0]), 0.5, 0.5)[0][2]
    ((0.5, 0.5), (0.5, 0.5))
    """
    profiles = []
    for s in range(int(PATTERNS["count"][code])):
        p = p_star if PATTERNS["p_star"][code, s] else (one if PATTERNS["p_const"][code, s] else zero)
        q = q_star if PATTERNS["q_star"][code, s] else (one if PATTERNS["q_const"][code, s] else zero)
        profiles.append(((p, one - p), (q, one - q)))
    comps = tuple(
        tuple(s for s in range(MAX_EQUILIBRIA) if (int(mask) >> s) & 1)
        for mask in PATTERNS["components"][code]
        if mask
    )
    return profiles, comps


def _slot_tables(kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pattern: 1.0 where a slot holds ``*``; the constant (0, 1, NaN) elsewhere; whether ``*`` exists."""
    is_star = PATTERNS[f"{kind}_star"]
    alpha = is_star.astype(np.float64)
    beta = np.where(is_star, 0.0, PATTERNS[f"{kind}_const"])
    for arr in (alpha, beta):
        arr.setflags(write=False)
    return alpha, beta, PATTERNS[f"{kind}_exists"]


_SLOT_TABLES = {kind: _slot_tables(kind) for kind in ("p", "q")}


def fill_slots(code: np.ndarray, star: np.ndarray, kind: str) -> np.ndarray:
    """Slot values (..., MAX_EQUILIBRIA) for one player: the constant 0/1/NaN or the game's ``*`` value.

    Computed as ``alpha * star + beta`` from two gathered tables (``alpha`` 1 where the slot
    holds ``*``, ``beta`` the constant elsewhere), with a non-finite ``star`` set to 0 where
    the pattern has none, so every slot is exact: ``*``, 0, 1 or NaN.

    >>> code, p, q = sign_pattern_2x2(np.eye(2), np.eye(2))
    >>> fill_slots(code, p, "p").tolist()
    [1.0, 0.0, 0.5, nan]
    """
    alpha, beta, exists = _SLOT_TABLES[kind]
    flat_code = code.reshape(-1)
    flat_star = star.reshape(-1)
    if not np.isfinite(flat_star).all():  # sign_pattern_2x2's are finite; 0 * inf would be NaN
        flat_star = np.where(exists.take(flat_code), flat_star, 0.0)
    out = np.empty((flat_code.shape[0], MAX_EQUILIBRIA))
    for lo in range(0, flat_code.shape[0], _CHUNK):
        hi = lo + _CHUNK
        block = flat_code[lo:hi]
        np.multiply(alpha.take(block, axis=0), flat_star[lo:hi, None], out=out[lo:hi])
        out[lo:hi] += beta.take(block, axis=0)
    return out.reshape(code.shape + (MAX_EQUILIBRIA,))


def solve_2x2(
    A: np.ndarray, B: np.ndarray, tol: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """All extreme equilibria of a batch of 2x2 games as padded arrays.

    Numpy arrays take the cache-blocked numpy path; the arrays of any other array-API
    library (CuPy, PyTorch, JAX, Dask, array-api-strict; the ``array`` extra) take a path
    written with the standard's functions only and come back in that library, on the
    same device. ``tol``: differences within ``tol`` x each player's payoff range are ties.

    Returns
    -------
    p, q : ndarray, shape (..., MAX_EQUILIBRIA)
        Probability of the first row / column action in each extreme equilibrium
        (NaN in unused slots).
    count : ndarray of int8, shape (...)
        Number of extreme equilibria.
    code : ndarray of uint8, shape (...)
        The sign pattern, an index into :data:`PATTERNS`.

    Examples
    --------
    >>> A = np.array([[2., 0.], [0., 1.]])          # a coordination game
    >>> p, q, count, code = solve_2x2(A, A)
    >>> int(count), p.round(3).tolist()
    (3, [1.0, 0.0, 0.333, nan])
    """
    xp, is_numpy = namespace(A, B, func="solve_2x2")
    if not is_numpy:
        # numpy-backed libraries would warn where d - c overflows (handled) or x / 0 (masked)
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            return _solve_2x2_xp(xp, A, B, float(tol))
    code, p_star, q_star = sign_pattern_2x2(A, B, tol)
    p = fill_slots(code, p_star, "p")
    q = fill_slots(code, q_star, "q")
    return p, q, PATTERNS["count"].take(code), code


def _solve_2x2_xp(xp: Any, A: Any, B: Any, tol: float) -> tuple[Any, Any, Any, Any]:
    """:func:`solve_2x2` with array-API functions only (CuPy, PyTorch, JAX, array-api-strict, ...).

    The same decisions as the numpy path: differences within ``tol`` x each player's range
    are ties, ``p*``/``q*`` are 0 where undefined, slots are ``alpha * star + beta``. The
    pattern tables are copied to the arrays' device once per call (a few hundred bytes).
    """
    A, B = as_floating(xp, A, B)
    batch = tuple(xp.broadcast_arrays(A, B)[0].shape[:-2])
    A = xp.broadcast_to(A, batch + (2, 2))
    B = xp.broadcast_to(B, batch + (2, 2))
    dev = getattr(A, "device", None)

    def table(arr: np.ndarray, dtype: Any) -> Any:
        return xp.asarray(np.ascontiguousarray(arr), dtype=dtype, device=dev)

    a = A[..., 0, 0] - A[..., 1, 0]
    b = A[..., 0, 1] - A[..., 1, 1]
    c = B[..., 0, 0] - B[..., 0, 1]
    d = B[..., 1, 0] - B[..., 1, 1]
    if tol > 0:
        ranges = payoff_ranges(A, B) * tol  # the kernel's array-API path
        ta, tb = ranges[..., 0], ranges[..., 1]
    else:
        ta, tb = 0.0, 0.0

    def digit(x: Any, t: Any) -> Any:
        return xp.astype(x > t, xp.int64) + xp.astype(x >= -t, xp.int64)

    code = 27 * digit(a, ta) + 9 * digit(b, ta) + 3 * digit(c, tb) + digit(d, tb)

    def ratio(x: Any, y: Any) -> Any:
        den = x - y
        zero = den == 0
        half_den = 0.5 * x - 0.5 * y
        half = 0.5 * x / xp.where(half_den == 0, xp.ones_like(half_den), half_den)  # where x - y overflows
        out = xp.where(xp.isfinite(den), x / xp.where(zero, xp.ones_like(den), den), half)
        return xp.where(zero, xp.zeros_like(out), out)

    flat = xp.reshape(code, (-1,))
    slots = []
    for kind, star in (("p", ratio(d, c)), ("q", ratio(b, a))):
        alpha, beta, _ = _SLOT_TABLES[kind]
        al = xp.take(table(alpha, A.dtype), flat, axis=0)
        be = xp.take(table(beta, A.dtype), flat, axis=0)
        values = al * xp.reshape(star, (-1, 1)) + be
        slots.append(xp.reshape(values, batch + (MAX_EQUILIBRIA,)))
    count = xp.reshape(xp.take(table(PATTERNS["count"], xp.int8), flat, axis=0), batch)
    return slots[0], slots[1], count, xp.astype(code, xp.uint8)
