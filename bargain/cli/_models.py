"""``bargain model``, ``bargain sweep`` and ``bargain demo``: options built from the models' declarations."""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from bargain._result import fmt_number
from bargain.cli._json import dumps
from bargain.core.game import Game
from bargain.errors import InvalidArgumentError, InvalidModelError
from bargain.io import read_game
from bargain.io._common import parse_number
from bargain.models import Model, Parameter, get_model, registry

__all__ = ["add_model", "add_sweep", "add_demo", "model_lines"]


def model_lines() -> str:
    """One line per registered model (from its declaration), for ``--help``."""
    try:
        models = registry()
    except Exception as exc:  # a model module that fails to import must not break --help
        return f"  (the models could not be loaded: {type(exc).__name__}: {exc})"
    if not models:
        return "  (no models are registered yet)"
    width = max(len(k) for k in models)
    return "\n".join(f"  {k:<{width}}  {m.summary}" for k, m in models.items())


# ------------------------------------------------------------------------------------- values
def _number(text: str, exact: bool, where: str) -> Any:
    value = parse_number(text.strip(), where)
    return Fraction(value) if exact else float(value)


def _real(text: str, exact: bool, where: str) -> Any:
    """A number, or a comma list of numbers (an array: the model is evaluated at each)."""
    parts = text.split(",")
    if len(parts) == 1:
        return _number(parts[0], exact, where)
    values = [_number(s, exact, where) for s in parts]
    return np.array(values, dtype=object if exact else float)


def _vector(text: str, exact: bool, where: str) -> Any:
    values = [_number(s, exact, where) for s in text.split(",")]
    return np.array(values, dtype=object if exact else float)


def _object(text: str, p: Parameter, exact: bool, where: str) -> Any:
    """An object parameter: a game file for a game, else numbers (one, or a tuple), else the text."""
    path = Path(text)
    if p.name == "game" or (path.suffix.lower() in (".nfg", ".toml") and path.is_file()):
        return read_game(path)
    if text == "None":
        return None
    try:
        values = [_number(s, exact, where) for s in text.split(",")]
    except InvalidArgumentError:
        return text
    return values[0] if len(values) == 1 else tuple(values)


def _option(text: str, p: Parameter) -> Any:
    for choice in p.choices:
        if str(choice) == text:
            return choice
    raise InvalidModelError(  # argparse's choices= normally catches this first
        f"{p.name} must be one of {', '.join(map(str, p.choices))}; got {text!r}"
    )


