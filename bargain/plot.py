"""Figures: bargaining sets, sweeps, QRE paths, replicator flows, payoff sets, best responses.

Every function draws on a matplotlib ``Axes`` (a new figure when ``ax`` is omitted) and
returns that ``Axes``, so a caller can add to it, save it (``ax.figure.savefig(path)``) or
place it in a grid of subplots. Labels come from the objects drawn: the game's player names
and action labels, a Dataset's units and descriptions. matplotlib is an optional extra
(``pip install "bargain-games[plot]"``); it is imported when a function here is called, not
when :mod:`bargain` is imported.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import bargain as bg
>>> from bargain import plot
>>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "China"))
>>> ax = plot.best_response(g)
>>> ax.get_xlabel()
"P(China plays 'c0')"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from bargain._validate import check_int, describe
from bargain.bargaining.problem import BargainingProblem
from bargain.bargaining.solutions import egalitarian, kalai_smorodinsky, nash_bargaining, utilitarian
from bargain.core.game import as_single_game
from bargain.errors import InvalidArgumentError, InvalidGameError, InvalidProblemError
from bargain.repeated.payoff_sets import equilibrium_payoffs, feasible_payoffs
from bargain.solvers.dynamics.qre import QREPath
from bargain.solvers.nash.two_by_two import equilibria_2x2

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "bargaining_set",
    "sweep_map",
    "qre_path",
    "replicator_flow",
    "payoff_set",
    "best_response",
]

#: The bargaining solutions :func:`bargaining_set` can mark, by the names it accepts.
#: Hollow markers of decreasing size, so that solutions at the same point stay visible.
SOLUTIONS: Mapping[str, tuple[str, Any, str, int]] = {
    "nash": ("Nash", nash_bargaining, "o", 15),
    "kalai_smorodinsky": ("Kalai-Smorodinsky", kalai_smorodinsky, "s", 11),
    "egalitarian": ("egalitarian", egalitarian, "^", 8),
    "utilitarian": ("utilitarian", utilitarian, "D", 5),
}
_ALIASES = {"ks": "kalai_smorodinsky"}


def _pyplot(func: str) -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            f"bargain.plot.{func} needs matplotlib: pip install \"bargain-games[plot]\""
        ) from None
    return plt


def _axes(ax: Any, func: str) -> Axes:
    plt = _pyplot(func)
    if ax is None:
        _, ax = plt.subplots()
        return ax
    if not hasattr(ax, "plot") or not hasattr(ax, "figure"):
        raise InvalidArgumentError(f"{func}: ax must be a matplotlib Axes, got {describe(ax)}")
    return ax


def _player_names(players: Sequence[str]) -> tuple[str, str]:
    return (players[0] or "Row", players[1] or "Column")


# ------------------------------------------------------------------------------ bargaining
def bargaining_set(
    problem: BargainingProblem,
    *,
    solutions: Sequence[str] = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"),
    ax: Any = None,
) -> Axes:
    """Draw a bargaining problem: its feasible set, Pareto frontier, disagreement point and solutions.

    Parameters
    ----------
    problem : BargainingProblem
        One problem (not a batch), polygonal or given by a frontier.
    solutions : sequence of str
        Which solutions to mark: any of ``"nash"``, ``"kalai_smorodinsky"`` (or ``"ks"``),
        ``"egalitarian"``, ``"utilitarian"``. A solution that is a segment (the utilitarian
        one on a flat frontier) is drawn as that segment.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The feasible set is a filled patch (polygonal problems), the frontier a line labelled
        "Pareto frontier", the disagreement point a marker labelled "disagreement", and
        each solution a marker labelled with its name; a legend lists them.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import bargain as bg
    >>> P = bg.BargainingProblem.from_points([(0, 0), (0, 4), (3, 3), (4, 0)], disagreement=(1, 1))
    >>> ax = bargaining_set(P)
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:3]
    ['Pareto frontier', 'disagreement', 'Nash']
    """
    func = "bargaining_set"
    if not isinstance(problem, BargainingProblem):
        raise InvalidProblemError(f"{func}: expected a BargainingProblem, got {describe(problem)}")
    if problem.batch_shape:
        raise InvalidProblemError(
            f"{func}: draws one problem, got a batch of shape {problem.batch_shape}; index it first"
        )
    if isinstance(solutions, str):
        solutions = (solutions,)
    names = []
    for s in solutions:
        key = _ALIASES.get(s, s) if isinstance(s, str) else s
        if key not in SOLUTIONS:
            raise InvalidArgumentError(
                f"{func}: unknown solution {s!r}; choose from {', '.join(SOLUTIONS)} (or 'ks')"
            )
        names.append(key)
    ax = _axes(ax, func)
    d = np.asarray(problem.disagreement, dtype=float)
    if problem.is_polygonal:
        vertices = np.asarray(problem.vertices, dtype=float)
        ax.fill(vertices[:, 0], vertices[:, 1], alpha=0.15, color="tab:blue", label="feasible set")
        frontier = np.asarray(problem.frontier, dtype=float)
    else:
        x_max = float(np.asarray(problem.x_max))
        u1 = np.linspace(0.0, x_max, 400)
        u2 = np.asarray(problem.frontier_at(u1), dtype=float)
        keep = np.isfinite(u2)
        frontier = np.column_stack([u1[keep], u2[keep]])
    ax.plot(frontier[:, 0], frontier[:, 1], color="tab:blue", lw=2, label="Pareto frontier")
    ax.plot([d[0]], [d[1]], "k*", ms=12, label="disagreement")
    for key in names:
        title, solve, marker, size = SOLUTIONS[key]
        sol = solve(problem)
        if getattr(sol, "segment", None) is not None and not bool(np.all(np.asarray(sol.unique))):
            seg = np.asarray(sol.segment, dtype=float)
            ax.plot(seg[:, 0], seg[:, 1], lw=4, alpha=0.6, label=f"{title} (segment)")
        else:
            u = np.asarray(sol.payoffs, dtype=float)
            ax.plot([u[0]], [u[1]], marker, ms=size, mfc="none", mew=2, label=title)
    game = getattr(problem, "game", None)
    players = _player_names(game.labels.players if game is not None else ("", ""))
    ax.set_xlabel(f"{players[0]}'s payoff")
    ax.set_ylabel(f"{players[1]}'s payoff")
    ax.set_title("Bargaining set")
    handles, texts = ax.get_legend_handles_labels()
    order = [i for i, t in enumerate(texts) if t != "feasible set"]
    ax.legend([handles[i] for i in order], [texts[i] for i in order], loc="best", fontsize="small")
    return ax


# ------------------------------------------------------------------------------ sweeps
def _attr_label(var: Any, fallback: str) -> str:
    attrs = getattr(var, "attrs", {}) or {}
    text = attrs.get("long_name") or attrs.get("description") or fallback
    unit = attrs.get("units") or attrs.get("unit") or ""
    return f"{text} [{unit}]" if unit else str(text)


def sweep_map(dataset: Any, variable: str, *, ax: Any = None, **kwargs: Any) -> Axes:
    """A heat map (two swept parameters) or a line plot (one) of a sweep's variable.

    Parameters
    ----------
    dataset : xarray.Dataset
        What :func:`bargain.sweep` returns (or any Dataset whose variable has one or two
        dimensions); select the others first (``ds.sel(...)``, ``ds.isel(...)``).
    variable : str
        The variable to draw.
    ax : matplotlib Axes, optional
    **kwargs
        Passed to ``pcolormesh`` (heat map) or ``plot`` (line).

    Returns
    -------
    matplotlib.axes.Axes
        Axis labels and the colour bar's label carry each coordinate's and the variable's
        description and unit from their ``attrs``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np, xarray as xr
    >>> ds = xr.Dataset({"war": (("p",), np.array([0.1, 0.3]), {"units": "probability"})},
    ...                 coords={"p": ("p", [0.2, 0.8], {"units": "share of pie"})})
    >>> sweep_map(ds, "war").get_ylabel()
    'war [probability]'
    """
    func = "sweep_map"
    variables = getattr(dataset, "data_vars", None)
    if variables is None:
        raise InvalidArgumentError(f"{func}: expected an xarray.Dataset, got {describe(dataset)}")
    if variable not in variables:
        known = ", ".join(map(str, variables)) or "none"
        raise InvalidArgumentError(f"{func}: no variable {variable!r} in the Dataset (variables: {known})")
    var = dataset[variable]
    dims = tuple(var.dims)
    if len(dims) not in (1, 2):
        raise InvalidArgumentError(
            f"{func}: {variable!r} has dimensions {dims}; select down to one or two first "
            "(dataset.sel(...) or .isel(...))"
        )
    ax = _axes(ax, func)

    def coord(dim: str) -> tuple[np.ndarray, str]:
        if dim in dataset.coords:
            c = dataset.coords[dim]
            return np.asarray(c.values), _attr_label(c, dim)
        return np.arange(var.sizes[dim]), dim

    values = np.asarray(var.values)
    if values.dtype == bool:
        values = values.astype(float)
    if len(dims) == 1:
        x, xlabel = coord(dims[0])
        ax.plot(x, values, **kwargs)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(_attr_label(var, variable))
    else:
        y, ylabel = coord(dims[0])
        x, xlabel = coord(dims[1])
        mesh = ax.pcolormesh(x, y, values, shading="auto", **kwargs)
        bar = ax.figure.colorbar(mesh, ax=ax)
        bar.set_label(_attr_label(var, variable))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    title = (getattr(dataset, "attrs", {}) or {}).get("model")
    if title:
        ax.set_title(str(title))
    return ax


# ------------------------------------------------------------------------------ dynamics
def qre_path(path: QREPath, *, ax: Any = None) -> Axes:
    """Each action's probability along a logit QRE path, against lambda.

    Parameters
    ----------
    path : QREPath
        What :func:`bargain.logit_qre_path` returns for one game.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One line per action of each player (solid: row player, dashed: column player),
        labelled "player: action".

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np, bargain as bg
    >>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("C", "D"), col_actions=("C", "D"))
    >>> ax = qre_path(bg.logit_qre_path(g, np.linspace(0, 5, 20)))
    >>> len(ax.get_lines())
    4
    """
    func = "qre_path"
    if not isinstance(path, QREPath):
        raise InvalidArgumentError(f"{func}: expected the result of logit_qre_path, got {describe(path)}")
    row = np.asarray(path.row, dtype=float)
    col = np.asarray(path.col, dtype=float)
    lams = np.asarray(path.lams, dtype=float)
    if row.ndim != 2:
        raise InvalidArgumentError(
            f"{func}: draws the path of one game, got a batch of shape {row.shape[:-2]}; index it first"
        )
    labels = path.labels
    players = _player_names(labels.players)
    row_actions, col_actions = tuple(labels.row_actions), tuple(labels.col_actions)
    ax = _axes(ax, func)
    for i, a in enumerate(row_actions):
        ax.plot(lams, row[:, i], "-", label=f"{players[0]}: {a}")
    for j, a in enumerate(col_actions):
        ax.plot(lams, col[:, j], "--", label=f"{players[1]}: {a}")
    ax.set_xlabel("rationality λ")
    ax.set_ylabel("probability")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title("Logit quantal response equilibrium path")
    ax.legend(loc="best", fontsize="small")
    return ax


def _game_2x2(game: Any, func: str) -> Any:
    g = as_single_game(game, func)
    if g.shape != (2, 2):
        raise InvalidGameError(f"{func}: draws 2x2 games, got a {g.shape[0]}x{g.shape[1]} game")
    return g


def _mark_equilibria(ax: Any, g: Any) -> int:
    eq = equilibria_2x2(g)
    p, q = np.asarray(eq.p, dtype=float), np.asarray(eq.q, dtype=float)
    keep = np.isfinite(p) & np.isfinite(q)
    ax.plot(q[keep], p[keep], "o", color="crimson", ms=9, zorder=5, label="Nash equilibria")
    return int(keep.sum())


def _axis_labels(ax: Any, g: Any) -> None:
    players = _player_names(g.players)
    ax.set_xlabel(f"P({players[1]} plays {g.col_actions[0]!r})")
    ax.set_ylabel(f"P({players[0]} plays {g.row_actions[0]!r})")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)


def replicator_flow(game: Any, *, density: int = 15, ax: Any = None) -> Axes:
    """The two-population replicator dynamics of a 2x2 game as a flow on the unit square.

    The row population's share playing its first action is ``p`` (vertical axis), the
    column population's is ``q`` (horizontal): ``dp/dt = p (1 - p) [(A11 - A21) q +
    (A12 - A22)(1 - q)]`` and likewise for ``q`` with B (Taylor 1979). Each player's
    payoffs are normalised to [0, 1] first, so the picture does not depend on units.

    Parameters
    ----------
    game : Game or nashpy.Game
        One 2x2 game.
    density : int
        Arrows per side (``streamplot`` density, 5 to 50).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        A stream plot (its ``LineCollection``) and the Nash equilibria as red markers
        (labelled "Nash equilibria"), which are the interior rest points and the pure
        ones.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import bargain as bg
    >>> chicken = bg.Game([[0, 3], [1, 2]], [[0, 1], [3, 2]])
    >>> ax = replicator_flow(chicken)
    >>> len(ax.collections) >= 1
    True
    """
    func = "replicator_flow"
    g = _game_2x2(game, func)
    density = check_int(density, "density", func, low=5)
    if density > 50:
        raise InvalidArgumentError(f"{func}: density must be at most 50, got {density}")
    A = np.asarray(g.A, dtype=float)
    B = np.asarray(g.B, dtype=float)
    A = (A - A.min()) / (np.ptp(A) or 1.0)
    B = (B - B.min()) / (np.ptp(B) or 1.0)
    grid = np.linspace(0.0, 1.0, 41)
    q, p = np.meshgrid(grid, grid)
    dp = p * (1 - p) * ((A[0, 0] - A[1, 0]) * q + (A[0, 1] - A[1, 1]) * (1 - q))
    dq = q * (1 - q) * ((B[0, 0] - B[0, 1]) * p + (B[1, 0] - B[1, 1]) * (1 - p))
    ax = _axes(ax, func)
    speed = np.hypot(dp, dq)
    ax.streamplot(q, p, dq, dp, density=density / 15, color=speed, cmap="viridis", linewidth=1)
    _mark_equilibria(ax, g)
    _axis_labels(ax, g)
    ax.set_title(f"Replicator dynamics{': ' + g.name if g.name else ''}")
    ax.legend(loc="upper right", fontsize="small")
    return ax


# ------------------------------------------------------------------------------ 2x2 games
def best_response(game: Any, *, ax: Any = None) -> Axes:
    """The best-response diagram of a 2x2 game: each player's best replies and where they cross.

    Parameters
    ----------
    game : Game or nashpy.Game
        One 2x2 game.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Two step lines labelled with the players' names (the row player's best reply ``p``
        to each ``q``, and the column player's best reply ``q`` to each ``p``; a player
        indifferent everywhere gets the whole square's side), and the Nash equilibria, the
        crossings, as red markers.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import bargain as bg
    >>> pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "China"))
    >>> [t.get_text() for t in best_response(pd).get_legend().get_texts()]
    ["US's best reply", "China's best reply", 'Nash equilibria']
    """
    func = "best_response"
    g = _game_2x2(game, func)
    eq = equilibria_2x2(g)
    A = np.asarray(g.A, dtype=float)
    B = np.asarray(g.B, dtype=float)
    ax = _axes(ax, func)
    players = _player_names(g.players)
    # Row: advantage of the first row action as a function of q is linear: a q + b.
    a = (A[0, 0] - A[1, 0]) - (A[0, 1] - A[1, 1])
    b = A[0, 1] - A[1, 1]
    qs, ps = _reply_path(a, b, float(np.asarray(eq.q_star)))
    ax.plot(qs, ps, lw=2.5, color="tab:blue", label=f"{players[0]}'s best reply")
    c = (B[0, 0] - B[0, 1]) - (B[1, 0] - B[1, 1])
    d = B[1, 0] - B[1, 1]
    ps2, qs2 = _reply_path(c, d, float(np.asarray(eq.p_star)))
    ax.plot(qs2, ps2, lw=2.5, ls="--", color="tab:orange", label=f"{players[1]}'s best reply")
    _mark_equilibria(ax, g)
    _axis_labels(ax, g)
    ax.set_title(f"Best responses{': ' + g.name if g.name else ''}")
    ax.legend(loc="best", fontsize="small")
    return ax


def _reply_path(a: float, b: float, star: float) -> tuple[list[float], list[float]]:
    """Best reply (probability of the first action) to the other's probability s in [0, 1].

    The first action's advantage is ``a s + b``; it is the best reply where that is positive,
    the second where negative, and any mix where zero (at ``star``, or everywhere).
    Returns the polyline (s values, reply values).
    """
    scale = max(abs(a), abs(b), 1e-300)
    a, b = a / scale, b / scale
    tiny = 1e-12
    if abs(a) <= tiny and abs(b) <= tiny:  # indifferent everywhere: the whole square
        return [0.0, 1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0, 0.0]
    at0, at1 = b, a + b
    reply0 = 1.0 if at0 > tiny else 0.0 if at0 < -tiny else None
    reply1 = 1.0 if at1 > tiny else 0.0 if at1 < -tiny else None
    if reply0 is not None and reply0 == reply1:
        return [0.0, 1.0], [reply0, reply0]
    if reply0 is None and reply1 is None:  # pragma: no cover - excluded above
        return [0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0]
    s = star if np.isfinite(star) else (0.0 if reply0 is None else 1.0)
    r0 = reply0 if reply0 is not None else 1.0 - (reply1 or 0.0)
    r1 = reply1 if reply1 is not None else 1.0 - r0
    return [0.0, s, s, 1.0], [r0, r0, r1, r1]


# ------------------------------------------------------------------------------ repeated games
def payoff_set(game: Any, delta: Any, *, ax: Any = None) -> Axes:
    """A repeated game's subgame-perfect payoff set beside the folk-theorem region.

    Draws the feasible set of the stage game (its convex hull), the individually rational
    part of it (the folk theorem's limit as delta -> 1), the minmax point, and the pure-strategy
    subgame-perfect payoff set with public randomisation at each discount factor (from
    :func:`bargain.repeated.equilibrium_payoffs`).

    Parameters
    ----------
    game : Game or nashpy.Game
        One stage game.
    delta : float or sequence of float
        Discount factor(s) in [0, 1).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Patches "feasible", "individually rational" and one "SPE payoffs, δ = ..." per
        discount factor (a point or a segment is drawn as a marker or a line); the minmax
        point as a marker.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import bargain as bg
    >>> pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> ax = payoff_set(pd, [0.3, 0.9])
    >>> [t.get_text() for t in ax.get_legend().get_texts()][-2:]
    ['SPE payoffs, δ = 0.3', 'SPE payoffs, δ = 0.9']
    """
    func = "payoff_set"
    g = as_single_game(game, func)
    deltas = np.atleast_1d(np.asarray(delta, dtype=float)) if not isinstance(delta, str) else None
    if deltas is None or deltas.ndim != 1 or deltas.size == 0:
        raise InvalidArgumentError(f"{func}: delta must be a number or a 1-d sequence, got {describe(delta)}")
    sets = equilibrium_payoffs(g, deltas if deltas.size > 1 else float(deltas[0]))
    if not isinstance(sets, tuple):
        sets = (sets,)
    region = feasible_payoffs(g)
    ax = _axes(ax, func)
    feas = np.asarray(region.feasible.vertices, dtype=float)
    ax.fill(feas[:, 0], feas[:, 1], color="0.85", label="feasible")
    ir = np.asarray(region.individually_rational.vertices, dtype=float)
    if len(ir) >= 3:
        ax.fill(ir[:, 0], ir[:, 1], color="tab:green", alpha=0.25, label="individually rational")
    elif len(ir):
        ax.plot(ir[:, 0], ir[:, 1], "-o", color="tab:green", alpha=0.5, label="individually rational")
    v = np.asarray(region.minmax, dtype=float)
    ax.plot([v[0]], [v[1]], "kx", ms=10, mew=2, label="minmax")
    cmap = _pyplot(func).get_cmap("plasma")
    for k, (d, s) in enumerate(zip(deltas, sets, strict=True)):
        colour = cmap(0.15 + 0.7 * k / max(len(deltas) - 1, 1))
        label = f"SPE payoffs, δ = {d:g}"
        pts = np.asarray(s.vertices, dtype=float).reshape(-1, 2)
        if len(pts) >= 3:
            ax.fill(pts[:, 0], pts[:, 1], color=colour, alpha=0.45, label=label)
        elif len(pts) == 2:
            ax.plot(pts[:, 0], pts[:, 1], "-", lw=3, color=colour, label=label)
        elif len(pts) == 1:
            ax.plot(pts[:, 0], pts[:, 1], "o", color=colour, label=label)
        else:
            ax.plot([], [], color=colour, label=label + " (empty)")
    players = _player_names(g.players)
    ax.set_xlabel(f"{players[0]}'s average payoff")
    ax.set_ylabel(f"{players[1]}'s average payoff")
    ax.set_title(f"Repeated game payoffs{': ' + g.name if g.name else ''}")
    ax.legend(loc="best", fontsize="small")
    return ax
