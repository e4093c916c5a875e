"""The Dask backend: one task per block of the design, one lazy array per variable.

Each block is one task (``dask.array.map_blocks``) that calls the model on the block's
parameter arrays and runs the measures, exactly as the numpy backend does; it returns
the block's variables in a one-element object array, and each variable is a cheap
``map_blocks`` picking its array out of it. So the model runs once per block whatever the
number of variables, and the graph is that of an ordinary dask array: any scheduler runs
it (threads, processes, or a ``distributed.Client`` on a cluster), ``xarray``'s
``to_netcdf``/``to_zarr`` stream it to disk block by block, and reductions never hold the
whole grid.

Grid blocks find their coordinates from their block index (the axes are small and travel
with the task); sampled designs pass their parameter columns as dask arrays chunked
like the result, so no task carries the whole sample.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from typing import Any

import numpy as np

from bargain.sweep import engine
from bargain.sweep.grid import Design
from bargain.sweep.measures import BoundMeasure

__all__ = ["run_dask"]


def _grid_block(
    design: Design,
    bound: Sequence[BoundMeasure],
    schema: Sequence[engine.VarSchema],
    offsets: tuple[tuple[int, ...], ...],
    block_id: tuple[int, ...] | None = None,
) -> np.ndarray:
    assert block_id is not None
    starts = [offsets[axis][i] for axis, i in enumerate(block_id)]
    sizes = tuple(offsets[axis][i + 1] - offsets[axis][i] for axis, i in enumerate(block_id))
    out = {s.name: np.empty(sizes + s.trailing, dtype=s.dtype) for s in schema}
    sub = engine.block_shape(sizes, engine.NUMPY_BLOCK_POINTS)  # cache-sized pieces of the task
    engine.evaluate_region(design, bound, schema, out, starts, sizes, sub)
    return _box(out, len(sizes))


def _sample_block(
    design: Design,
    bound: Sequence[BoundMeasure],
    schema: Sequence[engine.VarSchema],
    names: tuple[str, ...],
    *columns: np.ndarray,
) -> np.ndarray:
    values = dict(zip(names, columns))
    n = columns[0].shape[0]
    out = engine.evaluate(design, bound, design.inputs_from_values(values), (n,), schema)
    return _box(out, 1)


def _box(values: dict[str, np.ndarray], ndim: int) -> np.ndarray:
    box = np.empty((1,) * ndim, dtype=object)
    box.flat[0] = {k: np.ascontiguousarray(v) for k, v in values.items()}
    return box


def _pick(box: np.ndarray, name: str) -> np.ndarray:
    return box.flat[0][name]


def run_dask(
    design: Design, bound: Sequence[BoundMeasure], found: engine.Probe, block: tuple[int, ...]
) -> dict[str, Any]:
    """One lazy dask array per variable, blocks of shape ``block``."""
    from bargain.sweep.run import require

    da = require("dask.array", "bargain.sweep(backend='dask')")
    chunks = tuple(engine.chunk_sizes(n, b) for n, b in zip(design.shape, block))
    boxes_chunks = tuple((1,) * len(c) for c in chunks)
    token = uuid.uuid4().hex[:12]
    name = f"sweep-{design.model.name}-{token}"
    ndim = len(design.dims)
    if design.kind == "grid":
        offsets = tuple(tuple(np.concatenate([[0], np.cumsum(c)]).tolist()) for c in chunks)
        boxes = da.map_blocks(
            _grid_block,
            design,
            bound,
            found.schema,
            offsets,
            chunks=boxes_chunks,
            dtype=object,
            meta=np.empty((0,) * ndim, dtype=object),
            name=name,
        )
    else:
        names = tuple(design.values)
        columns = [da.from_array(np.asarray(design.values[k]), chunks=chunks) for k in names]
        light = dataclasses.replace(design, values={})
        boxes = da.map_blocks(
            _sample_block,
            light,
            bound,
            found.schema,
            names,
            *columns,
            chunks=boxes_chunks,
            dtype=object,
            meta=np.empty((0,), dtype=object),
            name=name,
        )
    out: dict[str, Any] = {}
    for s in found.schema:
        extra = len(s.trailing)
        out[s.name] = da.map_blocks(
            _pick,
            boxes,
            s.name,
            chunks=chunks + tuple((n,) for n in s.trailing),
            new_axis=list(range(ndim, ndim + extra)) if extra else None,
            dtype=s.dtype,
            meta=np.empty((0,) * (ndim + extra), dtype=s.dtype),
            name=f"{name}-{s.name}",
        )
    return out
