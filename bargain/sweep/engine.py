"""Evaluating a block of a design, the variables' schema, and the chunk plan.

Every backend runs the same function on every block: :func:`evaluate` calls the model
once on the block's broadcast parameter arrays, runs the measures on the result and
returns one array per variable, of the block's shape plus the variable's trailing axes.
Because model and measures are elementwise over parameter points, a block's values do
not depend on how the design was cut into blocks: chunked and unchunked runs agree
exactly.

The chunk plan sizes blocks from a probe: a small block is evaluated under
:mod:`tracemalloc`, giving the peak memory per point (inputs, intermediates, games,
solver work arrays and outputs), and a block holds as many points as fit in the memory
budget of one block.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import time
import tracemalloc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._validate import describe
from bargain.errors import InvalidArgumentError
from bargain.sweep.grid import Design
from bargain.sweep.measures import BoundMeasure

__all__ = [
    "VarSchema",
    "Probe",
    "evaluate",
    "evaluate_region",
    "probe",
    "block_shape",
    "chunk_sizes",
    "block_slices",
    "parse_bytes",
    "available_memory",
    "fmt_bytes",
]

_FUNC = "sweep"
#: Points of the block the probe evaluates (fewer when the design is smaller).
PROBE_POINTS = 2048
#: Largest automatic block of the numpy backend: elementwise kernels on blocks of about 2**16
#: points keep their operands in the CPU caches (measured: 20-25% more points/s than blocks of
#: 2**18 or more on a 2x2 sweep), and the per-block Python overhead stays below 1%.
NUMPY_BLOCK_POINTS = 2**16
#: Largest automatic block of the Dask backend: larger, so that a 10^8-point grid is about a
#: hundred tasks (the scheduler's and the workers' cost per task is milliseconds); each task
#: evaluates its block in pieces of NUMPY_BLOCK_POINTS, so the kernels stay in cache (measured on
#: 10^8 points, 2 workers: 2**18 -> 2**20 raised the rate per worker from 5.5 to 7.2 million).
DASK_BLOCK_POINTS = 2**20


@dataclass(frozen=True)
class VarSchema:
    """What one variable looks like: dtype, trailing shape and dimension names, attrs."""

    name: str
    dtype: np.dtype
    trailing: tuple[int, ...]
    dims: tuple[str, ...]
    unit: str
    description: str
    measure: str

    @property
    def itemsize_per_point(self) -> int:
        """Bytes this variable stores per parameter point."""
        return int(self.dtype.itemsize * math.prod(self.trailing))


@dataclass(frozen=True)
class Probe:
    """The probe's findings: the schema of every variable and the cost of one point."""

    schema: tuple[VarSchema, ...]
    bytes_per_point: float
    seconds_per_point: float
    points: int

    @property
    def stored_bytes_per_point(self) -> int:
        """Bytes of results per parameter point."""
        return sum(v.itemsize_per_point for v in self.schema)


def _plain(arr: Any) -> np.ndarray:
    a = np.asarray(arr)
    if a.dtype == object:
        a = a.astype(np.float64)
    elif a.dtype.kind in "iu":
        a = a.astype(np.int64, copy=False)
    elif a.dtype.kind == "f" and a.dtype != np.float64:
        a = a.astype(np.float64)
    return a


def evaluate(
    design: Design,
    bound: Sequence[BoundMeasure],
    inputs: Mapping[str, Any],
    shape: tuple[int, ...],
    schema: Sequence[VarSchema] | None = None,
) -> dict[str, np.ndarray]:
    """Run the model on ``inputs`` (broadcasting to ``shape``) and the measures on its result.

    Returns one array per variable, of ``shape`` plus its trailing axes (in the schema's
    dtype when a schema is given).
    """
    res = design.model(**inputs)
    out: dict[str, np.ndarray] = {}
    for b in bound:
        values = b.compute(res)
        for v in b.variables:
            if v.name not in values:
                raise RuntimeError(f"{_FUNC}: measure {b.name!r} did not return its variable {v.name!r}")
            arr = _plain(values[v.name])
            if arr.shape[: len(shape)] == shape:
                trailing = arr.shape[len(shape) :]
            elif arr.ndim <= len(shape):
                trailing = ()
            else:
                raise RuntimeError(
                    f"{_FUNC}: measure {b.name!r} returned {v.name!r} of shape {arr.shape} for a block of "
                    f"shape {shape}"
                )
            out[v.name] = np.broadcast_to(arr, shape + tuple(trailing))
    if schema is not None:
        for s in schema:
            arr = out[s.name]
            if arr.shape[len(shape) :] != s.trailing:
                raise RuntimeError(
                    f"{_FUNC}: variable {s.name!r} has trailing shape {arr.shape[len(shape) :]} in one "
                    f"block and {s.trailing} in another"
                )
            if arr.dtype != s.dtype:
                out[s.name] = arr.astype(s.dtype)
    return out


