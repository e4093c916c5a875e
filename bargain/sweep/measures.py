"""Measures: named batched computations on a model's result, one or more variables each.

A sweep stores, for every parameter point, the variables of its measures. The default
measure, ``"outputs"``, is the model's own array outputs (:meth:`ModelResult.arrays`).
The others work on a game the model builds (its ``kind="game"`` output) with the
library's batched solvers, so a whole block of parameter points is one call:

- ``outputs``: the model's array outputs (``name.key`` for mapping outputs).
- ``pure``: ``pure_count`` and ``pure_mask`` (row_action, col_action), from
  :func:`bargain.pure_equilibria`.
- ``equilibria`` (2x2 games): the complete equilibrium set from :func:`bargain.equilibria_2x2`:
  ``eq_count``, ``eq_p``, ``eq_q`` (equilibrium), ``eq_payoffs`` (equilibrium, player),
  ``eq_degenerate``.
- ``mixed`` (2x2 games): the equilibrium in which both players mix, ``mixed_p``, ``mixed_q``,
  ``mixed_payoffs`` (player); NaN where there is none.
- ``qre``: ``qre_row``, ``qre_col``, ``qre_converged`` from :func:`bargain.logit_qre`.
- ``security``: ``security`` (player), the maxmin levels from :func:`bargain.maxmin` (one small
  LP per game: the slowest measure).
- ``critical_delta``: the smallest discount factor sustaining a target profile, from
  :func:`bargain.repeated.critical_delta` (``inf``: none below 1).
- ``commitment`` (2x2 games): ``commitment_value``, the row player's mixed-commitment payoff
  (:func:`bargain.stackelberg`) minus its best Nash payoff (:func:`bargain.equilibria_2x2`),
  as :func:`bargain.commitment_value` defines it for one game.
- ``nash_bargaining``: ``nash_bargaining`` (player), the Nash bargaining agreement over the
  game's correlated outcomes from its security levels (or ``minmax``, or a given point;
  weights for the asymmetric solution), as :func:`bargain.nash_bargaining` gives it on
  ``BargainingProblem.from_game``; NaN where agreement gains nothing.
- ``rubinstein``: ``rubinstein_shares`` (player), the alternating-offers shares of
  :func:`bargain.rubinstein` at discount factors given as numbers or read from the model's
  parameters or outputs (``rubinstein("delta")``, ``rubinstein("delta_home", "delta_foreign")``).

Parametrised measures are built by the functions of the same name (``qre(lam=5)``,
``critical_delta(target=(0, 0), strategy="grim")``); a string uses the defaults. A
measure of your own is a :class:`Measure` (or, in ``measures=``, a mapping from a
variable name to a function of the model's result returning an array of the result's
shape); :func:`register_measure` makes it available by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bargain._validate import describe
from bargain.errors import InvalidArgumentError, InvalidModelError
from bargain.models._base import Model, ModelResult

__all__ = [
    "Variable",
    "Measure",
    "BoundMeasure",
    "register_measure",
    "measure_names",
    "resolve",
    "outputs",
    "pure",
    "equilibria",
    "mixed",
    "qre",
    "security",
    "critical_delta",
    "commitment",
    "nash_bargaining",
    "rubinstein",
]

_FUNC = "sweep"


@dataclass(frozen=True)
class Variable:
    """One stored variable: name, names of its trailing dimensions, unit and description."""

    name: str
    dims: tuple[str, ...] = ()
    unit: str = ""
    description: str = ""


@dataclass(frozen=True)
class BoundMeasure:
    """A measure bound to a model: its variables and the function computing them on a result.

    ``cost`` is the time of one point relative to a closed form (1); it sizes the probe
    block (an LP per game, ``security``, gets a small one).
    """

    name: str
    variables: tuple[Variable, ...]
    compute: Callable[[ModelResult], Mapping[str, Any]]
    cost: float = 1.0


@dataclass(frozen=True)
class Measure:
    """A named batched computation on a model's result.

    Parameters
    ----------
    name : str
        The measure's name (shown in the Dataset's ``measures`` attribute).
    bind : callable
        ``bind(model) -> BoundMeasure``: checks that the model has what the measure needs
        (a game output, an output name) and returns its variables and compute function.
    description : str
        One line for the docs.
    """

    name: str
    bind: Callable[[Model], BoundMeasure]
    description: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.options.items())
        return f"<measure {self.name}({opts})>"


# ------------------------------------------------------------------------------ helpers
def _game_outputs(m: Model) -> list[str]:
    return [o.name for o in m.outputs if o.kind == "game"]


def _pick_game(m: Model, game: str | None, measure: str) -> tuple[str, str]:
    """The game output a measure reads, and the prefix for its variable names."""
    games = _game_outputs(m)
    if game is None:
        if not games:
            raise InvalidModelError(
                f"{_FUNC}: measure {measure!r} needs a game, and model {m.qualname} declares no game output"
            )
        if len(games) > 1:
            raise InvalidModelError(
                f"{_FUNC}: model {m.qualname} builds several games ({', '.join(games)}): "
                f"say which one measure {measure!r} reads, e.g. {measure}(game={games[0]!r})"
            )
        return games[0], ""
    if game not in games:
        known = ", ".join(games) or "none"
        raise InvalidModelError(
            f"{_FUNC}: measure {measure!r}: model {m.qualname} has no game output {game!r} "
            f"(its games: {known})"
        )
    return game, ("" if len(games) == 1 else f"{game}.")


def _need_2x2(res: ModelResult, game: str, measure: str) -> Any:
    g = getattr(res, game)
    if tuple(g.shape) != (2, 2):
        raise InvalidModelError(
            f"{_FUNC}: measure {measure!r} needs 2x2 games; {res.model}.{game} is {g.shape[0]}x{g.shape[1]}"
        )
    return g


def _labels(m: Model, game: str) -> str:
    return f"of the game {m.qualname}.{game}"


# ------------------------------------------------------------------------------ built-ins
def outputs(*names: str) -> Measure:
    """The model's own array outputs (all of them, or those named; mapping keys as ``name.key``)."""

    def bind(m: Model) -> BoundMeasure:
        variables = []
        for o in m.outputs:
            if o.kind == "array":
                variables.append(Variable(o.name, tuple(o.dims), o.unit, o.meaning))
            elif o.kind == "mapping":
                for key in o.keys:
                    variables.append(Variable(f"{o.name}.{key}", (), o.unit, f"{o.meaning}: {key}"))
        known = [v.name for v in variables]
        if names:
            top = {v.name.split(".")[0] for v in variables}
            for n in names:
                if n not in known and n not in top:
                    raise InvalidModelError(
                        f"{_FUNC}: model {m.qualname} has no array output {n!r} "
                        f"(its outputs: {', '.join(known)})"
                    )
            variables = [v for v in variables if v.name in names or v.name.split(".")[0] in names]
        if not variables:
            raise InvalidModelError(
                f"{_FUNC}: model {m.qualname} has no array outputs to store; name a measure"
            )
        wanted = {v.name for v in variables}

        def compute(res: ModelResult) -> dict[str, Any]:
            return {k: v for k, v in res.arrays().items() if k in wanted}

        return BoundMeasure("outputs", tuple(variables), compute)

    return Measure("outputs", bind, "the model's own array outputs", {"names": names} if names else {})


