"""Bargaining on a concave frontier ``u2 = f(u1)``, vectorised over a batch (private).

A batch of problems is a set of flat arrays (one entry per problem): the frontier's
parameters, its right end ``x_max`` and the disagreement point. Every solution reduces to
the root of a *nonincreasing* function of one variable on a bracket, found for all
problems at once by :func:`find_root` (a safeguarded secant method that always keeps a
bracket). Only the problems that have not converged yet are evaluated at each step, and
there is no Python loop over the batch.

The feasible set of a frontier problem is comprehensive:
``{u : u1 <= x_max, u2 <= F(u1)}`` with ``F(u1) = f(max(u1, 0))``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bargain._thresholds import (
    FRONTIER_MAX_ITER,
    FRONTIER_SECANT_STEPS,
    FRONTIER_START_MARGIN,
    FRONTIER_XTOL,
    UTILITARIAN_SLOPE_RTOL,
)

__all__ = ["Frontier", "find_root", "XTOL", "CBRT_EPS"]

EPS = float(np.finfo(np.float64).eps)
CBRT_EPS = EPS ** (1.0 / 3.0)
#: Steps of the secant/regula falsi method before the root finder falls back to bisection.
_SWITCH_TO_BISECTION = FRONTIER_SECANT_STEPS
#: Problems per block of the root finder (arrays of a block stay in the CPU cache).
BLOCK = 1 << 15
#: Absolute tolerance of the root finder on the abscissa, relative to the bracket scale.
XTOL = FRONTIER_XTOL


def find_root(
    fun: Callable[..., np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    f_lo: np.ndarray,
    f_hi: np.ndarray,
    args: tuple[np.ndarray, ...],
    *,
    xatol: np.ndarray,
    x0: np.ndarray | None = None,
    slope0: np.ndarray | None = None,
    maxiter: int = FRONTIER_MAX_ITER,
) -> tuple[np.ndarray, np.ndarray]:
    """Roots of a nonincreasing ``fun(x, *args)``, elementwise, on brackets ``lo < hi``.

    Works through the batch in cache-sized blocks of :data:`BLOCK` problems (each block is
    solved by :func:`_find_root_block`, vectorised); see there for the method.
    """
    size = lo.shape[0]
    if size <= BLOCK:
        return _find_root_block(fun, lo, hi, f_lo, f_hi, args, xatol=xatol, x0=x0, slope0=slope0,
                                maxiter=maxiter)
    out = np.empty(size)
    conv = np.empty(size, dtype=bool)
    atol = np.broadcast_to(np.asarray(xatol, dtype=np.float64), (size,))
    for start in range(0, size, BLOCK):
        sl = slice(start, min(start + BLOCK, size))
        out[sl], conv[sl] = _find_root_block(
            fun, lo[sl], hi[sl], f_lo[sl], f_hi[sl], tuple(np.asarray(v)[sl] for v in args),
            xatol=atol[sl], x0=None if x0 is None else x0[sl],
            slope0=None if slope0 is None else slope0[sl], maxiter=maxiter,
        )
    return out, conv


def _find_root_block(
    fun: Callable[..., np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    f_lo: np.ndarray,
    f_hi: np.ndarray,
    args: tuple[np.ndarray, ...],
    *,
    xatol: np.ndarray,
    x0: np.ndarray | None = None,
    slope0: np.ndarray | None = None,
    maxiter: int = FRONTIER_MAX_ITER,
) -> tuple[np.ndarray, np.ndarray]:
    """Roots of a nonincreasing ``fun(x, *args)``, elementwise, on brackets ``lo < hi``.

    ``lo, hi, f_lo, f_hi, xatol`` and every array in ``args`` are 1-d of one length, with
    ``f_lo > 0 > f_hi``. ``x0`` (inside the brackets) is an optional first iterate and
    ``slope0`` an estimate of ``fun'(x0)`` for a first Newton step. Returns
    ``(x, converged)``.

    Safeguarded secant method: each step takes the secant through the last two iterates
    when it falls inside the current bracket, and otherwise the regula falsi point of the
    bracket, so a bracket is always kept; convergence is superlinear (order about 1.6) on
    smooth functions. Problems still running after 40 steps (kinked or badly scaled
    functions) continue by bisection, which bounds the worst case. Steps are never shorter
    than the tolerance ``xatol + 2 eps max(|lo|, |hi|)``, so that near the root an iterate
    lands on the other side; an element has converged when its bracket is at most twice
    the tolerance wide, its last step was at most the tolerance (the error after a
    superlinear step is far smaller), or ``fun`` vanishes there. Converged elements are dropped from the
    arrays (in batches, to keep the copying cheap), so only live problems are evaluated.
    """
    size = lo.shape[0]
    out = np.full(size, np.nan)
    conv_all = np.zeros(size, dtype=bool)
    idx = np.arange(size)
    a, fa = lo.astype(np.float64, copy=True), f_lo.astype(np.float64, copy=True)
    b, fb = hi.astype(np.float64, copy=True), f_hi.astype(np.float64, copy=True)
    # previous and current iterates (start: the bracket ends)
    xp, fp = a.copy(), fa.copy()
    xc, fc = b.copy(), fb.copy()
    tol = np.broadcast_to(np.asarray(xatol, dtype=np.float64), (size,)) + 2.0 * EPS * np.maximum(
        np.abs(a), np.abs(b)
    )
    act = tuple(np.asarray(v) for v in args)
    s0 = None if slope0 is None else np.asarray(slope0, dtype=np.float64)
    live = np.ones(size, dtype=bool)
    with np.errstate(all="ignore"):
        for it in range(maxiter):
            if it >= _SWITCH_TO_BISECTION:
                x = 0.5 * (a + b)
            elif it == 0 and x0 is not None:
                x = np.asarray(x0, dtype=np.float64)
            else:
                if it == 1 and x0 is not None and s0 is not None:
                    x = xc - fc / s0
                else:
                    x = xc - fc * (xc - xp) / (fc - fp)
                inside = (x > a) & (x < b)
                if not inside.all():
                    falsi = b - fb * (b - a) / (fb - fa)
                    falsi = np.where((falsi > a) & (falsi < b), falsi, 0.5 * (a + b))
                    x = np.where(inside, x, falsi)
                # xc is an end of the bracket and the root lies on the side of sign(fc):
                # step at least the tolerance that way, to close the bracket near the root
                dirn = np.where(fc > 0, tol, -tol)
                x = np.where((x - xc) * dirn < tol * tol, xc + dirn, x)
            fx = np.asarray(fun(x, *act), dtype=np.float64)
            pos = fx > 0
            a = np.where(pos, x, a)
            fa = np.where(pos, fx, fa)
            b = np.where(pos, b, x)
            fb = np.where(pos, fb, fx)
            step = np.abs(x - xc)
            xp, fp, xc, fc = xc, fc, x, fx
            done = live & ((b - a <= 2.0 * tol) | (step <= tol) | (fx == 0))
            if done.any():
                best = np.where((fx == 0) | (step <= tol), x, np.where(fa < -fb, a, b))
                out[idx[done]] = best[done]
                conv_all[idx[done]] = True
                live &= ~done
                n_live = int(np.count_nonzero(live))
                if n_live == 0:
                    return out, conv_all
                if n_live < 0.8 * live.size:
                    keep = live
                    idx = idx[keep]
                    a, fa, b, fb, xp, fp, xc, fc, tol = (
                        v[keep] for v in (a, fa, b, fb, xp, fp, xc, fc, tol)
                    )
                    if s0 is not None:
                        s0 = s0[keep]
                    act = tuple(v[keep] for v in act)
                    live = np.ones(idx.size, dtype=bool)
    rest = idx[live]
    out[rest] = np.where(fa < -fb, a, b)[live]
    return out, conv_all


def _monotone_root(
    fun: Callable[..., np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    args: tuple[np.ndarray, ...],
    xatol: np.ndarray,
    *,
    f_lo: np.ndarray | None = None,
    f_hi: np.ndarray | None = None,
    x0: np.ndarray | None = None,
    slope0: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Root of a nonincreasing ``fun`` on ``[lo, hi]``, clamped: ``lo`` if ``fun(lo) <= 0``,
    ``hi`` if ``fun(hi) >= 0``. ``f_lo``/``f_hi`` may be given when already known.
    Returns ``(x, converged)``."""
    if f_lo is None:
        f_lo = np.asarray(fun(lo, *args), dtype=np.float64)
    if f_hi is None:
        f_hi = np.asarray(fun(hi, *args), dtype=np.float64)
    at_lo = ~(f_lo > 0)
    at_hi = ~at_lo & ~(f_hi < 0)
    x = np.where(at_lo, lo, hi).astype(np.float64)
    ok = np.ones(lo.shape, dtype=bool)
    mid = ~(at_lo | at_hi)
    n_mid = int(np.count_nonzero(mid))
    if n_mid == mid.size:
        roots, conv = find_root(fun, lo, hi, f_lo, f_hi, args, xatol=xatol, x0=x0, slope0=slope0)
        return roots, conv
    if n_mid:
        sel = np.flatnonzero(mid)
        roots, conv = find_root(
            fun, lo[sel], hi[sel], f_lo[sel], f_hi[sel], tuple(a[sel] for a in args),
            xatol=xatol[sel], x0=None if x0 is None else x0[sel],
            slope0=None if slope0 is None else slope0[sel],
        )
        x[sel] = roots
        ok[sel] = conv
    return x, ok


