"""Discounted repeated games: when does cooperation sustain itself, and with what payoffs?

A stage game is played every period; payoffs are discounted by ``delta`` per period. This
package answers "how patient must both sides be?" for a target action profile under grim
trigger, k-period punishment, tit-for-tat, minmax punishment and noisy monitoring
(:func:`critical_delta`), for several issues linked by one punishment
(:func:`linked_critical_delta`), for strategies written as finite automata
(:class:`Automaton`), and computes the subgame-perfect payoff set itself
(:func:`equilibrium_payoffs`, Abreu-Sannikov 2014); with side payments,
:func:`transfer_equilibria` (Goldlücke-Kranz 2012) gives what is sustainable for every
discount factor at once.

Names are imported lazily (``bargain.repeated.critical_delta``); ``__all__`` lists them.
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> module that defines it (each family adds its own names here)
_EXPORTS: dict[str, str] = {
    # thresholds of strategy profiles (grim, k-period, tit-for-tat, minmax, noise)
    "critical_delta": "bargain.repeated.thresholds",
    "CriticalDelta": "bargain.repeated.thresholds",
    # issue linkage (multimarket contact)
    "linked_critical_delta": "bargain.repeated.linkage",
    "LinkedCriticalDelta": "bargain.repeated.linkage",
    # payoff sets (Abreu-Sannikov; folk-theorem region)
    "equilibrium_payoffs": "bargain.repeated.payoff_sets",
    "feasible_payoffs": "bargain.repeated.payoff_sets",
    "PayoffSet": "bargain.repeated.payoff_sets",
    "FeasiblePayoffs": "bargain.repeated.payoff_sets",
    # automata
    "Automaton": "bargain.repeated.automata",
    "AutomatonPayoffs": "bargain.repeated.automata",
    "automaton_payoffs": "bargain.repeated.automata",
    "spe_deltas": "bargain.repeated.automata",
    "DeltaSet": "bargain.repeated.automata",
    # monetary transfers (Goldlücke-Kranz optimal simple strategies)
    "transfer_equilibria": "bargain.repeated.transfers",
    "TransferEquilibria": "bargain.repeated.transfers",
    "TransferRegime": "bargain.repeated.transfers",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'bargain.repeated' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