def pure(*, game: str | None = None) -> Measure:
    """Number of pure Nash equilibria and their mask (ties count)."""

    def bind(m: Model) -> BoundMeasure:
        gname, prefix = _pick_game(m, game, "pure")
        of = _labels(m, gname)

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.solvers.nash.pure import pure_equilibria

            mask = pure_equilibria(getattr(res, gname))
            return {f"{prefix}pure_count": mask.sum(axis=(-2, -1)), f"{prefix}pure_mask": mask}

        return BoundMeasure(
            "pure",
            (
                Variable(f"{prefix}pure_count", (), "", f"number of pure Nash equilibria {of}"),
                Variable(
                    f"{prefix}pure_mask",
                    ("row_action", "col_action"),
                    "",
                    f"which action profiles are pure Nash equilibria {of}",
                ),
            ),
            compute,
            cost=2.0,
        )

    return Measure("pure", bind, "pure-equilibrium count and mask", {"game": game})


def equilibria(*, game: str | None = None, payoffs: bool = True) -> Measure:
    """The complete equilibrium set of a 2x2 game: count, slots of p and q, payoffs, degeneracy.

    ``payoffs=False`` leaves out ``eq_payoffs`` (the expected payoffs of each equilibrium,
    about half of the measure's time).
    """

    def bind(m: Model) -> BoundMeasure:
        gname, prefix = _pick_game(m, game, "equilibria")
        of = _labels(m, gname)

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.solvers.nash.two_by_two import equilibria_2x2

            r = equilibria_2x2(_need_2x2(res, gname, "equilibria"))
            out = {
                f"{prefix}eq_count": r.count,
                f"{prefix}eq_p": r.p,
                f"{prefix}eq_q": r.q,
                f"{prefix}eq_degenerate": r.degenerate,
            }
            if payoffs:
                out[f"{prefix}eq_payoffs"] = r.payoffs
            return out

        return BoundMeasure(
            "equilibria",
            (
                Variable(f"{prefix}eq_count", (), "", f"number of extreme Nash equilibria {of}"),
                Variable(
                    f"{prefix}eq_p",
                    ("equilibrium",),
                    "probability",
                    f"probability of the first row action in each equilibrium {of} (NaN: unused slot)",
                ),
                Variable(
                    f"{prefix}eq_q",
                    ("equilibrium",),
                    "probability",
                    f"probability of the first column action in each equilibrium {of} (NaN: unused slot)",
                ),
                Variable(f"{prefix}eq_degenerate", (), "", f"whether the game is degenerate {of}"),
            )
            + (
                (
                    Variable(
                        f"{prefix}eq_payoffs",
                        ("equilibrium", "player"),
                        "payoff",
                        f"expected payoffs of each equilibrium {of} (NaN: unused slot)",
                    ),
                )
                if payoffs
                else ()
            ),
            compute,
            cost=6.0,
        )

    return Measure("equilibria", bind, "every equilibrium of a 2x2 game", {"game": game, "payoffs": payoffs})