def evaluate_region(
    design: Design,
    bound: Sequence[BoundMeasure],
    schema: Sequence[VarSchema],
    out: Mapping[str, np.ndarray],
    starts: Sequence[int],
    sizes: Sequence[int],
    block: Sequence[int],
    done: Any = None,
) -> None:
    """Evaluate the grid region ``[starts, starts + sizes)`` block by block into ``out``.

    ``out`` holds one array per variable of the region's shape (plus trailing axes); blocks
    of shape ``block`` keep the kernels' temporaries cache-sized and reused from one block to
    the next (a Dask task of 2**18 points evaluated at once allocates fresh memory for each
    temporary). ``done(points)`` is called after each block (a progress bar).
    """
    for local in itertools.product(*(range(0, n, b) for n, b in zip(sizes, block))):
        part = tuple(min(b, n - a) for a, b, n in zip(local, block, sizes))
        where = block_slices([s + a for s, a in zip(starts, local)], part)
        values = evaluate(design, bound, design.block_inputs(where), part, schema)
        into = block_slices(local, part)
        for name, arr in values.items():
            out[name][into] = arr
        if done is not None:
            done(math.prod(part))


def block_slices(starts: Sequence[int], sizes: Sequence[int]) -> tuple[slice, ...]:
    """Slices of a block from its start and size on each dimension."""
    return tuple(slice(a, a + n) for a, n in zip(starts, sizes))


def probe(design: Design, bound: Sequence[BoundMeasure]) -> Probe:
    """Evaluate a small leading block under tracemalloc: the schema and the cost per point."""
    slowest = max((b.cost for b in bound), default=1.0)
    shape = block_shape(design.shape, probe_points(slowest))
    slices = block_slices([0] * len(shape), shape)
    n = math.prod(shape)
    inputs = design.block_inputs(slices)
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    try:
        out = evaluate(design, bound, inputs, shape)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        if not tracing:
            tracemalloc.stop()
    schema = []
    for b in bound:
        for v in b.variables:
            arr = out[v.name]
            trailing = arr.shape[len(shape) :]
            dims = (
                tuple(v.dims)
                if len(v.dims) == len(trailing)
                else tuple(f"{v.name.replace('.', '_')}_dim{i}" for i in range(len(trailing)))
            )
            schema.append(VarSchema(v.name, arr.dtype, trailing, dims, v.unit, v.description, b.name))
    _check_dims(schema, design)
    stored = sum(s.itemsize_per_point for s in schema)
    return Probe(tuple(schema), max(peak / n, 2.0 * stored, 64.0), seconds / n, n)


