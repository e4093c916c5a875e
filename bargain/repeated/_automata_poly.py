"""Exact univariate polynomials for the discount-factor sets of automaton pairs.

Each one-shot-deviation condition of a pair of automata is, after multiplying by the
positive determinant ``det(I - delta P)``, a polynomial inequality ``G(delta) >= 0`` with
rational coefficients (see :func:`bargain.repeated.automata.spe_deltas`). This module
interpolates those polynomials exactly, isolates their real roots in ``(0, 1)`` with
Sturm sequences (Sturm 1835; e.g. Basu, Pollack and Roy 2006, *Algorithms in Real
Algebraic Geometry*, Section 2.2), decides which roots are rational, and represents the
others by certified isolating brackets (:class:`AlgebraicNumber`).

Polynomials are lists of coefficients, lowest degree first, without trailing zeros
(the zero polynomial is ``[]``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "AlgebraicNumber",
    "interpolate",
    "evaluate",
    "sign_at",
    "squarefree",
    "integer_interpolator",
    "real_roots",
    "format_poly",
    "strip_positive_factor",
    "merged_roots",
]

Poly = list  # list[Fraction] or list[int], lowest degree first


def _trim(p: Sequence) -> list:
    out = list(p)
    while out and out[-1] == 0:
        out.pop()
    return out


def evaluate(p: Sequence, x: Fraction | int) -> Fraction:
    """``p(x)`` exactly (Horner)."""
    acc: Fraction | int = 0
    for c in reversed(p):
        acc = acc * x + c
    return Fraction(acc)


def sign_at(p: Sequence, x: Fraction | int) -> int:
    """The sign (-1, 0, 1) of ``p(x)``; integer arithmetic for integer ``p``.

    With ``x = a / b`` (``b > 0``), ``b^n p(x) = sum_k c_k a^k b^(n-k)`` has the sign of ``p(x)``.
    """
    if not all(isinstance(c, int) for c in p):
        v = evaluate(p, x)
        return (v > 0) - (v < 0)
    if not p:
        return 0
    x = Fraction(x)
    a, b = x.numerator, x.denominator
    acc = p[-1]
    bp = 1
    for c in reversed(p[:-1]):
        bp *= b
        acc = acc * a + c * bp
    return (acc > 0) - (acc < 0)


def interpolate(xs: Sequence[Fraction], ys: Sequence[Fraction]) -> list[Fraction]:
    """The polynomial of degree ``< len(xs)`` through the points (Newton's divided differences).

    >>> interpolate([Fraction(0), Fraction(1), Fraction(2)], [Fraction(1), Fraction(2), Fraction(5)])
    [Fraction(1, 1), Fraction(0, 1), Fraction(1, 1)]
    """
    n = len(xs)
    coef = [Fraction(y) for y in ys]
    for j in range(1, n):
        for i in range(n - 1, j - 1, -1):
            coef[i] = (coef[i] - coef[i - 1]) / (xs[i] - xs[i - j])
    # expand the Newton form into monomials
    poly: list[Fraction] = [Fraction(0)] * n
    for k in range(n - 1, -1, -1):
        # poly = poly * (x - xs[k]) + coef[k]
        shifted = [Fraction(0)] + poly[:-1]
        poly = [s - xs[k] * c for s, c in zip(shifted, poly)]
        poly[0] += coef[k]
    return _trim(poly)


def _primitive(p: Sequence) -> list[int]:
    """Integer polynomial with the same roots: denominators cleared, content removed, leading > 0."""
    p = _trim(Fraction(c) for c in p)
    if not p:
        return []
    den = math.lcm(*(c.denominator for c in p))
    ints = [int(c * den) for c in p]
    g = 0
    for c in ints:
        g = math.gcd(g, c)
    ints = [c // g for c in ints]
    return ints if ints[-1] > 0 else [-c for c in ints]


def _divmod(a: Sequence, b: Sequence) -> tuple[list[Fraction], list[Fraction]]:
    a = [Fraction(c) for c in _trim(a)]
    b = [Fraction(c) for c in _trim(b)]
    if len(a) < len(b):
        return [], a
    q = [Fraction(0)] * (len(a) - len(b) + 1)
    lead = b[-1]
    while len(a) >= len(b) and a:
        k = len(a) - len(b)
        f = a[-1] / lead
        q[k] = f
        for i, c in enumerate(b):
            a[i + k] -= f * c
        a = _trim(a)
    return _trim(q), a


def _prem(a: list[int], b: list[int]) -> list[int]:
    """Pseudo-remainder of integer polynomials: ``lc(b)^(deg a - deg b + 1) a mod b``, in integers."""
    a = list(a)
    lead = b[-1]
    db = len(b) - 1
    while len(a) - 1 >= db and a:
        f = a[-1]
        shift = len(a) - 1 - db
        a = [lead * x for x in a]
        for i, c in enumerate(b):
            a[i + shift] -= f * c
        a = _trim(a)
    return a


def _gcd(a: Sequence, b: Sequence) -> list[int]:
    """Greatest common divisor (primitive, leading coefficient > 0) by primitive remainder sequences."""
    a, b = _primitive(a), _primitive(b)
    if len(a) < len(b):
        a, b = b, a
    while b:
        a, b = b, _primitive(_prem(a, b))
    return _primitive(a)


def _derivative(p: Sequence) -> list:
    return [i * c for i, c in enumerate(p)][1:]


def squarefree(p: Sequence) -> list[int]:
    """The square-free part of ``p`` (same distinct roots, each simple), as a primitive integer polynomial."""
    p = _primitive(p)
    if len(p) <= 1:
        return p
    g = _gcd(p, _derivative(p))
    q, _ = _divmod(p, g)
    return _primitive(q)


def integer_interpolator(n: int) -> Callable[[Sequence[Fraction]], list[int]]:
    """Interpolation at the ``n + 1`` nodes ``x = i / (n + 1)``, up to a positive factor, in integers.

    Returns ``f(values) -> coefficients``: an integer polynomial equal to a positive
    multiple of the polynomial of degree ``<= n`` through ``(i / (n + 1), values[i])``
    (same roots, same signs). With ``t = (n + 1) x`` the nodes are the integers ``0..n``,
    whose Lagrange basis is ``prod_{j != i} (t - j) / w_i`` with ``n! / w_i = (-1)^(n-i) C(n, i)``.

    >>> f = integer_interpolator(2)
    >>> f([Fraction(-1, 3), Fraction(0), Fraction(1, 3)])   # x - 1/3, times a positive factor
    [-2, 6]
    """
    full = [1]
    for j in range(n + 1):
        full = _mul(full, [-j, 1])
    basis = []
    for i in range(n + 1):
        q, _ = _divmod(full, [-i, 1])
        weight = (-1) ** (n - i) * math.comb(n, i)
        basis.append([int(c) * weight for c in q])
    scale = [(n + 1) ** k for k in range(n + 1)]

    def f(values: Sequence[Fraction]) -> list[int]:
        den = math.lcm(*(Fraction(v).denominator for v in values))
        nums = [int(Fraction(v) * den) for v in values]
        out = [0] * (n + 1)
        for y, b in zip(nums, basis):
            if y:
                for k, c in enumerate(b):
                    out[k] += y * c
        # p(t) with t = (n + 1) x: coefficient k of the polynomial in x is out[k] (n + 1)^k
        return _trim([c * s for c, s in zip(out, scale)])

    return f


def _mul(a: Sequence, b: Sequence) -> list:
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return out


def _sturm(p: list[int]) -> list[list[int]]:
    seq = [p, _primitive(_derivative(p))]
    while len(seq[-1]) > 1:
        _, r = _divmod(seq[-2], seq[-1])
        if not _trim(r):
            break
        # keep the sign of -r while making it integer and primitive
        prim = _primitive(r)
        if (prim[-1] > 0) == (r[-1] > 0):
            prim = [-c for c in prim]
        seq.append(prim)
    return seq


def _variations(seq: list[list[int]], x: Fraction) -> int:
    signs = [s for s in (sign_at(p, x) for p in seq) if s]
    return sum(1 for u, v in zip(signs, signs[1:]) if u != v)


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator in the closed interval ``[lo, hi]`` (0 <= lo <= hi)."""
    fl = math.floor(lo)
    if fl == lo:
        return Fraction(fl)
    if fl + 1 <= hi:
        return Fraction(fl + 1)
    return fl + 1 / _simplest_between(1 / (hi - fl), 1 / (lo - fl))


@dataclass(frozen=True)
class AlgebraicNumber:
    """A real root of an integer polynomial, given by a certified isolating bracket.

    ``poly`` (integer coefficients, lowest degree first) is square-free and has exactly
    one root in the open interval ``(lo, hi)``; that root is irrational (rational roots are
    returned as :class:`~fractions.Fraction` instead). ``float(x)`` is the root to double
    precision; comparisons with rationals are exact.

    >>> r = real_roots([-1, -1, 1])   # x^2 - x - 1 has no root in (0, 1)
    >>> r
    []
    >>> (x,) = real_roots([1, -3, 1])   # x^2 - 3x + 1: (3 - sqrt 5)/2
    >>> round(float(x), 12), x < Fraction(2, 5), x > Fraction(3, 8)
    (0.381966011251, True, True)
    """

    poly: tuple[int, ...]
    lo: Fraction
    hi: Fraction

    def _refined(self, width: Fraction) -> tuple[Fraction, Fraction]:
        lo, hi = self.lo, self.hi
        s_lo = sign_at(self.poly, lo)
        while hi - lo > width:
            mid = (lo + hi) / 2
            s = sign_at(self.poly, mid)
            if s == s_lo:
                lo = mid
            else:
                hi = mid
        return lo, hi

    def __float__(self) -> float:
        lo, hi = self._refined(Fraction(1, 2**60) * max(abs(self.lo), Fraction(1, 2**60)))
        return float((lo + hi) / 2)

    def _cmp(self, x: Fraction) -> int:
        """-1 when the root is below ``x``, 1 above (never equal: the root is irrational)."""
        x = Fraction(x)
        if x <= self.lo:
            return 1
        if x >= self.hi:
            return -1
        s_lo = sign_at(self.poly, self.lo)
        return 1 if sign_at(self.poly, x) == s_lo else -1

    def __lt__(self, other: object) -> bool:
        return self._cmp(Fraction(other)) < 0  # type: ignore[arg-type]

    def __gt__(self, other: object) -> bool:
        return self._cmp(Fraction(other)) > 0  # type: ignore[arg-type]

    def __le__(self, other: object) -> bool:
        return self < other

    def __ge__(self, other: object) -> bool:
        return self > other

    def __repr__(self) -> str:
        return f"root of {format_poly(self.poly)} in [{self.lo}, {self.hi}] (~{float(self):.12g})"


def format_poly(p: Sequence[int], var: str = "d") -> str:
    """``[1, -3, 1]`` as ``'1 - 3d + d^2'``."""
    terms = []
    for k, c in enumerate(p):
        if c == 0:
            continue
        mono = "" if k == 0 else (var if k == 1 else f"{var}^{k}")
        mag = abs(c)
        body = (str(mag) if mag != 1 or not mono else "") + mono
        terms.append((c < 0, body))
    if not terms:
        return "0"
    out = ("-" if terms[0][0] else "") + terms[0][1]
    for neg, body in terms[1:]:
        out += (" - " if neg else " + ") + body
    return out


def real_roots(
    p: Sequence, lo: Fraction = Fraction(0), hi: Fraction = Fraction(1)
) -> list[Fraction | AlgebraicNumber]:
    """The distinct real roots of ``p`` in the open interval ``(lo, hi)``, increasing.

    Rational roots are exact :class:`~fractions.Fraction`; irrational ones are
    :class:`AlgebraicNumber` brackets, pairwise disjoint and free of other roots. A rational
    root ``u/v`` of a primitive integer polynomial has ``v`` dividing the leading
    coefficient ``a``; two such rationals differ by at least ``1/a^2``, so once a bracket is
    narrower than that, the simplest rational in it is the only candidate (tested exactly).

    >>> real_roots([Fraction(-2, 9), Fraction(1)] )   # x - 2/9
    [Fraction(2, 9)]
    """
    q = squarefree(p)
    if len(q) <= 1:
        return []
    seq = _sturm(q)
    lead = abs(q[-1])
    width = Fraction(1, 2 * lead * lead)
    out: list[Fraction | AlgebraicNumber] = []
    stack = [(Fraction(lo), Fraction(hi))]
    found: list[tuple[Fraction, Fraction]] = []
    exact: list[Fraction] = []
    while stack:
        a, b = stack.pop()
        # roots in (a, b): Sturm counts roots in (a, b]; b may itself be a root
        count = _variations(seq, a) - _variations(seq, b) - (1 if sign_at(q, b) == 0 else 0)
        if count <= 0:
            continue
        if count == 1:
            found.append((a, b))
            continue
        mid = (a + b) / 2
        if sign_at(q, mid) == 0:
            exact.append(mid)
        stack.append((a, mid))
        stack.append((mid, b))
    for a, b in found:
        # move an endpoint that is itself a root (0, 1 or a split point) inwards, past no root
        if sign_at(q, a) == 0:
            h = (b - a) / 2
            while _variations(seq, a) - _variations(seq, a + h) != 0 or sign_at(q, a + h) == 0:
                h /= 2
            a = a + h
        if sign_at(q, b) == 0:
            h = (b - a) / 2
            while _variations(seq, b - h) - _variations(seq, b) != 1 or sign_at(q, b - h) == 0:
                h /= 2
            b = b - h
        # refine until only one rational candidate can lie inside
        s_a = sign_at(q, a)
        while b - a > width:
            mid = (a + b) / 2
            s = sign_at(q, mid)
            if s == 0:
                a = b = mid
                break
            if s == s_a:
                a = mid
            else:
                b = mid
        if a == b:
            exact.append(a)
            continue
        cand = _simplest_between(a, b)
        if a < cand < b and sign_at(q, cand) == 0:
            exact.append(cand)
        else:
            out.append(AlgebraicNumber(tuple(q), a, b))
    out.extend(exact)
    out.sort(key=lambda r: r if isinstance(r, Fraction) else r.lo)
    return out


def strip_positive_factor(p: Sequence[int], d: Sequence[int]) -> list[int]:
    """``p / gcd(p, d)`` for a ``d`` positive on [0, 1): the same signs on [0, 1), fewer roots.

    The one-shot-deviation polynomials are multiples of ``det(I - delta P)``'s factors that
    cancel in the rational conditions (a punishment cycle of length k contributes
    ``1 - delta^k``); dividing by the common factor, normalised positive at 0, keeps the
    sign of ``p`` at every delta in [0, 1) and leaves the minimal polynomial of the threshold.

    >>> strip_positive_factor([-1, 1, 1, 1, -1, -1], [1, 0, 0, -1])   # (1 - d^3)(d^2 + d - 1)
    [-1, 1, 1]
    >>> strip_positive_factor([1, -1, -1, -1, 1, 1], [3, 0, 0, -3])   # the sign is kept
    [1, -1, -1]
    """
    g = _gcd(p, d)
    if len(g) <= 1:
        return list(p)
    if g[0] < 0:
        g = [-c for c in g]
    q, r = _divmod(p, g)
    if r:  # pragma: no cover - g divides p by construction
        raise ArithmeticError("strip_positive_factor: inexact division")
    den = math.lcm(*(c.denominator for c in q))
    ints = [int(c * den) for c in q]
    content = 0
    for c in ints:
        content = math.gcd(content, c)
    return [c // content for c in ints]


def _bisect(x: AlgebraicNumber) -> AlgebraicNumber:
    """Halve the bracket of ``x`` (keeping the half with the root; ``x.poly`` is square-free)."""
    mid = (x.lo + x.hi) / 2
    s = sign_at(x.poly, mid)
    if s == 0:  # pragma: no cover - the root is irrational, the midpoint rational
        raise ArithmeticError("_bisect: rational midpoint is a root of an irreducible bracket")
    if s == sign_at(x.poly, x.lo):
        return AlgebraicNumber(x.poly, mid, x.hi)
    return AlgebraicNumber(x.poly, x.lo, mid)


def _bounds(x: Fraction | AlgebraicNumber) -> tuple[Fraction, Fraction]:
    return (x, x) if isinstance(x, Fraction) else (x.lo, x.hi)


def merged_roots(polys: Sequence[Sequence]) -> list[tuple[Fraction | AlgebraicNumber, frozenset[int]]]:
    """The distinct roots in (0, 1) of several polynomials, each with the indices of those vanishing there.

    Each polynomial's roots are isolated on their own (degree stays small), then roots of
    different polynomials are compared: two irrational roots are equal iff the gcd of their
    polynomials changes sign on the intersection of their brackets (each bracket holds one
    root of its polynomial, so a common root there is both); unequal roots are refined until
    their brackets are disjoint. On return all brackets are pairwise disjoint and increasing,
    so any polynomial of the family that does not vanish at a root has no root in its bracket.

    >>> [(r, sorted(s)) for r, s in merged_roots([[1, -3, 1], [-1, 2], [-1, 3, 0, -3, 1]])]
    [(root of 1 - 3d + d^2 in [3/8, 7/16] (~0.38196601125), [0, 2]), (Fraction(1, 2), [1])]
    """
    items: list[list] = []  # [root, set of indices]
    for idx, p in enumerate(polys):
        for r in real_roots(p):
            items.append([r, {idx}])
    while True:
        items.sort(key=lambda it: _bounds(it[0])[0])
        changed = False
        out: list[list] = []
        for it in items:
            if not out:
                out.append(it)
                continue
            prev = out[-1]
            x, y = prev[0], it[0]
            (xl, xh), (yl, yh) = _bounds(x), _bounds(y)
            if xh < yl:
                out.append(it)
                continue
            changed = True
            if isinstance(x, Fraction) and isinstance(y, Fraction):
                if x == y:
                    prev[1] |= it[1]
                else:
                    out.append(it)
                continue
            if isinstance(x, AlgebraicNumber) and isinstance(y, AlgebraicNumber):
                g = _gcd(x.poly, y.poly)
                lo, hi = max(xl, yl), min(xh, yh)
                if len(g) > 1 and sign_at(g, lo) * sign_at(g, hi) < 0:
                    prev[1] |= it[1]
                    if yh - yl < xh - xl:
                        prev[0] = y
                    continue
            if isinstance(x, AlgebraicNumber):
                prev[0] = _bisect(x)
            if isinstance(y, AlgebraicNumber):
                it[0] = _bisect(y)
            out.append(it)
        items = out
        if not changed:
            return [(r, frozenset(s)) for r, s in items]
