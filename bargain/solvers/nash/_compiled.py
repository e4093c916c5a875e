"""Optional compiled path of the float vertex enumeration on small games (private).

Why compiled: on games up to about 10 actions a side, the float engine's work is a few
hundred tiny linear-algebra steps (one per vertex and per edge), and numpy's cost per
call, not arithmetic, sets its time; QuantEcon runs the same steps compiled. When numba
is installed (``pip install "bargain-games[jit]"``) and ``BARGAIN_JIT`` is not ``0``, two
kernels (:mod:`bargain.solvers.nash._compiled_kernels`) replace qhull and the batched
partner solves on games with at most :data:`~bargain._thresholds.JIT_MAX_ACTIONS`
actions in all:

* the vertices of a *simple* polytope by a breadth-first walk of its graph from the
  origin (pivoting, as lrs and the lexicographic search do), certified as the qhull path
  is: every vertex re-checked from its coordinates (ties at roundoff, every other slack
  clearly positive), and every edge of every vertex leading to a vertex found (so the
  set is closed in the connected graph: all vertices);
* each vertex's partner in the other polytope, as
  :func:`~bargain.solvers.nash._complement.partners` solves it.

Anything else (a tie or near tie, an ill-conditioned pivot, more than
``JIT_MAX_VERTICES`` vertices) returns ``None`` and the numpy path runs, which stays the
default and the reference: the tests run both on the same games. numba is imported on
first use only (``import bargain`` does not load it), and its compiled code is cached on
disk after the first run.
"""

from __future__ import annotations

import os
from types import ModuleType

import numpy as np

from bargain._thresholds import (
    HULL_RANK_RTOL,
    HULL_SLACK_MARGIN,
    HULL_TIE_ROUNDOFF,
    JIT_MAX_ACTIONS,
    JIT_MAX_VERTICES,
    POLISH_RTOL,
)
from bargain.solvers.nash._complement import Partners
from bargain.solvers.nash._hull import HullVertices
from bargain.solvers.nash._polytope import Polytope

__all__ = ["kernels", "enabled", "simple_vertices", "compiled_partners"]

_STATE: dict[str, ModuleType | None] = {}


def kernels() -> ModuleType | None:
    """The compiled kernels module, or ``None`` when numba is missing or ``BARGAIN_JIT=0``
    (decided once per process)."""
    if "mod" not in _STATE:
        mod = None
        if os.environ.get("BARGAIN_JIT", "1").strip() != "0":
            try:
                from bargain.solvers.nash import _compiled_kernels as mod
            except ImportError:  # numba absent (or broken): the numpy path
                mod = None
        _STATE["mod"] = mod
    return _STATE["mod"]


def enabled(m: int, n: int) -> bool:
    """Whether the compiled path applies to an ``m x n`` game."""
    return m + n <= JIT_MAX_ACTIONS and kernels() is not None


def simple_vertices(poly: Polytope, eps: float) -> HullVertices | None:
    """All vertices of a simple polytope (module docstring), as qhull's certified
    :class:`~bargain.solvers.nash._hull.HullVertices`, or ``None``."""
    mod = kernels()
    if mod is None:
        return None
    G = np.ascontiguousarray(poly.G, dtype=np.float64)
    h = np.ascontiguousarray(poly.h, dtype=np.float64)
    origin = np.asarray(poly.origin, dtype=np.int64)
    tie, loose = min(eps, HULL_TIE_ROUNDOFF), HULL_SLACK_MARGIN * eps
    status, V, keys, Z, margin = mod.simple_vertices_bfs(
        G, h, origin, tie, loose, HULL_RANK_RTOL, JIT_MAX_VERTICES
    )
    if status != 0:
        return None
    order = np.argsort(keys)
    keys = keys[order]
    K = G.shape[0]
    tight = ((keys[:, None] >> np.arange(K, dtype=np.int64)) & 1).astype(bool)
    return HullVertices(keys, tight, Z[order], {}, np.ones(V, dtype=bool), float(margin))


def compiled_partners(own: Polytope, other: Polytope, hv: HullVertices, eps: float) -> Partners | None:
    """:func:`~bargain.solvers.nash._complement.partners` by the compiled kernel, or ``None``
    (a grey-zone slack or an ill-conditioned system: the caller enumerates ``other``)."""
    mod = kernels()
    if mod is None:  # pragma: no cover - callers check enabled() first
        return None
    G = np.ascontiguousarray(other.G, dtype=np.float64)
    norm_g = float(np.abs(G).sum(axis=1).max())
    ok, ids, X, W, keys = mod.partner_solves(
        hv.keys,
        np.ascontiguousarray(hv.coords, dtype=np.float64),
        np.ascontiguousarray(own.G, dtype=np.float64),
        np.ascontiguousarray(own.h, dtype=np.float64),
        np.asarray(own.origin, dtype=np.int64),
        G,
        np.ascontiguousarray(other.h, dtype=np.float64),
        np.asarray(other.origin, dtype=np.int64),
        min(eps, HULL_TIE_ROUNDOFF),
        HULL_SLACK_MARGIN * eps,
        HULL_RANK_RTOL,
        norm_g,
        POLISH_RTOL,
    )
    if not ok:
        return None
    return Partners(
        own_ids=ids.astype(np.intp),
        W=W,
        keys=keys,
        degenerate=bool((np.bitwise_count(keys) > other.dim).any()),
        systems=len(hv.keys) - 1,
        V=X,
    )