def probe_points(cost: float) -> int:
    """Points the probe evaluates for measures of relative ``cost`` per point (1: a closed form).

    >>> probe_points(1), probe_points(20), probe_points(2000)
    (2048, 819, 64)
    """
    return int(min(PROBE_POINTS, max(64, 2**14 // max(cost, 1.0))))


def _check_dims(schema: Sequence[VarSchema], design: Design) -> None:
    sizes: dict[str, tuple[int, str]] = {}
    for s in schema:
        for d, n in zip(s.dims, s.trailing):
            if d in design.dims:
                raise InvalidArgumentError(
                    f"{_FUNC}: variable {s.name!r} has a trailing dimension {d!r}, "
                    "the name of a swept dimension"
                )
            if d in sizes and sizes[d][0] != n:
                raise InvalidArgumentError(
                    f"{_FUNC}: dimension {d!r} has length {sizes[d][0]} in {sizes[d][1]!r} "
                    f"and {n} in {s.name!r}"
                )
            sizes[d] = (n, s.name)


def block_shape(shape: Sequence[int], points: int) -> tuple[int, ...]:
    """A C-order block of at most ``points`` points (at least 1): whole trailing axes first.

    >>> block_shape((100, 50, 20), 5000), block_shape((100, 50, 20), 10), block_shape((7,), 100)
    ((5, 50, 20), (1, 1, 10), (7,))
    """
    points = max(1, int(points))
    out = [1] * len(shape)
    inner = 1
    for axis in range(len(shape) - 1, -1, -1):
        n = shape[axis]
        if inner * n <= points:
            out[axis] = n
            inner *= n
        else:
            out[axis] = max(1, points // inner)
            break
    return tuple(out)


def chunk_sizes(n: int, block: int) -> tuple[int, ...]:
    """Lengths of the chunks cutting an axis of length ``n`` into blocks of ``block``.

    >>> chunk_sizes(10, 4)
    (4, 4, 2)
    """
    full, rest = divmod(n, block)
    return (block,) * full + ((rest,) if rest else ())


def plan(
    design: Design, chunks: Any, found: Probe, budget: float, max_points: int | None = None
) -> tuple[int, ...]:
    """The block shape: from ``chunks`` (points per block, or lengths per dimension), else from the budget.

    The automatic block holds as many points as fit in ``budget`` bytes, at most ``max_points``.
    """
    if chunks is None:
        points = int(budget // found.bytes_per_point)
        return block_shape(design.shape, points if max_points is None else min(points, max_points))
    if isinstance(chunks, bool) or not isinstance(chunks, int | np.integer | Mapping):
        raise InvalidArgumentError(
            f"{_FUNC}: chunks must be None, a number of points per block, or a mapping of dimensions to "
            f"block lengths; got {describe(chunks)}"
        )
    if not isinstance(chunks, Mapping):
        if chunks < 1:
            raise InvalidArgumentError(f"{_FUNC}: chunks must be >= 1 points per block, got {chunks!r}")
        return block_shape(design.shape, int(chunks))
    out = list(design.shape)
    for dim, size in chunks.items():
        if dim not in design.dims:
            raise InvalidArgumentError(
                f"{_FUNC}: chunks names {dim!r}, not a dimension of the sweep ({', '.join(design.dims)})"
            )
        if isinstance(size, bool) or not isinstance(size, int | np.integer) or size < 1:
            raise InvalidArgumentError(
                f"{_FUNC}: chunks[{dim!r}] must be an integer >= 1, got {describe(size)}"
            )
        out[design.dims.index(dim)] = min(int(size), design.shape[design.dims.index(dim)])
    return tuple(out)


_UNITS = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}


def parse_bytes(value: Any, name: str = "memory") -> float:
    """Bytes from a number or a string such as ``"512MB"`` or ``"2 GiB"``.

    >>> parse_bytes("1.5 GB"), parse_bytes(1024), parse_bytes("64MiB")
    (1500000000.0, 1024.0, 67108864.0)
    """
    if isinstance(value, str):
        match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([a-zA-Z]*)\s*", value)
        if match and match.group(2).lower() in _UNITS:
            return float(match.group(1)) * _UNITS[match.group(2).lower()]
    elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        if np.isfinite(value) and value > 0:
            return float(value)
    raise InvalidArgumentError(
        f"{_FUNC}: {name} must be a positive number of bytes or a string like '512MB', got {describe(value)}"
    )


def available_memory() -> float:
    """Memory available to this process now (bytes): psutil where installed, else the OS's free pages."""
    try:
        import psutil

        return float(psutil.virtual_memory().available)
    except ImportError:  # pragma: no cover - psutil ships with distributed
        try:
            return float(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
        except (ValueError, OSError, AttributeError):
            return float("inf")


def fmt_bytes(n: float) -> str:
    """``"1.2 GB"``: a byte count for messages.

    >>> fmt_bytes(1.234e9), fmt_bytes(512)
    ('1.2 GB', '512 B')
    """
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n:.0f} B"
