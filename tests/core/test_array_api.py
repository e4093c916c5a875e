"""The batched kernels on arrays of other libraries (through array_api_compat) equal the numpy kernels.

Every kernel gets the same games as numpy arrays and as arrays of each installed backend:
array-api-strict (in the test extra, so CI runs it; it refuses anything outside the standard),
PyTorch, JAX and Dask (where installed). The results must be arrays of that backend, equal to the
numpy results (masks exactly, numbers up to rounding), and numpy input must still give numpy.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargain.core import kernels as k
from bargain.errors import InvalidArgumentError
from bargain.testing import strategies as bst

pytest.importorskip("array_api_compat")

# rounding: the array-API path sums products in another order than numpy's einsum
RTOL = ATOL = 1e-12


class Backend:
    """Turns numpy arrays into one library's arrays and back, and recognises that library's arrays."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.module = pytest.importorskip(name)
        if name == "jax.numpy":  # float64 as numpy (JAX computes in float32 by default)
            pytest.importorskip("jax").config.update("jax_enable_x64", True)

    def __call__(self, a: Any) -> Any:
        if self.name == "dask.array":
            return self.module.from_array(a, chunks=(2, *np.shape(a)[1:]))  # several blocks
        if self.name == "torch":
            return self.module.from_numpy(np.ascontiguousarray(a))
        return self.module.asarray(a)

    def to_numpy(self, a: Any) -> np.ndarray:
        assert self.owns(a), f"{self.name}: got a {type(a).__module__}.{type(a).__name__}"
        if self.name == "dask.array":
            return np.asarray(a.compute())
        if self.name == "torch":
            return a.numpy()
        if self.name == "jax.numpy":
            return np.asarray(a)
        return np.from_dlpack(a)

    def owns(self, a: Any) -> bool:
        top = {"jax.numpy": "jaxlib"}.get(self.name, self.name.split(".")[0])
        return type(a).__module__.split(".")[0] == top


@pytest.fixture(params=["array_api_strict", "torch", "jax.numpy", "dask.array"])
def backend(request: pytest.FixtureRequest) -> Backend:
    return Backend(request.param)


def _profiles(rng: np.random.Generator, batch: tuple[int, ...], m: int, n: int, ints: bool):
    if ints:  # integer payoffs: ties, so the masks' tie handling is compared too
        A = rng.integers(-2, 3, size=(*batch, m, n)).astype(float)
        B = rng.integers(-2, 3, size=(*batch, m, n)).astype(float)
    else:
        A = rng.normal(size=(*batch, m, n)) * 10.0 ** rng.integers(-6, 7)
        B = rng.normal(size=(*batch, m, n)) + 1e3
    x = rng.dirichlet(np.ones(m), size=batch or None)
    y = rng.dirichlet(np.ones(n), size=batch or None)
    return A, B, x, y


def _calls(A, B, x, y) -> dict[str, tuple[Callable[..., Any], tuple[Any, ...]]]:
    """Each kernel with its arguments (``A``, ``B``, ``x``, ``y`` of either library)."""
    return {
        "payoff_ranges": (k.payoff_ranges, (A, B)),
        "normalise": (k.normalise, (A, B)),
        "relative_regret": (k.relative_regret, (A, B, x, y)),
        "expected_payoffs": (k.expected_payoffs, (A, B, x, y)),
        "row_action_payoffs": (k.row_action_payoffs, (A, y)),
        "col_action_payoffs": (k.col_action_payoffs, (B, x)),
        "best_response_mask": (k.best_response_mask, (A, 0.5)),
        "best_response_mask_exact": (k.best_response_mask, (B,)),
        "regret": (k.regret, (A, B, x, y)),
        "pure_equilibrium_mask": (k.pure_equilibrium_mask, (A, B)),
        "pure_equilibrium_mask_tol": (k.pure_equilibrium_mask, (A, B, 0.5)),
        "logit_response": (k.logit_response, (x, 3.0)),
    }


def _assert_same(backend: Backend, name: str, got: Any, want: Any) -> None:
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want), name
        for g, w in zip(got, want):
            _assert_same(backend, name, g, w)
        return
    assert isinstance(want, np.ndarray), f"{name}: numpy input gave a {type(want)}"
    g = backend.to_numpy(got)
    assert g.shape == want.shape, f"{name}: shape {g.shape}, numpy {want.shape}"
    if want.dtype == bool:
        assert g.dtype == bool and np.array_equal(g, want), name
    else:
        assert g.dtype == want.dtype, f"{name}: dtype {g.dtype}, numpy {want.dtype}"
        np.testing.assert_allclose(g, want, rtol=RTOL, atol=ATOL * max(1.0, np.abs(want).max()), err_msg=name)


@pytest.mark.parametrize("batch", [(), (3, 4), (7,)], ids=str)
@pytest.mark.parametrize("shape", [(2, 2), (3, 2), (1, 4), (5, 6)], ids=str)
@pytest.mark.parametrize("ints", [False, True], ids=["float", "int-valued"])
def test_every_kernel_equals_numpy(backend, batch, shape, ints):
    rng = np.random.default_rng([len(batch), *shape, ints])
    arrays = _profiles(rng, batch, *shape, ints)
    want = _calls(*arrays)
    got = _calls(*(backend(a) for a in arrays))
    for name, (f, args) in got.items():
        _assert_same(backend, name, f(*args), want[name][0](*want[name][1]))


