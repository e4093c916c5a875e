"""Exceptions and warnings raised by bargain.

Every error the library raises on purpose derives from :class:`BargainError`, so
callers can catch the library's own failures in one place. Input errors are also
:class:`ValueError` subclasses, so code written against plain numpy/scipy
conventions keeps working.
"""

from __future__ import annotations

__all__ = [
    "BargainError",
    "InvalidArgumentError",
    "InvalidGameError",
    "InvalidModelError",
    "InvalidProblemError",
    "NoAgreementError",
    "SolverError",
    "ConvergenceWarning",
    "DegenerateGameWarning",
]


class BargainError(Exception):
    """Base class of every exception raised deliberately by bargain."""


class InvalidArgumentError(BargainError, ValueError):
    """An argument is malformed or out of its domain (the neutral base of every input error).

    The message always names the function that refused the input and the bad value,
    e.g. ``"logit_qre: lam must be a real number, got True"``. Errors about a game, a
    bargaining problem or a model parameter use the subclasses below; a bad tolerance,
    budget, seed or flag raises this class itself.
    """


class InvalidGameError(InvalidArgumentError):
    """A game or a strategy of a game is malformed.

    e.g. ``"nash_equilibria: payoff matrix A contains NaN at index (0, 1)"``.
    """


class InvalidModelError(InvalidArgumentError):
    """A model parameter lies outside its declared domain (the message names model, parameter, value)."""


class InvalidProblemError(InvalidArgumentError):
    """A bargaining problem is malformed (empty feasible set, bad disagreement point, ...)."""


class NoAgreementError(InvalidProblemError):
    """No feasible point gives both players strictly more than the disagreement point."""


class SolverError(BargainError, RuntimeError):
    """A numerical back end (an LP, an ODE integrator) failed in a way that is not the input's fault."""


class ConvergenceWarning(UserWarning):
    """A solver stopped before it could certify its answer (budget, iteration limit, tolerance).

    The result's ``status`` and ``message`` say the same thing; the warning exists so
    that an uncertified answer is never silently used.
    """


class DegenerateGameWarning(UserWarning):
    """A method was asked for something it cannot guarantee on a degenerate game."""