def mixed(*, game: str | None = None) -> Measure:
    """The equilibrium of a 2x2 game in which both players mix (NaN where there is none)."""

    def bind(m: Model) -> BoundMeasure:
        gname, prefix = _pick_game(m, game, "mixed")
        of = _labels(m, gname)

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.core.kernels import expected_payoffs
            from bargain.solvers.nash.two_by_two import equilibria_2x2

            g = _need_2x2(res, gname, "mixed")
            r = equilibria_2x2(g)
            has = np.asarray(r.has_mixed, dtype=bool)
            p = np.where(has, r.p_star, np.nan)
            q = np.where(has, r.q_star, np.nan)
            x = np.stack([p, 1 - p], axis=-1)
            y = np.stack([q, 1 - q], axis=-1)
            return {
                f"{prefix}mixed_p": p,
                f"{prefix}mixed_q": q,
                f"{prefix}mixed_payoffs": expected_payoffs(g.A, g.B, x, y),
            }

        return BoundMeasure(
            "mixed",
            (
                Variable(
                    f"{prefix}mixed_p",
                    (),
                    "probability",
                    f"row player's probability of its first action in the fully mixed equilibrium {of}",
                ),
                Variable(
                    f"{prefix}mixed_q",
                    (),
                    "probability",
                    f"column player's probability of its first action in the fully mixed equilibrium {of}",
                ),
                Variable(
                    f"{prefix}mixed_payoffs",
                    ("player",),
                    "payoff",
                    f"expected payoffs of the fully mixed equilibrium {of}",
                ),
            ),
            compute,
            cost=4.0,
        )

    return Measure("mixed", bind, "the fully mixed equilibrium of a 2x2 game", {"game": game})


