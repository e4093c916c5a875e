"""The model protocol: a diplomacy model declared once, evaluated on broadcast parameter arrays.

A model is a function of named parameters that returns a frozen result. It is declared
with :func:`model`: each parameter's meaning, unit, domain and default
(:class:`Parameter`), the model's source, and the result class whose fields are its
outputs (each declared with :func:`output`: meaning, unit, kind). The declaration is the
one place the rest of the library reads: :func:`bargain.sweep` takes parameter names,
domains and output units from it, the command line builds its options from it, and the
documentation lists it. Nothing else needs to know a model's internals.

Calling a model validates every parameter against its domain (an
:class:`~bargain.InvalidModelError` that names the model, the parameter and the bad value),
broadcasts the real parameters against each other (numpy rules; a ``vector`` parameter
such as the allies' incomes broadcasts on its leading axes and keeps its last axis), hands
the implementation float64 arrays of the common shape, and wraps what it returns in the
declared result: read-only arrays of the broadcast shape (numpy scalars when every
parameter was a scalar), mappings of such arrays, and the :class:`~bargain.Game` batches
the model builds. With ``exact=True`` (models whose closed form is rational) the
implementation receives object arrays of :class:`~fractions.Fraction` instead, so the same
code returns exact values; a float is read as the decimal typed (0.1 is 1/10).

Writing a model::

    @dataclass(frozen=True, eq=False, repr=False)
    class Split(ModelResult):
        share: Any = output("the proposer's share of the pie", unit="share of pie")

    @model(
        family="example",
        source="Rubinstein (1982), Econometrica 50(1), Section 4",
        parameters=[Parameter("delta", "the responder's discount factor", domain=Domain(0, 1, high_open=True),
                              default=0.9)],
        result=Split,
        exact=True,
    )
    def split(delta):
        '''The first mover's share of an alternating-offers split with a common discount factor.'''
        return {"share": 1 / (1 + delta)}

The registry (:func:`registry`, :func:`get_model`) lists every declared model by its
``family.name``.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
import numbers
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number
from bargain._validate import as_real_array, check_bool, describe
from bargain.core.exact import to_fraction
from bargain.core.frozen import readonly
from bargain.core.game import Game
from bargain.errors import InvalidArgumentError, InvalidModelError

__all__ = [
    "REQUIRED",
    "Domain",
    "Parameter",
    "Output",
    "output",
    "ModelResult",
    "Model",
    "model",
    "registry",
    "get_model",
    "is_exact",
    "require",
    "constant",
    "pick",
    "minimum",
    "maximum",
    "matrix_2x2",
    "exact_array",
]


class _Required:
    """Marker of a parameter without a default (the caller must give it)."""

    _instance: _Required | None = None

    def __new__(cls) -> _Required:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REQUIRED"


#: Default of a parameter the caller must give.
REQUIRED: Any = _Required()

_KINDS = ("real", "vector", "option", "object")
_OUTPUT_KINDS = ("array", "mapping", "game", "object")


# ------------------------------------------------------------------------------ declarations
@dataclass(frozen=True)
class Domain:
    """An interval of admissible values, open or closed at each end; ``integer`` for counts.

    >>> str(Domain(0, 1, high_open=True)), str(Domain(0, low_open=True)), str(Domain(1, integer=True))
    ('[0, 1)', '(0, inf)', 'integers >= 1')
    >>> Domain(0, 1).contains(np.array([-0.5, 0.5])).tolist()
    [False, True]
    """

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    integer: bool = False

    def contains(self, values: np.ndarray) -> np.ndarray:
        """Elementwise: is each value inside the domain? (Works on float and Fraction arrays.)"""
        ok = np.ones(np.shape(values), dtype=bool)
        if self.low is not None:
            ok &= (values > self.low) if self.low_open else (values >= self.low)
        if self.high is not None:
            ok &= (values < self.high) if self.high_open else (values <= self.high)
        if self.integer:
            ok &= np.asarray(values == np.floor(np.asarray(values, dtype=float)), dtype=bool)
        return np.asarray(ok, dtype=bool)

    def __str__(self) -> str:
        if self.integer:
            parts = []
            if self.low is not None:
                parts.append(f"{'>' if self.low_open else '>='} {fmt_number(self.low)}")
            if self.high is not None:
                parts.append(f"{'<' if self.high_open else '<='} {fmt_number(self.high)}")
            return "integers" + (" " + " and ".join(parts) if parts else "")
        lo = "-inf" if self.low is None else fmt_number(self.low)
        hi = "inf" if self.high is None else fmt_number(self.high)
        left = "(" if self.low_open or self.low is None else "["
        right = ")" if self.high_open or self.high is None else "]"
        return f"{left}{lo}, {hi}{right}"


#: Shorthand domains for the common cases.
REAL = Domain()
POSITIVE = Domain(0, low_open=True)
NONNEGATIVE = Domain(0)
PROBABILITY = Domain(0, 1)
UNIT_OPEN = Domain(0, 1, low_open=True, high_open=True)
DISCOUNT = Domain(0, 1, high_open=True)


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a model.

    Parameters
    ----------
    name : str
        The keyword the model is called with.
    meaning : str
        One line saying what it is (shown by ``help``, the CLI and the docs).
    unit : str
        Its unit ("share of pie", "price", "" for a pure number).
    domain : Domain
        Admissible values (checked elementwise on every call).
    default : Any
        Its default, or :data:`REQUIRED`.
    kind : {"real", "vector", "option", "object"}
        ``"real"``: a real array that broadcasts with the others (what a sweep varies).
        ``"vector"``: a real array whose last axis lists items (``dim`` names it, e.g. the
        allies); its leading axes broadcast with the real parameters.
        ``"option"``: one of ``choices`` (not broadcast, not swept).
        ``"object"``: anything the model validates itself with ``check`` (a distribution).
    choices : tuple
        The admissible values of an ``"option"``.
    dim : str
        The name of a ``"vector"`` parameter's last axis.
    min_size : int
        The smallest length of a ``"vector"`` parameter's last axis.
    check : callable, optional
        For ``"object"``: ``check(value, model_name) -> value``, raising
        :class:`~bargain.InvalidModelError` on a bad value.
    """

    name: str
    meaning: str
    unit: str = ""
    domain: Domain = REAL
    default: Any = REQUIRED
    kind: str = "real"
    choices: tuple[Any, ...] = ()
    dim: str = ""
    min_size: int = 1
    check: Callable[[Any, str], Any] | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"Parameter {self.name!r}: kind must be one of {_KINDS}, got {self.kind!r}")
        if self.kind == "option" and not self.choices:
            raise ValueError(f"Parameter {self.name!r}: an option needs its choices")
        if self.kind == "vector" and not self.dim:
            raise ValueError(f"Parameter {self.name!r}: a vector needs the name of its last axis (dim=)")
        if self.kind == "object" and self.check is None:
            raise ValueError(f"Parameter {self.name!r}: an object parameter needs a check function")

    @property
    def required(self) -> bool:
        """True when the caller must give this parameter."""
        return self.default is REQUIRED

    @property
    def sweepable(self) -> bool:
        """True for real parameters (the ones a sweep can put on a grid axis)."""
        return self.kind == "real"

    def describe(self) -> str:
        """One line: name, meaning, unit, domain, default."""
        if self.kind == "option":
            where = "one of " + ", ".join(map(repr, self.choices))
        elif self.kind == "object":
            where = "see the model's docstring"
        else:
            where = f"in {self.domain}" + (f", per {self.dim}" if self.kind == "vector" else "")
        unit = f" [{self.unit}]" if self.unit else ""
        default = "required" if self.required else f"default {self.default!r}"
        return f"{self.name}{unit}: {self.meaning} ({where}; {default})"


