"""Models of diplomacy: each a declared function of named parameters, evaluated on arrays.

One module per policy family (``bargain.models.trade``, ``.alliances``, ``.crisis``, ...);
each model cites its source, states its assumptions in its docstring, and returns a frozen
result whose fields are arrays of the broadcast shape of its parameters (plus the games it
builds). The protocol every model follows, and the registry of all of them, is in
:mod:`bargain.models._base`; its public names are re-exported here.

>>> import bargain as bg
>>> sorted(bg.models.registry()) == sorted(m.qualname for m in bg.models.registry().values())
True
"""

from __future__ import annotations

import importlib
from typing import Any

from bargain.models._base import (
    DISCOUNT,
    FAMILIES,
    NONNEGATIVE,
    POSITIVE,
    PROBABILITY,
    REAL,
    REQUIRED,
    UNIT_OPEN,
    Domain,
    Model,
    ModelResult,
    Output,
    Parameter,
    constant,
    get_model,
    is_exact,
    matrix_2x2,
    maximum,
    minimum,
    model,
    output,
    pick,
    registry,
    require,
)

__all__ = [
    "Domain",
    "Model",
    "ModelResult",
    "Output",
    "Parameter",
    "REQUIRED",
    "REAL",
    "POSITIVE",
    "NONNEGATIVE",
    "PROBABILITY",
    "UNIT_OPEN",
    "DISCOUNT",
    "FAMILIES",
    "get_model",
    "is_exact",
    "model",
    "output",
    "registry",
    "require",
    "constant",
    "pick",
    "minimum",
    "maximum",
    "matrix_2x2",
]


def __getattr__(name: str) -> Any:
    if name in FAMILIES:
        module = importlib.import_module(f"bargain.models.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'bargain.models' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
