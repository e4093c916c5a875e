"""The 2x2 closed form (solve_2x2) on arrays of other array-API libraries equals the numpy path."""

from __future__ import annotations

import numpy as np
import pytest

from bargain.core.two_by_two import MAX_EQUILIBRIA, solve_2x2

pytest.importorskip("array_api_compat")


def games(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Small-integer games (ties everywhere), some scaled to the float limit, some tiny."""
    rng = np.random.default_rng(seed)
    A = rng.integers(-2, 3, (n, 2, 2)).astype(float)
    B = rng.integers(-2, 3, (n, 2, 2)).astype(float)
    A[: n // 10] *= 4e307  # finite ranges, but d - c overflows unless halved
    B[n // 10 : n // 5] *= 1e-300
    A[n // 5 : n // 4] += 1e-12 * rng.normal(size=(n // 4 - n // 5, 2, 2))  # near ties
    return A, B


@pytest.mark.parametrize("tol", [0.0, 1e-9])
def test_array_api_strict_equals_numpy(tol):
    xps = pytest.importorskip("array_api_strict")
    A, B = games(0, 2000)
    want = solve_2x2(A, B, tol)
    got = solve_2x2(xps.asarray(A), xps.asarray(B), tol)
    for w, g in zip(want, got):
        assert type(g).__module__.startswith("array_api_strict")
        np.testing.assert_array_equal(np.from_dlpack(g), w)  # bit for bit, NaN slots included
    assert got[0].shape == (2000, MAX_EQUILIBRIA)


def test_batch_shapes_and_broadcasting():
    xps = pytest.importorskip("array_api_strict")
    A, B = games(1, 24)
    A, B = A.reshape(2, 3, 4, 2, 2), B[:4]  # B broadcasts over the leading axes
    want = solve_2x2(A, B, 1e-9)
    got = solve_2x2(xps.asarray(A), xps.asarray(B), 1e-9)
    for w, g in zip(want, got):
        assert g.shape == w.shape
        np.testing.assert_array_equal(np.from_dlpack(g), w)
    one = solve_2x2(xps.asarray(A[0, 0, 0]), xps.asarray(B[0]), 1e-9)
    assert one[2].shape == () and one[0].shape == (MAX_EQUILIBRIA,)


def test_float32_stays_float32():
    xps = pytest.importorskip("array_api_strict")
    A, B = games(2, 50)
    A32, B32 = (xps.asarray(M[25:].astype(np.float32)) for M in (A, B))
    p, q, count, code = solve_2x2(A32, B32)
    assert p.dtype == xps.float32 and q.dtype == xps.float32 and count.dtype == xps.int8


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # d - c, handled (computed lazily)
def test_dask_blocks_equal_numpy():
    da = pytest.importorskip("dask.array")
    A, B = games(3, 300)
    want = solve_2x2(A, B, 1e-9)
    got = solve_2x2(da.from_array(A, chunks=(64, 2, 2)), da.from_array(B, chunks=(64, 2, 2)), 1e-9)
    for w, g in zip(want, got):
        np.testing.assert_array_equal(np.asarray(g.compute()), w)


def test_mixed_libraries_are_refused():
    xps = pytest.importorskip("array_api_strict")
    from bargain.errors import InvalidArgumentError

    A, B = games(4, 4)
    with pytest.raises((InvalidArgumentError, TypeError), match="solve_2x2"):
        solve_2x2(xps.asarray(A), B)