@dataclass(frozen=True)
class Output:
    """One declared output of a model: a field of its result class.

    ``kind`` is ``"array"`` (an array of the broadcast shape, plus trailing axes named by
    ``dims``), ``"mapping"`` (a mapping from ``keys`` to such arrays), ``"game"`` (a
    :class:`~bargain.Game` batch of the broadcast shape) or ``"object"`` (anything else).
    """

    name: str
    meaning: str
    unit: str = ""
    kind: str = "array"
    dims: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line: name, meaning, unit."""
        unit = f" [{self.unit}]" if self.unit else ""
        extra = f" (keys: {', '.join(self.keys)})" if self.keys else ""
        extra += f" (per {', '.join(self.dims)})" if self.dims else ""
        return f"{self.name}{unit}: {self.meaning}{extra}"


_OUTPUT_KEY = "bargain_output"


def output(
    meaning: str,
    unit: str = "",
    *,
    kind: str = "array",
    dims: Sequence[str] = (),
    keys: Sequence[str] = (),
) -> Any:
    """Declare a field of a model's result class as an output (meaning, unit, kind).

    >>> f = output("the optimal tariff", unit="price"); f.metadata["bargain_output"]["unit"]
    'price'
    """
    if kind not in _OUTPUT_KINDS:
        raise ValueError(f"output kind must be one of {_OUTPUT_KINDS}, got {kind!r}")
    if kind == "mapping" and not keys:
        raise ValueError("a mapping output needs its keys")
    spec = {"meaning": meaning, "unit": unit, "kind": kind, "dims": tuple(dims), "keys": tuple(keys)}
    return dataclasses.field(default=None, metadata={_OUTPUT_KEY: spec})


def is_exact(values: Any) -> bool:
    """True when ``values`` is an object array of exact numbers (the ``exact=True`` path).

    >>> is_exact(np.array([Fraction(1, 2)], dtype=object)), is_exact(np.zeros(2))
    (True, False)
    """
    return isinstance(values, np.ndarray) and values.dtype == object


# ------------------------------------------------------------------------------ helpers for implementations
def require(ok: Any, model_name: str, rule: str, **values: Any) -> None:
    """Raise :class:`~bargain.InvalidModelError` at the first point where the condition ``ok`` fails.

    For conditions that join parameters (a domain checks one parameter alone): ``ok`` is a
    boolean array of the broadcast shape, ``rule`` says what must hold, and ``values`` names
    the parameters (each broadcastable to ``ok``) whose values at the first failing index
    the message shows.

    >>> T, R = np.array([5.0, 3.0]), np.array([3.0, 3.0])
    >>> try:
    ...     require(T > R, "linkage.issue_linkage", "T must exceed R", temptation=T, reward=R)
    ... except InvalidModelError as exc:
    ...     print(exc)
    linkage.issue_linkage: T must exceed R; got temptation=3, reward=3 at index (1,)
    """
    ok = np.asarray(ok, dtype=bool)
    if ok.all():
        return
    idx = _first_failure(ok)
    given = ", ".join(
        f"{name}={fmt_number(np.broadcast_to(np.asarray(v), ok.shape)[idx])}" for name, v in values.items()
    )
    at = f" at index {idx}" if idx else ""
    raise InvalidModelError(f"{model_name}: {rule}; got {given}{at}")


def _first_failure(ok: np.ndarray) -> tuple[int, ...]:
    """The index of the first False in the boolean array ``ok`` (``()`` for a scalar)."""
    return tuple(int(i) for i in np.argwhere(~ok)[0]) if ok.ndim else ()


def constant(value: int | Fraction, like: Any) -> Fraction | float:
    """``value`` in the number type of ``like``: a Fraction on the exact path, a float otherwise.

    ``like`` is an array or a number computed from the parameters (arithmetic on 0-d object
    arrays gives plain Fractions).

    >>> constant(1, np.array([Fraction(1, 2)], dtype=object)), constant(1, Fraction(1, 2))
    (Fraction(1, 1), Fraction(1, 1))
    >>> constant(1, np.zeros(2))
    1.0
    """
    return Fraction(value) if isinstance(like, Fraction) or is_exact(like) else float(value)


def pick(mask: Any, yes: Any, no: Any) -> np.ndarray:
    """``np.where`` on a mask of any type (a comparison of Fraction arrays gives objects); keeps Fractions.

    >>> half = np.array([Fraction(1, 2), Fraction(3, 2)], dtype=object)
    >>> pick(half > 1, half - 1, half).tolist()
    [Fraction(1, 2), Fraction(1, 2)]
    """
    return np.where(np.asarray(mask, dtype=bool), yes, no)


def minimum(a: Any, b: Any) -> np.ndarray:
    """The elementwise smaller of ``a`` and ``b`` (``a`` on ties), exact on Fractions.

    >>> minimum(np.array([Fraction(1, 3), Fraction(2)], dtype=object), Fraction(1, 2)).tolist()
    [Fraction(1, 3), Fraction(1, 2)]
    """
    return pick(a <= b, a, b)


def maximum(a: Any, b: Any) -> np.ndarray:
    """The elementwise larger of ``a`` and ``b`` (``a`` on ties), exact on Fractions.

    >>> maximum(np.array([-1.0, 2.0]), 0.0).tolist()
    [0.0, 2.0]
    """
    return pick(a >= b, a, b)


def exact_array(value: Any, name: str, where: str, *, min_ndim: int = 0) -> np.ndarray:
    """``value`` as an object array of :class:`~fractions.Fraction` (a model's exact path).

    Integers, Fractions, decimal strings and floats (read exactly) are accepted; booleans,
    NaN, infinities, non-numbers and empty arrays raise :class:`InvalidModelError` naming
    ``where`` and the parameter ``name``.

    >>> exact_array([1, "0.1"], "p", "crisis.fearon").tolist()
    [Fraction(1, 1), Fraction(1, 10)]
    """
    if isinstance(value, bool | np.bool_):
        raise InvalidModelError(f"{where}: {name} must be real, got {describe(value)}")
    try:
        raw = np.array(value, dtype=object)
    except (ValueError, TypeError):
        raise InvalidModelError(f"{where}: {name} must be a real array, got {describe(value)}") from None
    if raw.size == 0:
        raise InvalidModelError(f"{where}: {name} is empty (shape {raw.shape})")
    if raw.ndim < min_ndim:
        raise InvalidModelError(f"{where}: {name} must have at least {min_ndim} dimension(s), got a scalar")

    def convert(v: Any) -> Fraction:
        if isinstance(v, bool | np.bool_):
            raise InvalidModelError(f"{where}: {name} must be real, got {describe(v)}")
        try:
            return to_fraction(v, where)
        except InvalidArgumentError as exc:
            detail = str(exc).removeprefix(f"{where}: ")
            raise InvalidModelError(f"{where}: {name} must be real numbers; {detail}") from None

    out = np.frompyfunc(convert, 1, 1)(raw)
    return np.asarray(out, dtype=object).reshape(raw.shape)


def matrix_2x2(aa: Any, ab: Any, ba: Any, bb: Any) -> np.ndarray:
    """One player's payoffs ``[[aa, ab], [ba, bb]]`` of shape ``(..., 2, 2)`` from four broadcastable cells.

    For a symmetric game ``matrix_2x2(R, S, T, P)`` is the row player's matrix (pass it to
    :meth:`~bargain.Game.symmetric`).

    >>> matrix_2x2(np.array([3.0, 4.0]), 0.0, 5.0, 1.0).tolist()
    [[[3.0, 0.0], [5.0, 1.0]], [[4.0, 0.0], [5.0, 1.0]]]
    """
    cells = np.broadcast_arrays(*(np.asarray(x) for x in (aa, ab, ba, bb)))
    return np.stack([np.stack(cells[:2], axis=-1), np.stack(cells[2:], axis=-1)], axis=-2)


# ------------------------------------------------------------------------------ results
@dataclass(frozen=True, eq=False, repr=False, kw_only=True)
class ModelResult(Result):
    """Base of every model's result: the outputs, the model's name and the parameters used.

    Subclasses are ``@dataclass(frozen=True, eq=False, repr=False)`` whose fields are
    declared with :func:`output`. ``parameters`` maps each parameter to the value used
    (read-only arrays, unbroadcast); ``shape`` is their broadcast shape (``()`` for one
    point); :meth:`arrays` flattens the outputs into named arrays
    (what a sweep stores).
    """

    model: str = ""
    parameters: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    shape: tuple[int, ...] = ()

    @classmethod
    def outputs(cls) -> tuple[Output, ...]:
        """The declared outputs of this result class, in field order."""
        out = []
        for f in dataclasses.fields(cls):
            spec = f.metadata.get(_OUTPUT_KEY)
            if spec is not None:
                out.append(Output(f.name, **spec))
        return tuple(out)

    def arrays(self) -> dict[str, np.ndarray]:
        """Every array output as a float or bool array of the broadcast shape (plus its ``dims``).

        Mapping outputs appear as ``name.key``; games and objects are left out. Exact values
        are converted to float.
        """
        out: dict[str, np.ndarray] = {}
        for spec in self.outputs():
            value = getattr(self, spec.name)
            if spec.kind == "array":
                out[spec.name] = _plain(value)
            elif spec.kind == "mapping":
                for key in spec.keys:
                    out[f"{spec.name}.{key}"] = _plain(value[key])
        return out

    def __repr__(self) -> str:
        name = type(self).__name__
        head = f"{name}({self.model})" if self.model else name
        lines = [head]
        shape = self.shape
        if shape:
            lines.append(f"  {math.prod(shape)} parameter points, shape {shape}")
        params = ", ".join(f"{k}={_short(v)}" for k, v in self.parameters.items())
        if params:
            lines.append(f"  parameters: {params}")
        for spec in self.outputs():
            value = getattr(self, spec.name)
            unit = f" [{spec.unit}]" if spec.unit else ""
            if spec.kind == "mapping":
                inner = ", ".join(f"{k}={_short(value[k])}" for k in spec.keys)
                lines.append(f"  {spec.name}{unit}: {inner}")
            elif spec.kind == "game":
                lines.append(f"  {spec.name}: {_short_game(value)}")
            else:
                lines.append(f"  {spec.name}{unit} = {_short(value)}")
        lines.append("  " + self._status_line())
        return "\n".join(lines)


def _plain(value: Any) -> np.ndarray:
    arr = np.asarray(value)
    if arr.dtype == object:
        arr = arr.astype(np.float64)
    return arr


def _short(value: Any) -> str:
    if isinstance(value, str | type(None)):
        return repr(value)
    if isinstance(value, Game):
        return _short_game(value)
    if isinstance(value, bool | np.bool_):
        return repr(bool(value))
    if isinstance(value, Fraction | numbers.Number):
        return fmt_number(value)
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return _short(value[()])
        if value.size <= 6:
            return "[" + ", ".join(_short(v) for v in value.ravel().tolist()) + "]"
        if value.dtype == bool:
            return f"array{value.shape} ({int(value.sum())} True)"
        flat = np.asarray(value, dtype=float)
        return f"array{value.shape} in [{np.min(flat):.6g}, {np.max(flat):.6g}]"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _short_game(game: Any) -> str:
    if not isinstance(game, Game):
        return _short(game)
    m, n = game.shape
    batch = game.batch_shape
    names = " / ".join(game.labels.row_actions) + " x " + " / ".join(game.labels.col_actions)
    return f"{m}x{n} game ({names})" + (f", a batch of shape {batch}" if batch else "")


# ------------------------------------------------------------------------------ the model
_REGISTRY: dict[str, Model] = {}


class Model:
    """A declared model: call it with its parameters (arrays broadcast) to get its result.

    Attributes
    ----------
    name, family : str
        ``family.name`` is its key in the :func:`registry` (e.g. ``"trade.tariff_war"``).
    source : str
        The paper (and section) the model and its closed forms come from.
    parameters : tuple of Parameter
        Its declared parameters, in call order.
    outputs : tuple of Output
        Its declared outputs (fields of ``result_type``).
    result_type : type
        The frozen result class it returns.
    exact : bool
        Whether it accepts ``exact=True`` (a rational closed form).
    """

    def __init__(
        self,
        func: Callable[..., Mapping[str, Any]],
        *,
        family: str,
        source: str,
        parameters: Sequence[Parameter],
        result: type[ModelResult],
        exact: bool = False,
        name: str | None = None,
    ) -> None:
        self._func = func
        self.name = name or func.__name__
        self.family = family
        self.source = source
        self.parameters = tuple(parameters)
        self.result_type = result
        self.exact = exact
        self.outputs = result.outputs()
        self.__doc__ = func.__doc__
        self.__name__ = self.name
        self.__qualname__ = self.name
        self.__module__ = func.__module__
        self.__wrapped__ = func
        self._check_declaration()
        self.__signature__ = self._signature()

    # -- declaration ---------------------------------------------------------------------
    @property
    def qualname(self) -> str:
        """``family.name``: the model's key in the registry and its name in messages."""
        return f"{self.family}.{self.name}"

    @property
    def summary(self) -> str:
        """The first line of the docstring."""
        return (self.__doc__ or "").strip().splitlines()[0] if self.__doc__ else ""

    def parameter(self, name: str) -> Parameter:
        """The declaration of parameter ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters)
        raise InvalidModelError(f"{self.qualname}: no parameter {name!r} (its parameters: {known})")

    def defaults(self) -> dict[str, Any]:
        """The parameters that have defaults, with their defaults."""
        return {p.name: p.default for p in self.parameters if not p.required}

    def describe(self) -> str:
        """A plain-text card: summary, source, parameters and outputs (for the CLI and docs)."""
        lines = [f"{self.qualname}: {self.summary}", f"  source: {self.source}", "  parameters:"]
        lines += [f"    {p.describe()}" for p in self.parameters]
        if self.exact:
            lines.append("    exact: True for exact rational results (Fractions)")
        lines.append("  outputs:")
        lines += [f"    {o.describe()}" for o in self.outputs]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<model {self.qualname}: {self.summary}>"

    def _check_declaration(self) -> None:
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise ValueError(f"model {self.name}: duplicate parameter names {names}")
        accepted = list(inspect.signature(self._func).parameters)
        if accepted != names:
            raise ValueError(
                f"model {self.name}: the implementation takes {accepted}, the declaration lists {names}"
            )
        if not self.outputs:
            raise ValueError(f"model {self.name}: {self.result_type.__name__} declares no output")
        reserved = {"exact", "status", "message", "labels", "model", "parameters"}
        if reserved & set(names):
            clash = sorted(reserved & set(names))
            raise ValueError(f"model {self.name}: parameter names {clash} are reserved")

    def _signature(self) -> inspect.Signature:
        params = []
        for p in self.parameters:
            if p.required:
                params.append(inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD))
        for p in self.parameters:
            if not p.required:
                params.append(inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.default))
        if self.exact:
            params.append(inspect.Parameter("exact", inspect.Parameter.KEYWORD_ONLY, default=False))
        return inspect.Signature(params, return_annotation=self.result_type.__name__)

    # -- evaluation ----------------------------------------------------------------------
    def __call__(self, *args: Any, **kwargs: Any) -> ModelResult:
        try:
            bound = self.__signature__.bind(*args, **kwargs)
        except TypeError as exc:
            raise InvalidModelError(f"{self.qualname}: {exc}") from None
        bound.apply_defaults()
        values = dict(bound.arguments)
        exact = check_bool(values.pop("exact", False), "exact", self.qualname)
        checked = {p.name: self._check(p, values[p.name], exact) for p in self.parameters}
        shape = self._broadcast_shape(checked)
        inputs = {p.name: self._broadcast(p, checked[p.name], shape) for p in self.parameters}
        raw = dict(self._func(**inputs))
        return self._wrap(raw, checked, shape)

    def _check(self, p: Parameter, value: Any, exact: bool) -> Any:
        where = self.qualname
        if value is REQUIRED:
            raise InvalidModelError(f"{where}: parameter {p.name!r} is required ({p.meaning})")
        if p.kind == "option":
            match = _match_choice(value, p.choices)
            if match is _NO_MATCH:
                options = ", ".join(map(repr, p.choices))
                raise InvalidModelError(f"{where}: {p.name} must be one of {options}; got {describe(value)}")
            return match
        if p.kind == "object":
            assert p.check is not None
            return p.check(value, where)
        try:
            arr = as_real_array(value, p.name, where, min_ndim=1 if p.kind == "vector" else 0,
                                error=InvalidModelError)
        except InvalidArgumentError:
            if exact:
                arr = None  # Fractions or strings: converted below
            else:
                raise
        if exact:
            arr = self._exact_array(p, value)
        assert arr is not None
        if p.kind == "vector" and arr.shape[-1] < p.min_size:
            raise InvalidModelError(
                f"{where}: {p.name} needs at least {p.min_size} entries along its last axis ({p.dim}), "
                f"got shape {arr.shape}"
            )
        ok = p.domain.contains(arr)
        if not ok.all():
            idx = _first_failure(ok)
            bad_value = arr[idx] if idx else arr[()]
            at = f" at index {idx}" if idx else ""
            raise InvalidModelError(
                f"{where}: {p.name} must be in {p.domain} ({p.meaning}), got {_short(bad_value)}{at}"
            )
        return arr

    def _exact_array(self, p: Parameter, value: Any) -> np.ndarray:
        return exact_array(value, p.name, self.qualname, min_ndim=1 if p.kind == "vector" else 0)

    def _broadcast_shape(self, checked: Mapping[str, Any]) -> tuple[int, ...]:
        shapes = []
        for p in self.parameters:
            if p.kind == "real":
                shapes.append(checked[p.name].shape)
            elif p.kind == "vector":
                shapes.append(checked[p.name].shape[:-1])
        try:
            return np.broadcast_shapes(*shapes) if shapes else ()
        except ValueError:
            given = ", ".join(
                f"{p.name} {checked[p.name].shape}" for p in self.parameters if p.kind in ("real", "vector")
            )
            raise InvalidModelError(f"{self.qualname}: parameter shapes do not broadcast: {given}") from None

    @staticmethod
    def _broadcast(p: Parameter, value: Any, shape: tuple[int, ...]) -> Any:
        if p.kind == "real":
            return np.broadcast_to(value, shape)
        if p.kind == "vector":
            return np.broadcast_to(value, shape + value.shape[-1:])
        return value

    def _wrap(self, raw: dict[str, Any], checked: Mapping[str, Any], shape: tuple[int, ...]) -> ModelResult:
        extras = {key: raw.pop(key) for key in ("status", "message", "labels") if key in raw}
        declared = {o.name for o in self.outputs}
        if set(raw) != declared:
            raise RuntimeError(
                f"{self.qualname}: the implementation returned {sorted(raw)}, "
                f"the result declares {sorted(declared)}"
            )
        fields = {}
        for spec in self.outputs:
            value = raw[spec.name]
            if spec.kind == "array":
                fields[spec.name] = _freeze(value, shape + tuple(np.shape(value)[len(shape):]))
            elif spec.kind == "mapping":
                if set(value) != set(spec.keys):
                    raise RuntimeError(
                        f"{self.qualname}: {spec.name} has keys {sorted(value)}, not {spec.keys}"
                    )
                fields[spec.name] = types.MappingProxyType(
                    {k: _freeze(value[k], shape) for k in spec.keys}
                )
            else:
                fields[spec.name] = value
        params: dict[str, Any] = {}
        for p in self.parameters:
            value = checked[p.name]
            if p.kind == "real":
                params[p.name] = _freeze(value, np.shape(value))
            elif p.kind == "vector":
                params[p.name] = readonly(np.array(value))
            else:
                params[p.name] = value
        return self.result_type(
            **fields,
            model=self.qualname,
            parameters=types.MappingProxyType(params),
            shape=shape,
            status=extras.get("status", Status.SUCCESS),
            message=extras.get("message", ""),
            labels=extras.get("labels"),
        )


_NO_MATCH = object()


def _match_choice(value: Any, choices: Sequence[Any]) -> Any:
    """The choice ``value`` stands for (``np.int64(1)`` for ``1``), or ``_NO_MATCH``.

    Booleans match only booleans, strings only equal strings, integers only equal integers.
    """
    for c in choices:
        if value is c:
            return c
        if isinstance(c, bool) or isinstance(value, bool | np.bool_):
            continue
        if isinstance(c, str) and isinstance(value, str) and value == c:
            return c
        if isinstance(c, int) and isinstance(value, numbers.Integral) and int(value) == c:
            return c
    return _NO_MATCH


def _freeze(value: Any, shape: tuple[int, ...]) -> Any:
    """A read-only array of the given shape (broadcast if needed); a numpy scalar or Fraction for ()."""
    arr = np.asarray(value)
    if arr.shape != shape:
        arr = np.broadcast_to(arr, shape)
    if arr.ndim == 0:
        return arr[()]
    return readonly(np.array(arr))


def model(
    *,
    family: str,
    source: str,
    parameters: Sequence[Parameter],
    result: type[ModelResult],
    exact: bool = False,
    name: str | None = None,
    register: bool = True,
) -> Callable[[Callable[..., Mapping[str, Any]]], Model]:
    """Declare a model (a decorator) and add it to the registry.

    The decorated function takes the declared parameters by name (as broadcast arrays) and
    returns a mapping from each declared output to its value; it may add ``status``,
    ``message`` and ``labels``. See the module docstring for an example. ``register=False``
    keeps a model (a user's own, or a test's) out of the library's registry; such a model
    still works everywhere a model is taken, :func:`bargain.sweep` included.
    """

    def wrap(func: Callable[..., Mapping[str, Any]]) -> Model:
        m = Model(
            func, family=family, source=source, parameters=parameters, result=result, exact=exact, name=name
        )
        if not register:
            return m
        if m.qualname in _REGISTRY and _REGISTRY[m.qualname].__wrapped__.__qualname__ != func.__qualname__:
            raise ValueError(f"model {m.qualname} is declared twice")
        for other in _REGISTRY.values():
            if other.name == m.name and other.qualname != m.qualname:
                raise ValueError(f"model name {m.name!r} is used by {other.qualname} already")
        _REGISTRY[m.qualname] = m
        return m

    return wrap


#: The family modules, imported by :func:`registry` so that it lists every model.
FAMILIES: tuple[str, ...] = (
    "trade",
    "industrial",
    "linkage",
    "alliances",
    "cooperation",
    "coalitions",
    "crisis",
    "unpredictability",
    "spheres",
    "technology",
    "money",
)


def _load_families() -> None:
    import importlib
    import importlib.util

    for family in FAMILIES:
        module = f"bargain.models.{family}"
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)


def registry() -> Mapping[str, Model]:
    """Every declared model, keyed by ``family.name``, in alphabetical order.

    >>> from bargain.models import registry
    >>> all(isinstance(k, str) and "." in k for k in registry())
    True
    """
    _load_families()
    return types.MappingProxyType(dict(sorted(_REGISTRY.items())))


def get_model(name: str | Model) -> Model:
    """The model called ``name`` (``"tariff_war"`` or ``"trade.tariff_war"``), or the model itself."""
    if isinstance(name, Model):
        return name
    if not isinstance(name, str):
        raise InvalidModelError(f"get_model: expected a model or its name, got {describe(name)}")
    models = registry()
    if name in models:
        return models[name]
    matches = [m for m in models.values() if m.name == name]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(m.name for m in models.values()) or "none yet"
    raise InvalidModelError(f"get_model: no model called {name!r} (models: {known})")