def qre(lam: float = 1.0, *, scale: str = "none", game: str | None = None, name: str = "qre") -> Measure:
    """Logit quantal response equilibrium at precision ``lam`` (principal branch), batched."""
    from bargain._validate import check_real

    lam = check_real(lam, "lam", "sweep.measures.qre", low=0.0)
    if not isinstance(name, str) or not name:
        raise InvalidArgumentError(
            f"sweep.measures.qre: name must be a non-empty string, got {describe(name)}"
        )

    def bind(m: Model) -> BoundMeasure:
        gname, prefix = _pick_game(m, game, "qre")
        of = _labels(m, gname)
        base = f"{prefix}{name}"

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.solvers.dynamics.qre import logit_qre

            r = logit_qre(getattr(res, gname), lam, scale=scale)
            return {f"{base}_row": r.row, f"{base}_col": r.col, f"{base}_converged": r.converged}

        return BoundMeasure(
            "qre",
            (
                Variable(
                    f"{base}_row",
                    ("row_action",),
                    "probability",
                    f"row player's logit QRE strategy at lambda={lam:g} {of}",
                ),
                Variable(
                    f"{base}_col",
                    ("col_action",),
                    "probability",
                    f"column player's logit QRE strategy at lambda={lam:g} {of}",
                ),
                Variable(f"{base}_converged", (), "", f"whether the QRE trace reached lambda={lam:g} {of}"),
            ),
            compute,
            cost=20.0,
        )

    return Measure(name, bind, "logit QRE at a precision", {"lam": lam, "scale": scale, "game": game})


def security(*, game: str | None = None) -> Measure:
    """Each player's security (maxmin) level: what it can guarantee whatever the other does."""

    def bind(m: Model) -> BoundMeasure:
        gname, prefix = _pick_game(m, game, "security")
        of = _labels(m, gname)

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.solvers.security import maxmin

            return {f"{prefix}security": maxmin(getattr(res, gname)).values}

        return BoundMeasure(
            "security",
            (
                Variable(
                    f"{prefix}security", ("player",), "payoff", f"each player's maxmin (security) level {of}"
                ),
            ),
            compute,
            cost=2000.0,
        )  # one small LP per game

    return Measure("security", bind, "security (maxmin) levels", {"game": game})


def critical_delta(
    *,
    target: tuple[int, int] = (0, 0),
    strategy: str = "grim",
    k: int | None = None,
    game: str | None = None,
    name: str = "critical_delta",
) -> Measure:
    """Smallest discount factor sustaining ``target`` in the repeated game (``inf``: none below 1)."""

    def bind(m: Model) -> BoundMeasure:
        gname, prefix = _pick_game(m, game, "critical_delta")
        of = _labels(m, gname)

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.repeated.thresholds import critical_delta as solve

            r = solve(getattr(res, gname), target=target, strategy=strategy, k=k)
            return {f"{prefix}{name}": np.asarray(r.delta, dtype=np.float64)}

        return BoundMeasure(
            "critical_delta",
            (
                Variable(
                    f"{prefix}{name}",
                    (),
                    "discount factor",
                    f"smallest discount factor sustaining {tuple(target)} under {strategy} {of} (inf: none)",
                ),
            ),
            compute,
            cost=6.0,
        )

    return Measure(
        name,
        bind,
        "critical discount factor of the repeated game",
        {"target": target, "strategy": strategy, "k": k, "game": game},
    )


def commitment(*, game: str | None = None) -> Measure:
    """Value of commitment of a 2x2 game: the row player's mixed Stackelberg minus its best Nash payoff."""

    def bind(m: Model) -> BoundMeasure:
        gname, prefix = _pick_game(m, game, "commitment")
        of = _labels(m, gname)

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.solvers.nash.two_by_two import equilibria_2x2
            from bargain.solvers.stackelberg import stackelberg

            g = _need_2x2(res, gname, "commitment")
            leader = np.asarray(stackelberg(g, leader="row", commitment="mixed").leader_payoff, dtype=float)
            best_nash = np.nanmax(equilibria_2x2(g).payoffs[..., 0], axis=-1)
            return {f"{prefix}commitment_value": leader - best_nash}

        return BoundMeasure(
            "commitment",
            (
                Variable(
                    f"{prefix}commitment_value",
                    (),
                    "payoff",
                    f"row player's mixed-commitment payoff minus its best Nash payoff {of}",
                ),
            ),
            compute,
            cost=30.0,
        )

    return Measure("commitment", bind, "value of commitment (row leads)", {"game": game})