# -------------------------------------------------------------------------------------- model
def add_model(sub: Any) -> None:
    p = sub.add_parser(
        "model",
        help="evaluate a model of diplomacy with its declared parameters (bargain model NAME --help)",
        description=(
            "Evaluate a registered model. Its options are its declared parameters "
            "(bargain model NAME --help lists them with meaning, unit, domain and default); a comma "
            "list evaluates the model at several points."
        ),
        epilog="models:\n" + model_lines(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", nargs="?", help="the model (family.name or name)")
    p.add_argument("options", nargs=argparse.REMAINDER, help="the model's parameters: --NAME VALUE ...")
    p.set_defaults(run=run_model)


def _model_parser(m: Model) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"bargain model {m.name}",
        description=f"{m.qualname}: {m.summary}\nsource: {m.source}",
        epilog="outputs:\n" + "\n".join(f"  {o.describe()}" for o in m.outputs),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for p in m.parameters:
        flags = [f"--{p.name.replace('_', '-')}"]
        if "_" in p.name:
            flags.append(f"--{p.name}")
        kwargs: dict[str, Any] = {"dest": p.name, "default": None, "help": p.describe()}
        if p.kind == "option":
            kwargs["choices"] = [str(c) for c in p.choices]
        elif p.kind == "vector":
            kwargs["metavar"] = "X,Y,..."
        elif p.kind == "object":
            kwargs["metavar"] = "FILE" if p.name == "game" else "VALUE"
        else:
            kwargs["metavar"] = "X"
        if p.required:
            kwargs["required"] = True
        parser.add_argument(*flags, **kwargs)
    if m.exact:
        parser.add_argument("--exact", action="store_true", help="exact rational results (Fractions)")
    parser.add_argument("--json", action="store_true", help="print JSON (for scripts)")
    return parser


def _call_values(m: Model, ns: argparse.Namespace, exact: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for p in m.parameters:
        text = getattr(ns, p.name)
        if text is None:
            continue
        where = f"bargain model {m.name}: --{p.name.replace('_', '-')}"
        if p.kind == "option":
            values[p.name] = _option(text, p)
        elif p.kind == "vector":
            values[p.name] = _vector(text, exact, where)
        elif p.kind == "object":
            values[p.name] = _object(text, p, exact, where)
        else:
            values[p.name] = _real(text, exact, where)
    return values


def _show(value: Any) -> str:
    if isinstance(value, Game):
        m, n = value.shape
        batch = f", a batch of shape {value.batch_shape}" if value.batch_shape else ""
        return f"{m}x{n} game{'s' if batch else ''} ({value.name or 'untitled'}){batch}"
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, Fraction | float | int | np.number):
        return fmt_number(value)
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return _show(value[()])
        if value.dtype == object or value.size <= 12:
            return np.array2string(np.asarray(value, dtype=object), separator=", ",
                                   formatter={"all": lambda v: _show(v)})
        return np.array2string(value, separator=", ", precision=6, threshold=24)
    return repr(value)


def run_model(args: argparse.Namespace) -> int:
    if args.name is None:
        print("models (bargain model NAME --help for a model's parameters):")
        print(model_lines())
        return 0
    m = get_model(args.name)
    ns = _model_parser(m).parse_args(args.options)
    exact = bool(getattr(ns, "exact", False))
    values = _call_values(m, ns, exact)
    result = m(**values, exact=True) if exact else m(**values)
    if ns.json:
        print(dumps({
            "model": m.qualname,
            "summary": m.summary,
            "source": m.source,
            "exact": exact,
            "shape": list(result.shape),
            "parameters": dict(result.parameters),
            "outputs": {
                o.name: {
                    "value": getattr(result, o.name), "unit": o.unit, "meaning": o.meaning, "kind": o.kind
                }
                for o in m.outputs
            },
            "status": result.status.name,
            "message": result.message,
        }))
        return 0
    lines = [f"{m.qualname}: {m.summary}", f"  source: {m.source}"]
    used = ", ".join(f"{k}={_show(v)}" for k, v in result.parameters.items())
    lines.append(f"  parameters: {used}")
    for o in m.outputs:
        unit = f" [{o.unit}]" if o.unit else ""
        value = getattr(result, o.name)
        lines.append(f"  {o.name}{unit}: {o.meaning}")
        if o.kind == "mapping":
            lines += [f"      {key} = {_show(value[key])}" for key in o.keys]
        elif isinstance(value, Game) and not value.batch_shape:
            lines += ["      " + line for line in repr(value).splitlines()]
        else:
            lines.append(f"      = {_show(value)}")
    if not result.success:
        lines.append(f"  status: {result.status.name} ({result.message})")
    print("\n".join(lines))
    return 0


# -------------------------------------------------------------------------------------- sweep
def sweep_available() -> bool:
    """Whether :mod:`bargain.sweep` is part of this installation."""
    return importlib.util.find_spec("bargain.sweep") is not None


def add_sweep(sub: Any) -> None:
    p = sub.add_parser(
        "sweep",
        help="evaluate a model over a parameter grid and save the labelled result (netCDF)",
        description=(
            "Sweep a model over the outer product of parameter grids (bargain.sweep) and write the "
            "xarray Dataset to a netCDF file. Needs the sweep extra: pip install 'bargain-games[sweep]'."
        ),
        epilog="models:\n" + model_lines(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("model", help="the model (family.name or name)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=START:STOP:NUM",
                   help="a swept parameter: NUM evenly spaced values from START to STOP, or a comma "
                        "list NAME=a,b,c (repeat for each dimension)")
    p.add_argument("--fixed", action="append", default=[], metavar="NAME=VALUE",
                   help="a parameter held fixed (defaults apply to the others)")
    p.add_argument("--measures", default=None, metavar="M1,M2",
                   help="what to store per point (default: the model's outputs; e.g. "
                        "outputs,pure,equilibria)")
    p.add_argument("--backend", default="numpy", choices=("numpy", "dask"))
    p.add_argument("--out", required=True, metavar="FILE.nc", help="where to write the Dataset (netCDF)")
    p.add_argument("--json", action="store_true", help="print a JSON summary (for scripts)")
    p.set_defaults(run=run_sweep)


def _assignment(text: str, flag: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise InvalidArgumentError(f"bargain sweep: {flag} must be NAME=VALUE, got {text!r}")
    return name.strip().replace("-", "_"), value.strip()


def _axis(text: str, where: str) -> np.ndarray:
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise InvalidArgumentError(f"{where}: a range is START:STOP:NUM, got {text!r}")
        start, stop = (float(parse_number(s.strip(), where)) for s in parts[:2])
        num = parts[2].strip()
        if not (num.isascii() and num.isdigit()) or int(num) < 1 or len(num) > 9:
            raise InvalidArgumentError(f"{where}: NUM must be a positive integer, got {num!r}")
        return np.linspace(start, stop, int(num))
    return np.array([float(parse_number(s.strip(), where)) for s in text.split(",")])


def run_sweep(args: argparse.Namespace) -> int:
    from bargain.sweep import sweep

    m = get_model(args.model)
    if not args.param:
        raise InvalidArgumentError("bargain sweep: give at least one --param NAME=START:STOP:NUM")
    grid: dict[str, np.ndarray] = {}
    for text in args.param:
        name, value = _assignment(text, "--param")
        grid[name] = _axis(value, f"bargain sweep: --param {name}")
    fixed: dict[str, Any] = {}
    for text in args.fixed:
        name, value = _assignment(text, "--fixed")
        p = m.parameter(name)
        where = f"bargain sweep: --fixed {name}"
        if p.kind == "option":
            fixed[name] = _option(value, p)
        elif p.kind == "object":
            fixed[name] = _object(value, p, False, where)
        elif p.kind == "vector":
            fixed[name] = _vector(value, False, where)
        else:
            fixed[name] = _real(value, False, where)
    measures = None if args.measures is None else [s.strip() for s in args.measures.split(",")]
    ds = sweep(m, grid, measures=measures, fixed=fixed or None, backend=args.backend,
               progress=not args.json and sys.stderr.isatty())
    out = Path(args.out)
    ds.to_netcdf(out)
    variables = {
        name: {"dims": list(var.dims), "units": str(var.attrs.get("units", ""))}
        for name, var in ds.data_vars.items()
    }
    if args.json:
        print(dumps({"model": m.qualname, "out": str(out), "dims": dict(ds.sizes), "variables": variables}))
        return 0
    dims = " x ".join(f"{k} ({len(v)})" for k, v in grid.items())
    points = int(np.prod([len(v) for v in grid.values()]))
    print(f"{m.qualname} swept over {dims}: {points} points, written to {out}")
    for name, info in variables.items():
        unit = f" [{info['units']}]" if info["units"] else ""
        print(f"  {name}{unit} ({', '.join(info['dims'])})")
    return 0


# --------------------------------------------------------------------------------------- demo
def add_demo(sub: Any) -> None:
    p = sub.add_parser(
        "demo",
        help="the headline demo: a tariff war, a crisis, a conditional guarantee, a million crises",
        description="Four policy questions, each answered by a model in words, with a figure saved "
                    "for each (where matplotlib is installed). The same as examples/quickstart.py.",
    )
    p.add_argument("--out", default=tempfile.gettempdir(), help="directory for the figures")
    p.add_argument("--no-figures", action="store_true", help="print the answers only")
    p.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from bargain.demo import run

    run(args.out, figures=not args.no_figures)
    return 0


