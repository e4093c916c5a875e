"""Equations of the logit-QRE branch for the tracer in :mod:`bargain.solvers.dynamics._qre_trace` (private).

Each *system* holds the payoff data of a working set of games and gives, batch-last
(one row per coordinate, one column per game): the residual ``H(w)`` at points
``w = (z, mu)``, its Jacobian, a solve of the Jacobian bordered by one extra row, the
oriented tangent (kernel of the Jacobian) and the orientation sign.

``ReducedSystem2x2`` eliminates ``beta`` of a 2x2 game in closed form, so its branch is a plane
curve ``f(alpha, mu) = 0``; ``GeneralSystem`` handles m x n games with stacked
matrices. ``solve_unique_2x2`` solves 2x2 games directly where their QRE is unique;
``certify_unique_2x2`` proves that uniqueness beyond the simple slope bound.
"""

from __future__ import annotations

import numpy as np

from bargain._thresholds import QRE_BRACKET_RTOL, QRE_CERTIFY_MARGIN, QRE_CERTIFY_SLOPE, QRE_NEWTON_TOL
from bargain.core.kernels import logit_response

__all__ = [
    "ReducedSystem2x2",
    "SymmetricSystem2x2",
    "GeneralSystem",
    "SymmetricSystem",
    "params_2x2",
    "solve_unique_2x2",
    "certify_unique_2x2",
    "sigmoid",
    "profile_from_z",
    "NEWTON_TOL",
]

NEWTON_TOL = QRE_NEWTON_TOL     # |H|_inf <= NEWTON_TOL * max(1, mu, |alpha|)


# --------------------------------------------------------------------------- helpers
def sigmoid(v: np.ndarray) -> np.ndarray:
    """The logistic function: the probability of the second of two actions with log-odds ``v``.

    The scalar form of the 2x2 hot loops (the softmax itself is
    :func:`bargain.core.kernels.logit_response`).
    """
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-v))


def _probabilities(log_odds: np.ndarray) -> np.ndarray:
    """Choice probabilities from log-odds relative to the first action: the softmax of ``(0, v)``."""
    zero = np.zeros(log_odds.shape[:-1] + (1,))
    return logit_response(np.concatenate([zero, log_odds], axis=-1), 1.0)


