"""Kernels behind :func:`bargain.repeated.critical_delta`: incentive ingredients and thresholds.

Every threshold of a pure target profile ``(r, c)`` is a function of a few stage payoffs per
player ``i``: the target payoff ``R_i``, the best one-shot deviation ``D_i``, the punishment
``P_i`` (and, for tit-for-tat, the sucker payoff ``S_i`` and the best reply ``Q_i`` to the
punishing action). The float kernels here take those as arrays of shape ``batch + (2,)``
together with a per-player tie tolerance (``tol`` x the player's payoff range) and return
thresholds with no Python loop over the batch; the exact twins take :class:`Fraction`
scalars and decide ties exactly.

The 2x2 fast path (:func:`grim_ingredients_2x2`) computes ``D``, ``R`` and the punishment
``P_i`` = the stage-equilibrium payoff worst for player ``i`` straight from the payoff cells,
with the sign-pattern tables of the 2x2 equilibrium kernel (:mod:`bargain.core.two_by_two`):
a player's equilibrium payoff depends only on the opponent's equilibrium strategy (it is
that player's best-response value), so ``P_1`` is the smallest of ``max(A00, A10)`` (column
plays c0), ``max(A01, A11)`` (c1) and the row player's indifference payoff at ``q*``, over
those of the three column strategies that occur in an equilibrium of the game's sign
pattern. It works cell by cell on cache-sized chunks relative to the cell ``(0, 0)`` of each
player, so no shift or scale of either player's payoffs changes a decision.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._thresholds import (
    K_PERIOD_BISECTION_STEPS,
    K_PERIOD_BRACKET_BITS,
    K_PERIOD_RATIONAL_DENOMINATOR,
    THRESHOLD_CHUNK,
)
from bargain.core.two_by_two import PATTERNS, sign3

__all__ = [
    "grim_ingredients_2x2",
    "grim_thresholds",
    "grim_threshold_exact",
    "k_period_thresholds",
    "k_period_threshold_exact",
    "tft_intervals",
    "tft_interval_exact",
    "combine_players",
    "noisy",
]


def _kinds(name: str, value: float | None) -> np.ndarray:
    """Per sign pattern: does some equilibrium give this player's strategy the kind (1, 0, or *)."""
    valid = PATTERNS["slots"] >= 0
    if value is None:
        hit = PATTERNS[f"{name}_star"] & valid
    else:
        hit = (PATTERNS[f"{name}_const"] == value) & valid
    out = hit.any(axis=1)
    out.setflags(write=False)
    return out


#: For each of the 81 sign patterns: an equilibrium where the column plays c0 / c1 / mixes (q*),
#: and where the row plays r0 / r1 / mixes (p*).
_Q_ONE, _Q_ZERO, _Q_STAR = _kinds("q", 1.0), _kinds("q", 0.0), _kinds("q", None)
_P_ONE, _P_ZERO, _P_STAR = _kinds("p", 1.0), _kinds("p", 0.0), _kinds("p", None)
#: The same as one table (opponent plays its first action / second / mixes, player, 81).
_KINDS = np.ascontiguousarray(np.array([[_Q_ONE, _P_ONE], [_Q_ZERO, _P_ZERO], [_Q_STAR, _P_STAR]]))
_KINDS.setflags(write=False)
_NO_KINDS = ~_KINDS
_NO_KINDS.setflags(write=False)
#: Cells (00, 01, 10, 11) of B read as the column player's view (B transposed).
_TRANSPOSE = np.array([0, 2, 1, 3])


