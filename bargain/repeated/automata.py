"""Repeated-game strategies as finite automata: payoffs, subgame perfection, trembles.

Model
-----
A stage game ``(A, B)`` is played in periods ``t = 0, 1, ...``; both players observe the
realised action profile at the end of each period (perfect monitoring) and discount by
``delta`` per period. Payoffs are normalised: ``(1 - delta) * sum_t delta^t u_t``, on the
scale of the stage payoffs. A strategy is a finite automaton (Moore machine): a set of
states, the action each state plays, a transition rule from (state, observed profile) to
the next state (or a probability distribution over next states), and an initial state
(Rubinstein 1986, "Finite automata play the repeated prisoner's dilemma", JET 39;
Abreu and Rubinstein 1988, "The structure of Nash equilibrium in repeated games with
finite automata", Econometrica 56; Mailath and Samuelson 2006, *Repeated Games and
Reputations*, Section 2.3).

**Convention: an automaton reads the observed profile as (own action, other's action).**
The same automaton therefore serves either player: for the row player "own" is the row
action; for the column player "own" is the column action. Actions (what a state plays,
and the actions in transition keys) are indices into that player's actions, or labels
resolved against the game's labels for that player (own actions against the player's
labels, the other's against the opponent's). A transition key may use ``"*"`` (any
action) for either component; the most specific key wins, in the order
``(own, other)``, ``(own, "*")``, ``("*", other)``, ``("*", "*")``.

A pair of automata induces a Markov chain over state pairs; discounted payoffs solve the
linear system ``(I - delta P) V = (1 - delta) u`` over those pairs (exactly, with
:func:`bargain.core.exact.solve_linear`, when asked). A pair is a subgame-perfect
equilibrium iff at every state pair that some history reaches no player gains from a
one-shot deviation (the one-shot deviation principle for automata, Mailath and
Samuelson 2006, Proposition 2.4.1); each such condition is a polynomial inequality in
``delta`` and :func:`spe_deltas` returns their exact solution set.

Trembles (``eps=``): each player's intended action is replaced, independently, by each of
the player's other actions with probability ``eps / (k - 1)`` (``k`` actions; a flip with
probability ``eps`` in a 2x2 game); automata react to the realised profile (Selten 1975's
trembles in the repeated-game form of Boyd 1989 and Fudenberg and Maskin 1990).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number
from bargain._thresholds import AUTOMATA_MAX_PAIRS
from bargain._validate import as_real_array, check_bool, check_choice, check_int, describe
from bargain.core.exact import bareiss_inverse, solve_linear, to_fraction
from bargain.core.frozen import frozen
from bargain.core.game import Game, as_single_game
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.repeated._automata_poly import (
    AlgebraicNumber,
    integer_interpolator,
    merged_roots,
    sign_at,
    squarefree,
    strip_positive_factor,
)

__all__ = [
    "ANY",
    "Automaton",
    "AutomatonPayoffs",
    "DeltaInterval",
    "DeltaSet",
    "AlgebraicNumber",
    "automaton_payoffs",
    "spe_deltas",
]

#: Wildcard for either component of a transition key: any action.
ANY = "*"

_Action = int | str


def _check_action(value: Any, what: str, func: str, *, wildcard: bool = False) -> _Action:
    if isinstance(value, bool | np.bool_):
        raise InvalidArgumentError(f"{func}: {what} must be an action index or label, got {value!r}")
    if isinstance(value, int | np.integer):
        if value < 0:
            raise InvalidArgumentError(f"{func}: {what} must be a non-negative action index, got {value!r}")
        return int(value)
    if isinstance(value, str):
        if value == ANY and not wildcard:
            raise InvalidArgumentError(f"{func}: {what} cannot be the wildcard {ANY!r}")
        return value
    raise InvalidArgumentError(f"{func}: {what} must be an action index or label, got {describe(value)}")


def _fmt_action(a: _Action) -> str:
    return str(a)


@dataclass(frozen=True, eq=False, repr=False, init=False)
class Automaton:
    """A repeated-game strategy as a finite automaton (Moore machine).

    Parameters
    ----------
    states : sequence of str
        State labels, distinct.
    actions : sequence of int or str, or mapping state -> action
        The action each state plays: an index into the player's actions or a label
        (resolved against the game when the automaton is used).
    transitions : mapping
        ``{(state, (own, other)): next}``: the next state after the profile ``(own action,
        other's action)`` was observed in ``state``. ``own``/``other`` may be ``"*"`` (any
        action; the most specific key wins). ``next`` is a state, or a mapping ``{state:
        probability}`` for a random transition (probabilities are exact fractions, floats
        read as the decimals typed, summing to 1).
    initial : str
        The state in period 0.
    name : str, optional
        Shown in reprs and results.

    Notes
    -----
    Every (state, profile) of the game an automaton is used on must be covered by some
    key; a missing one is reported when the automaton meets the game.

    The classics (:meth:`grim`, :meth:`tit_for_tat`, :meth:`win_stay_lose_shift`,
    :meth:`k_period`, :meth:`generous_tit_for_tat`, :meth:`contrite_tit_for_tat`,
    :meth:`always_cooperate`, :meth:`always_defect`) take ``cooperate=`` and ``defect=``
    (the automaton's own actions, default 0 and 1) and ``other=(cooperate, defect)`` for the
    opponent's actions when the two players' labels differ (default: the same). Any action
    of the other's that is not ``cooperate`` counts as a defection.

    Examples
    --------
    >>> grim = Automaton(("C", "D"), (0, 1), {("C", (0, 0)): "C", ("C", ("*", "*")): "D",
    ...                                       ("D", ("*", "*")): "D"}, "C", name="grim")
    >>> grim
    Automaton 'grim' (2 states, starts in C)
      C plays 0: (0, 0) -> C; (*, *) -> D
      D plays 1: (*, *) -> D
    >>> Automaton.generous_tit_for_tat(Fraction(1, 3))
    Automaton 'generous tit-for-tat (g=1/3)' (2 states, starts in C)
      C plays 0: (*, 0) -> C; (*, *) -> C 1/3, D 2/3
      D plays 1: (*, 0) -> C; (*, *) -> C 1/3, D 2/3
    """

    states: tuple[str, ...]
    actions: tuple[_Action, ...]
    initial: str
    name: str
    _table: tuple[tuple[tuple[str, _Action, _Action], tuple[tuple[str, Fraction], ...]], ...]

    def __init__(
        self,
        states: Sequence[str],
        actions: Sequence[_Action] | Mapping[str, _Action],
        transitions: Mapping[Any, Any],
        initial: str,
        *,
        name: str = "",
    ) -> None:
        func = "Automaton"
        if isinstance(states, str) or not isinstance(states, Sequence) or not states:
            raise InvalidArgumentError(
                f"{func}: states must be a non-empty sequence of labels, got {describe(states)}"
            )
        if not all(isinstance(s, str) and s for s in states):
            raise InvalidArgumentError(
                f"{func}: every state must be a non-empty string, got {describe(states)}"
            )
        st = tuple(states)
        if len(set(st)) != len(st):
            raise InvalidArgumentError(f"{func}: states must be distinct, got {describe(st)}")
        if isinstance(actions, Mapping):
            missing = [s for s in st if s not in actions]
            extra = [s for s in actions if s not in st]
            if missing or extra:
                raise InvalidArgumentError(
                    f"{func}: actions must give one action per state; missing {missing}, unknown {extra}"
                )
            actions = [actions[s] for s in st]
        if isinstance(actions, str) or not isinstance(actions, Sequence) or len(actions) != len(st):
            raise InvalidArgumentError(
                f"{func}: actions must give one action per state ({len(st)}), got {describe(actions)}"
            )
        acts = tuple(_check_action(a, f"the action of state {s!r}", func) for s, a in zip(st, actions))
        if not isinstance(initial, str) or initial not in st:
            raise InvalidArgumentError(
                f"{func}: initial must be one of the states {st}, got {describe(initial)}"
            )
        if not isinstance(name, str):
            raise InvalidArgumentError(f"{func}: name must be a string, got {describe(name)}")
        if not isinstance(transitions, Mapping):
            raise InvalidArgumentError(
                f"{func}: transitions must be a mapping {{(state, (own, other)): next}}, "
                f"got {describe(transitions)}"
            )
        table = []
        for key, nxt in transitions.items():
            if (
                not isinstance(key, tuple)
                or len(key) != 2
                or not isinstance(key[1], tuple)
                or len(key[1]) != 2
            ):
                raise InvalidArgumentError(
                    f"{func}: a transition key must be (state, (own action, other's action)), "
                    f"got {describe(key)}"
                )
            state, (own, other) = key
            if state not in st:
                raise InvalidArgumentError(
                    f"{func}: transition from unknown state {describe(state)} (states {st})"
                )
            own = _check_action(own, f"the own action in key {key!r}", func, wildcard=True)
            other = _check_action(other, f"the other's action in key {key!r}", func, wildcard=True)
            table.append(((state, own, other), _distribution(nxt, st, key, func)))
        seen = set()
        for k, _ in table:
            if k in seen:
                raise InvalidArgumentError(f"{func}: duplicate transition key {k!r}")
            seen.add(k)
        set_ = object.__setattr__
        set_(self, "states", st)
        set_(self, "actions", acts)
        set_(self, "initial", initial)
        set_(self, "name", name)
        set_(self, "_table", tuple(table))

    # ------------------------------------------------------------------ views
    @property
    def transitions(self) -> Mapping[tuple[str, tuple[_Action, _Action]], Any]:
        """The transition table (read-only): next state, or ``{state: probability}``."""
        out: dict[Any, Any] = {}
        for (s, own, other), dist in self._table:
            out[(s, (own, other))] = dist[0][0] if len(dist) == 1 else dict(dist)
        return MappingProxyType(out)

    @property
    def is_random(self) -> bool:
        """True when some transition is a probability distribution."""
        return any(len(d) > 1 for _, d in self._table)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Automaton):
            return NotImplemented
        return (self.states, self.actions, self.initial, set(self._table)) == (
            other.states, other.actions, other.initial, set(other._table)
        )

    def __hash__(self) -> int:
        return hash((self.states, self.actions, self.initial, frozenset(self._table)))

    def __repr__(self) -> str:
        title = f" {self.name!r}" if self.name else ""
        lines = [f"Automaton{title} ({len(self.states)} states, starts in {self.initial})"]
        order = {(1, 1): 3, (1, 0): 2, (0, 1): 1, (0, 0): 0}
        for s, a in zip(self.states, self.actions):
            rows = [(k, d) for k, d in self._table if k[0] == s]
            rows.sort(key=lambda kd: order[(kd[0][1] == ANY, kd[0][2] == ANY)])
            parts = []
            for (_, own, other), dist in rows:
                target = dist[0][0] if len(dist) == 1 else ", ".join(f"{t} {p}" for t, p in dist)
                parts.append(f"({_fmt_action(own)}, {_fmt_action(other)}) -> {target}")
            lines.append(f"  {s} plays {_fmt_action(a)}: " + "; ".join(parts))
        return "\n".join(lines)

    # ------------------------------------------------------------------ classics
    @classmethod
    def always(cls, action: _Action, *, name: str = "") -> Automaton:
        """One state playing ``action`` whatever happens.

        >>> Automaton.always("Defect").actions
        ('Defect',)
        """
        return cls(("S",), (action,), {("S", (ANY, ANY)): "S"}, "S", name=name or f"always {action}")

    @classmethod
    def always_cooperate(cls, *, cooperate: _Action = 0) -> Automaton:
        """Unconditional cooperation (ALLC)."""
        return cls.always(cooperate, name="always cooperate")

    @classmethod
    def always_defect(cls, *, defect: _Action = 1) -> Automaton:
        """Unconditional defection (ALLD)."""
        return cls.always(defect, name="always defect")

    @classmethod
    def grim(
        cls, *, cooperate: _Action = 0, defect: _Action = 1, other: Any = None
    ) -> Automaton:
        """Grim trigger: cooperate until any profile other than (cooperate, cooperate) is seen.

        Either player's deviation (the automaton's own too) triggers permanent defection,
        as in the grim-trigger profile of Mailath and Samuelson (2006, Section 2.4.1;
        Friedman 1971).
        """
        c, d, oc, od = _classic_actions(cooperate, defect, other)
        return cls(
            ("C", "D"), (c, d),
            {("C", (c, oc)): "C", ("C", (ANY, ANY)): "D", ("D", (ANY, ANY)): "D"},
            "C", name="grim",
        )

    @classmethod
    def tit_for_tat(
        cls, *, cooperate: _Action = 0, defect: _Action = 1, other: Any = None
    ) -> Automaton:
        """Tit-for-tat: cooperate first, then do what the other did last period.

        Any action of the other's other than ``cooperate`` counts as a defection
        (Axelrod 1984; Mailath and Samuelson 2006, Section 2.4.3).
        """
        c, d, oc, od = _classic_actions(cooperate, defect, other)
        table = {(s, (ANY, oc)): "C" for s in ("C", "D")} | {(s, (ANY, ANY)): "D" for s in ("C", "D")}
        return cls(("C", "D"), (c, d), table, "C", name="tit-for-tat")

    @classmethod
    def win_stay_lose_shift(
        cls, *, cooperate: _Action = 0, defect: _Action = 1, other: Any = None
    ) -> Automaton:
        """Win-stay, lose-shift (Pavlov): cooperate iff both players chose the same action last period.

        In the Prisoner's Dilemma this is "repeat your action after R or T, switch after S
        or P" (Nowak and Sigmund 1993, "A strategy of win-stay, lose-shift that outperforms
        tit-for-tat in the Prisoner's Dilemma game", Nature 364; Kraines and Kraines 1989).
        """
        c, d, oc, od = _classic_actions(cooperate, defect, other)
        table: dict[Any, Any] = {}
        for s in ("C", "D"):
            table[(s, (c, oc))] = "C"
            table[(s, (d, od))] = "C"
            table[(s, (ANY, ANY))] = "D"
        return cls(("C", "D"), (c, d), table, "C", name="win-stay lose-shift")

    @classmethod
    def k_period(
        cls, k: int, *, cooperate: _Action = 0, defect: _Action = 1, other: Any = None
    ) -> Automaton:
        """Cooperate; after any profile other than mutual cooperation, defect for ``k`` periods, then return.

        States ``C, P1, ..., Pk``; the punishment is not restarted by play during it
        (Mailath and Samuelson 2006, Section 2.4.1, the "k-period punishment" profile).
        """
        k = check_int(k, "k", "Automaton.k_period", low=1)
        c, d, oc, od = _classic_actions(cooperate, defect, other)
        punish = tuple(f"P{i}" for i in range(1, k + 1))
        table: dict[Any, Any] = {("C", (c, oc)): "C", ("C", (ANY, ANY)): "P1"}
        for i, s in enumerate(punish):
            table[(s, (ANY, ANY))] = punish[i + 1] if i + 1 < k else "C"
        return cls(("C", *punish), (c,) + (d,) * k, table, "C", name=f"{k}-period punishment")

    @classmethod
    def generous_tit_for_tat(
        cls, g: Any, *, cooperate: _Action = 0, defect: _Action = 1, other: Any = None
    ) -> Automaton:
        """Tit-for-tat that forgives a defection with probability ``g`` (a random transition).

        After the other cooperated: cooperate. After the other defected: cooperate with
        probability ``g``, defect with ``1 - g`` (Molander 1985, "The optimal level of
        generosity in a selfish, uncertain environment", J. Conflict Resolution 29;
        Nowak and Sigmund 1992). ``g`` is read exactly (0.1 is 1/10).
        """
        func = "Automaton.generous_tit_for_tat"
        gf = _probability(g, "g", func)
        c, d, oc, od = _classic_actions(cooperate, defect, other)
        forgive: Any = {"C": gf, "D": 1 - gf} if 0 < gf < 1 else ("C" if gf == 1 else "D")
        table = {(s, (ANY, oc)): "C" for s in ("C", "D")} | {(s, (ANY, ANY)): forgive for s in ("C", "D")}
        return cls(("C", "D"), (c, d), table, "C", name=f"generous tit-for-tat (g={gf})")

    @classmethod
    def contrite_tit_for_tat(
        cls, *, cooperate: _Action = 0, defect: _Action = 1, other: Any = None
    ) -> Automaton:
        """Contrite tit-for-tat: tit-for-tat with standing, which accepts punishment for its own slips.

        Each player has a standing, good or bad; both start good. A player who cooperates,
        or defects while in good standing against an opponent in bad standing (justified
        punishment), is in good standing next period; any other defection puts them in bad
        standing. Contrite TFT defects exactly when it is in good standing and the other is
        not (Sugden 1986, *The Economics of Rights, Co-operation and Welfare*; Boyd 1989,
        "Mistakes allow evolutionary stability in the repeated Prisoner's Dilemma game",
        J. Theor. Biol. 136). States name (own standing, other's standing).
        """
        c, d, oc, od = _classic_actions(cooperate, defect, other)
        states = ("gg", "gb", "bg", "bb")
        table: dict[Any, Any] = {}
        for s in states:
            mine, theirs = s[0], s[1]
            for own_c in (True, False):
                for other_c in (True, False):
                    new_mine = "g" if own_c or (mine == "g" and theirs == "b") else "b"
                    new_theirs = "g" if other_c or (theirs == "g" and mine == "b") else "b"
                    key = (c if own_c else ANY, oc if other_c else ANY)
                    table[(s, key)] = new_mine + new_theirs
        acts = tuple(d if s == "gb" else c for s in states)
        return cls(states, acts, table, "gg", name="contrite tit-for-tat")

    # ------------------------------------------------------------------ use on a game
    def _compile(self, game: Game, player: int, func: str) -> _Compiled:
        """Resolve labels against ``game`` for ``player`` (0 row, 1 column) and fill the table."""
        own_labels = game.labels.actions(player)
        other_labels = game.labels.actions(1 - player)
        who = game.labels.player(player)

        def resolve(a: _Action, labels: tuple[str, ...], what: str) -> int:
            if a == ANY:
                return -1
            if isinstance(a, int):
                if a >= len(labels):
                    raise InvalidArgumentError(
                        f"{func}: {self._title()} for {who}: {what} {a} is out of range "
                        f"({len(labels)} actions: {', '.join(labels)})"
                    )
                return a
            if a not in labels:
                raise InvalidArgumentError(
                    f"{func}: {self._title()} for {who}: {what} {a!r} is not an action label "
                    f"({', '.join(labels)})"
                )
            return labels.index(a)

        index = {s: i for i, s in enumerate(self.states)}
        play = tuple(resolve(a, own_labels, "action") for a in self.actions)
        m, n = len(own_labels), len(other_labels)
        rules: dict[tuple[int, int, int], tuple[tuple[int, Fraction], ...]] = {}
        for (s, own, other), dist in self._table:
            key = (
                index[s],
                resolve(own, own_labels, "own action"),
                resolve(other, other_labels, "other's action"),
            )
            if key in rules:
                raise InvalidArgumentError(
                    f"{func}: {self._title()} for {who}: two transition keys name the same profile {key[1:]} "
                    f"in state {s!r} (a label and its index)"
                )
            rules[key] = tuple((index[t], p) for t, p in dist)
        table: list[list[list[tuple[tuple[int, Fraction], ...]]]] = []
        for si, s in enumerate(self.states):
            rows = []
            for i in range(m):
                row = []
                for j in range(n):
                    for key in ((si, i, j), (si, i, -1), (si, -1, j), (si, -1, -1)):
                        if key in rules:
                            row.append(rules[key])
                            break
                    else:
                        raise InvalidArgumentError(
                            f"{func}: {self._title()} for {who}: no transition from state {s!r} after "
                            f"(own, other) = ({own_labels[i]}, {other_labels[j]})"
                        )
                rows.append(row)
            table.append(rows)
        return _Compiled(self, play, table, index[self.initial])

    def _title(self) -> str:
        return f"automaton {self.name!r}" if self.name else "the automaton"


def _classic_actions(cooperate: Any, defect: Any, other: Any) -> tuple[Any, Any, Any, Any]:
    """Own cooperate/defect and the other's (``other=(cooperate, defect)``, default the same)."""
    func = "Automaton"
    c = _check_action(cooperate, "cooperate", func)
    d = _check_action(defect, "defect", func)
    if c == d:
        raise InvalidArgumentError(f"{func}: cooperate and defect must differ, got {c!r} for both")
    if other is None:
        return c, d, c, d
    if not isinstance(other, tuple | list) or len(other) != 2:
        raise InvalidArgumentError(
            f"{func}: other must be the other player's (cooperate, defect) pair, got {describe(other)}"
        )
    oc = _check_action(other[0], "other cooperate", func)
    od = _check_action(other[1], "other defect", func)
    if oc == od:
        raise InvalidArgumentError(
            f"{func}: the other's cooperate and defect must differ, got {oc!r} for both"
        )
    return c, d, oc, od


@dataclass(frozen=True)
class _Compiled:
    automaton: Automaton
    play: tuple[int, ...]
    table: list  # [state][own][other] -> ((next, prob), ...)
    initial: int


def _probability(value: Any, name: str, func: str) -> Fraction:
    try:
        p = to_fraction(value, func)
    except InvalidGameError as exc:
        raise InvalidArgumentError(str(exc)) from None
    if not 0 <= p <= 1:
        raise InvalidArgumentError(f"{func}: {name} must be a probability in [0, 1], got {value!r}")
    return p


def _distribution(nxt: Any, states: tuple[str, ...], key: Any, func: str) -> tuple[tuple[str, Fraction], ...]:
    if isinstance(nxt, str):
        if nxt not in states:
            raise InvalidArgumentError(
                f"{func}: transition {key!r} goes to unknown state {nxt!r} (states {states})"
            )
        return ((nxt, Fraction(1)),)
    if not isinstance(nxt, Mapping) or not nxt:
        raise InvalidArgumentError(
            f"{func}: transition {key!r} must go to a state or to {{state: probability}}, got {describe(nxt)}"
        )
    out = []
    for t, p in nxt.items():
        if t not in states:
            raise InvalidArgumentError(
                f"{func}: transition {key!r} goes to unknown state {t!r} (states {states})"
            )
        pf = _probability(p, f"the probability of {t!r} in transition {key!r}", func)
        if pf > 0:
            out.append((t, pf))
    total = sum(p for _, p in out)
    if total != 1:
        raise InvalidArgumentError(
            f"{func}: the probabilities of transition {key!r} must sum to 1, got {total}"
        )
    return tuple(sorted(out))


# ============================================================================ the product chain
@dataclass(frozen=True)
class _Pair:
    """The pair of compiled automata on a game with exact payoffs and trembles."""

    row: _Compiled
    col: _Compiled
    A: Any  # object array of Fractions
    B: Any
    eps: tuple[Fraction, Fraction]

    @property
    def size(self) -> tuple[int, int]:
        return len(self.row.play), len(self.col.play)

    def index(self, p: int, q: int) -> int:
        return p * len(self.col.play) + q

    def realised(self, player: int, intended: int) -> list[tuple[int, Fraction]]:
        k = self.A.shape[player]
        e = self.eps[player]
        if e == 0 or k == 1:
            return [(intended, Fraction(1))]
        out = [(intended, 1 - e)]
        out += [(a, e / (k - 1)) for a in range(k) if a != intended]
        return [(a, p) for a, p in out if p]

    def step(self, p: int, q: int, i: int, j: int) -> tuple[Fraction, Fraction, dict[int, Fraction]]:
        """Expected stage payoffs and next-pair distribution when (i, j) is intended at (p, q)."""
        r1 = r2 = Fraction(0)
        nxt: dict[int, Fraction] = {}
        for a, pa in self.realised(0, i):
            for b, pb in self.realised(1, j):
                w = pa * pb
                r1 += w * self.A[a, b]
                r2 += w * self.B[a, b]
                for p2, w1 in self.row.table[p][a][b]:
                    for q2, w2 in self.col.table[q][b][a]:
                        k = self.index(p2, q2)
                        nxt[k] = nxt.get(k, Fraction(0)) + w * w1 * w2
        return r1, r2, nxt

    def on_path(self) -> tuple[list[tuple[Fraction, Fraction]], list[dict[int, Fraction]]]:
        rewards, moves = [], []
        na, nb = self.size
        for p in range(na):
            for q in range(nb):
                r1, r2, nxt = self.step(p, q, self.row.play[p], self.col.play[q])
                rewards.append((r1, r2))
                moves.append(nxt)
        return rewards, moves

    def reachable(self) -> list[int]:
        """State pairs some history reaches from the initial pair (any profile, positive probability)."""
        m, n = self.A.shape
        start = self.index(self.row.initial, self.col.initial)
        nb = self.size[1]
        seen = {start}
        stack = [start]
        while stack:
            k = stack.pop()
            p, q = divmod(k, nb)
            for a in range(m):
                for b in range(n):
                    for p2, _ in self.row.table[p][a][b]:
                        for q2, _ in self.col.table[q][b][a]:
                            t = self.index(p2, q2)
                            if t not in seen:
                                seen.add(t)
                                stack.append(t)
        return sorted(seen)

    def pair_label(self, k: int) -> tuple[str, str]:
        p, q = divmod(k, self.size[1])
        return self.row.automaton.states[p], self.col.automaton.states[q]


def _setup(game: Any, a: Any, b: Any, eps: Any, func: str) -> tuple[Game, _Pair]:
    g = as_single_game(game, func)
    for which, x in (("a", a), ("b", b)):
        if not isinstance(x, Automaton):
            raise InvalidArgumentError(f"{func}: {which} must be an Automaton, got {describe(x)}")
    if isinstance(eps, tuple | list):
        if len(eps) != 2:
            raise InvalidArgumentError(
                f"{func}: eps must be a probability or a pair of them, got {describe(eps)}"
            )
        e = (_probability(eps[0], "eps", func), _probability(eps[1], "eps", func))
    else:
        e1 = _probability(eps, "eps", func)
        e = (e1, e1)
    ra, rb = a._compile(g, 0, func), b._compile(g, 1, func)
    na, nb = len(ra.play), len(rb.play)
    if na * nb > AUTOMATA_MAX_PAIRS:
        raise InvalidArgumentError(
            f"{func}: the product automaton has {na} x {nb} = {na * nb} state pairs, more than "
            f"{AUTOMATA_MAX_PAIRS}"
        )
    A, B = g.exact_payoffs()
    return g, _Pair(ra, rb, A, B, e)


# ============================================================================ payoffs
@dataclass(frozen=True, eq=False, repr=False)
class AutomatonPayoffs(Result):
    """Discounted payoffs of a pair of automata (see :func:`automaton_payoffs`).

    Attributes
    ----------
    payoffs : ndarray, shape ``delta.shape + (2,)``
        Normalised discounted payoffs (row, column) from the initial state pair.
    payoffs_exact : tuple of two Fractions or None
        The same, exactly (``exact=True``).
    state_values : ndarray, shape ``delta.shape + (pairs, 2)``
        Payoffs from every state pair (``pairs`` names them).
    pairs : tuple of (row state, column state)
    delta : ndarray
        The discount factors.
    delta_exact : Fraction or None
        The discount factor as read exactly (``exact=True``).
    eps : tuple of two Fractions
        The tremble probabilities.
    """

    payoffs: np.ndarray
    payoffs_exact: tuple[Fraction, Fraction] | None
    state_values: np.ndarray
    pairs: tuple[tuple[str, str], ...]
    delta: np.ndarray
    eps: tuple[Fraction, Fraction]
    names: tuple[str, str]
    delta_exact: Fraction | None = None

    def __repr__(self) -> str:
        players = self.labels.players if self.labels else ("Row", "Column")
        head = f"{self.names[0]} ({players[0]}) vs {self.names[1]} ({players[1]})"
        if self.eps != (0, 0):
            head += f", trembles ({fmt_number(self.eps[0])}, {fmt_number(self.eps[1])})"
        if self.payoffs_exact is not None:
            d = self.delta_exact
            body = (f"delta={d}: {players[0]} {self.payoffs_exact[0]}, {players[1]} {self.payoffs_exact[1]}")
        elif self.delta.ndim == 0:
            body = (
                f"delta={fmt_number(self.delta)}: {players[0]} {fmt_number(self.payoffs[0])}, "
                f"{players[1]} {fmt_number(self.payoffs[1])}"
            )
        else:
            body = f"{self.delta.size} discount factors, payoffs shape {self.payoffs.shape}"
        return f"AutomatonPayoffs: {head} at {body}; {self._status_line()}"


def automaton_payoffs(
    game: Any, a: Automaton, b: Automaton, delta: Any, *, eps: Any = 0, exact: bool = False
) -> AutomatonPayoffs:
    r"""Discounted payoffs when the row player follows ``a`` and the column player ``b``.

    Model: the infinitely repeated game with perfect monitoring and common discount factor
    ``delta`` in [0, 1); payoffs are normalised, ``(1 - delta) sum_t delta^t u_t``. The pair
    of automata is a Markov chain over state pairs ``(p, q)`` with transition matrix ``P``
    and expected stage payoffs ``u``; the values solve ``(I - delta P) V = (1 - delta) u``
    (Mailath and Samuelson 2006, Section 2.3, equation (2.3.2) for automata). With trembles
    (``eps``) each player's intended action is replaced by each of their other actions with
    probability ``eps / (k - 1)`` and the automata react to the realised profile.

    Parameters
    ----------
    game : Game
        A single stage game.
    a, b : Automaton
        The row player's and the column player's strategy (each reads profiles as
        (own, other), see the module docstring).
    delta : float, Fraction or array_like
        Discount factors in [0, 1); an array is solved in one vectorised call (float path).
    eps : probability or pair of them, default 0
        Tremble probability of each player (read exactly: 0.1 is 1/10).
    exact : bool, default False
        Also solve exactly with fractions (``payoffs_exact``): ``delta`` then must be a
        scalar and is read as the decimal typed; payoffs are read the same way.

    Examples
    --------
    >>> import bargain as bg
    >>> pd = bg.Game.from_cells([[(3, 3), (0, 5)], [(5, 0), (1, 1)]],
    ...                         row_actions=("C", "D"), col_actions=("C", "D"))
    >>> r = automaton_payoffs(pd, Automaton.tit_for_tat(), Automaton.always_defect(), Fraction(1, 2),
    ...                       exact=True)
    >>> r.payoffs_exact
    (Fraction(1, 2), Fraction(3, 1))
    >>> r  # doctest: +NORMALIZE_WHITESPACE
    AutomatonPayoffs: tit-for-tat (Row) vs always defect (Column)
      at delta=1/2: Row 1/2, Column 3; status=SUCCESS
    >>> automaton_payoffs(pd, Automaton.grim(), Automaton.grim(), 0.9, eps=0.1, exact=True).payoffs_exact
    (Fraction(50959, 27100), Fraction(50959, 27100))
    """
    func = "automaton_payoffs"
    exact = check_bool(exact, "exact", func)
    g, pair = _setup(game, a, b, eps, func)
    deltas = as_real_array(delta, "delta", func, low=0.0)
    if (deltas >= 1).any():
        raise InvalidArgumentError(f"{func}: delta must be < 1, got {describe(float(deltas.max()))}")
    rewards, moves = pair.on_path()
    N = len(rewards)
    start = pair.index(pair.row.initial, pair.col.initial)
    exact_out = None
    d = None
    if exact:
        if deltas.ndim:
            raise InvalidArgumentError(
                f"{func}: exact=True takes one discount factor, got shape {deltas.shape}"
            )
        d = to_fraction(float(deltas) if isinstance(delta, np.ndarray) else delta, func)
        vals = _exact_values(rewards, moves, d)
        exact_out = (vals[0][start], vals[1][start])
    u = np.array([[float(r1), float(r2)] for r1, r2 in rewards])
    P = np.zeros((N, N))
    for k, nxt in enumerate(moves):
        for t, w in nxt.items():
            P[k, t] = float(w)
    dl = deltas[..., None, None]
    M = np.eye(N) - dl * P
    rhs = (1 - deltas)[..., None, None] * np.broadcast_to(u, deltas.shape + (N, 2))
    V = np.linalg.solve(M, rhs)
    if exact_out is not None:
        V = V.copy()
        V[start] = [float(exact_out[0]), float(exact_out[1])]
    return AutomatonPayoffs(
        payoffs=frozen(V[..., start, :]),
        payoffs_exact=exact_out,
        state_values=frozen(V),
        pairs=tuple(pair.pair_label(k) for k in range(N)),
        delta=frozen(deltas),
        eps=pair.eps,
        names=(a.name or "automaton", b.name or "automaton"),
        delta_exact=d,
        status=Status.SUCCESS,
        labels=g.labels,
    )


def _exact_values(
    rewards: list[tuple[Fraction, Fraction]], moves: list[dict[int, Fraction]], d: Fraction
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """``V = (1 - d) (I - d P)^{-1} u`` for both players, exactly."""
    N = len(rewards)
    M = [[int(i == j) - d * moves[i].get(j, 0) for j in range(N)] for i in range(N)]
    out = []
    for pl in (0, 1):
        sol = solve_linear(M, [(1 - d) * r[pl] for r in rewards])
        assert sol is not None  # I - dP is strictly diagonally dominant for d < 1
        out.append(sol)
    return out[0], out[1]


# ============================================================================ SPE discount factors
Endpoint = Fraction | AlgebraicNumber


@dataclass(frozen=True)
class DeltaInterval:
    """An interval of discount factors with exact endpoints (Fraction or :class:`AlgebraicNumber`)."""

    lo: Endpoint
    hi: Endpoint
    lo_closed: bool
    hi_closed: bool

    def contains(self, d: Fraction) -> bool:
        """Whether the rational ``d`` lies in the interval (exact)."""
        if isinstance(self.lo, AlgebraicNumber):
            above = self.lo < d
        else:
            above = d >= self.lo if self.lo_closed else d > self.lo
        if isinstance(self.hi, AlgebraicNumber):
            below = self.hi > d
        else:
            below = d <= self.hi if self.hi_closed else d < self.hi
        return bool(above and below)

    def __repr__(self) -> str:
        if self.lo == self.hi and isinstance(self.lo, Fraction):
            return "{" + str(self.lo) + "}"
        return ("[" if self.lo_closed else "(") + _fmt_end(self.lo) + ", " + _fmt_end(self.hi) + (
            "]" if self.hi_closed else ")"
        )


def _fmt_end(x: Endpoint) -> str:
    return str(x) if isinstance(x, Fraction) else f"{float(x):.12g}"


@dataclass(frozen=True, eq=False, repr=False)
class DeltaSet(Result):
    """The discount factors at which a pair of automata is a subgame-perfect equilibrium.

    Attributes
    ----------
    intervals : tuple of DeltaInterval
        Disjoint, increasing; their union is the set (within [0, 1)). Endpoints are exact:
        :class:`~fractions.Fraction` when rational, otherwise an :class:`AlgebraicNumber`
        (an integer polynomial with a certified isolating bracket).
    pairs : tuple of (row state, column state)
        The state pairs whose one-shot deviation conditions were imposed.
    conditions : int
        How many (pair, player, deviation) conditions that is.
    binding : tuple
        For each finite endpoint of each interval, the conditions that hold with equality
        there, as ``(pair, player name, deviation action label)``.
    """

    intervals: tuple[DeltaInterval, ...]
    pairs: tuple[tuple[str, str], ...]
    conditions: int
    binding: tuple[tuple[Endpoint, tuple[tuple[tuple[str, str], str, str], ...]], ...]
    names: tuple[str, str]
    eps: tuple[Fraction, Fraction]

    def contains(self, delta: Any) -> bool:
        """Whether the pair is a subgame-perfect equilibrium at ``delta`` (read exactly).

        >>> import bargain as bg
        >>> pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> s = spe_deltas(pd, Automaton.grim(), Automaton.grim())
        >>> s.contains(0.5), s.contains(0.49)
        (True, False)
        """
        d = to_fraction(delta, "DeltaSet.contains")
        return any(iv.contains(d) for iv in self.intervals)

    @property
    def is_empty(self) -> bool:
        """True when no discount factor in [0, 1) makes the pair subgame perfect."""
        return not self.intervals

    @property
    def infimum(self) -> Endpoint | None:
        """The smallest discount factor of the set (its lower end), or None when empty."""
        return self.intervals[0].lo if self.intervals else None

    def __repr__(self) -> str:
        players = self.labels.players if self.labels else ("Row", "Column")
        head = f"{self.names[0]} ({players[0]}) vs {self.names[1]} ({players[1]})"
        if self.eps != (0, 0):
            head += f", trembles ({fmt_number(self.eps[0])}, {fmt_number(self.eps[1])})"
        body = "never" if not self.intervals else " U ".join(repr(iv) for iv in self.intervals)
        lines = [f"DeltaSet: {head} is subgame perfect for delta in {body}"]
        for x, conds in self.binding:
            if isinstance(x, AlgebraicNumber):
                lines.append(f"  {x!r}")
            who = "; ".join(f"{pl} at {p}/{q} deviating to {act}" for (p, q), pl, act in conds)
            lines.append(f"  at {_fmt_end(x)}: {who}")
        lines.append(f"  ({self.conditions} one-shot deviation conditions at {len(self.pairs)} state pairs; "
                     f"{self._status_line()})")
        return "\n".join(lines)


def spe_deltas(
    game: Any, a: Automaton, b: Automaton, *, eps: Any = 0, pairs: str = "reachable"
) -> DeltaSet:
    r"""The set of discount factors at which (``a``, ``b``) is a subgame-perfect equilibrium, exactly.

    Model: the infinitely repeated stage game with perfect monitoring and common discount
    factor ``delta`` in [0, 1); the row player follows ``a``, the column player ``b``.
    Equilibrium notion: subgame perfection, checked with the one-shot deviation principle
    (Mailath and Samuelson 2006, Proposition 2.4.1): the pair is an SPE iff at every state
    pair that some history (on or off the path: the players' own deviations included)
    leads to, neither player gains by deviating for one period and following the automata
    afterwards. With ``pairs="all"`` every state pair is imposed (a stronger requirement:
    grim against grim then fails at the unreachable pair (cooperate, defect)).

    Method: with ``X = adj(I - delta P) u`` and ``D = det(I - delta P) > 0`` on [0, 1),
    each condition ``V(s) >= (1 - delta) u(s, a') + delta E[V(s') | s, a']`` divided by
    ``(1 - delta) / D`` is a polynomial inequality ``G(delta) >= 0`` of degree at most the
    number of state pairs ``N``. ``G`` is interpolated exactly from ``N + 1`` exact solves
    at rational discount factors (:func:`bargain.core.exact.bareiss_inverse`) and divided by
    its common factor with ``D`` (positive on [0, 1)); the real roots of each condition in
    (0, 1) are isolated (Sturm sequences), roots of different conditions are merged (equal
    iff the gcd of their polynomials vanishes in both brackets), and the sign pattern
    between and at the roots gives the set as a union of intervals. Rational roots are
    exact fractions; irrational ones are certified brackets (:class:`AlgebraicNumber`).
    Payoffs given as floats are read as the decimals typed.

    Parameters
    ----------
    game : Game
        A single stage game.
    a, b : Automaton
        Row's and column's strategies (profiles read as (own, other)).
    eps : probability or pair, default 0
        Trembles (the game in which every action trembles; the automata react to the
        realised profile, and deviations change intended actions).
    pairs : {"reachable", "all"}
        Which state pairs must satisfy the one-shot deviation conditions.

    Examples
    --------
    Grim trigger against itself in the Prisoner's Dilemma (T, R, P, S) = (5, 3, 1, 0):
    subgame perfect iff delta >= (T - R)/(T - P) = 1/2; win-stay lose-shift needs
    delta >= (T - R)/(R - P) = 1; tit-for-tat never is (Mailath-Samuelson 2006, 2.4.3).

    >>> import bargain as bg
    >>> pd = bg.Game.from_cells([[(3, 3), (0, 5)], [(5, 0), (1, 1)]], players=("US", "EU"),
    ...                         row_actions=("Free", "Tariff"), col_actions=("Free", "Tariff"))
    >>> s = spe_deltas(pd, Automaton.grim(), Automaton.grim())
    >>> s.intervals, s.infimum
    (([1/2, 1),), Fraction(1, 2))
    >>> s
    DeltaSet: grim (US) vs grim (EU) is subgame perfect for delta in [1/2, 1)
      at 1/2: US at C/C deviating to Tariff; EU at C/C deviating to Tariff
      (4 one-shot deviation conditions at 2 state pairs; status=SUCCESS)

    Two-period punishment needs delta + delta^2 >= (T - R)/(R - P) = 1: an irrational
    threshold, the golden ratio's inverse, returned as a certified root:

    >>> k2 = spe_deltas(pd, Automaton.k_period(2), Automaton.k_period(2)).infimum
    >>> k2 > Fraction(618, 1000), k2 < Fraction(619, 1000), round(float(k2), 12)
    (True, True, 0.61803398875)
    >>> spe_deltas(pd, Automaton.win_stay_lose_shift(), Automaton.win_stay_lose_shift()).is_empty
    True
    >>> print(spe_deltas(pd, Automaton.tit_for_tat(), Automaton.tit_for_tat()))  # doctest: +ELLIPSIS
    DeltaSet: tit-for-tat (US) vs tit-for-tat (EU) is subgame perfect for delta in never
    ...
    """
    func = "spe_deltas"
    g, pair = _setup(game, a, b, eps, func)
    check_choice(pairs, ("reachable", "all"), "pairs", func)
    rewards, moves = pair.on_path()
    N = len(rewards)
    relevant = pair.reachable() if pairs == "reachable" else list(range(N))
    m, n = g.shape
    nb = pair.size[1]
    # each condition: (pair k, player, deviation action, stage reward, next distribution)
    conds = []
    for k in relevant:
        p, q = divmod(k, nb)
        ip, jq = pair.row.play[p], pair.col.play[q]
        for dev in range(m):
            if dev != ip:
                r1, _, nxt = pair.step(p, q, dev, jq)
                conds.append((k, 0, dev, r1, nxt))
        for dev in range(n):
            if dev != jq:
                _, r2, nxt = pair.step(p, q, ip, dev)
                conds.append((k, 1, dev, r2, nxt))
    # the relevant pairs are closed under every transition: solve on them alone (degree <= their count)
    pos = {k: i for i, k in enumerate(relevant)}
    sub_rewards = [rewards[k] for k in relevant]
    sub_moves = [{pos[t]: w for t, w in moves[k].items()} for k in relevant]
    sub_conds = [(pos[k], pl, r, {pos[t]: w for t, w in nxt.items()}) for k, pl, _, r, nxt in conds]
    size = len(relevant)
    points = [Fraction(i, size + 1) for i in range(size + 1)]
    values: list[list[Fraction]] = [[] for _ in conds]
    dets: list[Fraction] = []
    for d in points:
        X, det = _x_and_det(sub_rewards, sub_moves, d)
        dets.append(det)
        for c, (k, pl, r, nxt) in enumerate(sub_conds):
            cont = sum((w * X[pl][t] for t, w in nxt.items()), Fraction(0))
            values[c].append(X[pl][k] - det * r - d * cont)
    fit = integer_interpolator(size)
    det_poly = fit(dets)  # a positive multiple of det(I - delta P), positive on [0, 1)
    polys = [tuple(strip_positive_factor(fit(v), det_poly)) for v in values]
    distinct = sorted({poly for poly in polys if poly})
    # candidate points: 0 and the distinct roots in (0, 1) of all conditions, with pairwise
    # disjoint brackets (so a condition not vanishing at a root has no root in its bracket)
    merged = merged_roots([squarefree(poly) for poly in distinct])
    roots: list[Endpoint] = [r for r, _ in merged]
    vanishing = {id(r): {distinct[i] for i in idx} for r, idx in merged}

    def signs(x: Endpoint) -> dict[tuple[int, ...], int]:
        if isinstance(x, Fraction):
            return {poly: sign_at(poly, x) for poly in distinct}
        zero = vanishing[id(x)]
        return {poly: 0 if poly in zero else sign_at(poly, x.lo) for poly in distinct}

    # atoms in order: point 0, cell (0, r1), point r1, ..., point rk, cell (rk, 1)
    atoms: list[tuple[Endpoint, Endpoint, bool, bool]] = []  # (left, right, is point, feasible)
    pts: list[Endpoint] = [Fraction(0), *roots]
    zero_at: dict[int, list[int]] = {}
    for i, x in enumerate(pts):
        sx = signs(x)
        zero_at[i] = [c for c, poly in enumerate(polys) if poly and sx[poly] == 0]
        atoms.append((x, x, True, all(s >= 0 for s in sx.values())))
        right = pts[i + 1] if i + 1 < len(pts) else Fraction(1)
        sample = (_upper(x) + _lower(right)) / 2
        atoms.append((x, right, False, all(s >= 0 for s in signs(sample).values())))
    intervals: list[DeltaInterval] = []
    run: list[tuple[Endpoint, Endpoint, bool, bool]] = []
    for atom in [*atoms, (Fraction(1), Fraction(1), True, False)]:
        if atom[3]:
            run.append(atom)
            continue
        if run:
            first, last = run[0], run[-1]
            intervals.append(DeltaInterval(first[0], last[1], first[2], last[2]))
            run = []
    labels = g.labels

    def describe_cond(c: int) -> tuple[tuple[str, str], str, str]:
        k, pl, dev = conds[c][0], conds[c][1], conds[c][2]
        return pair.pair_label(k), labels.player(pl), labels.actions(pl)[dev]

    binding = []
    for iv in intervals:
        for x in (iv.lo, iv.hi):
            if (isinstance(x, Fraction) and x in (0, 1)) or any(x is bx for bx, _ in binding):
                continue
            i = next(i for i, p in enumerate(pts) if p is x)
            binding.append((x, tuple(describe_cond(c) for c in zero_at[i])))
    notes = []
    if not g.has_exact_payoffs:
        notes.append("float payoffs read as the decimals they print as")
    if any(isinstance(x, AlgebraicNumber) for iv in intervals for x in (iv.lo, iv.hi)):
        notes.append("irrational endpoints are certified isolating brackets")
    return DeltaSet(
        intervals=tuple(intervals),
        pairs=tuple(pair.pair_label(k) for k in relevant),
        conditions=len(conds),
        binding=tuple(binding),
        names=(a.name or "automaton", b.name or "automaton"),
        eps=pair.eps,
        status=Status.SUCCESS,
        message="; ".join(notes),
        labels=labels,
    )


def _upper(x: Endpoint) -> Fraction:
    return x if isinstance(x, Fraction) else x.hi


def _lower(x: Endpoint) -> Fraction:
    return x if isinstance(x, Fraction) else x.lo


def _x_and_det(
    rewards: list[tuple[Fraction, Fraction]], moves: list[dict[int, Fraction]], d: Fraction
) -> tuple[tuple[list[Fraction], list[Fraction]], Fraction]:
    """``X = det(I - d P) (I - d P)^{-1} u`` for both players and ``det(I - d P)`` (> 0 for d < 1).

    Exact, on integers: with ``L`` the common denominator of ``P``, ``c = L den(d)`` makes
    ``c (I - d P)`` an integer matrix whose fraction-free inverse ``R`` (``c M R = dd I``,
    :func:`bargain.core.exact.bareiss_inverse`) gives ``X = sign(dd) R u / c^(N-1)``.
    """
    N = len(rewards)
    L = math.lcm(*(w.denominator for row in moves for w in row.values()))
    c = L * d.denominator
    M = [[0] * N for _ in range(N)]
    for i, row in enumerate(moves):
        M[i][i] = c
        for j, w in row.items():
            M[i][j] -= d.numerator * w.numerator * (L // w.denominator)  # c d w
    inv = bareiss_inverse(M)
    assert inv is not None  # I - dP is strictly diagonally dominant for d < 1
    dd, R = inv
    det = Fraction(abs(dd), c**N)
    sign = 1 if dd > 0 else -1
    out = []
    for pl in (0, 1):
        den = math.lcm(*(r[pl].denominator for r in rewards))
        U = [int(r[pl] * den) for r in rewards]
        scale = Fraction(sign, c ** (N - 1) * den)
        out.append([scale * sum(Rij * Uj for Rij, Uj in zip(row, U)) for row in R])
    return (out[0], out[1]), det
