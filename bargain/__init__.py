"""bargain: game-theoretic bargaining for transactional diplomacy.

Two-player games in normal form, solved exactly and in batches: Nash equilibria (all of
them, certified, degenerate games included), commitment, correlation, bounded
rationality, evolution, and bargaining solutions.

Public names are imported lazily, so ``import bargain`` stays fast; see ``__all__``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # errors
    "BargainError": "bargain.errors",
    "InvalidArgumentError": "bargain.errors",
    "InvalidGameError": "bargain.errors",
    "InvalidModelError": "bargain.errors",
    "InvalidProblemError": "bargain.errors",
    "NoAgreementError": "bargain.errors",
    "SolverError": "bargain.errors",
    "ConvergenceWarning": "bargain.errors",
    "DegenerateGameWarning": "bargain.errors",
    # core
    "Game": "bargain.core.game",
    # results and certificates
    "Status": "bargain._result",
    "Equilibrium": "bargain.solvers.nash.result",
    "NashResult": "bargain.solvers.nash.result",
    "Equilibria2x2": "bargain.solvers.nash.result",
    "max_regret": "bargain.solvers.verify",
    "exact_max_regret": "bargain.solvers.verify",
    "is_equilibrium": "bargain.solvers.verify",
    # solvers
    "nash_equilibria": "bargain.solvers.nash.dispatch",
    "pure_equilibria": "bargain.solvers.nash.pure",
    "pure_equilibrium_profiles": "bargain.solvers.nash.pure",
    "equilibria_2x2": "bargain.solvers.nash.two_by_two",
    # Nash methods (issue 4)
    "support_enumeration": "bargain.solvers.nash.support",
    "vertex_enumeration": "bargain.solvers.nash.vertex",
    "lemke_howson": "bargain.solvers.nash.lemke_howson",
    "lemke_howson_all": "bargain.solvers.nash.lemke_howson",
    "batched_equilibria": "bargain.solvers.nash.batched",
    "BatchedEquilibria": "bargain.solvers.nash.batched",
    "solve_zero_sum": "bargain.solvers.zero_sum",
    "maxmin": "bargain.solvers.security",
    "minmax": "bargain.solvers.security",
    "ZeroSumResult": "bargain.solvers.zero_sum",
    "SecurityResult": "bargain.solvers.security",
    "iterated_dominance": "bargain.solvers.dominance",
    "DominanceResult": "bargain.solvers.dominance",
    "Elimination": "bargain.solvers.dominance",
    # beyond Nash (issue 5)
    "stackelberg": "bargain.solvers.stackelberg",
    "commitment_value": "bargain.solvers.stackelberg",
    "StackelbergResult": "bargain.solvers.stackelberg",
    "CommitmentValue": "bargain.solvers.stackelberg",
    "leader_follower": "bargain.solvers.leader_follower",
    "LeaderFollowerResult": "bargain.solvers.leader_follower",
    "correlated_equilibrium": "bargain.solvers.correlated",
    "coarse_correlated_equilibrium": "bargain.solvers.correlated",
    "CorrelatedResult": "bargain.solvers.correlated",
    "incentive_violation": "bargain.solvers.correlated",
    "logit_qre": "bargain.solvers.dynamics.qre",
    "logit_qre_path": "bargain.solvers.dynamics.qre",
    "QREResult": "bargain.solvers.dynamics.qre",
    "QREPath": "bargain.solvers.dynamics.qre",
    "replicator": "bargain.solvers.dynamics.replicator",
    "ReplicatorResult": "bargain.solvers.dynamics.replicator",
    "ess": "bargain.solvers.dynamics.ess",
    "is_ess": "bargain.solvers.dynamics.ess",
    "ESSResult": "bargain.solvers.dynamics.ess",
    # bargaining (issue 6)
    "BargainingProblem": "bargain.bargaining.problem",
    "BargainingSolution": "bargain.bargaining.solutions",
    "nash_bargaining": "bargain.bargaining.solutions",
    "kalai_smorodinsky": "bargain.bargaining.solutions",
    "egalitarian": "bargain.bargaining.solutions",
    "utilitarian": "bargain.bargaining.solutions",
    "variable_threat": "bargain.bargaining.threats",
    "ThreatResult": "bargain.bargaining.threats",
    "rubinstein": "bargain.bargaining.rubinstein",
    "rubinstein_rates": "bargain.bargaining.rubinstein",
    "RubinsteinResult": "bargain.bargaining.rubinstein",
    # three-player games and the coalitional layer (issue 12)
    "nplayer_pure_equilibria": "bargain.solvers.nash.nplayer",
    "nplayer_max_regret": "bargain.solvers.nash.nplayer",
    "nplayer_equilibria": "bargain.solvers.nash.nplayer",
    "NPlayerNashResult": "bargain.solvers.nash.nplayer",
    "shapley_value": "bargain.bargaining.coalitional",
    "nucleolus": "bargain.bargaining.coalitional",
    "characteristic_function": "bargain.bargaining.coalitional",
    "Allocation": "bargain.bargaining.coalitional",
    "CoreResult": "bargain.bargaining.coalitional",
    "CoalitionalGame": "bargain.bargaining.coalitional",
    "coalitional_core": "bargain.bargaining.coalitional",
    "NPlayerGame": "bargain.core.nplayer",
    # game files (issue 15)
    "read_game": "bargain.io.files",
    "read_game_file": "bargain.io.files",
    "write_game": "bargain.io.files",
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
    from bargain._result import Status
    from bargain.bargaining.problem import BargainingProblem
    from bargain.bargaining.rubinstein import RubinsteinResult, rubinstein, rubinstein_rates
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
        InvalidArgumentError,
        InvalidGameError,
        InvalidModelError,
        InvalidProblemError,
        NoAgreementError,
        SolverError,
    )
    from bargain.solvers.correlated import (
        CorrelatedResult,
        coarse_correlated_equilibrium,
        correlated_equilibrium,
        incentive_violation,
    )
    from bargain.solvers.dominance import DominanceResult, Elimination, iterated_dominance
    from bargain.solvers.dynamics.ess import ESSResult, ess, is_ess
    from bargain.solvers.dynamics.qre import QREPath, QREResult, logit_qre, logit_qre_path
    from bargain.solvers.dynamics.replicator import ReplicatorResult, replicator
    from bargain.solvers.nash.batched import BatchedEquilibria, batched_equilibria
    from bargain.solvers.nash.dispatch import nash_equilibria
    from bargain.solvers.nash.lemke_howson import lemke_howson, lemke_howson_all
    from bargain.solvers.nash.pure import pure_equilibria, pure_equilibrium_profiles
    from bargain.solvers.nash.result import Equilibria2x2, Equilibrium, NashResult
    from bargain.solvers.nash.support import support_enumeration
    from bargain.solvers.nash.two_by_two import equilibria_2x2
    from bargain.solvers.nash.vertex import vertex_enumeration
    from bargain.solvers.security import SecurityResult, maxmin, minmax
    from bargain.solvers.stackelberg import CommitmentValue, StackelbergResult, commitment_value, stackelberg
    from bargain.solvers.verify import exact_max_regret, is_equilibrium, max_regret
    from bargain.solvers.zero_sum import ZeroSumResult, solve_zero_sum