def grim_ingredients_2x2(
    A: np.ndarray,
    B: np.ndarray,
    target: tuple[int, int],
    tol: float,
    rule: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(D, R, P, per_player, code)`` of a batch of 2x2 games under Nash reversion.

    ``D``, ``R``, ``P`` have shape ``batch + (2,)`` and are in the game's own units (``P`` the
    stage-equilibrium payoff worst for each player, pure or mixed); ``per_player`` is
    ``rule(gain, loss, tie)`` with ``gain = D - R``, ``loss = R - P`` and ``tie = tol x range``
    per player, evaluated chunk by chunk (so no temporary is larger than a chunk); ``code``
    is the sign pattern (an index into :data:`bargain.core.two_by_two.PATTERNS`), decided
    within ``tie``.
    """
    batch = A.shape[:-2]
    a4 = A.reshape(-1, 4)
    b4 = B.reshape(-1, 4)
    total = a4.shape[0]
    r, c = target
    # player views: own action x opponent action, cells (00, 01, 10, 11): A for the row player,
    # B transposed for the column player, so one expression serves both players. Arrays are
    # laid out (cell, player, game) so that every operation runs over contiguous games.
    own = (2 * r + c, 2 * c + r)
    dev = ((c, 2 + c), (r, 2 + r))
    out_d = np.empty((2, total))
    out_r = np.empty((2, total))
    out_p = np.empty((2, total))
    out_x = np.empty((2, total))
    code = np.empty(total, dtype=np.uint8)
    with np.errstate(divide="ignore", invalid="ignore"):
        for lo in range(0, total, THRESHOLD_CHUNK):
            hi = min(lo + THRESHOLD_CHUNK, total)
            size = hi - lo
            M = np.empty((4, 2, size))
            ref = np.empty((2, size))
            ref[0] = a4[lo:hi, 0]
            ref[1] = b4[lo:hi, 0]
            M[0] = 0.0
            for j in (1, 2, 3):  # relative to cell (0, 0): exact for nearby payoffs, shift-free
                np.subtract(a4[lo:hi, j], ref[0], out=M[j, 0])
                np.subtract(b4[lo:hi, _TRANSPOSE[j]], ref[1], out=M[j, 1])
            e1, e2, e3 = M[1], M[2], M[3]
            tie = np.maximum(np.maximum(e1, e2), np.maximum(e3, 0.0))  # (short-axis reductions are slow)
            tie -= np.minimum(np.minimum(e1, e2), np.minimum(e3, 0.0))
            tie *= tol
            # the 2x2 kernel's differences: (a, b) for the row player, (c, d) for the column player
            y = e1 - e3  # (and x = -e2, whose sign code is taken from e2 directly)
            s = ((e2 < -tie).view(np.uint8) + (e2 <= tie).view(np.uint8)) * np.uint8(3)
            s += sign3(y, tie)
            k = code[lo:hi]
            np.multiply(s[0], 9, out=k)
            k += s[1]
            star = y / (y + e2)  # q* = b / (b - a) for the row player, p* = d / (d - c) for the column
            # own equilibrium payoff given the opponent's strategy: its first action, second, mixed
            value = np.empty((3, 2, size))
            np.maximum(e2, 0.0, out=value[0])
            np.maximum(e1, e3, out=value[1])
            np.multiply(1.0 - star, e1, out=value[2])
            np.copyto(value, np.inf, where=_NO_KINDS.take(k, axis=2))
            pp = np.minimum(np.minimum(value[0], value[1]), value[2])
            rr = np.empty((2, size))
            rr[0] = M[own[0], 0]
            rr[1] = M[own[1], 1]
            dd = np.empty((2, size))
            np.maximum(M[dev[0][0], 0], M[dev[0][1], 0], out=dd[0])
            np.maximum(M[dev[1][0], 1], M[dev[1][1], 1], out=dd[1])
            out_x[:, lo:hi] = rule(dd - rr, rr - pp, tie)
            np.add(rr, ref, out=out_r[:, lo:hi])
            np.add(dd, ref, out=out_d[:, lo:hi])
            np.add(pp, ref, out=out_p[:, lo:hi])
    shape = batch + (2,)

    def back(arr: np.ndarray) -> np.ndarray:  # (2, total) -> batch + (2,), a view
        return arr.T.reshape(shape)

    return back(out_d), back(out_r), back(out_p), back(out_x), code.reshape(batch)


# ----------------------------------------------------------------------------- grim (and minmax)
def grim_thresholds(
    gain: np.ndarray, loss: np.ndarray, tie: np.ndarray, noise: float
) -> np.ndarray:
    """Per-player grim thresholds ``(D - R) / ((1 - eps)(D - P))`` (0: no gain; inf: none works).

    ``gain = D - R``, ``loss = R - P``; a gain within ``tie`` is no gain, a loss within ``tie``
    no loss (the punishment does not hurt: no discount factor below 1 works).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = gain + loss
        if noise:
            ratio *= 1.0 - noise
        np.divide(gain, ratio, out=ratio)
    if noise:  # without noise a positive loss keeps the ratio below 1
        np.copyto(ratio, np.inf, where=~(ratio < 1.0))
    np.copyto(ratio, np.inf, where=loss <= tie)
    np.copyto(ratio, 0.0, where=gain <= tie)
    return ratio