@given(bst.games(batch_shape=(3, 4), payoffs="float"), st.data())
def test_every_kernel_equals_numpy_on_drawn_games(g, data):
    xps = Backend("array_api_strict")
    m, n = g.shape
    x = data.draw(bst.mixed_strategies(size=m, batch_shape=(3, 4)))
    y = data.draw(bst.mixed_strategies(size=n, batch_shape=(3, 4)))
    want = _calls(g.A, g.B, x, y)
    for name, (f, args) in _calls(*(xps(a) for a in (g.A, g.B, x, y))).items():
        _assert_same(xps, name, f(*args), want[name][0](*want[name][1]))


def test_array_tolerances_and_temperatures_broadcast(backend):
    """``atol`` and ``lam`` as arrays over the batch, in the backend's library."""
    rng = np.random.default_rng(5)
    A, B, x, _ = _profiles(rng, (3, 4), 3, 2, ints=True)
    atol = rng.uniform(0, 2, size=(3, 4))
    lam = rng.uniform(0, 5, size=(3, 4))
    cases = {
        "pure_equilibrium_mask": (k.pure_equilibrium_mask, (A, B, atol)),
        "best_response_mask": (k.best_response_mask, (x, atol)),
        "logit_response": (k.logit_response, (x, lam)),
    }
    for name, (f, args) in cases.items():
        _assert_same(backend, name, f(*(backend(a) for a in args)), f(*args))
    _assert_same(backend, "logit_response, numpy scalar lam", k.logit_response(backend(x), np.float64(2.5)),
                 k.logit_response(x, 2.5))


def test_integer_payoffs_compute_in_float64(backend):
    A = np.array([[[3, 0], [5, 1]], [[2, 2], [2, 2]]])
    x = np.array([[0.5, 0.5], [1.0, 0.0]])
    got = k.normalise(backend(A), backend(A.T.copy()))
    _assert_same(backend, "normalise", got, k.normalise(A, A.T.copy()))
    _assert_same(backend, "regret", k.regret(backend(A), backend(A), backend(x), backend(x)),
                 k.regret(A.astype(float), A.astype(float), x, x))
    _assert_same(backend, "pure_equilibrium_mask", k.pure_equilibrium_mask(backend(A), backend(A)),
                 k.pure_equilibrium_mask(A, A))


def test_float32_stays_float32():
    """Other libraries keep a floating input's dtype (float32 on a GPU stays float32)."""
    xps = Backend("array_api_strict")
    A = np.array([[1.0, 4.0], [2.0, 0.0]], dtype=np.float32)
    x = np.array([0.25, 0.75], dtype=np.float32)
    for out in (*k.normalise(xps(A), xps(A)), k.regret(xps(A), xps(A), xps(x), xps(x)),
                k.logit_response(xps(x), 2.0), k.payoff_ranges(xps(A), xps(A))):
        assert out.dtype == xps.module.float32
    assert k.normalise(A, A)[0].dtype == np.float64  # numpy computes in float64, as before


def test_normalise_survives_a_subnormal_range():
    """A subnormal range's reciprocal overflows: that game is divided instead, with no warning."""
    xps = Backend("array_api_strict")
    B = np.array([[[2.22507386e-313, 0.0]], [[1e-310, 0.0]], [[3.0, 1.0]]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        An, Bn = k.normalise(xps(np.zeros((3, 1, 2))), xps(B))
    assert xps.to_numpy(Bn).tolist() == [[[1.0, 0.0]], [[1.0, 0.0]], [[1.0, 0.0]]]
    assert xps.to_numpy(An).tolist() == [[[0.0, 0.0]]] * 3


def test_numpy_input_still_gives_numpy():
    A, B, x, y = _profiles(np.random.default_rng(0), (3, 4), 2, 3, ints=False)
    for name, (f, args) in _calls(A, B, x, y).items():
        out = f(*args)
        for o in out if isinstance(out, tuple) else (out,):
            assert type(o) is np.ndarray, name


def test_mixing_libraries_is_refused_with_the_function_named():
    xps = Backend("array_api_strict")
    with pytest.raises(InvalidArgumentError, match=r"regret: cannot compute on arrays of types .*numpy"):
        k.regret(xps(np.eye(2)), np.eye(2), xps(np.ones(2) / 2), xps(np.ones(2) / 2))
    with pytest.raises(InvalidArgumentError, match="logit_response"):
        k.logit_response(xps(np.ones(2)), np.ones(()))  # a 0-d numpy array is an array, not a scalar


def test_an_unknown_array_type_is_refused_with_the_function_named():
    class NotAnArray:
        pass

    with pytest.raises(InvalidArgumentError, match=r"payoff_ranges: .*NotAnArray"):
        k.payoff_ranges(NotAnArray(), NotAnArray())


def test_the_namespace_module_is_importable_alone():
    ns = importlib.import_module("bargain.core._namespace")
    xp, is_numpy = ns.namespace(Backend("array_api_strict")(np.eye(2)), 1.0, None, func="f")
    assert not is_numpy and xp.__name__ == "array_api_strict"
