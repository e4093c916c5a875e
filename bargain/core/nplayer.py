"""Games with any number of players in normal form: immutable, labelled and batched.

An :class:`NPlayerGame` holds one payoff array of shape ``(..., n1, ..., nk, k)``: entry
``[..., a1, ..., ak, i]`` is player ``i``'s payoff when player ``j`` plays action ``aj``.
Leading axes are a *batch* of games sharing labels, as for the two-player
:class:`~bargain.core.game.Game`; the kernels below work on the whole batch at once.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from bargain._validate import as_payoff_array, as_strategy, check_labels, describe
from bargain.core.exact import to_fraction
from bargain.core.frozen import immutable
from bargain.core.game import Game
from bargain.errors import InvalidGameError

__all__ = [
    "NPlayerGame",
    "as_nplayer_game",
    "normalise_nplayer",
    "nplayer_action_payoffs",
    "nplayer_pure_mask",
]

_LETTERS = string.ascii_lowercase


def _subscripts(k: int) -> str:
    if k > len(_LETTERS) - 1:
        raise InvalidGameError(f"NPlayerGame: at most {len(_LETTERS) - 1} players, got {k}")
    return _LETTERS[:k]


@dataclass(frozen=True, eq=False, repr=False, init=False)
class NPlayerGame:
    """A normal-form game of ``k >= 2`` players, or a batch of them.

    Parameters
    ----------
    payoffs : array_like, shape (..., n1, ..., nk, k), or a list of k numpy arrays
        One array whose last axis lists the players (``payoffs[..., a1, ..., ak, i]`` is
        player ``i``'s payoff at the profile ``(a1, ..., ak)``); the number of players is
        the length of that last axis. Or a list/tuple of ``k`` numpy arrays (each of shape
        ``(..., n1, ..., nk)``, broadcast against each other): player ``i``'s payoffs.
        Integers and :class:`fractions.Fraction` are kept exactly, as for
        :class:`~bargain.Game`.
    actions : sequence of k sequences of str, optional
        Each player's action labels (default ``a0, a1, ...``).
    players : sequence of k str, optional
        Player names (default ``P1, ..., Pk``).
    name : str, optional
        A title for the game.

    Examples
    --------
    >>> import numpy as np
    >>> from bargain.core.nplayer import NPlayerGame
    >>> u = np.zeros((2, 2, 2, 3), dtype=int)
    >>> u[0, 0, 0] = (1, 1, 1)                    # all three cooperate
    >>> g = NPlayerGame(u, players=("US", "China", "EU"))
    >>> g.shape, g.n_players, g.batch_shape
    ((2, 2, 2), 3, ())
    >>> g.payoffs([1, 0], [1, 0], [0.5, 0.5]).tolist()
    [0.5, 0.5, 0.5]
    """

    payoff_array: np.ndarray
    actions: tuple[tuple[str, ...], ...]
    players: tuple[str, ...]
    name: str
    _exact: np.ndarray | None

    def __init__(
        self,
        payoffs: Any,
        *,
        actions: Sequence[Sequence[str]] | None = None,
        players: Sequence[str] | None = None,
        name: str = "",
    ) -> None:
        func = "NPlayerGame"
        if isinstance(payoffs, list | tuple) and payoffs and all(isinstance(p, np.ndarray) for p in payoffs):
            values, exact = _stack_players(payoffs, func)
        else:
            values, exact = as_payoff_array(payoffs, "payoffs", func, min_ndim=3)
        self._setup(func, values, exact, actions, players, name)

    def _setup(
        self,
        func: str,
        values: np.ndarray,
        exact: np.ndarray | None,
        actions: Any,
        players: Any,
        name: Any,
    ) -> None:
        k = values.shape[-1]
        if k < 2:
            raise InvalidGameError(
                f"{func}: the last axis of payoffs lists the players and must have at least 2 "
                f"entries, got shape {values.shape}"
            )
        _subscripts(k)
        if values.ndim < k + 1:
            raise InvalidGameError(
                f"{func}: payoffs of {k} players need shape (..., n1, ..., n{k}, {k}) with one action "
                f"axis per player, got shape {values.shape} ({values.ndim - 1} action axes)"
            )
        if 0 in values.shape:
            raise InvalidGameError(f"{func}: payoffs is empty (shape {values.shape})")
        action_axes = tuple(range(values.ndim - 1 - k, values.ndim - 1))
        with np.errstate(over="ignore", invalid="ignore"):
            spread = values.max(axis=action_axes) - values.min(axis=action_axes)
        if not np.isfinite(spread).all():
            raise InvalidGameError(
                f"{func}: a player's payoff range (max - min) overflows float64; rescale the payoffs"
            )
        shape = values.shape[-1 - k : -1]
        if players is None:
            names = tuple(f"P{i + 1}" for i in range(k))
        else:
            names = check_labels(players, k, "", "players", func)
        if actions is None:
            labels = tuple(tuple(f"a{j}" for j in range(n)) for n in shape)
        else:
            if isinstance(actions, str) or not isinstance(actions, Sequence) or len(actions) != k:
                raise InvalidGameError(
                    f"{func}: actions must be a sequence of {k} label sequences (one per player), "
                    f"got {describe(actions)}"
                )
            labels = tuple(
                check_labels(a, n, "a", f"actions[{i}]", func) for i, (a, n) in enumerate(zip(actions, shape))
            )
        if not isinstance(name, str):
            raise InvalidGameError(f"{func}: name must be a string, got {describe(name)}")
        set_ = object.__setattr__
        set_(self, "payoff_array", immutable(values))
        set_(self, "actions", labels)
        set_(self, "players", names)
        set_(self, "name", name)
        if exact is not None and exact.dtype == object:
            exact = _fractions(exact)
        set_(self, "_exact", None if exact is None else immutable(exact))

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickled and deep-copied games are read-only too."""
        for key, value in state.items():
            if key in ("payoff_array", "_exact") and value is not None:
                value = immutable(value)
            object.__setattr__(self, key, value)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_players(cls, payoffs: Sequence[Any], **labels: Any) -> NPlayerGame:
        """A game from one payoff array per player (each of shape ``(..., n1, ..., nk)``).

        Nested lists are accepted here (the constructor reads a nested list as one array
        whose last axis lists the players).

        >>> g = NPlayerGame.from_players([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
        >>> g.shape, g.n_players
        ((2, 2), 2)
        """
        func = "NPlayerGame.from_players"
        if isinstance(payoffs, str) or not isinstance(payoffs, Sequence) or len(payoffs) < 2:
            raise InvalidGameError(
                f"{func}: payoffs must be a sequence of at least 2 arrays (one per player), "
                f"got {describe(payoffs)}"
            )
        values, exact = _stack_players(payoffs, func)
        new = object.__new__(cls)
        new._setup(func, values, exact, labels.pop("actions", None), labels.pop("players", None),
                   labels.pop("name", ""))
        if labels:
            raise InvalidGameError(f"{func}: unknown keyword argument(s) {sorted(labels)}")
        return new

    @classmethod
    def from_game(cls, game: Game) -> NPlayerGame:
        """The two-player :class:`~bargain.Game` as an :class:`NPlayerGame` (labels kept).

        >>> g = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("US", "China"))
        >>> NPlayerGame.from_game(g).payoff(1).tolist()
        [[3.0, 5.0], [0.0, 1.0]]
        """
        if not isinstance(game, Game):
            raise InvalidGameError(f"NPlayerGame.from_game: expected a bargain.Game, got {describe(game)}")
        values = np.stack([game.A, game.B], axis=-1)
        exact = None
        if game.has_exact_payoffs:
            ea, eb = game.exact_payoffs()
            exact = np.stack([ea, eb], axis=-1)
        new = object.__new__(cls)
        new._setup(
            "NPlayerGame.from_game", values, exact, (game.row_actions, game.col_actions), game.players,
            game.name,
        )
        return new

    def to_game(self) -> Game:
        """The two-player :class:`~bargain.Game` of a game with ``k == 2`` players.

        >>> g = NPlayerGame([[[3, 3], [0, 5]], [[5, 0], [1, 1]]])
        >>> g.to_game().A.tolist()
        [[3.0, 0.0], [5.0, 1.0]]
        """
        if self.n_players != 2:
            raise InvalidGameError(
                f"NPlayerGame.to_game: only a two-player game converts, this one has {self.n_players} players"
            )
        source = self._exact if self._exact is not None else self.payoff_array
        return Game(
            source[..., 0],
            source[..., 1],
            row_actions=self.actions[0],
            col_actions=self.actions[1],
            players=self.players,
            name=self.name,
        )

    # ------------------------------------------------------------------ shape
    @property
    def n_players(self) -> int:
        """Number of players ``k``."""
        return int(self.payoff_array.shape[-1])

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player ``(n1, ..., nk)``."""
        k = self.n_players
        return tuple(int(n) for n in self.payoff_array.shape[-1 - k : -1])

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch of games (``()`` for a single game)."""
        return self.payoff_array.shape[: -1 - self.n_players]

    @property
    def batch_size(self) -> int:
        """Number of games in the batch (1 for a single game)."""
        return int(np.prod(self.batch_shape, dtype=np.int64))

    def payoff(self, i: int) -> np.ndarray:
        """Player ``i``'s payoff array, shape ``(..., n1, ..., nk)`` (read-only view)."""
        if isinstance(i, bool) or not isinstance(i, int | np.integer) or not 0 <= i < self.n_players:
            raise InvalidGameError(
                f"NPlayerGame.payoff: player must be an integer in [0, {self.n_players}), got {describe(i)}"
            )
        return self.payoff_array[..., int(i)]

    def __getitem__(self, index: Any) -> NPlayerGame:
        """Index the batch axes (never the action axes)."""
        batch = self.batch_shape
        if not batch:
            raise InvalidGameError("NPlayerGame.__getitem__: a single game has no batch axes to index")
        if not isinstance(index, tuple):
            index = (index,)
        if any(i is Ellipsis for i in index) or len(index) > len(batch):
            raise InvalidGameError(
                f"NPlayerGame.__getitem__: index {describe(index)} must address only the "
                f"{len(batch)} batch axes"
            )
        full = index + (slice(None),) * (len(batch) - len(index) + self.n_players + 1)
        try:
            values = self.payoff_array[full]
            exact = None if self._exact is None else self._exact[full]
        except IndexError as exc:
            raise InvalidGameError(f"NPlayerGame.__getitem__: {exc}") from None
        new = object.__new__(NPlayerGame)
        set_ = object.__setattr__
        set_(new, "payoff_array", immutable(values))
        set_(new, "actions", self.actions)
        set_(new, "players", self.players)
        set_(new, "name", self.name)
        set_(new, "_exact", None if exact is None else immutable(exact))
        return new

    @cached_property
    def payoff_range(self) -> np.ndarray:
        """Each player's payoff range ``max - min``, shape ``batch + (k,)`` (read-only)."""
        axes = tuple(range(-1 - self.n_players, -1))
        return immutable(self.payoff_array.max(axis=axes) - self.payoff_array.min(axis=axes))

    @cached_property
    def normalized(self) -> np.ndarray:
        """Payoffs shifted and scaled to [0, 1] per player and game (what the float checks use)."""
        return immutable(normalise_nplayer(self.payoff_array, self.n_players))

    # ------------------------------------------------------------------ payoffs
    def payoffs(self, *strategies: Any) -> np.ndarray:
        """Expected payoffs of every player, shape ``(..., k)``, at mixed strategies.

        One strategy per player (shape ``(..., n_i)``), broadcast against the batch.
        """
        func = "NPlayerGame.payoffs"
        strats = check_profile(strategies, self.shape, func)
        k = self.n_players
        letters = _subscripts(k)
        spec = "..." + letters + "z," + ",".join("..." + c for c in letters) + "->...z"
        return np.einsum(spec, self.payoff_array, *strats)

    def exact_payoffs(self) -> np.ndarray:
        """The payoffs as a read-only object array of :class:`~fractions.Fraction`.

        Integers and fractions are exact; a float is read as the decimal it prints as.
        """
        if self._exact is not None:
            if self._exact.dtype != object:  # int64, converted on first use
                object.__setattr__(self, "_exact", immutable(_fractions(self._exact)))
            return self._exact
        return immutable(_fractions(self.payoff_array))

    @property
    def has_exact_payoffs(self) -> bool:
        """True when the payoffs were given as integers or fractions (kept exactly)."""
        return self._exact is not None

    def equals(self, other: Any) -> bool:
        """Same payoffs (exactly), labels, players and name."""
        return (
            isinstance(other, NPlayerGame)
            and self.payoff_array.shape == other.payoff_array.shape
            and bool(np.array_equal(self.payoff_array, other.payoff_array))
            and self.actions == other.actions
            and self.players == other.players
            and self.name == other.name
        )

    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        raise TypeError("NPlayerGame does not support ==; use g.equals(other)")

    def __repr__(self) -> str:
        title = f" {self.name!r}" if self.name else ""
        sizes = " x ".join(str(n) for n in self.shape)
        who = ", ".join(f"{p} ({n})" for p, n in zip(self.players, self.shape))
        head = f"NPlayerGame{title}: {self.n_players} players, {sizes} actions: {who}"
        if self.batch_shape:
            return f"<{head}, batch of shape {self.batch_shape}>"
        if int(np.prod(self.shape)) > 64:
            return f"<{head}>"
        lines = [head]
        for cell in np.ndindex(*self.shape):
            profile = ", ".join(self.actions[i][a] for i, a in enumerate(cell))
            values = ", ".join(_fmt(v) for v in self.payoff_array[cell].tolist())
            lines.append(f"  ({profile}): ({values})")
        return "\n".join(lines)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else f"{v:.6g}"


def _fractions(arr: np.ndarray) -> np.ndarray:
    out = np.empty(arr.shape, dtype=object)
    flat = out.ravel()
    for i, v in enumerate(np.asarray(arr).ravel().tolist()):
        flat[i] = v if isinstance(v, Fraction) else to_fraction(v, "NPlayerGame")
    return out


def _stack_players(arrays: Sequence[Any], func: str) -> tuple[np.ndarray, np.ndarray | None]:
    parsed = [as_payoff_array(a, f"payoffs[{i}]", func, min_ndim=1) for i, a in enumerate(arrays)]
    try:
        shape = np.broadcast_shapes(*(v.shape for v, _ in parsed))
    except ValueError:
        given = ", ".join(str(v.shape) for v, _ in parsed)
        raise InvalidGameError(f"{func}: the players' payoff arrays do not broadcast: {given}") from None
    values = np.stack([np.broadcast_to(v, shape) for v, _ in parsed], axis=-1)
    exact = None
    if all(e is not None for _, e in parsed):
        exact = np.stack([np.broadcast_to(np.asarray(e, dtype=object), shape) for _, e in parsed], axis=-1)
    return values, exact


def as_nplayer_game(game: Any, func: str) -> NPlayerGame:
    """Accept an :class:`NPlayerGame` or a two-player :class:`~bargain.Game` (converted)."""
    if isinstance(game, NPlayerGame):
        return game
    if isinstance(game, Game):
        return NPlayerGame.from_game(game)
    raise InvalidGameError(
        f"{func}: expected a bargain NPlayerGame (or a two-player Game), got {type(game).__name__} "
        f"({describe(game)}); wrap the payoff array with NPlayerGame(payoffs)"
    )


def check_profile(strategies: Sequence[Any], shape: tuple[int, ...], func: str) -> list[np.ndarray]:
    """One mixed strategy per player (``(..., n_i)`` on the simplex), as float arrays."""
    if len(strategies) != len(shape):
        raise InvalidGameError(
            f"{func}: expected one strategy per player ({len(shape)}), got {len(strategies)}"
        )
    return [as_strategy(s, n, f"strategies[{i}]", func) for i, (s, n) in enumerate(zip(strategies, shape))]


# ------------------------------------------------------------------------------ kernels
def normalise_nplayer(payoffs: np.ndarray, k: int) -> np.ndarray:
    """Each player's payoffs shifted and scaled to [0, 1] per game (a constant payoff becomes 0).

    ``payoffs`` has shape ``(..., n1, ..., nk, k)``.
    """
    axes = tuple(range(-1 - k, -1))
    low = payoffs.min(axis=axes, keepdims=True)
    spread = payoffs.max(axis=axes, keepdims=True) - low
    scale = np.where(spread > 0, spread, 1.0)
    return (payoffs - low) / scale


def nplayer_action_payoffs(payoffs: np.ndarray, strategies: Sequence[np.ndarray], i: int) -> np.ndarray:
    """Player ``i``'s payoff of each of its actions against the others' mixed strategies.

    ``payoffs`` ``(..., n1, ..., nk, k)``; returns ``(..., n_i)``.
    """
    k = payoffs.shape[-1]
    letters = _subscripts(k)
    others = [j for j in range(k) if j != i]
    spec = "..." + letters + "," + ",".join("..." + letters[j] for j in others) + "->..." + letters[i]
    return np.einsum(spec, payoffs[..., i], *(strategies[j] for j in others))


def nplayer_pure_mask(payoffs: np.ndarray, tol: float = 0.0) -> np.ndarray:
    """Boolean mask ``(..., n1, ..., nk)`` of the pure equilibria of a batch of games.

    A profile is an equilibrium when each player's payoff there is within ``tol`` times that
    player's payoff range (in that game) of the best payoff along its own action axis (ties
    count): the same decision as on payoffs normalised to [0, 1], without building them. The
    player axis is moved to the front once, so every reduction runs on contiguous memory; no
    loop over the batch.
    """
    k = payoffs.shape[-1]
    by_player = np.ascontiguousarray(np.moveaxis(payoffs, -1, 0))
    if tol > 0:
        axes = tuple(range(-k, 0))
        slack = tol * (by_player.max(axis=axes, keepdims=True) - by_player.min(axis=axes, keepdims=True))
    else:
        slack = np.zeros((k,) + (1,) * (by_player.ndim - 1))
    mask = np.ones(payoffs.shape[:-1], dtype=bool)
    for i in range(k):
        u = by_player[i]
        axis = u.ndim - k + i
        mask &= u >= u.max(axis=axis, keepdims=True) - slack[i]
    return mask
