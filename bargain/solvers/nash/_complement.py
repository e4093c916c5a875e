"""Extreme equilibria from one best-response polytope's vertices (private).

When every vertex of one polytope (``own``: ``P`` or ``Q``, certified by
:func:`~bargain.solvers.nash._hull.hull_vertices`) is simple, the other polytope need
not be enumerated. A simple vertex ``v`` has exactly ``dim(own)`` tight constraints
``T(v)``; its partner in a completely labelled pair must make every other label tight,
and those ``m + n - dim(own) = dim(other)`` constraints, ``G[C] w = h[C]`` with
``C = complement(T(v))``, fix a single point ``w`` when they are nonsingular. So each
extreme equilibrium ``(v, w)`` is found by one small linear solve per vertex of ``own``,
and ``w`` is a partner exactly when it lies in ``other`` (von Stengel 2002, Handbook of
Game Theory vol. 3, ch. 45, Sec. 2.7: nondegenerate polytopes give each vertex at most
one partner; lrsnash enumerates one polytope and solves the other side the same way,
Avis, Rosenberg, Savani and von Stengel 2010, Economic Theory 42, Sec. 3).

The basis rows of ``other`` of the form ``-w_c <= 0`` fix ``w_c = 0``, so each system is
solved on the support only: ``s x s`` with ``s = |supp(v)|``, grouped by ``s``. Each
system's condition number is computed from its inverse; a system that is close to
singular, or a slack of ``w`` that is neither clearly positive, clearly negative nor a
tie at roundoff level, returns ``None`` and the caller enumerates both polytopes.

A partner ``w`` with a tight constraint beyond ``C`` is a degenerate vertex of
``other``; several vertices of ``own`` may then share it, and the convex hull of those
vertices times ``{w}`` is a component of equilibria.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bargain._thresholds import (
    HULL_RANK_RTOL,
    HULL_SLACK_MARGIN,
    HULL_TIE_ROUNDOFF,
    PARTNER_PAD_MAX_VERTICES,
    PARTNER_PAD_STEP,
)
from bargain.solvers.nash._hull import HullVertices, padded_systems
from bargain.solvers.nash._polytope import Polytope

__all__ = ["Partners", "partners"]


@dataclass(frozen=True)
class Partners:
    """The completely labelled pairs of a simple polytope's vertices, one per row.

    ``own_ids`` index the hull's vertices; ``W`` holds the partners (points of the other
    polytope, not normalised); ``keys`` their tight sets as bit masks over the ``m + n``
    labels; ``degenerate`` whether some partner has more tight constraints than its
    dimension (so the other polytope is degenerate); ``systems`` counts the solves; ``V``
    the own vertices re-solved and normalised, when the solver did that too (else None).
    """

    own_ids: np.ndarray
    W: np.ndarray
    keys: np.ndarray
    degenerate: bool
    systems: int
    V: np.ndarray | None = None


def partners(own: Polytope, other: Polytope, hv: HullVertices, eps: float) -> Partners | None:
    """Solve, for every nonzero vertex of the simple polytope ``own``, its partner in ``other``.

    ``None`` when a system is ill-conditioned or a slack falls in the grey zone (module
    docstring); the caller then enumerates ``other`` too.
    """
    K, e = other.n_rows, other.dim
    origin_other = np.asarray(other.origin)
    is_origin = np.zeros(K, dtype=bool)
    is_origin[origin_other] = True
    ids = np.flatnonzero(~hv.tight[:, np.asarray(own.origin)].all(axis=1))  # the origin has none
    tight = hv.tight[ids]
    V = len(ids)
    free = tight[:, origin_other]  # other's coordinate c is free iff its label is in T(v)
    eqs = ~tight & ~is_origin  # other's equations: the labels missing from T(v)
    size = free.sum(axis=1)
    if (eqs.sum(axis=1) != size).any():  # pragma: no cover - simple vertices give square systems
        return None
    # Systems padded to a few sizes (LAPACK's cost per small system is mostly overhead),
    # block-diagonal with the real ones (padded_systems).
    step = PARTNER_PAD_STEP if V <= PARTNER_PAD_MAX_VERTICES else 1
    pad = np.minimum(-(-size // step) * step, e)
    width = int(pad.max(initial=0))
    Gx, hx, F, J = padded_systems(other.G, other.h, free, eqs, size, width)
    W = np.zeros((V, e + width))
    norm_g = float(np.abs(other.G).sum(axis=1).max())  # bounds every system's inf-norm (and 1 for padding)
    with np.errstate(all="ignore"):
        for p in np.unique(pad).tolist():
            sel = np.flatnonzero(pad == p)
            Fp, Jp = F[sel, :p], J[sel, :p]
            try:
                R = np.linalg.inv(Gx[Jp[:, :, None], Fp[:, None, :]])
            except np.linalg.LinAlgError:
                return None
            # condition number in the infinity norm, bounded above: ||M|| <= max(norm_g, 1)
            if not (np.abs(R).sum(axis=2).max(initial=0.0) * max(norm_g, 1.0) * HULL_RANK_RTOL < 1):
                return None  # NaN fails too
            W[sel[:, None], Fp] = np.einsum("vij,vj->vi", R, hx[Jp])
        W = np.ascontiguousarray(W[:, :e])
        S = other.h[None, :] - W @ other.G.T  # slacks of every constraint of ``other``
    S[~tight] = 0.0  # the complement rows: tight by construction
    on = np.abs(S) <= min(eps, HULL_TIE_ROUNDOFF)
    loose = HULL_SLACK_MARGIN * eps
    if not (on | (S >= loose) | (S <= -loose)).all():
        return None
    feasible = (on | (S > 0)).all(axis=1)
    pow2 = np.left_shift(np.int64(1), np.arange(K, dtype=np.int64))
    keys = on[feasible].astype(np.int64) @ pow2
    return Partners(
        own_ids=ids[feasible],
        W=W[feasible],
        keys=keys,
        degenerate=bool((np.bitwise_count(keys) > e).any()),
        systems=V,
    )

