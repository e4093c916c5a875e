"""bargain: game-theoretic bargaining for transactional diplomacy.

Two-player games in normal form, solved exactly and in batches: Nash equilibria (all of
them, certified, degenerate games included), commitment, correlation, bounded
rationality, evolution, and bargaining solutions.

Public names are imported lazily, so ``import bargain`` stays fast; see ``__all__``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # errors
    "BargainError": "bargain.errors",
    "InvalidGameError": "bargain.errors",
    "InvalidProblemError": "bargain.errors",
    "NoAgreementError": "bargain.errors",
    "SolverError": "bargain.errors",
    "ConvergenceWarning": "bargain.errors",
    "DegenerateGameWarning": "bargain.errors",
    # core
    "Game": "bargain.core.game",
    # results and certificates
    "Status": "bargain.solvers.result",
    "Equilibrium": "bargain.solvers.result",
    "NashResult": "bargain.solvers.result",
    "Equilibria2x2": "bargain.solvers.result",
    "max_regret": "bargain.solvers.verify",
    "exact_max_regret": "bargain.solvers.verify",
    "is_equilibrium": "bargain.solvers.verify",
    # solvers
    "nash_equilibria": "bargain.solvers.nash",
    "pure_equilibria": "bargain.solvers.pure",
    "pure_equilibrium_profiles": "bargain.solvers.pure",
    "equilibria_2x2": "bargain.solvers.two_by_two",
    # Nash methods (issue 4)
    "support_enumeration": "bargain.solvers.support",
    "vertex_enumeration": "bargain.solvers.vertex",
    "lemke_howson": "bargain.solvers.lemke_howson",
    "lemke_howson_all": "bargain.solvers.lemke_howson",
    "batched_equilibria": "bargain.solvers.batched",
    "BatchedEquilibria": "bargain.solvers.batched",
    "solve_zero_sum": "bargain.solvers.zero_sum",
    "maxmin": "bargain.solvers.zero_sum",
    "minmax": "bargain.solvers.zero_sum",
    "ZeroSumResult": "bargain.solvers.zero_sum",
    "SecurityResult": "bargain.solvers.zero_sum",
    "iterated_dominance": "bargain.solvers.dominance",
    "DominanceResult": "bargain.solvers.dominance",
    "Elimination": "bargain.solvers.dominance",
    # beyond Nash (issue 5)
    "stackelberg": "bargain.solvers.stackelberg",
    "commitment_value": "bargain.solvers.stackelberg",
    "StackelbergResult": "bargain.solvers.stackelberg",
    "CommitmentValue": "bargain.solvers.stackelberg",
    "correlated_equilibrium": "bargain.solvers.correlated",
    "coarse_correlated_equilibrium": "bargain.solvers.correlated",
    "CorrelatedResult": "bargain.solvers.correlated",
    "incentive_violation": "bargain.solvers.correlated",
    "logit_qre": "bargain.solvers.qre",
    "logit_qre_path": "bargain.solvers.qre",
    "QREResult": "bargain.solvers.qre",
    "QREPath": "bargain.solvers.qre",
    "replicator": "bargain.solvers.evolution",
    "ess": "bargain.solvers.evolution",
    "is_ess": "bargain.solvers.evolution",
    "ReplicatorResult": "bargain.solvers.evolution",
    "ESSResult": "bargain.solvers.evolution",
    # bargaining (issue 6)
    "BargainingProblem": "bargain.bargaining.problem",
    "BargainingSolution": "bargain.bargaining.solutions",
    "nash_bargaining": "bargain.bargaining.solutions",
    "kalai_smorodinsky": "bargain.bargaining.solutions",
    "egalitarian": "bargain.bargaining.solutions",
    "utilitarian": "bargain.bargaining.solutions",
    "variable_threat": "bargain.bargaining.threats",
    "ThreatResult": "bargain.bargaining.threats",
    "rubinstein": "bargain.bargaining.alternating",
    "RubinsteinResult": "bargain.bargaining.alternating",
}

_SUBPACKAGES = ("core", "solvers", "testing", "bargaining", "repeated", "models", "sweep", "io")

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if name in _SUBPACKAGES:
        module = importlib.import_module(f"bargain.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'bargain' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from bargain.bargaining.alternating import RubinsteinResult, rubinstein
    from bargain.bargaining.problem import BargainingProblem
    from bargain.bargaining.solutions import (
        BargainingSolution,
        egalitarian,
        kalai_smorodinsky,
        nash_bargaining,
        utilitarian,
    )
    from bargain.bargaining.threats import ThreatResult, variable_threat
    from bargain.core.game import Game
    from bargain.errors import (
        BargainError,
        ConvergenceWarning,
        DegenerateGameWarning,
        InvalidGameError,
        InvalidProblemError,
        NoAgreementError,
        SolverError,
    )
    from bargain.solvers.batched import BatchedEquilibria, batched_equilibria
    from bargain.solvers.correlated import (
        CorrelatedResult,
        coarse_correlated_equilibrium,
        correlated_equilibrium,
        incentive_violation,
    )
    from bargain.solvers.dominance import DominanceResult, Elimination, iterated_dominance
    from bargain.solvers.evolution import ESSResult, ReplicatorResult, ess, is_ess, replicator
    from bargain.solvers.lemke_howson import lemke_howson, lemke_howson_all
    from bargain.solvers.nash import nash_equilibria
    from bargain.solvers.pure import pure_equilibria, pure_equilibrium_profiles
    from bargain.solvers.qre import QREPath, QREResult, logit_qre, logit_qre_path
    from bargain.solvers.result import Equilibria2x2, Equilibrium, NashResult, Status
    from bargain.solvers.stackelberg import CommitmentValue, StackelbergResult, commitment_value, stackelberg
    from bargain.solvers.support import support_enumeration
    from bargain.solvers.two_by_two import equilibria_2x2
    from bargain.solvers.verify import exact_max_regret, is_equilibrium, max_regret
    from bargain.solvers.vertex import vertex_enumeration
    from bargain.solvers.zero_sum import SecurityResult, ZeroSumResult, maxmin, minmax, solve_zero_sum