def _quadratic_start(
    lo: np.ndarray,
    hi: np.ndarray,
    f_lo: np.ndarray,
    f_hi: np.ndarray,
    slope_hi: np.ndarray,
    d1: np.ndarray,
    d2: np.ndarray,
    w1: np.ndarray,
    w2: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """First iterate for the Nash condition, and the model's slope of ``psi`` there.

    The frontier is modelled by the quadratic ``q`` through ``(lo, f_lo)`` and
    ``(hi, f_hi)`` with ``q'(hi) = f'(hi)``; the weighted Nash condition on ``q`` is a
    quadratic equation in ``z = u - hi`` solved in closed form. Falls back to the middle
    of the bracket where the model is unusable (infinite slope, no root inside).
    """
    with np.errstate(all="ignore"):
        L = lo - hi
        D = hi - d1
        A = (f_lo - f_hi - slope_hi * L) / (L * L)
        al = (w1 + 2.0 * w2) * A
        be = (w1 + w2) * slope_hi + 2.0 * w2 * A * D
        ga = w1 * (f_hi - d2) + w2 * D * slope_hi
        disc = np.sqrt(np.maximum(be * be - 4.0 * al * ga, 0.0))
        q = -0.5 * (be + np.where(be >= 0, disc, -disc))
        z1 = q / al
        z2 = ga / q
        z = np.where((z1 >= L) & (z1 <= 0), z1, z2)
        x0 = hi + z
        s0 = 2.0 * al * z + be
        span = hi - lo
        good = np.isfinite(x0) & np.isfinite(s0) & (s0 < 0)
        margin = FRONTIER_START_MARGIN * span
        x0 = np.where(good, np.clip(x0, lo + margin, hi - margin), 0.5 * (lo + hi))
        s0 = np.where(good, s0, np.nan)
    return x0, s0


@dataclass(frozen=True, eq=False)
class Frontier:
    """A batch of frontier problems as flat arrays (``n`` problems).

    ``f(u, **params)`` (and ``df`` when given) are called with 1-d arrays of any length and
    the matching 1-d slices of the parameters. ``f_lo`` and ``f_hi`` cache ``f`` at
    ``max(d1, 0)`` and at ``x_max`` (filled in by validation).
    """

    f: Callable[..., Any]
    df: Callable[..., Any] | None
    names: tuple[str, ...]
    params: tuple[np.ndarray, ...]
    x_max: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    batch_shape: tuple[int, ...]
    f_lo: np.ndarray | None = None
    f_hi: np.ndarray | None = None

    @property
    def size(self) -> int:
        return int(self.x_max.shape[0])

    @property
    def lo(self) -> np.ndarray:
        """Left end of the rational part: ``max(d1, 0)``."""
        return np.maximum(self.d1, 0.0)

    # -------------------------------------------------------------- evaluation
    def _kw(self, params: tuple[np.ndarray, ...]) -> dict[str, np.ndarray]:
        return dict(zip(self.names, params))

    def value(self, u: np.ndarray, x_max: np.ndarray, params: tuple[np.ndarray, ...]) -> np.ndarray:
        """``F(u) = f(clip(u, 0, x_max))``."""
        uc = np.minimum(np.maximum(u, 0.0), x_max)
        return np.asarray(self.f(uc, **self._kw(params)), dtype=np.float64)

    def slope(self, u: np.ndarray, x_max: np.ndarray, params: tuple[np.ndarray, ...]) -> np.ndarray:
        """``f'(u)`` for ``0 <= u <= x_max``: ``df`` when given, else a central difference
        with step ``eps**(1/3) x_max`` (one-sided at the ends of the domain)."""
        kw = self._kw(params)
        if self.df is not None:
            return np.asarray(self.df(u, **kw), dtype=np.float64)
        h = CBRT_EPS * x_max
        up = np.minimum(u + h, x_max)
        um = np.maximum(u - h, 0.0)
        both = np.concatenate([up, um])
        kw2 = {k: np.concatenate([v, v]) if np.ndim(v) else v for k, v in kw.items()}
        vals = np.asarray(self.f(both, **kw2), dtype=np.float64)
        n = u.shape[0]
        return (vals[:n] - vals[n:]) / (up - um)

    def scale(self) -> np.ndarray:
        return np.abs(self.x_max)

    def _ends(self) -> tuple[np.ndarray, np.ndarray]:
        f_lo = self.f_lo if self.f_lo is not None else self.value(self.lo, self.x_max, self.params)
        f_hi = self.f_hi if self.f_hi is not None else self.value(self.x_max, self.x_max, self.params)
        return f_lo, f_hi

    # -------------------------------------------------------------- blocks
    def block(self, sl: slice) -> Frontier:
        """The problems ``sl`` of the batch (views, no copies)."""
        return replace(
            self, params=tuple(p[sl] for p in self.params), x_max=self.x_max[sl], d1=self.d1[sl],
            d2=self.d2[sl], f_lo=None if self.f_lo is None else self.f_lo[sl],
            f_hi=None if self.f_hi is None else self.f_hi[sl], batch_shape=(len(self.x_max[sl]),),
        )

    def _by_blocks(self, method: str, *arrays: np.ndarray) -> tuple[np.ndarray, ...]:
        """Run ``method`` on cache-sized blocks of :data:`BLOCK` problems and join the results."""
        n = self.size
        if n <= BLOCK:
            return getattr(self, method)(*arrays)
        outs: list[np.ndarray] = []
        for start in range(0, n, BLOCK):
            sl = slice(start, min(start + BLOCK, n))
            res = getattr(self.block(sl), method)(*(a[sl] for a in arrays))
            if not outs:
                outs = [np.empty((n,) + np.shape(r)[1:], dtype=np.asarray(r).dtype) for r in res]
            for o, r in zip(outs, res):
                o[sl] = r
        return tuple(outs)

    def ideal(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(a1, a2, converged)``: the best each player can get in the rational part."""
        return self._by_blocks("_ideal")  # type: ignore[return-value]

    def nash(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Weighted Nash points ``(u1, u2, converged)`` (see :meth:`_nash`)."""
        return self._by_blocks("_nash", w1, w2)  # type: ignore[return-value]

    def kalai_smorodinsky(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Kalai-Smorodinsky points ``(u1, u2, ideal, converged)``."""
        return self._by_blocks("_kalai_smorodinsky")  # type: ignore[return-value]

    def egalitarian(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Proportional points ``(u1, u2, converged)``."""
        return self._by_blocks("_egalitarian", w1, w2)  # type: ignore[return-value]

    def utilitarian(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, ...]:
        """Utilitarian segments ``(u1_left, u1_right, ideal_u1, converged)``."""
        return self._by_blocks("_utilitarian", w1, w2)

    # -------------------------------------------------------------- ideal point
    def _upper_end(self) -> tuple[np.ndarray, np.ndarray]:
        """Largest ``u1 <= x_max`` with ``F(u1) >= d2`` (the ideal point's first entry)."""

        def g(u: np.ndarray, x_max: np.ndarray, d2: np.ndarray, *params: np.ndarray) -> np.ndarray:
            return np.asarray(self.f(u, **self._kw(params)), dtype=np.float64) - d2

        f_lo, f_hi = self._ends()
        args = (self.x_max, self.d2, *self.params)
        return _monotone_root(
            g, self.lo, self.x_max.copy(), args, XTOL * self.scale(), f_lo=f_lo - self.d2,
            f_hi=f_hi - self.d2,
        )

    def _ideal(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(a1, a2, converged)``: the best each player can get in the rational part."""
        a2, _ = self._ends()
        a1, ok = self._upper_end()
        return a1, a2.copy(), ok

    # -------------------------------------------------------------- solutions
    def _nash(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Weighted Nash point: root of ``psi(u) = w1 (F(u) - d2) + w2 (u - d1) F'(u)``.

        ``psi`` has the sign of the derivative of the log Nash product, which is concave along
        a concave frontier, so ``psi`` changes sign once on ``[max(d1, 0), x_max]``. The first
        iterate is the weighted Nash point of the chord between the ends of the frontier.
        """

        def psi(u: np.ndarray, x_max: np.ndarray, d1: np.ndarray, d2: np.ndarray,
                w1: np.ndarray, w2: np.ndarray, *params: np.ndarray) -> np.ndarray:
            # iterates stay strictly inside [max(d1, 0), x_max]: no clipping needed
            value = np.asarray(self.f(u, **self._kw(params)), dtype=np.float64)
            return w1 * (value - d2) + w2 * (u - d1) * self.slope(u, x_max, params)

        lo, hi = self.lo, self.x_max
        f_lo, f_hi = self._ends()
        psi_lo = w1 * (f_lo - self.d2)
        inside = lo > self.d1  # d1 < 0: the left end is u1 = 0, where the slope term counts
        if inside.any():
            sel = np.flatnonzero(inside)
            sl = self.slope(lo[sel], hi[sel], tuple(p[sel] for p in self.params))
            psi_lo[sel] += w2[sel] * (lo[sel] - self.d1[sel]) * sl
        with np.errstate(divide="ignore", invalid="ignore"):
            slope_hi = self.slope(hi, hi, self.params)  # may be -inf (vertical end)
        psi_hi = w1 * (f_hi - self.d2) + w2 * (hi - self.d1) * slope_hi
        x0, s0 = _quadratic_start(lo, hi, f_lo, f_hi, slope_hi, self.d1, self.d2, w1, w2)
        args = (self.x_max, self.d1, self.d2, w1, w2, *self.params)
        u1, ok = _monotone_root(
            psi, lo, hi.copy(), args, XTOL * self.scale(), f_lo=psi_lo, f_hi=psi_hi, x0=x0,
            slope0=s0,
        )
        return u1, self.value(u1, self.x_max, self.params), ok

    def _kalai_smorodinsky(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Point where the segment from ``d`` to the ideal point meets the frontier."""
        a1, a2, ok1 = self._ideal()

        def g(t: np.ndarray, x_max: np.ndarray, d1: np.ndarray, d2: np.ndarray,
              a1: np.ndarray, a2: np.ndarray, *params: np.ndarray) -> np.ndarray:
            return self.value(d1 + t * (a1 - d1), x_max, params) - (d2 + t * (a2 - d2))

        zero = np.zeros(self.size)
        one = np.ones(self.size)
        args = (self.x_max, self.d1, self.d2, a1, a2, *self.params)
        t, ok2 = _monotone_root(g, zero, one, args, np.full(self.size, XTOL))
        u1 = self.d1 + t * (a1 - self.d1)
        u2 = self.d2 + t * (a2 - self.d2)
        return u1, u2, np.stack([a1, a2], axis=-1), ok1 & ok2

    def _egalitarian(self, w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Largest ``t`` with ``d + t w`` feasible (gains in proportion to the weights)."""

        def g(t: np.ndarray, x_max: np.ndarray, d1: np.ndarray, d2: np.ndarray,
              w1: np.ndarray, w2: np.ndarray, *params: np.ndarray) -> np.ndarray:
            return self.value(d1 + t * w1, x_max, params) - (d2 + t * w2)

        zero = np.zeros(self.size)
        t_hi = (self.x_max - self.d1) / w1
        args = (self.x_max, self.d1, self.d2, w1, w2, *self.params)
        t, ok = _monotone_root(g, zero, t_hi, args, XTOL * np.abs(t_hi))
        u1 = self.d1 + t * w1
        u2 = self.d2 + t * w2
        # lexicographic refinement on the flat parts of the comprehensive set
        lo = np.maximum(self.d1, 0.0)
        left = u1 < lo
        if left.any():
            u2 = np.where(left, self.value(lo, self.x_max, self.params), u2)
            u1 = np.where(left, lo, u1)
        # the root in t is found to XTOL * t_hi, so u1 lands within that of x_max from below
        right = u1 >= self.x_max - 4 * XTOL * (self.x_max - self.d1)
        if right.any():
            u2 = np.where(right, np.maximum(u2, self.value(self.x_max, self.x_max, self.params)), u2)
            u1 = np.where(right, np.minimum(u1, self.x_max), u1)
        return u1, u2, ok

    def _utilitarian(
        self, w1: np.ndarray, w2: np.ndarray, rtol: float = UTILITARIAN_SLOPE_RTOL
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Maximisers of ``w1 u1 + w2 u2`` on the rational frontier, as a segment.

        The derivative ``w1 + w2 F'(u)`` is nonincreasing; the segment is where it lies in
        ``[-tau, tau]`` with ``tau = rtol * w1``. Returns ``(u1_left, u1_right, ideal_u1, ok)``.
        """
        lo = np.maximum(self.d1, 0.0)
        a1, ok0 = self._upper_end()
        tau = rtol * w1

        def g(u: np.ndarray, x_max: np.ndarray, w1: np.ndarray, w2: np.ndarray,
              shift: np.ndarray, *params: np.ndarray) -> np.ndarray:
            return w1 + w2 * self.slope(u, x_max, params) + shift

        xatol = XTOL * self.scale()
        left, ok1 = _monotone_root(g, lo, a1, (self.x_max, w1, w2, -tau, *self.params), xatol)
        right, ok2 = _monotone_root(g, lo, a1, (self.x_max, w1, w2, tau, *self.params), xatol)
        return left, np.maximum(left, right), a1, ok0 & ok1 & ok2