def profile_from_z(z: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Strategies ``(x, y)`` from log-odds coordinates ``z = (alpha, beta)`` (last axis)."""
    return _probabilities(z[..., : m - 1]), _probabilities(z[..., m - 1 :])


# --------------------------------------------------------------------------- 2x2
class ReducedSystem2x2:
    """2x2 games: beta eliminated (``beta = mu E(x)``), one equation ``f(alpha, mu) = 0``.

    With ``x1 = sigmoid(alpha)``, ``E = c0 + c1 x1``, ``y1 = sigmoid(mu E)`` and
    ``D = a0 + a1 y1``, the principal branch is a curve in the plane:
    ``f = alpha - mu D = 0``, with ``f_alpha = 1 - mu^2 a1 c1 x1 (1 - x1) y1 (1 - y1)`` and
    ``f_mu = -D - mu a1 y1 (1 - y1) E``. Its tangent is ``(-f_mu, f_alpha)``.
    """

    k = 1
    K = 2

    def __init__(self, par: np.ndarray) -> None:
        self.par = par                       # (4, N): a0, a1, c0, c1 (scaled payoffs)

    def take(self, keep: np.ndarray) -> ReducedSystem2x2:
        return type(self)(self.par[:, keep])

    @staticmethod
    def concat(systems: list[ReducedSystem2x2]) -> ReducedSystem2x2:
        return type(systems[0])(np.concatenate([sy.par for sy in systems], axis=1))

    def _parts(self, al: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, ...]:
        a0, a1, c0, c1 = self.par
        x1 = sigmoid(al)
        E = c0 + c1 * x1
        y1 = sigmoid(mu * E)
        D = a0 + a1 * y1
        return x1, y1, D, E

    def evaluate(self, w: np.ndarray) -> tuple[np.ndarray, tuple]:
        al, mu = w
        a1, c1 = self.par[1], self.par[3]
        x1, y1, D, E = self._parts(al, mu)
        sy = y1 * (1.0 - y1)
        f_al = 1.0 - (mu * mu) * (a1 * c1) * (x1 * (1.0 - x1)) * sy
        f_mu = -D - mu * a1 * sy * E
        return (al - mu * D)[None], (f_al, f_mu)

    @staticmethod
    def solve(jac: tuple, row: np.ndarray, rhs: np.ndarray) -> np.ndarray:
        fa, fm = jac
        r1, r2 = row
        b1, b2 = rhs
        with np.errstate(divide="ignore", invalid="ignore"):
            inv = 1.0 / (fa * r2 - fm * r1)
            return np.stack([(b1 * r2 - fm * b2) * inv, (fa * b2 - r1 * b1) * inv])

    @staticmethod
    def kernel(jac: tuple, t_old: np.ndarray) -> np.ndarray:
        fa, fm = jac
        return _orient(np.stack([-fm, fa]), t_old)

    @staticmethod
    def orientation(jac: tuple, t: np.ndarray) -> np.ndarray:
        """det [[f_alpha, f_mu], t]: its sign is constant along a branch between bifurcations."""
        fa, fm = jac
        return fa * t[1] - fm * t[0]

    def full_z(self, w: np.ndarray) -> np.ndarray:
        """(alpha, beta) rows from (alpha, mu) rows."""
        al, mu = w
        c0, c1 = self.par[2], self.par[3]
        return np.stack([al, mu * (c0 + c1 * sigmoid(al))])


class SymmetricSystem2x2(ReducedSystem2x2):
    """Symmetric 2x2 games (``E = D``): the symmetric branch ``x = y``, ``f = alpha - mu D(x)``.

    ``par`` holds ``(a0, a1)``; ``f_alpha = 1 - mu a1 x1 (1 - x1)``, ``f_mu = -D``.
    """

    def evaluate(self, w: np.ndarray) -> tuple[np.ndarray, tuple]:
        al, mu = w
        a0, a1 = self.par
        x1 = sigmoid(al)
        D = a0 + a1 * x1
        return (al - mu * D)[None], (1.0 - mu * a1 * (x1 * (1.0 - x1)), -D)

    def full_z(self, w: np.ndarray) -> np.ndarray:
        return np.stack([w[0], w[0]])


def params_2x2(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """(4, N) rows a0, a1, c0, c1 with D(y) = a0 + a1 y1 and E(x) = c0 + c1 x1."""
    a0 = A[:, 1, 0] - A[:, 0, 0]
    c0 = B[:, 0, 1] - B[:, 0, 0]
    return np.stack([a0, (A[:, 1, 1] - A[:, 0, 1]) - a0, c0, (B[:, 1, 1] - B[:, 1, 0]) - c0])


def solve_unique_2x2(par: np.ndarray, mu: np.ndarray, max_iter: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """The QRE of 2x2 games where it is unique, by safeguarded Newton on ``f(alpha) = 0``.

    ``par`` is ``(a0, a1, c0, c1)``, or ``(a0, a1)`` for the symmetric branch of a symmetric
    game (``f = alpha - mu D(x)``, unique when ``a1 <= 0`` or ``mu a1 < 4``).
    ``f_alpha >= 1 - mu^2 a1 c1 / 16 > 0`` when ``a1 c1 <= 0`` or ``mu^2 a1 c1 < 16``: then
    ``f`` is increasing and has exactly one root, and every point of the branch up to
    ``mu`` is the unique QRE at its precision, so the root *is* the principal branch.
    The root lies in ``mu [min(a0, a0 + a1), max(a0, a0 + a1)]`` (as ``alpha = mu D``).
    Newton steps that leave the bracket, or follow a step that did not halve ``|f|``,
    are replaced by Illinois false-position steps (Dowell & Jarratt 1971; bisection while
    an endpoint value is unknown): on the steep, step-like ``f`` of large ``mu`` plain
    Newton bounces between the two sides of the step.
    Returns the roots and a mask of converged ones.
    """
    symmetric = par.shape[0] == 2               # (a0, a1) only: the symmetric branch x = y
    if symmetric:
        a0, a1 = (np.ascontiguousarray(r) for r in par)
        c0, c1 = a0, a1
        a1c1 = a1                               # f_alpha = 1 - mu a1 x1 (1 - x1)
    else:
        a0, a1, c0, c1 = (np.ascontiguousarray(r) for r in par)
        a1c1 = a1 * c1
    lo = mu * np.minimum(a0, a0 + a1)
    hi = mu * np.maximum(a0, a0 + a1)
    f_lo = np.full(mu.size, np.nan)
    f_hi = np.full(mu.size, np.nan)
    al = mu * (a0 + a1 * sigmoid(mu * (c0 + 0.5 * c1)))   # one best-response pass from the centre
    if symmetric:
        al = mu * (a0 + 0.5 * a1)
        al = np.where(a1 < 0, _mixed_guess(a0, a1, a0, a1, mu, lo, hi, al), al)
    else:
        al = np.where(a1c1 < 0, _mixed_guess(a0, a1, c0, c1, mu, lo, hi, al), al)
    tol = NEWTON_TOL * np.maximum(np.maximum(1.0, mu), np.maximum(np.abs(lo), np.abs(hi)))
    side = np.zeros(mu.size, dtype=np.int8)
    f_prev = np.full(mu.size, np.inf)
    out = np.full(mu.size, np.nan)
    active = np.arange(mu.size)
    for _ in range(max_iter):
        # f = alpha - mu D(y(alpha)) and its slope, written out (the hot loop)
        x1 = sigmoid(al)
        if symmetric:
            y1 = x1
            fa = mu.copy()
        else:
            E = c1 * x1
            E += c0
            y1 = sigmoid(mu * E)
            fa = mu * mu
        f = a1 * y1
        f += a0
        f *= mu
        np.subtract(al, f, out=f)
        slope = x1 * (1.0 - x1)
        if not symmetric:
            slope *= y1 * (1.0 - y1)
        fa *= a1c1
        fa *= slope
        np.subtract(1.0, fa, out=fa)
        done = np.abs(f) <= tol
        done |= (hi - lo) <= QRE_BRACKET_RTOL * np.maximum(1.0, np.abs(al))
        n_done = np.count_nonzero(done)
        if n_done:
            out[active[done]] = al[done]
            if n_done == active.size:
                break
        if 4 * n_done >= active.size:       # compact once a quarter is done (others idle harmlessly)
            keep = ~done
            active, al, mu, lo, hi, f_lo, f_hi, f_prev, tol, side, fa, f, a0, a1, c0, c1, a1c1 = (
                v[keep]
                for v in (
                    active, al, mu, lo, hi, f_lo, f_hi, f_prev, tol, side, fa, f, a0, a1, c0, c1, a1c1
                )
            )
        pos = f > 0
        # Illinois: an endpoint kept twice in a row has its function value halved
        f_lo = np.where(pos, np.where(side > 0, 0.5 * f_lo, f_lo), f)
        f_hi = np.where(pos, f, np.where(side < 0, 0.5 * f_hi, f_hi))
        lo = np.where(pos, lo, al)
        hi = np.where(pos, al, hi)
        side = pos.astype(np.int8) * 2 - 1
        with np.errstate(divide="ignore", invalid="ignore"):
            nxt = al - f / fa
            fp = (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        fp = np.where((fp > lo) & (fp < hi), fp, 0.5 * (lo + hi))
        # Newton only while it stays in the bracket and at least halves |f| (as in rtsafe)
        abs_f = np.abs(f)
        newton = (nxt >= lo) & (nxt <= hi) & (abs_f <= 0.5 * f_prev)
        f_prev = abs_f
        al = np.where(newton, nxt, fp)
    return out, np.isfinite(out)


def certify_unique_2x2(par: np.ndarray, mu: np.ndarray, iters: int = 3) -> np.ndarray:
    """Mask of 2x2 games (``a1 c1 > 0``) whose QRE at ``mu`` is provably unique.

    ``par`` is ``(a0, a1, c0, c1)`` (scaled payoffs), ``mu`` one precision per column. The
    QRE are the fixed points of ``T(alpha) = mu D(y(alpha))``; when ``a1 c1 > 0``, ``T`` is
    increasing (``T' = mu^2 a1 c1 x1 (1 - x1) y1 (1 - y1)``), so iterating it from the ends
    of ``mu [min(a0, a0 + a1), max(a0, a0 + a1)]``, which holds every fixed point, gives
    monotone sequences ``lo_k <= (smallest QRE) <= (largest QRE) <= hi_k`` (Tarski's
    iteration for an increasing map, as for supermodular games: Topkis 1998, *Supermodularity
    and Complementarity*, ch. 2; Milgrom & Roberts 1990). If, on ``[lo_k, hi_k]`` (widened
    by a rounding margin), an upper bound of ``T'`` stays below 1, then
    ``f = alpha - T(alpha)`` is increasing there, so the QRE is unique at ``mu``. The bound
    multiplies the maxima of ``x1 (1 - x1)`` and ``y1 (1 - y1)`` over the interval (each
    unimodal in the monotone variables ``alpha`` and ``mu E(x)``).

    A unique QRE at ``mu`` is the principal branch's point at ``mu``: the branch is connected
    and meets every precision (McKelvey & Palfrey 1995, Theorem 3; ``f -> +-inf`` as
    ``alpha -> +-inf`` uniformly in ``mu``), so its crossing there is the only root.
    ``iters`` bounds the iterations (loops over iterations only, vectorised over games).
    """
    with np.errstate(over="ignore", invalid="ignore"):     # non-finite values are never certified
        return _certify_unique_2x2(par, mu, iters)


def _certify_unique_2x2(par: np.ndarray, mu: np.ndarray, iters: int) -> np.ndarray:
    a0, a1, c0, c1 = par
    a1c1 = a1 * c1
    lo = mu * np.minimum(a0, a0 + a1)
    hi = mu * np.maximum(a0, a0 + a1)
    cert = np.zeros(mu.size, dtype=bool)
    active = np.flatnonzero(a1c1 > 0)
    a0, a1, c0, c1, a1c1, mu, lo, hi = (v[active] for v in (a0, a1, c0, c1, a1c1, mu, lo, hi))
    for _ in range(iters):
        if active.size == 0:
            break
        lo = mu * (a0 + a1 * sigmoid(mu * (c0 + c1 * sigmoid(lo))))
        hi = mu * (a0 + a1 * sigmoid(mu * (c0 + c1 * sigmoid(hi))))
        margin = QRE_CERTIFY_MARGIN * np.maximum(np.maximum(1.0, mu), np.maximum(np.abs(lo), np.abs(hi)))
        u, v = lo - margin, hi + margin
        bu, bv = mu * (c0 + c1 * sigmoid(u)), mu * (c0 + c1 * sigmoid(v))
        bound = a1c1 * (mu * mu) * _max_var(u, v) * _max_var(np.minimum(bu, bv), np.maximum(bu, bv))
        ok = (bound < QRE_CERTIFY_SLOPE) & (lo <= hi)
        cert[active[ok]] = True
        keep = ~ok
        active, a0, a1, c0, c1, a1c1, mu, lo, hi = (
            v[keep] for v in (active, a0, a1, c0, c1, a1c1, mu, lo, hi)
        )
    return cert


def _max_var(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """max of ``s(w) (1 - s(w))`` (s: logistic) over ``w`` in ``[u, v]`` (unimodal, peak at 0)."""
    w = np.where((u <= 0.0) & (v >= 0.0), 0.0, np.minimum(np.abs(u), np.abs(v)))
    e = np.exp(-w)                              # w >= 0: s(w) s(-w) = e / (1 + e)^2, no cancellation
    return e / ((1.0 + e) * (1.0 + e))


def _mixed_guess(
    a0: np.ndarray, a1: np.ndarray, c0: np.ndarray, c1: np.ndarray, mu: np.ndarray,
    lo: np.ndarray, hi: np.ndarray, default: np.ndarray,
) -> np.ndarray:
    """Start near the interior Nash equilibrium when ``mu`` is large (matching-pennies class).

    Along the branch ``D(y) = alpha / mu`` and ``E(x) = beta / mu``; with ``alpha`` and
    ``beta`` of order one near the mixed equilibrium ``(x*, y*)`` this gives
    ``x1 ~ x* + logit(y*) / (mu c1)``, a start within ``O(1 / mu^2)`` of the root where
    the centre-based start would need many bracketing steps to find the narrow zone
    where ``f`` climbs.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        xs = -c0 / c1
        ys = -a0 / a1
        interior = (xs > 0) & (xs < 1) & (ys > 0) & (ys < 1) & (mu * np.sqrt(-a1 * c1) > 4.0)
        x1 = np.clip(xs + np.log(ys / (1.0 - ys)) / (mu * c1), 1e-300, 1.0 - 1e-16)
        guess = np.clip(np.log(x1 / (1.0 - x1)), lo, hi)
    return np.where(interior & np.isfinite(guess), guess, default)


# --------------------------------------------------------------------------- m x n
class GeneralSystem:
    """H, Jacobian, solves and tangents for m x n games (stacked matrices)."""

    def __init__(self, A: np.ndarray, B: np.ndarray) -> None:
        self.m, self.n = A.shape[1:]
        self.k = self.m + self.n - 2
        self.K = self.k + 1
        self.Ad = A[:, 1:, :] - A[:, :1, :]                       # (N, m-1, n)
        self.Bd = np.swapaxes(B[:, :, 1:] - B[:, :, :1], 1, 2)    # (N, n-1, m)

    def take(self, keep: np.ndarray) -> GeneralSystem:
        new = object.__new__(type(self))
        new.m, new.n, new.k, new.K = self.m, self.n, self.k, self.K
        new.Ad, new.Bd = self.Ad[keep], self.Bd[keep]
        return new

    @staticmethod
    def concat(systems: list[GeneralSystem]) -> GeneralSystem:
        new = systems[0].take(slice(None))
        new.Ad = np.concatenate([sy.Ad for sy in systems])
        new.Bd = np.concatenate([sy.Bd for sy in systems])
        return new

    def evaluate(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m1, k = self.m - 1, self.k
        al, be, mu = w[:m1].T, w[m1:k].T, w[k]
        x = _probabilities(al)
        y = _probabilities(be)
        D = np.matmul(self.Ad, y[:, :, None])[:, :, 0]           # (g, m-1)
        E = np.matmul(self.Bd, x[:, :, None])[:, :, 0]           # (g, n-1)
        H = np.concatenate([al - mu[:, None] * D, be - mu[:, None] * E], axis=1).T
        g = mu.size
        J = np.zeros((g, k, self.K))
        diag = np.arange(k)
        J[:, diag, diag] = 1.0
        # dD_i/dbeta_l = y_l (Ad[i, l] - D_i);  dE_j/dalpha_l = x_l (Bd[j, l] - E_j)
        J[:, :m1, m1:k] = -mu[:, None, None] * (y[:, None, 1:] * (self.Ad[:, :, 1:] - D[:, :, None]))
        J[:, m1:k, :m1] = -mu[:, None, None] * (x[:, None, 1:] * (self.Bd[:, :, 1:] - E[:, :, None]))
        J[:, :m1, k] = -D
        J[:, m1:k, k] = -E
        return H, J

    def solve(self, jac: np.ndarray, row: np.ndarray, rhs: np.ndarray) -> np.ndarray:
        M = np.concatenate([jac, row.T[:, None, :]], axis=1)
        return _robust_solve(M, rhs.T).T

    def full_z(self, w: np.ndarray) -> np.ndarray:
        return w[: self.k]

    @staticmethod
    def orientation(jac: np.ndarray, t: np.ndarray) -> np.ndarray:
        M = np.concatenate([jac, t.T[:, None, :]], axis=1)
        return np.linalg.det(np.where(np.isfinite(M), M, 0.0))

    def kernel(self, jac: np.ndarray, t_old: np.ndarray) -> np.ndarray:
        M = np.concatenate([jac, t_old.T[:, None, :]], axis=1)
        e = np.zeros((M.shape[0], self.K))
        e[:, -1] = 1.0
        return _orient(_robust_solve(M, e).T, t_old)


class SymmetricSystem(GeneralSystem):
    """Symmetric m x m games (``E = D``): the symmetric branch ``x = y``, ``alpha = mu D(x)``."""

    def __init__(self, A: np.ndarray, B: np.ndarray) -> None:
        super().__init__(A, B)
        self.k = self.m - 1
        self.K = self.m
        self.Bd = self.Ad

    def evaluate(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        k = self.k
        al, mu = w[:k].T, w[k]
        x = _probabilities(al)
        D = np.matmul(self.Ad, x[:, :, None])[:, :, 0]
        g = mu.size
        J = np.zeros((g, k, self.K))
        J[:, :, :k] = np.eye(k) - mu[:, None, None] * (x[:, None, 1:] * (self.Ad[:, :, 1:] - D[:, :, None]))
        J[:, :, k] = -D
        return (al - mu[:, None] * D).T, J

    def full_z(self, w: np.ndarray) -> np.ndarray:
        return np.concatenate([w[: self.k], w[: self.k]])


def _robust_solve(M: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Batched solve; singular or non-finite systems give NaN instead of raising."""
    finite = np.isfinite(M).all(axis=(1, 2))
    M = np.where(finite[:, None, None], M, np.eye(M.shape[1]))
    try:
        out = np.linalg.solve(M, rhs[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:
        det = np.linalg.det(M)
        bad = np.abs(det) <= 1e-300
        M[bad] = np.eye(M.shape[1])
        out = np.linalg.solve(M, rhs[:, :, None])[:, :, 0]
        out[bad] = np.nan
    out[~finite] = np.nan
    return out


def _orient(tau: np.ndarray, t_old: np.ndarray) -> np.ndarray:
    norm = np.sqrt((tau * tau).sum(axis=0))
    sign = np.where((tau * t_old).sum(axis=0) < 0, -1.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return tau * (sign / norm)


