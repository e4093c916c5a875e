"""The result contract shared by every solver and model: status, base class, warnings, labels.

Every public result is a frozen dataclass deriving from :class:`Result`, which carries the
``status`` and ``message`` of the run (keyword-only, after the subclass's own fields), the
``labels`` of the game it belongs to (for a readable ``repr``), and ``success``. A solver
that cannot certify its answer says so in ``status`` and ``message`` and calls
:func:`warn_if_uncertified`, which points the warning at the user's own line.
"""

from __future__ import annotations

import enum
import html
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._thresholds import SUPPORT_EPS
from bargain.errors import ConvergenceWarning

__all__ = [
    "Status",
    "Labels",
    "Result",
    "warn",
    "warn_if_uncertified",
    "fmt_number",
    "fmt_vector",
    "fmt_strategy",
    "fmt_table",
]


class Status(enum.Enum):
    """How a solver ended.

    ``SUCCESS``: the answer is certified (every returned profile has regret <= tol).
    ``MAX_ITER`` / ``MAX_TIME``: a budget ran out; what was found so far is returned and
    certified, but it may be incomplete. ``UNCERTIFIED``: the solver produced an answer it
    could not verify (never returned as an equilibrium). ``FAILED``: nothing usable.
    """

    SUCCESS = "success"
    MAX_ITER = "max_iter"
    MAX_TIME = "max_time"
    UNCERTIFIED = "uncertified"
    FAILED = "failed"

    def __repr__(self) -> str:
        return f"Status.{self.name}"


@dataclass(frozen=True)
class Labels:
    """Names a result prints with: the players and each player's actions.

    >>> Labels(("US", "China"), ("Tariff", "Free"), ("Tariff", "Free")).player(1)
    'China'
    """

    players: tuple[str, str] = ("Row", "Column")
    row_actions: tuple[str, ...] = ()
    col_actions: tuple[str, ...] = ()

    def player(self, i: int) -> str:
        """Name of player ``i`` (0 = row, 1 = column)."""
        return self.players[i]

    def actions(self, i: int) -> tuple[str, ...]:
        """Action labels of player ``i``."""
        return self.row_actions if i == 0 else self.col_actions


@dataclass(frozen=True, eq=False, repr=False, kw_only=True)
class Result:
    """Base of every public result: ``status``, ``success``, ``message``, ``labels``.

    Subclasses are ``@dataclass(frozen=True, eq=False, repr=False)`` and declare their own
    fields; the base fields are keyword-only and come last in the constructor. Subclasses
    write ``__repr__`` (using the ``fmt_*`` helpers below and ``labels``); the notebook view
    (``_repr_html_``) is the same text.
    """

    status: Status
    message: str = ""
    labels: Labels | None = None

    @property
    def success(self) -> bool:
        """True when ``status`` is ``SUCCESS`` (certified, no budget ran out)."""
        return self.status is Status.SUCCESS

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickling or copying: the state as it was, its arrays read-only again."""
        self.__dict__.update(readonly_state(state))

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(repr(self)) + "</pre>"

    def _status_line(self) -> str:
        """``status=SUCCESS`` plus the message, for the end of a ``repr``."""
        text = f"status={self.status.name}"
        return text + (f" ({self.message})" if self.message else "")


def readonly_state(state: dict[str, Any]) -> dict[str, Any]:
    """``state`` with every array in it (directly, or in a tuple or list) marked read-only.

    Arrays come back writeable from ``pickle`` and ``copy.deepcopy``; the frozen results
    hand out read-only arrays, and restore that with this in their ``__setstate__``.
    """
    for value in state.values():
        for item in value if isinstance(value, tuple | list) else (value,):
            if isinstance(item, np.ndarray):
                item.setflags(write=False)
    return state


def _internal(frame: Any) -> bool:
    name = frame.f_globals.get("__name__", "")
    return (name == "bargain" or name.startswith("bargain.")) and not name.startswith("bargain.testing")


def warn(message: str, category: type[Warning] = ConvergenceWarning) -> None:
    """Warn, pointing at the first frame outside the library (the user's line).

    The one warning helper: no caller threads ``stacklevel`` by hand.
    """
    frame = sys._getframe(1)
    level = 2
    while frame is not None and _internal(frame):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level - 1 if frame is None else level)


def warn_if_uncertified(status: Status, message: str) -> None:
    """Emit :class:`~bargain.ConvergenceWarning` for any status other than ``SUCCESS``."""
    if status is not Status.SUCCESS:
        warn(message, ConvergenceWarning)


# ------------------------------------------------------------------------------ formatting
def fmt_number(v: Any) -> str:
    """A Fraction as ``p/q``, anything else with 6 significant digits.

    >>> fmt_number(Fraction(2, 3)), fmt_number(2 / 3)
    ('2/3', '0.666667')
    """
    return str(v) if isinstance(v, Fraction) else f"{float(v):.6g}"


def fmt_vector(v: Any) -> str:
    """A vector (or any array, flattened) as ``[a, b, ...]`` with 6 significant digits.

    >>> fmt_vector(np.array([0.5, 1 / 3]))
    '[0.5, 0.333333]'
    """
    return "[" + ", ".join(f"{x:.6g}" for x in np.ravel(np.asarray(v, dtype=float))) + "]"


def fmt_strategy(v: Sequence[Any] | np.ndarray, actions: Sequence[str] | None = None) -> str:
    """A mixed strategy in words: the actions played with their probabilities.

    Pure strategies print as the action's label alone; actions played with probability
    zero are left out. Fractions print exactly.

    >>> fmt_strategy([Fraction(9, 10), Fraction(1, 10)], ("Stand firm", "Back down"))
    'Stand firm 9/10, Back down 1/10'
    >>> fmt_strategy(np.array([0.0, 1.0]), ("Tariff", "Free trade"))
    'Free trade'
    """
    values = list(v) if not isinstance(v, np.ndarray) else v.tolist()
    if actions is not None and len(actions) == len(values):
        names = list(actions)
    else:
        names = [str(i) for i in range(len(values))]
    positive = [p > 0 if isinstance(p, Fraction) else p > SUPPORT_EPS for p in values]
    played = [(n, p) for n, p, keep in zip(names, values, positive) if keep]
    if len(played) == 1:
        return played[0][0]
    return ", ".join(f"{n} {fmt_number(p)}" for n, p in played)


def fmt_table(
    matrix: Any, row_labels: Sequence[str], col_labels: Sequence[str], *, corner: str = ""
) -> str:
    """A small matrix as an aligned text table with row and column labels.

    >>> print(fmt_table([[0.5, 0], [0, 0.5]], ("Up", "Down"), ("Left", "Right")))
         | Left | Right
      Up |  0.5 |     0
    Down |    0 |   0.5
    """
    values = matrix.tolist() if isinstance(matrix, np.ndarray) else matrix
    rows = [[fmt_number(x) for x in row] for row in values]
    first = [corner, *row_labels]
    w0 = max(len(s) for s in first)
    widths = [max(len(col_labels[j]), *(len(r[j]) for r in rows)) for j in range(len(col_labels))]
    lines = [corner.rjust(w0) + " | " + " | ".join(c.rjust(w) for c, w in zip(col_labels, widths))]
    for label, r in zip(row_labels, rows):
        lines.append(label.rjust(w0) + " | " + " | ".join(c.rjust(w) for c, w in zip(r, widths)))
    return "\n".join(lines)
