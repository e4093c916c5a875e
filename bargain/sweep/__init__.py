"""Sweeps: any model over a parameter grid or sample, to a labelled xarray Dataset.

``bargain.sweep`` is both this package and the function: ``bg.sweep(model, grid=...)``
runs :func:`bargain.sweep.run.sweep`, and ``bg.sweep.sensitivity(model, output)`` gives
Sobol indices. The parts:

- :mod:`~bargain.sweep.grid`: the design (an outer-product grid, or a Sobol / Latin
  hypercube sample within the declared domains), checked against the model's declaration;
- :mod:`~bargain.sweep.measures`: what is stored per point (the model's outputs, or batched
  solvers run on the games it builds) and the registry of named measures;
- :mod:`~bargain.sweep.engine`: evaluating a block, the probe of the cost per point and
  the chunk plan;
- :mod:`~bargain.sweep.run` (numpy backend, the Dataset) and
  :mod:`~bargain.sweep.dask_backend` (the same blocks as dask tasks);
- :mod:`~bargain.sweep.sensitivity`: first-order and total Sobol indices.

xarray, dask and tqdm are imported only when a sweep runs (``pip install
"bargain-games[sweep]"``), so ``import bargain`` stays light.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from bargain.sweep import measures
from bargain.sweep.measures import Measure, register_measure
from bargain.sweep.run import sweep
from bargain.sweep.sensitivity import SobolIndices, sensitivity

__all__ = ["sweep", "sensitivity", "SobolIndices", "Measure", "measures", "register_measure"]


class _CallableModule(types.ModuleType):
    """The package module itself runs a sweep when called (``bargain.sweep(model, grid=...)``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return sweep(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
