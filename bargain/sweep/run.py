"""``bargain.sweep(model, grid, ...)``: a model over a parameter grid or sample to a labelled Dataset."""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from bargain._validate import check_bool, check_choice
from bargain.errors import InvalidArgumentError
from bargain.models._base import get_model
from bargain.sweep import engine
from bargain.sweep.grid import SAMPLE_DIM, Design, grid_design, sample_design
from bargain.sweep.measures import BoundMeasure, resolve

__all__ = ["sweep", "make_design", "require"]

_FUNC = "sweep"
#: Memory one block may use by default (numpy backend; the Dask backend uses half of it per task).
BLOCK_BUDGET = 256 * 2**20
EXTRA = 'pip install "bargain-games[sweep]"'


def require(module: str, what: str) -> Any:
    """Import an optional dependency of the sweep extra, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{what} needs {module.split('.')[0]}, part of the sweep extra: {EXTRA}") from exc


def make_design(
    model: Any, grid: Any, samples: Any, *, fixed: Any, bounds: Any, method: str, rng: Any
) -> Design:
    """The design of a call: a grid, or a sample (exactly one of them)."""
    m = get_model(model)
    if grid is not None and samples is not None:
        raise InvalidArgumentError(f"{_FUNC}: give either grid= or samples=, not both")
    if grid is None and samples is None:
        raise InvalidArgumentError(
            f"{_FUNC}: nothing to sweep: give grid={{name: values, ...}} or samples=n "
            f"(parameters of {m.qualname}: {', '.join(p.name for p in m.parameters if p.sweepable)})"
        )
    if grid is not None:
        if bounds is not None:
            raise InvalidArgumentError(f"{_FUNC}: bounds= goes with samples=; a grid gives its values")
        return grid_design(m, grid, fixed)
    return sample_design(m, samples, bounds=bounds, fixed=fixed, method=method, rng=rng)


def _fixed_text(fixed: Mapping[str, Any]) -> str:
    parts = []
    for k, v in fixed.items():
        text = repr(v.tolist()) if isinstance(v, np.ndarray) else repr(v)
        parts.append(f"{k}={text}")
    return ", ".join(parts)


def _attrs(design: Design, bound: Sequence[BoundMeasure], backend: str) -> dict[str, Any]:
    import bargain

    m = design.model
    attrs: dict[str, Any] = {
        "title": f"{m.qualname} swept over {design.describe_shape()}",
        "model": m.qualname,
        "model_summary": m.summary,
        "source": m.source,
        "bargain_version": bargain.__version__,
        "design": design.method,
        "swept": ", ".join(design.swept),
        "fixed": _fixed_text(design.fixed),
        "measures": ", ".join(b.name for b in bound),
        "backend": backend,
    }
    for k, v in design.fixed.items():
        if isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool):
            attrs[f"fixed_{k}"] = v
    return attrs


def _coords(design: Design) -> dict[str, Any]:
    m = design.model
    coords: dict[str, Any] = {}
    if design.kind == "samples":
        coords[SAMPLE_DIM] = (SAMPLE_DIM, np.arange(design.size), {"description": f"{design.method} sample"})
    for name, values in design.values.items():
        p = m.parameter(name)
        attrs = {"units": p.unit, "description": p.meaning, "domain": str(p.domain)}
        coords[name] = (design.coordinate_dims(name), np.array(values), attrs)
    return coords


def build_dataset(
    design: Design, found: engine.Probe, bound: Sequence[BoundMeasure], data: Mapping[str, Any], backend: str
) -> Any:
    """The xarray.Dataset of a sweep from its variables (numpy or dask arrays)."""
    xr = require("xarray", "bargain.sweep")
    variables = {}
    for s in found.schema:
        attrs = {"units": s.unit, "description": s.description, "measure": s.measure}
        variables[s.name] = (design.dims + s.dims, data[s.name], attrs)
    return xr.Dataset(variables, coords=_coords(design), attrs=_attrs(design, bound, backend))


def _progress(total: int, enabled: bool, desc: str) -> Any:
    if not enabled or not sys.stderr.isatty():
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - tqdm ships with the sweep extra
        return None
    return tqdm(total=total, unit="pt", unit_scale=True, desc=desc, file=sys.stderr)


def run_numpy(
    design: Design, bound: Sequence[BoundMeasure], found: engine.Probe, block: tuple[int, ...], progress: bool
) -> dict[str, np.ndarray]:
    """Every block in turn, written into preallocated arrays."""
    out = {s.name: np.empty(design.shape + s.trailing, dtype=s.dtype) for s in found.schema}
    bar = _progress(design.size, progress, f"sweep {design.model.qualname}")
    try:
        engine.evaluate_region(
            design, bound, found.schema, out, (0,) * len(design.shape), design.shape, block,
            None if bar is None else bar.update,
        )
    finally:
        if bar is not None:
            bar.close()
    return out


def sweep(
    model: Any,
    grid: Mapping[str, Any] | None = None,
    *,
    samples: int | None = None,
    measures: Any = None,
    chunks: Any = None,
    backend: str = "numpy",
    progress: bool = True,
    fixed: Mapping[str, Any] | None = None,
    bounds: Mapping[str, Any] | None = None,
    method: str = "sobol",
    rng: Any = None,
    memory: Any = None,
) -> Any:
    """Evaluate a model over a parameter grid or sample, to a labelled :class:`xarray.Dataset`.

    The model is called on whole blocks of parameter points at once (its declared real
    parameters broadcast), and the measures run batched on its result, so there is no
    Python loop over points.

    Parameters
    ----------
    model : Model or str
        A model of :mod:`bargain.models` (or its name, ``"crisis.fearon"``), or any function
        declared with :func:`bargain.models.model` (``register=False`` included).
    grid : mapping of str to 1-d array_like, optional
        Declared real parameters and their values; the sweep is the outer product, one
        Dataset dimension per parameter, in the mapping's order.
    samples : int, optional
        Instead of a grid: this many points drawn within ``bounds`` (``method``: a
        scrambled ``"sobol"`` sequence or a Latin hypercube ``"lhs"``, by
        :mod:`scipy.stats.qmc`); the Dataset has one dimension, ``sample``, and each sampled
        parameter is a coordinate along it.
    measures : str, Measure, sequence of them, or mapping of str to callable, optional
        What to store per point (see :mod:`bargain.sweep.measures`): ``"outputs"`` (the
        default: the model's own array outputs), ``"pure"``, ``"equilibria"``, ``"mixed"``,
        ``"qre"``, ``"security"``, ``"critical_delta"``, ``"commitment"``, parametrised
        measures such as ``measures.qre(lam=5)``, or ``{"name": f}`` with ``f(result)`` an
        array of the result's shape.
    chunks : int or mapping of str to int, optional
        Points per block, or block lengths per dimension. By default the block size comes
        from a probe of the cost per point (peak memory of a small block) and the memory
        budget of one block (256 MiB; ``memory / 4`` when smaller), and is at most 2**16
        points (2**20 with Dask, each task evaluating its block in pieces of 2**16): small
        enough for the kernels' operands to stay in the CPU caches.
    backend : {"numpy", "dask"}
        ``"numpy"``: computed now, block by block, into numpy arrays. ``"dask"``: a
        dask-backed Dataset, one task per block (``dask.array.map_blocks``), computed by the
        local scheduler or by the ``distributed.Client`` in use; write it with
        ``to_netcdf``/``to_zarr`` or reduce it before computing when it is larger than memory.
    progress : bool
        A progress bar (tqdm) on a terminal for the numpy backend.
    fixed : mapping, optional
        Values of the parameters not swept (defaults apply to the others).
    bounds : mapping of str to (low, high) or None, optional
        With ``samples``: the parameters sampled and their ranges (``None``: the declared
        domain, which must then be finite). Default: every real parameter not fixed.
    method : {"sobol", "lhs"}
        The sampling design.
    rng : numpy.random.Generator or int, optional
        Seed of the sample.
    memory : int or str, optional
        Memory the sweep may use (bytes or ``"4GB"``); default: half of what the system has free.
        The numpy backend refuses a sweep whose results do not fit.

    Returns
    -------
    xarray.Dataset
        One variable per stored array (trailing dimensions from the output declarations,
        e.g. ``player``), coordinates carrying each parameter's unit, meaning and domain,
        and attributes giving the model, its source, the library version, the fixed
        parameters and the measures.

    Raises
    ------
    InvalidModelError
        A grid axis empty, not 1-d or outside the parameter's domain, a parameter the model
        does not declare or cannot sweep, a required parameter missing, a sampling bound
        not finite.
    InvalidArgumentError
        Results larger than the memory available (the message gives the estimate).
    ImportError
        xarray (or dask) is missing: ``pip install "bargain-games[sweep]"``.

    Examples
    --------
    >>> import numpy as np, bargain as bg
    >>> from bargain.models import model, output, Parameter, POSITIVE, ModelResult
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, eq=False, repr=False)
    ... class Split(ModelResult):
    ...     share: object = output("the proposer's share", unit="share of pie")
    >>> @model(family="example", source="Rubinstein (1982)", result=Split, register=False,
    ...        parameters=[Parameter("d1", "proposer's discount factor", domain=POSITIVE),
    ...                    Parameter("d2", "responder's discount factor", domain=POSITIVE)])
    ... def split(d1, d2):
    ...     '''Rubinstein's first-mover share.'''
    ...     return {"share": (1 - d2) / (1 - d1 * d2)}
    >>> ds = bg.sweep(split, grid={"d1": [0.5, 0.9], "d2": [0.5, 0.8, 0.9]}, progress=False)
    >>> ds.share.dims, ds.share.attrs["units"], round(float(ds.share.sel(d1=0.9, d2=0.9)), 4)
    (('d1', 'd2'), 'share of pie', 0.5263)
    """
    m = get_model(model)
    backend = check_choice(backend, ("numpy", "dask"), "backend", _FUNC)
    progress = check_bool(progress, "progress", _FUNC)
    require("xarray", "bargain.sweep")
    limit = engine.available_memory() / 2 if memory is None else engine.parse_bytes(memory)
    design = make_design(m, grid, samples, fixed=fixed, bounds=bounds, method=method, rng=rng)
    bound = resolve(m, measures)
    found = engine.probe(design, bound)
    budget = min(BLOCK_BUDGET if backend == "numpy" else BLOCK_BUDGET / 2, limit / 4)
    cap = engine.NUMPY_BLOCK_POINTS if backend == "numpy" else engine.DASK_BLOCK_POINTS
    block = engine.plan(design, chunks, found, budget, cap)
    if backend == "dask":
        from bargain.sweep.dask_backend import run_dask

        return build_dataset(design, found, bound, run_dask(design, bound, found, block), "dask")
    total = found.stored_bytes_per_point * design.size
    working = found.bytes_per_point * math.prod(block)
    if total + working > limit:
        raise InvalidArgumentError(
            f"{_FUNC}: {m.qualname} over {design.describe_shape()} = {design.size:.3g} points needs about "
            f"{engine.fmt_bytes(total)} for its results ({found.stored_bytes_per_point} bytes a point) plus "
            f"{engine.fmt_bytes(working)} per block, more than the {engine.fmt_bytes(limit)} available: use "
            "backend='dask' (lazy; reduce it or write it with to_netcdf/to_zarr), a coarser grid "
            "or fewer measures"
        )
    data = run_numpy(design, bound, found, block, progress)
    return build_dataset(design, found, bound, data, "numpy")
