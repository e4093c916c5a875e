"""Geometry of polygonal bargaining sets, exact or in floats (private).

A polygonal feasible set is the convex hull of finitely many payoff points, optionally
extended by free disposal (everything weakly below a feasible point is feasible). Every
routine here works on plain Python numbers and is written once for both number types:
with :class:`fractions.Fraction` inputs it is exact (no tolerance anywhere), with
``float`` inputs it uses the same formulas and a tolerance only where a decision is taken
(membership, dominance, ties).

The solutions are closed forms on the edges of the individually rational part of the
Pareto frontier, so no optimiser is involved:

* weighted Nash product on a line ``y = Y + k x`` (gains ``x, y`` over the disagreement
  point, ``k < 0``): the maximiser of ``x**w1 * y**w2`` is ``x = a X``, ``y = (1 - a) Y``
  with ``a = w1 / (w1 + w2)`` and ``X = Y / (-k)`` the line's intercept; it is rational
  when the data and the weights are. Along a concave frontier the log of the Nash product
  is concave, so the first edge whose unconstrained maximiser is not to its right holds
  the solution (in its interior or at its left vertex).
* a ray from the disagreement point meets a rational edge at a rational point
  (Kalai-Smorodinsky, egalitarian);
* a linear objective is maximised at a vertex, or on a whole edge (utilitarian ties).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from bargain._thresholds import BARGAIN_FEASIBILITY_RTOL, BARGAIN_MIXTURE_SLACK

Num = Any  # Fraction or float
Point = tuple[Any, Any]

__all__ = ["Polygon", "convex_hull", "pareto_chain"]


def _cross(o: Point, a: Point, b: Point) -> Num:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: Sequence[Point]) -> list[int]:
    """Indices of the convex hull's vertices, counter-clockwise, collinear points dropped.

    Andrew's monotone chain. One point gives ``[i]``; collinear points give the two ends.
    """
    order = sorted(range(len(points)), key=lambda i: (points[i][0], points[i][1]))
    if len(order) <= 2:
        if len(order) == 2 and points[order[0]] == points[order[1]]:
            return order[:1]
        return order

    def half(seq: list[int]) -> list[int]:
        out: list[int] = []
        for i in seq:
            while len(out) >= 2 and _cross(points[out[-2]], points[out[-1]], points[i]) <= 0:
                out.pop()
            out.append(i)
        return out

    lower = half(order)
    upper = half(order[::-1])
    hull = lower[:-1] + upper[:-1]
    if not hull:  # all points equal
        return order[:1]
    return hull


def pareto_chain(points: Sequence[Point]) -> list[int]:
    """Indices of the vertices of the Pareto frontier of the convex hull, ``u1`` increasing.

    The nondominated points are found by a sweep in decreasing ``u1``; the frontier of the
    hull is the concave (upper) hull of those points, with collinear vertices dropped, so
    consecutive vertices have strictly increasing ``u1`` and strictly decreasing ``u2``.
    """
    order = sorted(range(len(points)), key=lambda i: (points[i][0], points[i][1]), reverse=True)
    nondominated: list[int] = []
    best: Num | None = None
    for i in order:
        if best is None or points[i][1] > best:
            nondominated.append(i)
            best = points[i][1]
    nondominated.reverse()
    chain: list[int] = []
    for i in nondominated:
        while len(chain) >= 2 and _cross(points[chain[-2]], points[chain[-1]], points[i]) >= 0:
            chain.pop()
        chain.append(i)
    return chain


@dataclass(frozen=True, eq=False)
class Polygon:
    """A convex polygon (hull of ``points``), its Pareto chain and its half-planes.

    ``points`` are unique; ``exact`` says whether they are Fractions. ``tol`` is the
    absolute tolerance used by float decisions (0 when exact).
    """

    points: tuple[Point, ...]
    exact: bool
    free_disposal: bool
    hull: tuple[int, ...] = field(default=())
    chain: tuple[int, ...] = field(default=())
    tol: float = 0.0

    @classmethod
    def build(cls, points: Sequence[Point], exact: bool, free_disposal: bool,
              rtol: float = BARGAIN_FEASIBILITY_RTOL) -> Polygon:
        pts = tuple((p[0], p[1]) for p in points)
        combinatorial: Sequence[Point] = pts
        if exact:
            # the hull only depends on orientation tests: run them on integers (the points
            # scaled by the common denominator), which is much faster than on Fractions
            common = math.lcm(*(Fraction(v).denominator for p in pts for v in p))
            combinatorial = [
                (Fraction(p[0]).numerator * (common // Fraction(p[0]).denominator),
                 Fraction(p[1]).numerator * (common // Fraction(p[1]).denominator))
                for p in pts
            ]
        hull = tuple(convex_hull(combinatorial))
        chain = tuple(pareto_chain(combinatorial))
        tol = 0.0
        if not exact:
            xs = [float(p[0]) for p in pts]
            ys = [float(p[1]) for p in pts]
            scale = max(max(xs) - min(xs), max(ys) - min(ys), max(map(abs, xs + ys)), 1e-300)
            tol = rtol * scale
        return cls(pts, exact, free_disposal, hull, chain, tol)

    def as_float(self) -> Polygon:
        """The same polygon (same hull and chain indices) with float coordinates."""
        if not self.exact:
            return self
        pts = tuple((float(x), float(y)) for x, y in self.points)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        scale = max(max(xs) - min(xs), max(ys) - min(ys), max(map(abs, xs + ys)), 1e-300)
        return Polygon(pts, False, self.free_disposal, self.hull, self.chain,
                       BARGAIN_FEASIBILITY_RTOL * scale)

    # ------------------------------------------------------------------ basic geometry
    @property
    def hull_points(self) -> list[Point]:
        return [self.points[i] for i in self.hull]

    @property
    def chain_points(self) -> list[Point]:
        return [self.points[i] for i in self.chain]

    @property
    def left(self) -> Point:
        """Frontier vertex with the largest ``u2`` (``L``)."""
        return self.points[self.chain[0]]

    @property
    def right(self) -> Point:
        """Frontier vertex with the largest ``u1`` (``R``)."""
        return self.points[self.chain[-1]]

    def halfplanes(self, comprehensive: bool | None = None) -> list[tuple[Num, Num, Num]]:
        """``(n1, n2, b)`` with the feasible set ``= {u : n . u <= b for all}``.

        ``comprehensive=True`` gives the set extended by free disposal whatever
        ``free_disposal`` says (default: the problem's own set).
        """
        if comprehensive is None:
            comprehensive = self.free_disposal
        if comprehensive:
            L, R = self.left, self.right
            one, zero = (Fraction(1), Fraction(0)) if self.exact else (1.0, 0.0)
            planes = [(one, zero, R[0]), (zero, one, L[1])]
            pts = self.chain_points
            for p, q in zip(pts, pts[1:]):
                n1, n2 = p[1] - q[1], q[0] - p[0]  # outward normal (both > 0)
                planes.append((n1, n2, n1 * p[0] + n2 * p[1]))
            return planes
        hp = self.hull_points
        if len(hp) == 1:
            (x, y), = hp
            one, zero = (Fraction(1), Fraction(0)) if self.exact else (1.0, 0.0)
            return [(one, zero, x), (-one, zero, -x), (zero, one, y), (zero, -one, -y)]
        if len(hp) == 2:
            p, q = hp
            e1, e2 = q[0] - p[0], q[1] - p[1]
            c = e2 * p[0] - e1 * p[1]
            return [
                (e2, -e1, c),
                (-e2, e1, -c),
                (e1, e2, e1 * q[0] + e2 * q[1]),
                (-e1, -e2, -(e1 * p[0] + e2 * p[1])),
            ]
        planes = []
        for k, p in enumerate(hp):
            q = hp[(k + 1) % len(hp)]
            n1, n2 = q[1] - p[1], p[0] - q[0]  # outward normal of a counter-clockwise edge
            planes.append((n1, n2, n1 * p[0] + n2 * p[1]))
        return planes

    def violation(self, u: Point, comprehensive: bool | None = None) -> Num:
        """Largest (normalised, in floats) amount by which ``u`` violates a half-plane."""
        worst = None
        for n1, n2, b in self.halfplanes(comprehensive):
            v = n1 * u[0] + n2 * u[1] - b
            if not self.exact:
                v = v / math.hypot(n1, n2)
            worst = v if worst is None or v > worst else worst
        return worst

    def contains(self, u: Point, comprehensive: bool | None = None) -> bool:
        return self.violation(u, comprehensive) <= (0 if self.exact else self.tol)

    def height(self, x: Num) -> Num:
        """Frontier height ``h(x)`` for ``L1 <= x <= R1`` (linear between chain vertices)."""
        pts = self.chain_points
        for p, q in zip(pts, pts[1:]):
            if x <= q[0]:
                return p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0])
        return pts[-1][1]

    def width(self, y: Num) -> Num:
        """Inverse frontier: the ``u1`` at which the frontier has height ``y`` (``R2 <= y <= L2``)."""
        pts = self.chain_points
        for p, q in zip(pts, pts[1:]):
            if y >= q[1]:
                return p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1])
        return pts[-1][0]

    def dominated_gain(self, d: Point) -> Num:
        """How much both players can gain over ``d`` at once (``> 0`` iff strict dominance).

        Returns the largest ``min(u1 - d1, u2 - d2)`` over the Pareto frontier (every
        feasible point is weakly dominated by one of it). On each edge the smaller gain is
        concave, so its maximum is at an end or where the two gains cross. (Looking only at
        the frontier's ends missed the gain when ``d`` sat level with an end up to rounding.)
        """
        pts = self.chain_points

        def smaller(p: Point) -> Num:
            return min(p[0] - d[0], p[1] - d[1])

        best = smaller(pts[0])
        for p, q in zip(pts, pts[1:]):
            best = max(best, smaller(q))
            a = (p[0] - d[0]) - (p[1] - d[1])  # gain 1 minus gain 2 at each end
            b = (q[0] - d[0]) - (q[1] - d[1])
            if (a < 0 < b) or (b < 0 < a):
                t = a / (a - b)
                best = max(best, p[0] + t * (q[0] - p[0]) - d[0])
        return best

    # ------------------------------------------------------------------ individually rational frontier
    def rational_chain(self, d: Point) -> list[Point]:
        """The Pareto frontier restricted to ``u >= d``, from ``(s1, a2)`` to ``(a1, e2)``."""
        pts = self.chain_points
        L, R = pts[0], pts[-1]
        start = L if d[0] <= L[0] else (d[0], self.height(d[0]))
        end = R if d[1] <= R[1] else (self.width(d[1]), d[1])
        inner = [p for p in pts if start[0] < p[0] < end[0]]
        out = [start] + inner
        if end != start:
            out.append(end)
        return out

    # ------------------------------------------------------------------ solutions
    def nash(self, d: Point, w1: Num, w2: Num) -> Point:
        """Weighted Nash bargaining point (closed form edge by edge)."""
        chain = self.rational_chain(d)
        alpha = w1 / (w1 + w2)
        for p, q in zip(chain, chain[1:]):
            slope = (q[1] - p[1]) / (q[0] - p[0])  # < 0
            y0 = (p[1] - d[1]) - slope * (p[0] - d[0])  # gain of player 2 at x = 0
            x_star = alpha * (y0 / (-slope))
            if x_star <= q[0] - d[0]:
                if x_star <= p[0] - d[0]:
                    return p
                return (d[0] + x_star, d[1] + (1 - alpha) * y0)
        return chain[-1]

    def ideal(self, d: Point) -> Point:
        chain = self.rational_chain(d)
        return (chain[-1][0], chain[0][1])

    def kalai_smorodinsky(self, d: Point) -> Point:
        """Where the segment from ``d`` to the ideal point meets the frontier."""
        chain = self.rational_chain(d)
        a = (chain[-1][0], chain[0][1])
        r1, r2 = a[0] - d[0], a[1] - d[1]

        def side(p: Point) -> Num:
            return r1 * (p[1] - d[1]) - r2 * (p[0] - d[0])

        prev = chain[0]
        g_prev = side(prev)
        if len(chain) == 1 or g_prev == 0:
            return prev
        for q in chain[1:]:
            g_q = side(q)
            if g_q <= 0:
                if g_q == 0:
                    return q
                lam = g_prev / (g_prev - g_q)
                return (prev[0] + lam * (q[0] - prev[0]), prev[1] + lam * (q[1] - prev[1]))
            prev, g_prev = q, g_q
        return chain[-1]

    def ray_exit(self, d: Point, r: Point) -> Num:
        """Largest ``t >= 0`` with ``d + t r`` in the comprehensive hull (``r > 0``)."""
        best = None
        for n1, n2, b in self.halfplanes(comprehensive=True):
            den = n1 * r[0] + n2 * r[1]
            if den > 0:
                t = (b - n1 * d[0] - n2 * d[1]) / den
                best = t if best is None or t < best else best
        if best is None or best < 0:
            return Fraction(0) if self.exact else 0.0
        return best

    def egalitarian(self, d: Point, w1: Num, w2: Num) -> Point:
        """Proportional point ``d + t w`` with the largest feasible ``t``, made Pareto optimal.

        ``t`` is computed on the comprehensive hull (where it is the largest ``min`` of the
        weighted gains over the set itself); when ``d + t w`` lies on a flat part of that
        hull, the lexicographic refinement moves to the frontier end on that flat.
        """
        t = self.ray_exit(d, (w1, w2))
        point = (d[0] + t * w1, d[1] + t * w2)
        chain = self.rational_chain(d)
        start, end = chain[0], chain[-1]
        if point[0] <= start[0]:
            return start
        if point[1] <= end[1]:
            return end
        return point

    def utilitarian(self, d: Point, w1: Num, w2: Num) -> tuple[Point, Point]:
        """The ends of the segment of maximisers of ``w1 u1 + w2 u2`` over the rational chain."""
        chain = self.rational_chain(d)
        values = [w1 * p[0] + w2 * p[1] for p in chain]
        top = max(values)
        slack = 0 if self.exact else self.tol * (abs(w1) + abs(w2))
        best = [k for k, v in enumerate(values) if v >= top - slack]
        return chain[best[0]], chain[best[-1]]

    # ------------------------------------------------------------------ points -> mixtures of vertices
    def mixture(self, u: Point) -> list[tuple[int, Num]]:
        """Write a boundary point as a convex combination of at most two input points.

        Returns ``[(index, weight), ...]`` (indices into ``points``). Points that are only
        feasible by free disposal are replaced by the frontier point that weakly dominates
        them (the agreement then gives each player at least ``u``).
        """
        hull = list(self.hull)
        pts = self.points
        if len(hull) == 1:
            return [(hull[0], Fraction(1) if self.exact else 1.0)]
        one = Fraction(1) if self.exact else 1.0
        edges = [(hull[k], hull[(k + 1) % len(hull)]) for k in range(len(hull))]
        if len(hull) == 2:
            edges = edges[:1]
        best: tuple[float, int, int, Num] | None = None  # (distance, i, j, lambda)
        for i, j in edges:
            p, q = pts[i], pts[j]
            e1, e2 = q[0] - p[0], q[1] - p[1]
            ee = e1 * e1 + e2 * e2
            lam = ((u[0] - p[0]) * e1 + (u[1] - p[1]) * e2) / ee
            off = e1 * (u[1] - p[1]) - e2 * (u[0] - p[0])
            if self.exact:
                if off == 0 and 0 <= lam <= 1:
                    best = (0.0, i, j, lam)
                    break
                continue
            if lam < 0:
                dist = math.hypot(u[0] - p[0], u[1] - p[1])
            elif lam > 1:
                dist = math.hypot(u[0] - q[0], u[1] - q[1])
            else:
                dist = abs(off) / math.sqrt(ee)
            if best is None or dist < best[0]:
                best = (dist, i, j, min(max(lam, 0.0), 1.0))
        if best is None or (not self.exact and best[0] > BARGAIN_MIXTURE_SLACK * self.tol):
            # only feasible by free disposal: use the frontier point weakly dominating u
            L, R = self.left, self.right
            if u[0] <= L[0]:
                return [(self.chain[0], one)]
            if u[0] >= R[0]:
                return [(self.chain[-1], one)]
            return self.mixture((u[0], self.height(u[0])))
        _, i, j, lam = best
        out = []
        if lam != 1:
            out.append((i, one - lam))
        if lam != 0:
            out.append((j, lam))
        return out