def nash_bargaining(
    *,
    disagreement: Any = "security",
    weights: tuple[float, float] = (1.0, 1.0),
    game: str | None = None,
    name: str = "nash_bargaining",
) -> Measure:
    """The (weighted) Nash bargaining agreement over the game's correlated outcomes.

    What :func:`bargain.nash_bargaining` gives on ``BargainingProblem.from_game(game,
    disagreement=...)``, for the whole block at once (closed form on every segment between
    two payoff pairs: :mod:`bargain.bargaining.game_batch`). ``disagreement``:
    ``"security"`` (each player's maxmin level, :func:`bargain.maxmin`), ``"minmax"``
    (:func:`bargain.minmax`) or a pair of payoffs. NaN where no outcome gives both players
    more than the disagreement point.
    """
    func = "nash_bargaining"
    if isinstance(disagreement, str):
        if disagreement not in ("security", "minmax"):
            raise InvalidArgumentError(
                f"{func}: disagreement must be 'security', 'minmax' or a pair of payoffs, "
                f"got {disagreement!r}"
            )
        point = None
    else:
        try:
            point = np.asarray(disagreement, dtype=float)
        except (TypeError, ValueError):
            point = np.empty(0)
        if point.shape != (2,) or not np.isfinite(point).all():
            raise InvalidArgumentError(
                f"{func}: disagreement must be 'security', 'minmax' or a pair of finite payoffs, got "
                f"{describe(disagreement)}"
            )
    try:
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        w = np.empty(0)
    if w.shape != (2,) or not (np.isfinite(w).all() and (w > 0).all()):
        raise InvalidArgumentError(f"{func}: weights must be two positive numbers, got {describe(weights)}")
    w = w / w.max()  # only the ratio matters (and 1e308 + 1e308 would overflow)
    weight = float(w[0] / (w[0] + w[1]))

    def bind(m: Model) -> BoundMeasure:
        gname, prefix = _pick_game(m, game, func)
        of = _labels(m, gname)

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.bargaining.game_batch import nash_bargaining_games
            from bargain.solvers.security import maxmin, minmax

            g = getattr(res, gname)
            if point is not None:
                d = point
            else:
                d = (maxmin if disagreement == "security" else minmax)(g).values
            return {f"{prefix}{name}": nash_bargaining_games(g.A, g.B, np.asarray(d, dtype=float), weight)}

        where = disagreement if point is None else f"({point[0]:g}, {point[1]:g})"
        return BoundMeasure(
            func,
            (
                Variable(
                    f"{prefix}{name}",
                    ("player",),
                    "payoff",
                    f"Nash bargaining agreement {of} from the {where} disagreement point, weights "
                    f"{tuple(weights)} (NaN: no gain from agreement)",
                ),
            ),
            compute,
            cost=2000.0 if point is None else 60.0,
        )

    return Measure(
        name,
        bind,
        "Nash bargaining agreement over the game's correlated outcomes",
        {"disagreement": disagreement, "weights": weights, "game": game},
    )


def rubinstein(
    delta1: Any = "delta", delta2: Any = None, *, first: int = 0, name: str = "rubinstein"
) -> Measure:
    """Rubinstein (1982) shares of a pie split by alternating offers, at each point's patience.

    ``delta1``, ``delta2``: each player's discount factor per round, a number or the name of
    one of the model's real parameters or scalar outputs (``delta2=None``: the same as
    ``delta1``). ``first``: who proposes first. Stores ``{name}_shares`` (player), from
    :func:`bargain.rubinstein`.
    """
    func = "rubinstein"
    if first not in (0, 1) or isinstance(first, bool):
        raise InvalidArgumentError(
            f"{func}: first must be 0 or 1 (the first proposer), got {describe(first)}"
        )
    sources = {"delta1": delta1, "delta2": delta1 if delta2 is None else delta2}
    for label, value in sources.items():
        if not isinstance(value, str):
            if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
                raise InvalidArgumentError(
                    f"{func}: {label} must be a discount factor or the name of a parameter or output, "
                    f"got {describe(value)}"
                )
            if not 0 < float(value) < 1:
                raise InvalidArgumentError(f"{func}: {label} must be in (0, 1), got {value!r}")

    def bind(m: Model) -> BoundMeasure:
        reals = {p.name for p in m.parameters if p.kind == "real"}
        scalars = {o.name for o in m.outputs if o.kind == "array" and not o.dims}
        for label, value in sources.items():
            if isinstance(value, str) and value not in reals | scalars:
                known = ", ".join(sorted(reals | scalars)) or "none"
                raise InvalidModelError(
                    f"{_FUNC}: measure {func!r}: {label}={value!r} is neither a real parameter nor a "
                    f"scalar output of model {m.qualname} (those: {known})"
                )

        def value_of(res: ModelResult, value: Any) -> Any:
            if not isinstance(value, str):
                return float(value)
            if value in reals:
                return np.broadcast_to(np.asarray(res.parameters[value], dtype=float), res.shape)
            return np.asarray(getattr(res, value), dtype=float)

        def compute(res: ModelResult) -> dict[str, Any]:
            from bargain.bargaining.rubinstein import rubinstein as solve

            r = solve(value_of(res, sources["delta1"]), value_of(res, sources["delta2"]), first=first)
            return {f"{name}_shares": np.broadcast_to(r.shares, res.shape + (2,))}

        said = ", ".join(f"{k}={v!r}" for k, v in sources.items())
        return BoundMeasure(
            func,
            (
                Variable(
                    f"{name}_shares",
                    ("player",),
                    "share of pie",
                    f"each player's Rubinstein share, {said}, player {first} proposing first",
                ),
            ),
            compute,
            cost=10.0,
        )

    return Measure(
        name,
        bind,
        "Rubinstein alternating-offers shares",
        {"delta1": delta1, "delta2": delta2, "first": first},
    )