def noisy(per_player: np.ndarray, noise: Any) -> np.ndarray:
    """Noisy grim thresholds from the noiseless ones: ``delta / (1 - eps)``, inf from 1 on.

    With a public signal that reads cooperation as defection with probability ``eps`` the
    threshold ``(D - R) / ((1 - eps)(D - P))`` is the noiseless one over ``1 - eps``; ``noise``
    broadcasts against the batch (``per_player`` has shape ``batch + (2,)``).
    """
    eps = np.asarray(noise, dtype=float)[..., None]
    scaled = per_player / (1.0 - eps)
    return np.where(per_player == 0, 0.0, np.where(scaled < 1.0, scaled, np.inf))


def grim_threshold_exact(gain: Fraction, loss: Fraction, noise: Fraction) -> Fraction | None:
    """Exact grim threshold of one player; ``None`` when no discount factor below 1 works."""
    if gain <= 0:
        return Fraction(0)
    if loss <= 0:
        return None
    ratio = gain / ((1 - noise) * (gain + loss))
    return ratio if ratio < 1 else None


# ----------------------------------------------------------------------------- k-period punishment
def k_period_thresholds(gain: np.ndarray, loss: np.ndarray, tie: np.ndarray, k: int) -> np.ndarray:
    """Per-player smallest ``delta`` with ``delta + ... + delta^k >= (D - R) / (R - P)``.

    Closed form for ``k <= 2``; otherwise vectorised bisection on the increasing polynomial
    (``K_PERIOD_BISECTION_STEPS`` halvings, the upper end returned, so the inequality holds).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = gain / loss
    ok = (gain > tie) & (loss > tie) & (ratio < k)
    c = np.where(ok, ratio, 0.0)
    if k == 1:
        root = c
    elif k == 2:
        root = (np.sqrt(1.0 + 4.0 * c) - 1.0) / 2.0
    else:
        lo = np.zeros_like(c)
        hi = np.ones_like(c)
        for _ in range(K_PERIOD_BISECTION_STEPS):
            mid = 0.5 * (lo + hi)
            up = _geometric(mid, k) >= c
            hi = np.where(up, mid, hi)
            lo = np.where(up, lo, mid)
        root = hi
    out = np.where(ok, root, np.inf)
    out = np.where(gain <= tie, 0.0, out)
    return out


def _geometric(x: np.ndarray, k: int) -> np.ndarray:
    """``x + x^2 + ... + x^k`` for ``0 <= x < 1``."""
    return x * (1.0 - x**k) / (1.0 - x)


def _geometric_exact(x: Fraction, k: int) -> Fraction:
    return k if x == 1 else x * (1 - x**k) / (1 - x)


def k_period_threshold_exact(
    gain: Fraction, loss: Fraction, k: int
) -> tuple[Fraction | None, tuple[Fraction, Fraction] | None, bool]:
    """Exact k-period threshold of one player: ``(value, bracket, sustainable)``.

    ``value`` is the threshold when it is rational (found by the rational-root check of
    the float root), else ``None`` and ``bracket = (lo, hi)`` are dyadic Fractions with
    ``S_k(lo) < c <= S_k(hi)`` and ``hi - lo = 2**-K_PERIOD_BRACKET_BITS``: the algebraic
    root lies in ``(lo, hi]``, certified by exact evaluation.
    """
    if gain <= 0:
        return Fraction(0), None, True
    if loss <= 0:
        return None, None, False
    c = gain / loss
    if c >= k:
        return None, None, False
    guess = float(k_period_thresholds(np.array(float(gain)), np.array(float(loss)), np.array(0.0), k))
    if np.isfinite(guess):
        cand = Fraction(guess).limit_denominator(K_PERIOD_RATIONAL_DENOMINATOR)
        if 0 < cand < 1 and _geometric_exact(cand, k) == c:
            return cand, None, True
    # exact bisection on dyadic rationals: S_k(lo) < c <= S_k(hi) throughout
    lo, hi = Fraction(0), Fraction(1)
    for _ in range(K_PERIOD_BRACKET_BITS):
        mid = (lo + hi) / 2
        if _geometric_exact(mid, k) >= c:
            hi = mid
        else:
            lo = mid
    return None, (lo, hi), True


# ----------------------------------------------------------------------------- tit-for-tat
def _halfline(alpha: np.ndarray, beta: np.ndarray, tie: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``{delta in [0, 1): delta alpha >= beta}`` as ``[lo, hi]`` (lo = inf when empty)."""
    inf = np.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        q = beta / alpha
    beta_pos = beta > tie
    pos = alpha > tie
    neg = alpha < -tie
    lo = np.where(pos, np.where(beta_pos, q, 0.0), np.where(beta_pos, inf, 0.0))
    hi = np.where(neg & ~beta_pos, np.where(beta < -tie, q, 0.0), 1.0)
    return lo, hi


