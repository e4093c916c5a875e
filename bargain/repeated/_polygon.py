"""Convex polygons as ``(k, 2)`` arrays of counter-clockwise vertices, degenerate ones included.

``k = 0`` is the empty set, ``k = 1`` a point, ``k = 2`` a segment, ``k >= 3`` a polygon
with non-empty interior. The helpers never call Qhull (which refuses points and
segments): the hull is Andrew's monotone chain (Andrew 1979), written for small inputs.
Private to :mod:`bargain.repeated.payoff_sets`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["hull", "hausdorff", "point_distances", "clip_quadrant", "simplify"]


def hull(points: np.ndarray, eps: float) -> np.ndarray:
    """Vertices of the convex hull of ``points`` (N, 2), counter-clockwise, lowest-left first.

    Points closer than ``eps`` (max-norm) merge; a vertex whose turn is within ``eps`` of
    straight (relative to its edges' lengths) is dropped, so a segment comes out as its two
    ends and a cloud of coincident points as one point.
    """
    n = len(points)
    if n == 0:
        return np.empty((0, 2))
    if n > 32:
        points = _discard_interior(points, eps)
        n = len(points)
    pts = points[np.argsort(points[:, 0], kind="stable")]
    if n > 1:  # snap x coordinates within eps of their predecessor onto it, so that points the
        # rounding put a few ulps apart sort by y (the monotone chain needs an exact order)
        x = pts[:, 0].copy()
        for i in np.nonzero(np.diff(x) <= eps)[0]:
            x[i + 1] = x[i]
        pts = np.stack([x, pts[:, 1]], axis=1)
        pts = pts[np.lexsort((pts[:, 1], pts[:, 0]))]
        keep = np.ones(len(pts), dtype=bool)
        keep[1:] = np.abs(np.diff(pts, axis=0)).max(axis=1) > eps
        pts = pts[keep]
    if len(pts) <= 1:
        return pts.copy()
    P = pts.tolist()
    lower = _chain(P, eps)
    upper = _chain(P[::-1], eps)
    out = lower[:-1] + upper[:-1]
    if len(out) == 2 and max(abs(out[0][0] - out[1][0]), abs(out[0][1] - out[1][1])) <= eps:
        out = out[:1]
    return np.array(out, dtype=np.float64).reshape(-1, 2)


def _chain(P: list[list[float]], eps: float) -> list[list[float]]:
    """One half of Andrew's monotone chain: pop while the turn is not left by more than eps.

    The turn at ``a`` between ``o`` and ``b`` is the cross product of ``a - o`` and ``b - o``,
    compared with ``eps`` times the product of their max-norms (a relative straightness test).
    """
    out: list[list[float]] = []
    for p in P:
        px, py = p
        while len(out) >= 2:
            ox, oy = out[-2]
            ax, ay = out[-1][0] - ox, out[-1][1] - oy
            bx, by = px - ox, py - oy
            scale = max(abs(ax), abs(ay)) * max(abs(bx), abs(by))
            if ax * by - ay * bx - eps * scale > 0:
                break
            out.pop()
        out.append(p)
    return out


_DIRECTIONS = np.stack(
    [np.cos(np.arange(16) * np.pi / 8), np.sin(np.arange(16) * np.pi / 8)], axis=1
)


def _discard_interior(points: np.ndarray, eps: float) -> np.ndarray:
    """Drop points strictly inside the polygon of the extreme points in 16 directions.

    Akl and Toussaint's (1978) filter, vectorised: what is left goes to the monotone chain.
    """
    ext = points[np.argmax(points @ _DIRECTIONS.T, axis=0)]  # counter-clockwise by direction
    keep = np.ones(len(ext), dtype=bool)
    keep[1:] = np.abs(np.diff(ext, axis=0)).max(axis=1) > eps
    ext = ext[keep]
    if len(ext) >= 2 and np.abs(ext[0] - ext[-1]).max() <= eps:
        ext = ext[:-1]
    if len(ext) < 3:
        return points
    d = np.roll(ext, -1, axis=0) - ext
    rel = points[:, None, :] - ext[None]
    cross = d[None, :, 0] * rel[..., 1] - d[None, :, 1] * rel[..., 0]
    inside = (cross > eps).all(axis=1)
    return points[~inside]


def point_distances(points: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """Euclidean distance of each point (N, 2) to the convex polygon ``poly`` (0 inside).

    An empty polygon is infinitely far from every point.
    """
    N = len(points)
    k = len(poly)
    if k == 0:
        return np.full(N, np.inf)
    px, py = points[:, 0:1], points[:, 1:2]
    if k == 1:
        return np.hypot(px[:, 0] - poly[0, 0], py[:, 0] - poly[0, 1])
    ax, ay = poly[None, :, 0], poly[None, :, 1]
    b = np.roll(poly, -1, axis=0)
    dx, dy = b[None, :, 0] - ax, b[None, :, 1] - ay
    rx, ry = px - ax, py - ay  # (N, k)
    out = np.zeros(N)
    if k >= 3:
        cross = dx * ry - dy * rx
        outside = (cross < 0).any(axis=1)
        if not outside.any():
            return out
        rx, ry = rx[outside], ry[outside]
    else:
        outside = np.ones(N, dtype=bool)
    len2 = dx * dx + dy * dy
    t = (rx * dx + ry * dy) / np.where(len2 > 0, len2, 1.0)
    np.clip(t, 0.0, 1.0, out=t)
    ex, ey = rx - t * dx, ry - t * dy
    out[outside] = np.sqrt((ex * ex + ey * ey).min(axis=1))
    return out


def hausdorff(P: np.ndarray, Q: np.ndarray) -> float:
    """Hausdorff distance between two convex polygons (0 between two empty sets)."""
    if len(P) == 0 and len(Q) == 0:
        return 0.0
    if len(P) == 0 or len(Q) == 0:
        return float("inf")
    return float(max(point_distances(P, Q).max(), point_distances(Q, P).max()))


def clip_quadrant(W: np.ndarray, c: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """Candidate vertices of ``W`` intersected with each quadrant ``{w >= c[a]}`` (c: (K, 2)).

    Returns ``(points, owner)``: points (M, 2) and the row ``a`` of ``c`` each belongs to.
    For every quadrant the points are the vertices of ``W`` inside it, the crossings of
    ``W``'s edges with the quadrant's two boundary lines that lie inside it, and its
    corner when the corner lies in ``W``; their hull is ``W`` intersected with the quadrant
    (empty when no point qualifies). Inclusion is decided within ``eps``.
    """
    k = len(W)
    if k == 0:
        return np.empty((0, 2)), np.empty(0, dtype=np.intp)
    cx, cy = c[:, 0:1], c[:, 1:2]  # (K, 1)
    x, y = W[None, :, 0], W[None, :, 1]  # (1, k)
    pieces = []
    owners = []
    inside = (x >= cx - eps) & (y >= cy - eps)  # (K, k)
    rows, cols = np.nonzero(inside)
    pieces.append(W[cols])
    owners.append(rows)
    if k >= 2:
        E0, E1 = (W, np.roll(W, -1, axis=0)) if k >= 3 else (W[:1], W[1:])
        dx = (E1[:, 0] - E0[:, 0])[None, :]
        dy = (E1[:, 1] - E0[:, 1])[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            # crossings with the vertical line w1 = c1
            t = (cx - E0[None, :, 0]) / dx
            yy = E0[None, :, 1] + t * dy
            ok = (dx != 0) & (t >= 0) & (t <= 1) & (yy >= cy - eps)
            r, e = np.nonzero(ok)
            pieces.append(np.stack([c[r, 0], yy[r, e]], axis=1))
            owners.append(r)
            # crossings with the horizontal line w2 = c2
            t = (cy - E0[None, :, 1]) / dy
            xx = E0[None, :, 0] + t * dx
            ok = (dy != 0) & (t >= 0) & (t <= 1) & (xx >= cx - eps)
            r, e = np.nonzero(ok)
            pieces.append(np.stack([xx[r, e], c[r, 1]], axis=1))
            owners.append(r)
    if k >= 3:
        E0 = W
        d = np.roll(W, -1, axis=0) - W
        rel_x = cx - E0[None, :, 0]
        rel_y = cy - E0[None, :, 1]
        cross = d[None, :, 0] * rel_y - d[None, :, 1] * rel_x
        corner = (cross >= -eps).all(axis=1)
        r = np.nonzero(corner)[0]
        pieces.append(c[r])
        owners.append(r)
    return np.concatenate(pieces), np.concatenate(owners)


def simplify(W: np.ndarray, atol: float) -> np.ndarray:
    """Drop vertices within ``atol`` of the segment joining their neighbours (repeatedly).

    Removes what the iteration leaves of a collapsed edge or corner (vertices a
    tolerance apart, nearly straight turns); the set moves by at most ``atol`` per drop.
    A polygon whose vertices all lie within ``atol`` of one point becomes that point.
    """
    pts = [list(p) for p in W]
    changed = True
    while changed and len(pts) >= 2:
        changed = False
        k = len(pts)
        if k == 2:
            if max(abs(pts[0][0] - pts[1][0]), abs(pts[0][1] - pts[1][1])) <= atol:
                pts = [[(pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2]]
            break
        for i in range(k):
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % k]
            dx, dy = c[0] - a[0], c[1] - a[1]
            len2 = dx * dx + dy * dy
            t = 0.0 if len2 == 0 else min(1.0, max(0.0, ((b[0] - a[0]) * dx + (b[1] - a[1]) * dy) / len2))
            nx, ny = a[0] + t * dx - b[0], a[1] + t * dy - b[1]
            if nx * nx + ny * ny <= atol * atol:
                del pts[i]
                changed = True
                break
    return np.array(pts, dtype=np.float64).reshape(-1, 2)