# ------------------------------------------------------------------------------ registry
_REGISTRY: dict[str, Callable[[], Measure]] = {
    "outputs": outputs,
    "pure": pure,
    "equilibria": equilibria,
    "mixed": mixed,
    "qre": qre,
    "security": security,
    "critical_delta": critical_delta,
    "commitment": commitment,
    "nash_bargaining": nash_bargaining,
    "rubinstein": rubinstein,
}


def register_measure(name: str, factory: Callable[[], Measure]) -> None:
    """Make ``factory()`` available as ``measures=[name]`` in :func:`bargain.sweep`."""
    if not isinstance(name, str) or not name.isidentifier():
        raise InvalidArgumentError(f"register_measure: name must be an identifier, got {describe(name)}")
    if not callable(factory):
        raise InvalidArgumentError(f"register_measure: factory must be callable, got {describe(factory)}")
    _REGISTRY[name] = factory


def measure_names() -> tuple[str, ...]:
    """The names ``measures=`` accepts as strings."""
    return tuple(sorted(_REGISTRY))


def _from_callable(name: str, func: Callable[[ModelResult], Any]) -> Measure:
    def bind(m: Model) -> BoundMeasure:
        def compute(res: ModelResult) -> dict[str, Any]:
            return {name: func(res)}

        return BoundMeasure(name, (Variable(name, (), "", getattr(func, "__doc__", None) or name),), compute)

    return Measure(name, bind, "a user function of the model's result")


def resolve(model: Model, measures: Any) -> list[BoundMeasure]:
    """Bind ``measures`` (None, a name, a Measure, a sequence of those, or a name -> function mapping)."""
    if measures is None:
        items: list[Any] = [outputs()]
    elif isinstance(measures, str | Measure):
        items = [measures]
    elif isinstance(measures, Mapping):
        items = []
        for key, func in measures.items():
            if not isinstance(key, str) or not callable(func):
                raise InvalidArgumentError(
                    f"{_FUNC}: a measures mapping takes variable names to functions of the model's result, "
                    f"got {describe(key)}: {describe(func)}"
                )
            items.append(_from_callable(key, func))
    elif isinstance(measures, Sequence) and measures:
        items = list(measures)
    else:
        raise InvalidArgumentError(
            f"{_FUNC}: measures must be a name, a Measure, a non-empty list of them, or a mapping "
            f"of names to functions; got {describe(measures)}"
        )
    bound: list[BoundMeasure] = []
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, str):
            if item not in _REGISTRY:
                raise InvalidArgumentError(
                    f"{_FUNC}: no measure called {item!r} (measures: {', '.join(measure_names())})"
                )
            item = _REGISTRY[item]()
        if not isinstance(item, Measure):
            raise InvalidArgumentError(f"{_FUNC}: not a measure: {describe(item)}")
        b = item.bind(model)
        for v in b.variables:
            if v.name in seen:
                raise InvalidArgumentError(
                    f"{_FUNC}: variable {v.name!r} is produced by both {seen[v.name]!r} and {b.name!r}"
                )
            seen[v.name] = b.name
        bound.append(b)
    return bound