def tft_intervals(
    R: np.ndarray, T: np.ndarray, S: np.ndarray, Q: np.ndarray, tie: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per-player discount factors at which tit-for-tat is a best reply to tit-for-tat.

    Against tit-for-tat the deviator faces a two-state decision problem (the opponent
    cooperates, or punishes this period); its stationary alternatives to cooperating for
    ever are defecting for ever (value ``T + delta Q / (1 - delta)``) and alternating
    defect/cooperate (``(T + delta S) / (1 - delta^2)``). Cooperation is optimal iff
    ``delta (T - Q) >= T - R`` and ``delta (R - S) >= T - R``. Returns ``(lo, hi)``: the set
    is ``[lo, hi]`` (``hi = 1`` meaning up to 1), ``lo = inf`` when empty.
    """
    lo1, hi1 = _halfline(T - Q, T - R, tie)
    lo2, hi2 = _halfline(R - S, T - R, tie)
    lo = np.maximum(lo1, lo2)
    hi = np.minimum(hi1, hi2)
    empty = (lo > hi) | (lo >= 1.0)
    return np.where(empty, np.inf, lo), np.where(empty, np.nan, hi)


def _halfline_exact(alpha: Fraction, beta: Fraction) -> tuple[Fraction | None, Fraction]:
    if alpha > 0:
        return (beta / alpha if beta > 0 else Fraction(0)), Fraction(1)
    if beta > 0:
        return None, Fraction(1)
    if alpha < 0:
        return Fraction(0), beta / alpha
    return Fraction(0), Fraction(1)


def tft_interval_exact(
    R: Fraction, T: Fraction, S: Fraction, Q: Fraction
) -> tuple[Fraction, Fraction] | None:
    """Exact twin of :func:`tft_intervals` for one player: ``(lo, hi)`` or ``None`` (empty)."""
    lo1, hi1 = _halfline_exact(T - Q, T - R)
    lo2, hi2 = _halfline_exact(R - S, T - R)
    if lo1 is None or lo2 is None:
        return None
    lo, hi = max(lo1, lo2), min(hi1, hi2)
    if lo > hi or lo >= 1:
        return None
    return lo, hi


def combine_players(per_player: np.ndarray) -> np.ndarray:
    """The profile's threshold: the larger of the two players' (inf if either has none)."""
    return np.maximum(per_player[..., 0], per_player[..., 1])


def fraction_max(values: Any) -> Fraction | None:
    """Largest of exact thresholds, ``None`` (no discount factor works) if any is ``None``."""
    vals = list(values)
    return None if any(v is None for v in vals) else max(vals)
