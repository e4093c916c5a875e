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
  :func:`~bargain.solvers.nash._complement.partners` solves it;

and the lexicographic search (:mod:`bargain.solvers.nash._compiled_lex`, the loop form of
:class:`~bargain.solvers.nash._polytope_pivot.LexSearch` in its float and int64 modes)
replaces the numpy search on degenerate games of that size (engine ``"lex"``), with the
completely labelled pairs and the polished vertices. The partner solves also run compiled
past ``JIT_MAX_ACTIONS`` (automatic mode, up to :data:`MAX_LABELS` labels), where qhull
finds the vertices.

Anything else (a tie or near tie, an ill-conditioned pivot, more than
``JIT_MAX_VERTICES`` vertices) returns ``None`` and the numpy path runs, which stays the
default and the reference: the tests run both on the same games. numba is imported on
first use only (``import bargain`` does not load it), and its compiled code is cached on
disk after the first run.
"""

from __future__ import annotations

import os
from types import ModuleType
from typing import NamedTuple

import numpy as np

from bargain._thresholds import (
    HULL_RANK_RTOL,
    HULL_SLACK_MARGIN,
    HULL_TIE_ROUNDOFF,
    JIT_MAX_ACTIONS,
    JIT_MAX_BASES,
    JIT_MAX_VERTICES,
    LEX_TIE_RTOL,
    POLISH_RTOL,
    RATE_NOISE,
    REFRESH_PIVOTS,
)
from bargain.solvers.nash._complement import Partners
from bargain.solvers.nash._hull import HullVertices
from bargain.solvers.nash._polytope import Polytope
from bargain.solvers.nash._polytope_pivot import chunk_size

__all__ = [
    "kernels",
    "enabled",
    "partners_enabled",
    "MAX_LABELS",
    "simple_vertices",
    "compiled_partners",
    "LexVertices",
    "lex_vertices",
    "labelled_pairs",
    "polished",
]

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


def _lex_kernels() -> ModuleType | None:
    """The compiled lexicographic search module, when :func:`kernels` is available."""
    if kernels() is None:
        return None
    if "lex" not in _STATE:
        from bargain.solvers.nash import _compiled_lex

        _STATE["lex"] = _compiled_lex
    return _STATE["lex"]


def enabled(m: int, n: int) -> bool:
    """Whether the compiled path applies to an ``m x n`` game."""
    return m + n <= JIT_MAX_ACTIONS and kernels() is not None


#: Labels a compiled kernel can hold: tight sets are bit masks in one int64.
MAX_LABELS = 62


def partners_enabled(m: int, n: int) -> bool:
    """Whether the compiled partner solves apply to an ``m x n`` game (any size whose labels
    fit an int64 bit mask: measured 2-3x the batched numpy solves)."""
    return m + n <= MAX_LABELS and kernels() is not None


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
    status, V, keys, tight, Z, margin = mod.simple_vertices_bfs(
        G, h, origin, tie, loose, HULL_RANK_RTOL, JIT_MAX_VERTICES
    )
    if status != 0:
        return None
    return HullVertices(keys, tight, Z, {}, np.ones(V, dtype=bool), float(margin))


def compiled_partners(own: Polytope, other: Polytope, hv: HullVertices, eps: float) -> Partners | None:
    """:func:`~bargain.solvers.nash._complement.partners` by the compiled kernel, or ``None``
    (a grey-zone slack or an ill-conditioned system: the caller enumerates ``other``)."""
    mod = kernels()
    if mod is None:  # pragma: no cover - callers check enabled() first
        return None
    ok, ids, X, W, keys, degenerate = mod.partner_solves(
        hv.keys,
        np.ascontiguousarray(hv.coords, dtype=np.float64),
        np.ascontiguousarray(own.G, dtype=np.float64),
        np.ascontiguousarray(own.h, dtype=np.float64),
        np.asarray(own.origin, dtype=np.int64),
        np.ascontiguousarray(other.G, dtype=np.float64),
        np.ascontiguousarray(other.h, dtype=np.float64),
        np.asarray(other.origin, dtype=np.int64),
        min(eps, HULL_TIE_ROUNDOFF),
        HULL_SLACK_MARGIN * eps,
        HULL_RANK_RTOL,
        POLISH_RTOL,
    )
    if not ok:
        return None
    return Partners(
        own_ids=ids.astype(np.intp), W=W, keys=keys, degenerate=degenerate, systems=len(hv.keys) - 1, V=X
    )


class LexVertices(NamedTuple):
    """The vertices of one polytope found by the compiled lexicographic search (first basis of
    each, in the order found): tight sets as bit masks, float coordinates, a basis, and on
    the exact path the integer form ``nums / delta`` of the coordinates (else ``None``)."""

    keys: np.ndarray
    coords: np.ndarray
    bases: np.ndarray
    nums: np.ndarray | None
    processed: int


def lex_vertices(poly: Polytope, mode: str, eps: float) -> LexVertices | None:
    """The lexicographic search of ``poly`` compiled, ``mode`` ``"float"`` (ties within ``eps``)
    or ``"exact"`` (int64); ``None`` when numba is missing, the search needs more than
    ``JIT_MAX_BASES`` bases, or an int64 entry outgrows ``2**31`` (the numpy search runs)."""
    mod = _lex_kernels()
    if mod is None:
        return None
    origin = np.asarray(poly.origin, dtype=np.int64)
    if mode == "float":
        status, processed, keys, coords, bases = mod.lex_search_float(
            np.ascontiguousarray(poly.G, dtype=np.float64),
            np.ascontiguousarray(poly.h, dtype=np.float64),
            origin, eps, RATE_NOISE, LEX_TIE_RTOL, REFRESH_PIVOTS,
            chunk_size(*poly.G.shape), JIT_MAX_BASES,
        )
        return LexVertices(keys, coords, bases, None, processed) if status == 0 else None
    if poly.max_abs >= 2**31:
        return None
    status, processed, keys, nums, bases, delta = mod.lex_search_int(
        np.array(poly.Gi, dtype=np.int64), np.array(poly.hi, dtype=np.int64), origin, JIT_MAX_BASES
    )
    if status != 0:
        return None
    return LexVertices(keys, nums / delta[:, None], bases, nums, processed)


def labelled_pairs(kP: np.ndarray, kQ: np.ndarray, m: int, n: int) -> list[tuple[int, int]]:
    """:func:`~bargain.solvers.nash._polytope.complete_pairs` compiled (int64 keys)."""
    mod = _lex_kernels()
    if mod is None:  # pragma: no cover - callers have the compiled vertices
        raise RuntimeError("labelled_pairs: the compiled kernels are not available")
    I, J = mod.labelled_pairs(kP, kQ, m, n)  # sorted
    return list(zip(I.tolist(), J.tolist()))


def polished(poly: Polytope, bases: np.ndarray, coords: np.ndarray) -> np.ndarray | None:
    """Vertices re-solved from their ``bases`` and normalised (row ``r``: basis ``bases[r]``,
    searched coordinates ``coords[r]``), as ``vertex._polish_bases`` does with numpy;
    ``None`` without the compiled kernels."""
    mod = _lex_kernels()
    if mod is None:
        return None
    return mod.polish_bases(
        np.ascontiguousarray(poly.G, dtype=np.float64),
        np.ascontiguousarray(poly.h, dtype=np.float64),
        np.ascontiguousarray(bases, dtype=np.int64),
        np.ascontiguousarray(coords, dtype=np.float64),
        POLISH_RTOL,
    )
