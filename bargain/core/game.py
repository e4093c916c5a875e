"""The two-player game in normal form: immutable, labelled and batched.

A :class:`Game` holds the payoff matrices ``A`` (row player) and ``B`` (column player)
of shape ``(..., m, n)``. Leading axes are a *batch* of games that share action labels
and player names; every kernel in :mod:`bargain.core.kernels` works on the whole batch
at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from bargain._result import Labels
from bargain._validate import as_payoff_array, as_strategy, check_labels, check_real, describe
from bargain.core.exact import IntegerGame, to_fraction
from bargain.core.frozen import immutable
from bargain.errors import InvalidGameError

__all__ = ["Game", "as_game", "as_single_game"]


def _broadcast(arr: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    return arr if arr.shape == shape else np.broadcast_to(arr, shape)


def _is_transpose(b: np.ndarray, a: np.ndarray) -> bool:
    """Whether ``b`` reads exactly the memory of ``a`` with the last two axes swapped (``a.swapaxes``)."""
    swapped = np.swapaxes(a, -1, -2)
    return (
        b.dtype == a.dtype
        and b.shape == swapped.shape
        and b.strides == swapped.strides
        and b.__array_interface__["data"][0] == a.__array_interface__["data"][0]
    )


def _frame_labels(obj: Any) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """Row and column labels of a data frame (duck-typed: ``index``, ``columns``, ``to_numpy``).

    A default ``RangeIndex`` (0, 1, ...) carries no labels: the game keeps its defaults.
    """
    if isinstance(obj, np.ndarray | list | tuple) or not hasattr(obj, "to_numpy"):
        return None, None
    index, columns = getattr(obj, "index", None), getattr(obj, "columns", None)
    if index is None or columns is None:
        return None, None
    return _axis_labels(index), _axis_labels(columns)


def _axis_labels(axis: Any) -> tuple[str, ...] | None:
    if type(axis).__name__ == "RangeIndex" and getattr(axis, "start", None) == 0 and getattr(
        axis, "step", None
    ) == 1:
        return None
    try:
        return tuple(str(v) for v in axis)
    except TypeError:
        return None


@dataclass(frozen=True, eq=False, repr=False, init=False)
class Game:
    """A two-player normal-form game, or a batch of them.

    Parameters
    ----------
    A : array_like, shape (..., m, n)
        Row player's payoffs. Integers and :class:`fractions.Fraction` are kept exactly
        for the exact solvers (``exact=True``); the float64 copy drives the float path.
        A pandas DataFrame's index and columns become the action labels (unless given).
    B : array_like, shape (..., m, n), optional
        Column player's payoffs. Omitted: the game is zero-sum, ``B = -A``. ``A`` and
        ``B`` are broadcast against each other. A game has two players: a third matrix is
        refused. With ``B`` omitted, a nested list whose last axis has two entries
        (shape ``(..., m, 2)`` with at least three axes) reads as payoff pairs per cell and
        is refused with a pointer to :meth:`from_cells`; a batch of zero-sum games with two
        columns is written ``Game.zero_sum(A)`` (or given as a numpy array, which is always
        read as matrices).
    row_actions, col_actions : sequence of str, optional
        Action labels (default ``r0, r1, ...`` and ``c0, c1, ...``).
    players : pair of str, optional
        Player names (default ``("Row", "Column")``).
    name : str, optional
        A title for the game.

    Examples
    --------
    >>> import bargain as bg
    >>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...             row_actions=("Cooperate", "Defect"), col_actions=("Cooperate", "Defect"),
    ...             name="Prisoner's Dilemma")
    >>> g.shape, g.batch_shape
    ((2, 2), ())
    >>> g.payoffs([0, 1], [0, 1]).tolist()
    [1.0, 1.0]
    >>> batch = bg.Game.zero_sum([[[1, 0], [0, 1]], [[2, 0], [0, 1]]])   # two zero-sum games
    >>> batch.batch_shape, batch[1].A.tolist()
    ((2,), [[2.0, 0.0], [0.0, 1.0]])

    Payoffs written cell by cell, as textbooks do, go through :meth:`from_cells`; given to
    ``Game`` alone they are refused rather than read as a batch of zero-sum games:

    >>> bg.Game([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bargain.errors.InvalidGameError: Game: A looks like payoff pairs per cell ...
    """

    A: np.ndarray
    B: np.ndarray
    row_actions: tuple[str, ...]
    col_actions: tuple[str, ...]
    players: tuple[str, str]
    name: str
    _exact: tuple[np.ndarray, np.ndarray] | None

    def __init__(
        self,
        A: Any,
        B: Any = None,
        *more: Any,
        row_actions: Sequence[str] | None = None,
        col_actions: Sequence[str] | None = None,
        players: Sequence[str] | None = None,
        name: str = "",
    ) -> None:
        func = "Game"
        if more:
            if all(_looks_like_labels(m) for m in more):
                raise InvalidGameError(
                    f"{func}: action labels and player names are keyword arguments "
                    f"(row_actions=..., col_actions=..., players=...); got {describe(more)} "
                    "after the payoff matrices"
                )
            raise InvalidGameError(
                f"{func}: a game has two players, so it takes two payoff matrices (A for the row "
                f"player, B for the column player); got {2 + len(more)}"
            )
        if B is None and _looks_like_cells(A):
            raise InvalidGameError(
                f"{func}: A looks like payoff pairs per cell (shape {np.shape(A)}, each cell a "
                "(row payoff, column payoff) pair): write Game.from_cells(cells) for a game given "
                "cell by cell, or Game.zero_sum(A) for a batch of zero-sum games with two columns"
            )
        labels = {"row_actions": row_actions, "col_actions": col_actions, "players": players, "name": name}
        self._setup(func, A, B, labels)

    def _setup(
        self,
        func: str,
        A: Any,
        B: Any,
        labels: dict[str, Any],
        a_parsed: tuple[np.ndarray, np.ndarray | None] | None = None,
        b_parsed: tuple[np.ndarray, np.ndarray | None] | None = None,
    ) -> None:
        """Validate payoffs and labels and store owned, read-only copies (every constructor).

        ``a_parsed``/``b_parsed``: payoffs a constructor already parsed (``as_payoff_array``).
        """
        frame_rows, frame_cols = _frame_labels(A)
        if B is not None:
            b_rows, b_cols = _frame_labels(B)
            for which, mine, theirs in (("index", frame_rows, b_rows), ("columns", frame_cols, b_cols)):
                if mine is not None and theirs is not None and mine != theirs:
                    raise InvalidGameError(
                        f"{func}: the data frames A and B have different {which} "
                        f"({describe(mine)} and {describe(theirs)}); align them first"
                    )
            frame_rows = frame_rows if frame_rows is not None else b_rows
            frame_cols = frame_cols if frame_cols is not None else b_cols
        a_val, a_exact = a_parsed if a_parsed is not None else as_payoff_array(A, "A", func, copy=False)
        if B is None and b_parsed is None:
            b_val = -a_val
            b_exact = None if a_exact is None else -a_exact
        else:
            b_val, b_exact = b_parsed if b_parsed is not None else as_payoff_array(B, "B", func, copy=False)
        if a_val.shape[-2:] != b_val.shape[-2:]:
            raise InvalidGameError(
                f"{func}: A and B must have the same (m, n) shape, got {a_val.shape[-2:]} "
                f"and {b_val.shape[-2:]}"
            )
        try:
            shape = np.broadcast_shapes(a_val.shape, b_val.shape)
        except ValueError:
            raise InvalidGameError(
                f"{func}: the batch shapes of A {a_val.shape} and B {b_val.shape} do not broadcast"
            ) from None
        exact = None
        if a_exact is not None and b_exact is not None:
            exact = tuple(
                immutable(_to_fraction_array(e) if e.dtype == object else e)
                for e in (_broadcast(a_exact, shape), _broadcast(b_exact, shape))
            )
        m, n = shape[-2:]
        for label, values in (("A", a_val), ("B", b_val)):
            with np.errstate(over="ignore", invalid="ignore"):
                # the whole batch's range bounds each game's: one pass unless it overflows
                if np.isfinite(values.max() - values.min()):
                    continue
                spread = values.max(axis=(-2, -1)) - values.min(axis=(-2, -1))
            if not np.isfinite(spread).all():
                raise InvalidGameError(
                    f"{func}: the payoff range of {label} (max - min) overflows float64 "
                    f"(max {float(values.max())!r}, min {float(values.min())!r}); rescale the payoffs"
                )
        players = labels.get("players")
        if players is None:
            player_names: tuple[str, ...] = ("Row", "Column")
        else:
            player_names = check_labels(players, 2, "", "players", func)
        name = labels.get("name", "")
        if not isinstance(name, str):
            raise InvalidGameError(f"{func}: name must be a string, got {describe(name)}")
        row_actions = labels.get("row_actions")
        col_actions = labels.get("col_actions")
        row_actions = frame_rows if row_actions is None else row_actions
        col_actions = frame_cols if col_actions is None else col_actions
        set_ = object.__setattr__
        a_store = immutable(_broadcast(a_val, shape))
        if a_store.shape == shape and _is_transpose(b_val, a_val):
            # a symmetric game (B = A transposed, as Game.symmetric builds it): one copy
            b_store = np.swapaxes(a_store, -1, -2)
        else:
            b_store = immutable(_broadcast(b_val, shape))
        set_(self, "A", a_store)
        set_(self, "B", b_store)
        set_(self, "row_actions", check_labels(row_actions, m, "r", "row_actions", func))
        set_(self, "col_actions", check_labels(col_actions, n, "c", "col_actions", func))
        set_(self, "players", player_names)
        set_(self, "name", name)
        set_(self, "_exact", exact)

    @classmethod
    def _build(cls, func: str, A: Any, B: Any, labels: dict[str, Any], **parsed: Any) -> Game:
        """A game from a named constructor: the same checks, errors naming ``func``."""
        unknown = set(labels) - {"row_actions", "col_actions", "players", "name"}
        if unknown:
            raise InvalidGameError(
                f"{func}: unknown keyword argument(s) {sorted(unknown)}; the labels are "
                "row_actions, col_actions, players and name"
            )
        new = object.__new__(cls)
        new._setup(func, A, B, labels, **parsed)
        return new

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickled and deep-copied games are read-only too."""
        for key, value in state.items():
            if key in ("A", "B"):
                value = immutable(value)
            elif key == "_exact" and value is not None:
                value = (immutable(value[0]), immutable(value[1]))
            object.__setattr__(self, key, value)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def zero_sum(cls, A: Any, **labels: Any) -> Game:
        """Zero-sum game with row payoffs ``A`` and column payoffs ``-A``.

        ``A`` of shape ``(..., m, n)`` is always read as matrices (a batch when it has
        leading axes), never as payoff pairs per cell.

        >>> Game.zero_sum([[1, -1], [-1, 1]]).B.tolist()
        [[-1.0, 1.0], [1.0, -1.0]]
        """
        return cls._build("Game.zero_sum", A, None, labels)

    @classmethod
    def symmetric(cls, A: Any, **labels: Any) -> Game:
        """Symmetric game: the column player's payoffs are ``A`` transposed (``B = A.T``).

        ``A[i, j]`` is the payoff of playing ``i`` against ``j``; both players share the
        action labels ``actions=`` (default ``a0, a1, ...``; a DataFrame's index).

        >>> g = Game.symmetric([[0, 3], [1, 2]], actions=("Hawk", "Dove"))
        >>> g.B.tolist(), g.col_actions
        ([[0.0, 1.0], [3.0, 2.0]], ('Hawk', 'Dove'))
        """
        func = "Game.symmetric"
        frame_rows, frame_cols = _frame_labels(A)
        values, exact = as_payoff_array(A, "A", func)
        if values.shape[-1] != values.shape[-2]:
            raise InvalidGameError(f"{func}: A must be square, got shape {values.shape[-2:]}")
        actions = labels.pop("actions", None)
        if actions is None:
            actions = frame_rows if frame_rows is not None else frame_cols
        if actions is not None:
            labels.setdefault("row_actions", actions)
            labels.setdefault("col_actions", actions)
        elif "row_actions" not in labels and "col_actions" not in labels:
            default = tuple(f"a{i}" for i in range(values.shape[-1]))
            labels["row_actions"] = labels["col_actions"] = default
        swap = np.swapaxes
        b_exact = None if exact is None else swap(exact, -1, -2)
        return cls._build(
            func, values, values, labels, a_parsed=(values, exact),
            b_parsed=(swap(values, -1, -2), b_exact),
        )

    @classmethod
    def from_cells(cls, cells: Any, **labels: Any) -> Game:
        """A game written cell by cell: ``cells[i][j] = (row payoff, column payoff)``.

        This is how textbooks print a bimatrix game. Integers and fractions are kept
        exactly; leading axes make a batch (shape ``(..., m, n, 2)``). A DataFrame of pairs
        gives its index and columns as action labels.

        >>> g = Game.from_cells([[(3, 3), (0, 5)], [(5, 0), (1, 1)]],
        ...                     row_actions=("Cooperate", "Defect"), col_actions=("Cooperate", "Defect"))
        >>> g.A.tolist(), g.B.tolist(), g.has_exact_payoffs
        ([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]], True)
        """
        func = "Game.from_cells"
        frame_rows, frame_cols = _frame_labels(cells)
        is_frame = hasattr(cells, "to_numpy") and not isinstance(cells, np.ndarray | list | tuple)
        source = cells.to_numpy().tolist() if is_frame else cells  # a frame of pairs: nested tuples
        values, exact = as_payoff_array(source, "cells", func, min_ndim=1)
        if values.ndim < 3 or values.shape[-1] != 2:
            raise InvalidGameError(
                f"{func}: cells must be a table of pairs (row payoff, column payoff), shape "
                f"(m, n, 2) or (..., m, n, 2); got shape {values.shape}"
            )
        labels.setdefault("row_actions", frame_rows)
        labels.setdefault("col_actions", frame_cols)
        a_exact = None if exact is None else exact[..., 0]
        b_exact = None if exact is None else exact[..., 1]
        return cls._build(
            func, values[..., 0], values[..., 1], labels,
            a_parsed=(values[..., 0], a_exact), b_parsed=(values[..., 1], b_exact),
        )

    @classmethod
    def from_nashpy(cls, game: Any, **labels: Any) -> Game:
        """Build a :class:`Game` from a ``nashpy.Game``."""
        func = "Game.from_nashpy"
        try:
            A, B = game.payoff_matrices
        except (AttributeError, TypeError, ValueError):
            raise InvalidGameError(f"{func}: expected a nashpy.Game, got {describe(game)}") from None
        return cls._build(func, A, B, labels)

    def to_nashpy(self) -> Any:
        """Convert a single (unbatched) game to ``nashpy.Game``."""
        if self.batch_shape:
            raise InvalidGameError(
                f"Game.to_nashpy: only a single game converts, this is a batch of shape "
                f"{self.batch_shape}; index it first (g[i])"
            )
        import nashpy

        return nashpy.Game(np.array(self.A), np.array(self.B))

    # ------------------------------------------------------------------ shape
    @property
    def shape(self) -> tuple[int, int]:
        """Number of row and column actions ``(m, n)``."""
        m, n = self.A.shape[-2:]
        return (m, n)

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch of games (``()`` for a single game)."""
        return self.A.shape[:-2]

    @property
    def batch_size(self) -> int:
        """Number of games in the batch (1 for a single game)."""
        return int(np.prod(self.batch_shape, dtype=np.int64))

    @property
    def is_batch(self) -> bool:
        """True when the game has leading batch axes."""
        return bool(self.batch_shape)

    def __len__(self) -> int:
        if not self.batch_shape:
            raise TypeError("a single Game has no len(); use g.shape for its size")
        return self.batch_shape[0]

    def __getitem__(self, index: Any) -> Game:
        """Index the batch axes (never the action axes)."""
        if not self.batch_shape:
            raise InvalidGameError("Game.__getitem__: a single game has no batch axes to index")
        if not isinstance(index, tuple):
            index = (index,)
        if any(i is Ellipsis for i in index) or len(index) > len(self.batch_shape):
            raise InvalidGameError(
                f"Game.__getitem__: index {describe(index)} must address only the "
                f"{len(self.batch_shape)} batch axes"
            )
        full = index + (slice(None),) * (len(self.batch_shape) - len(index)) + (
            slice(None),
            slice(None),
        )
        try:
            a, b = self.A[full], self.B[full]
        except IndexError as exc:
            raise InvalidGameError(f"Game.__getitem__: {exc}") from None
        exact = None if self._exact is None else (self._exact[0][full], self._exact[1][full])
        return self._replace(a, b, exact)

    def _replace(
        self,
        A: np.ndarray,
        B: np.ndarray,
        exact: tuple[np.ndarray, np.ndarray] | None,
        **changes: Any,
    ) -> Game:
        """A new game with other payoffs (same labels unless changed), skipping validation."""
        new = object.__new__(Game)
        set_ = object.__setattr__
        set_(new, "A", immutable(A))
        set_(new, "B", immutable(B))
        for key in ("row_actions", "col_actions", "players", "name"):
            set_(new, key, changes.get(key, getattr(self, key)))
        if exact is not None:
            exact = (immutable(exact[0]), immutable(exact[1]))
        set_(new, "_exact", exact)
        return new

    @property
    def labels(self) -> Labels:
        """Player names and action labels, as results print them."""
        return Labels(self.players, self.row_actions, self.col_actions)  # type: ignore[arg-type]

    @cached_property
    def payoff_range(self) -> np.ndarray:
        """Each player's payoff range ``max - min``, shape ``batch + (2,)`` (read-only).

        Every tolerance (``tol=``) is relative to this range, player by player.
        """
        from bargain.core.kernels import payoff_ranges

        return immutable(payoff_ranges(self.A, self.B))

    @cached_property
    def normalized(self) -> Game:
        """The same game with each player's payoffs shifted and scaled to [0, 1] separately.

        What the float solvers work on (DESIGN, Numbers): equilibria, best responses and
        dominance are unchanged by a positive affine change of either player's payoffs,
        so no scale or shift changes an answer. Exact payoffs are not carried over (the
        exact path is affine-invariant by itself and uses :meth:`exact_payoffs`).

        >>> g = Game([[1e9, 1e9 + 2], [1e9 + 1, 1e9]], [[0, 3e-6], [3e-6, 0]])
        >>> g.normalized.A.tolist(), g.normalized.B.tolist()
        ([[0.0, 1.0], [0.5, 0.0]], [[0.0, 1.0], [1.0, 0.0]])
        """
        from bargain.core.kernels import normalise

        A, B = normalise(self.A, self.B)
        return self._replace(A, B, None)

    # ------------------------------------------------------------------ transforms
    def transpose(self) -> Game:
        """The same game with the players swapped (the column player becomes the row player).

        >>> g = Game([[1, 2], [3, 4]], [[5, 6], [7, 8]], players=("US", "EU"))
        >>> t = g.transpose()
        >>> t.A.tolist(), t.players
        ([[5.0, 7.0], [6.0, 8.0]], ('EU', 'US'))
        """
        swap = np.swapaxes
        exact = None
        if self._exact is not None:
            exact = (swap(self._exact[1], -1, -2), swap(self._exact[0], -1, -2))
        return self._replace(
            swap(self.B, -1, -2),
            swap(self.A, -1, -2),
            exact,
            row_actions=self.col_actions,
            col_actions=self.row_actions,
            players=(self.players[1], self.players[0]),
        )

    def permute(self, row_order: Sequence[int], col_order: Sequence[int]) -> Game:
        """Reorder actions: new row ``i`` is old row ``row_order[i]`` (same for columns)."""
        m, n = self.shape
        rows = np.asarray(row_order)
        cols = np.asarray(col_order)
        if sorted(rows.tolist()) != list(range(m)) or sorted(cols.tolist()) != list(range(n)):
            raise InvalidGameError(
                f"Game.permute: orders must be permutations of range({m}) and range({n}), "
                f"got {describe(row_order)} and {describe(col_order)}"
            )
        pick = (Ellipsis, rows[:, None], cols[None, :])
        exact = None if self._exact is None else (self._exact[0][pick], self._exact[1][pick])
        return self._replace(
            self.A[pick],
            self.B[pick],
            exact,
            row_actions=tuple(self.row_actions[i] for i in rows),
            col_actions=tuple(self.col_actions[j] for j in cols),
        )

    def relabel(self, **labels: Any) -> Game:
        """A copy with new ``row_actions``, ``col_actions``, ``players`` or ``name``."""
        unknown = set(labels) - {"row_actions", "col_actions", "players", "name"}
        if unknown:
            raise InvalidGameError(f"Game.relabel: unknown label field(s) {sorted(unknown)}")
        source = self._exact if self._exact is not None else (self.A, self.B)
        current = {
            "row_actions": self.row_actions,
            "col_actions": self.col_actions,
            "players": self.players,
            "name": self.name,
        }
        current.update(labels)
        return Game._build("Game.relabel", source[0], source[1], current)

    # ------------------------------------------------------------------ payoffs
    def payoffs(self, x: Any, y: Any) -> np.ndarray:
        """Expected payoffs ``(x A y, x B y)`` with shape ``(..., 2)``.

        ``x`` (shape ``(..., m)``) and ``y`` (``(..., n)``) broadcast against the batch,
        so a stack of strategy profiles can be evaluated on one game or on a batch.
        """
        from bargain.core.kernels import expected_payoffs

        m, n = self.shape
        xs = as_strategy(x, m, "x", "Game.payoffs")
        ys = as_strategy(y, n, "y", "Game.payoffs")
        return expected_payoffs(self.A, self.B, xs, ys)

    def exact_payoffs(self) -> tuple[np.ndarray, np.ndarray]:
        """Payoff matrices as object arrays of :class:`fractions.Fraction`.

        Integer and rational inputs are returned exactly as given; a float payoff is read
        as the decimal it prints as (its shortest representation, as
        :func:`bargain.core.exact.to_fraction` reads it): ``0.1`` is ``1/10``, what a user
        who typed 0.1 means. The arrays are read-only.

        >>> Game([[0.1, 0], [0, 1]]).exact_payoffs()[0][0, 0]
        Fraction(1, 10)
        """
        if self._exact is not None:
            a, b = self._exact
            if a.dtype != object or b.dtype != object:  # int64 (either player), converted on first use
                a = a if a.dtype == object else immutable(_to_fraction_array(a))
                b = b if b.dtype == object else immutable(_to_fraction_array(b))
                object.__setattr__(self, "_exact", (a, b))
            return self._exact  # type: ignore[return-value]
        return self._fractions_of_floats

    @cached_property
    def _fractions_of_floats(self) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`exact_payoffs` of a game with float payoffs, read once (read-only arrays)."""
        return immutable(_to_fraction_array(self.A)), immutable(_to_fraction_array(self.B))

    @cached_property
    def _integer_payoffs(self) -> IntegerGame:
        """The exact payoffs as integers over one denominator per player, built once."""
        return IntegerGame.from_fractions(*self.exact_payoffs())

    @property
    def has_exact_payoffs(self) -> bool:
        """True when the payoffs were given as integers or fractions (kept exactly)."""
        return self._exact is not None

    def is_zero_sum(self, *, rel_tol: float = 0.0) -> bool | np.ndarray:
        """Whether ``A + B == 0`` per game (within ``rel_tol`` times the largest ``|A|``).

        >>> Game.zero_sum([[1, -1], [-1, 1]]).is_zero_sum()
        True
        """
        rel = check_real(rel_tol, "rel_tol", "Game.is_zero_sum", low=0.0)
        scale = np.abs(self.A).max(axis=(-2, -1))
        out = (np.abs(self.A + self.B).max(axis=(-2, -1)) <= rel * scale)
        return bool(out) if out.ndim == 0 else out

    def equals(self, other: Any) -> bool:
        """Same payoffs (exactly), labels, players and name."""
        if not isinstance(other, Game):
            return False
        return (
            self.A.shape == other.A.shape
            and bool(np.array_equal(self.A, other.A))
            and bool(np.array_equal(self.B, other.B))
            and self.row_actions == other.row_actions
            and self.col_actions == other.col_actions
            and self.players == other.players
            and self.name == other.name
        )

    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        raise TypeError("Game does not support ==; use g.equals(other)")

    def __repr__(self) -> str:
        m, n = self.shape
        title = f" {self.name!r}" if self.name else ""
        head = f"Game{title}: {self.players[0]} ({m} actions) vs {self.players[1]} ({n} actions)"
        if self.batch_shape:
            return f"<{head}, batch of shape {self.batch_shape}>"
        if m * n > 64:
            return f"<{head}>"
        cells = [
            [f"{_fmt(self.A[i, j])}, {_fmt(self.B[i, j])}" for j in range(n)] for i in range(m)
        ]
        rows = [""] + list(self.row_actions)
        width0 = max(len(r) for r in rows)
        widths = [max(len(self.col_actions[j]), *(len(c[j]) for c in cells)) for j in range(n)]
        lines = [head]
        lines.append(
            " " * width0 + " | " + " | ".join(a.rjust(w) for a, w in zip(self.col_actions, widths))
        )
        for i in range(m):
            lines.append(
                self.row_actions[i].rjust(width0)
                + " | "
                + " | ".join(c.rjust(w) for c, w in zip(cells[i], widths))
            )
        return "\n".join(lines)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else f"{v:.6g}"


def _to_fraction_array(arr: np.ndarray) -> np.ndarray:
    """Fractions of every entry, read by :func:`bargain.core.exact.to_fraction` (floats as typed)."""
    out = np.empty(arr.shape, dtype=object)
    flat = out.ravel()
    for i, v in enumerate(arr.ravel().tolist()):
        flat[i] = to_fraction(v, "Game.exact_payoffs")
    return out


def _looks_like_labels(value: Any) -> bool:
    """A sequence of strings (action labels or player names passed positionally)."""
    return isinstance(value, list | tuple) and bool(value) and all(isinstance(v, str) for v in value)


def _looks_like_cells(value: Any) -> bool:
    """A nested list (not an array) whose last axis has two entries and at least three axes.

    Payoff pairs per cell, as textbooks write a game. A numpy array is never taken for
    cells: arrays are how batches are built.
    """
    if not isinstance(value, list | tuple):
        return False
    shape = []
    item: Any = value
    while isinstance(item, list | tuple) or (isinstance(item, np.ndarray) and item.ndim > 0):
        if len(item) == 0:
            break
        shape.append(len(item))
        item = item[0]
    return len(shape) >= 3 and shape[-1] == 2


def as_game(game: Any, func: str) -> Game:
    """Accept a :class:`Game` or a ``nashpy.Game`` (anything with ``payoff_matrices``)."""
    if isinstance(game, Game):
        return game
    if hasattr(game, "payoff_matrices"):
        try:
            return Game.from_nashpy(game)
        except InvalidGameError as exc:  # name the public function the user called
            raise InvalidGameError(f"{func}: {exc}") from None
    raise InvalidGameError(
        f"{func}: expected a bargain.Game or nashpy.Game, got {type(game).__name__} "
        f"({describe(game)}); wrap payoff matrices with bargain.Game(A, B)"
    )


def as_single_game(game: Any, func: str) -> Game:
    """Like :func:`as_game`, for functions that take one game: a batch is refused, naming ``func``.

    The one place the "takes a single game" check is written.
    """
    g = as_game(game, func)
    if g.batch_shape:
        raise InvalidGameError(
            f"{func}: takes a single game, got a batch of shape {g.batch_shape}; index the "
            "batch (g[i]) or use the batched solvers (batched_equilibria, equilibria_2x2)"
        )
    return g
