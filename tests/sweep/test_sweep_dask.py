"""bargain.sweep(backend="dask"): the same Dataset as numpy, lazily; netCDF output; a 2-worker cluster."""

from __future__ import annotations

import numpy as np
import pytest
import sweep_models
from sweep_models import bargaining_range, chicken

import bargain as bg

xr = pytest.importorskip("xarray")
da = pytest.importorskip("dask.array")

GRID = {"value": np.linspace(0.2, 3, 11), "cost": np.linspace(0.5, 4, 9)}
MEASURES = ["outputs", "equilibria", "pure"]


def _strip(ds):
    return ds.drop_attrs(deep=False).assign_attrs({k: v for k, v in ds.attrs.items() if k != "backend"})


def test_dask_grid_equals_numpy_and_is_lazy():
    lazy = bg.sweep(chicken, grid=GRID, measures=MEASURES, backend="dask", chunks=20)
    assert isinstance(lazy.eq_p.data, da.Array) and lazy.attrs["backend"] == "dask"
    assert lazy.eq_p.data.chunks[0] == (2,) * 5 + (1,) and lazy.eq_p.data.chunks[2] == (4,)
    eager = bg.sweep(chicken, grid=GRID, measures=MEASURES, progress=False)
    xr.testing.assert_identical(_strip(lazy.compute()), _strip(eager))


def test_dask_samples_equal_numpy():
    kw = {"samples": 64, "bounds": {"p": None, "cost_a": (0, 1)}, "rng": 2}
    lazy = bg.sweep(bargaining_range, backend="dask", chunks=10, **kw)
    eager = bg.sweep(bargaining_range, progress=False, **kw)
    xr.testing.assert_identical(_strip(lazy.compute()), _strip(eager))


def test_to_netcdf_round_trip(tmp_path):
    lazy = bg.sweep(chicken, grid=GRID, measures=MEASURES, backend="dask", chunks=30)
    path = tmp_path / "chicken.nc"
    lazy.to_netcdf(path, engine="scipy")
    with xr.open_dataset(path, engine="scipy") as back:
        back = back.load()
    eager = bg.sweep(chicken, grid=GRID, measures=MEASURES, progress=False)
    np.testing.assert_array_equal(back.eq_p.values, eager.eq_p.values)
    np.testing.assert_array_equal(back.pure_mask.values, eager.pure_mask.values)
    assert back.attrs["model"] == "test.chicken" and back.eq_payoffs.attrs["units"] == "payoff"
    assert back.cost.attrs["description"] == "the cost of a crash"


def test_to_zarr_streams_block_by_block_and_reads_back(tmp_path):
    """to_zarr writes the lazy sweep chunk by chunk (each Dask block is one zarr chunk)."""
    pytest.importorskip("zarr")
    lazy = bg.sweep(chicken, grid=GRID, measures=MEASURES, backend="dask", chunks=30)
    path = tmp_path / "chicken.zarr"
    lazy.to_zarr(path, mode="w", consolidated=False)
    with xr.open_zarr(path, consolidated=False) as back:
        assert back.eq_p.chunks is not None  # read lazily, chunk by chunk
        back = back.load()
    eager = bg.sweep(chicken, grid=GRID, measures=MEASURES, progress=False)
    np.testing.assert_array_equal(back.eq_p.values, eager.eq_p.values)
    np.testing.assert_array_equal(back.eq_count.values, eager.eq_count.values)
    assert back.attrs["model"] == "test.chicken" and back.eq_payoffs.attrs["units"] == "payoff"


def test_dask_reduction_matches_numpy():
    lazy = bg.sweep(chicken, grid=GRID, measures="equilibria", backend="dask", chunks=7)
    eager = bg.sweep(chicken, grid=GRID, measures="equilibria", progress=False)
    assert int(lazy.eq_count.sum().compute()) == int(eager.eq_count.sum())


def test_local_cluster_two_workers_equals_numpy():
    distributed = pytest.importorskip("distributed")
    cloudpickle = pytest.importorskip("cloudpickle")
    # the workers cannot import this test directory: ship the test models by value
    cloudpickle.register_pickle_by_value(sweep_models)
    try:
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            lazy = bg.sweep(chicken, grid=GRID, measures=MEASURES, backend="dask", chunks=25)
            got = client.compute(lazy).result()
            assert len(client.scheduler_info()["workers"]) == 2
    finally:
        cloudpickle.unregister_pickle_by_value(sweep_models)
    eager = bg.sweep(chicken, grid=GRID, measures=MEASURES, progress=False)
    xr.testing.assert_identical(_strip(got), _strip(eager))
