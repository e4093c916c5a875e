"""The public API's conventions (issue 9, DESIGN section 2), checked by introspecting ``bargain.__all__``.

- every parameter with a default is keyword-only (the subject and the quantities without which
  the call means nothing are positional);
- budgets are ``max_iter=`` then ``max_time=``;
- ``tol`` defaults to the one regret tolerance wherever it appears;
- every public result class derives from the one frozen base and has ``status``, ``success``,
  ``message``, a ``repr`` and an HTML view.
"""

from __future__ import annotations

import dataclasses
import inspect

import pytest

import bargain as bg
from bargain._result import Result
from bargain._thresholds import DEFAULT_TOL

# Parameters that carry a default but are part of the subject: Game(A, B=None) reads as "the
# payoffs", with B omitted for a zero-sum game (DESIGN section 2).
SUBJECT_DEFAULTS = {("Game", "B")}

# Public classes that are not results of a computation: the game, the problem, records inside
# a result, the status enum, exceptions and warnings.
NOT_RESULTS = {
    "Game",
    "BargainingProblem",
    "Status",
    "Equilibrium",
    "Elimination",
    "Labels",
    "Automaton",
    "TransferRegime",
    "NPlayerGame",
    "CoalitionalGame",
}

# every public namespace: the top level and the subpackages with public names of their own
NAMESPACES = [(bg, ""), (bg.repeated, "repeated.")]


def _public_names():
    for module, prefix in NAMESPACES:
        for name in sorted(module.__all__):
            yield prefix + name, name, getattr(module, name)


def _public_callables():
    for label, name, obj in _public_names():
        if inspect.isfunction(obj):
            yield label, obj
        elif inspect.isclass(obj) and name in {"Game", "BargainingProblem", "Automaton"}:
            if name != "Automaton":
                yield f"{name}", obj.__init__
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                func = member.__func__ if isinstance(member, classmethod | staticmethod) else member
                if inspect.isfunction(func):
                    yield f"{name}.{attr}", func


CALLABLES = list(_public_callables())


def _result_classes():
    for label, name, obj in _public_names():
        if not inspect.isclass(obj) or name in NOT_RESULTS or issubclass(obj, BaseException | Warning):
            continue
        yield label, obj


RESULTS = list(_result_classes())


@pytest.mark.parametrize(("name", "func"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_defaults_are_keyword_only(name, func):
    owner = name.split(".")[0]
    loose = [
        p.name
        for p in inspect.signature(func).parameters.values()
        if p.default is not inspect.Parameter.empty
        and p.kind is not inspect.Parameter.KEYWORD_ONLY
        and (owner, p.name) not in SUBJECT_DEFAULTS
    ]
    assert not loose, f"{name}: parameters with defaults must be keyword-only: {loose}"


@pytest.mark.parametrize(("name", "func"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_budgets_and_tolerance(name, func):
    params = inspect.signature(func).parameters
    order = list(params)
    if "max_iter" in params and "max_time" in params:
        assert order.index("max_iter") < order.index("max_time"), f"{name}: max_iter= comes before max_time="
    assert "max_steps" not in params, f"{name}: the step budget is called max_iter"
    if "tol" in params:
        default = params["tol"].default
        assert default is inspect.Parameter.empty or default == DEFAULT_TOL, (
            f"{name}: tol is the regret/residual tolerance, default {DEFAULT_TOL}; got {default}"
        )


@pytest.mark.parametrize(("name", "cls"), RESULTS, ids=[n for n, _ in RESULTS])
def test_results_share_the_frozen_base(name, cls):
    assert issubclass(cls, Result), f"{name} must derive from bargain._result.Result"
    frozen = dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
    assert frozen, f"{name} must be a frozen dataclass"
    fields = {f.name for f in dataclasses.fields(cls)}
    assert {"status", "message"} <= fields
    assert isinstance(inspect.getattr_static(cls, "success"), property)
    assert cls.__repr__ is not object.__repr__ and "__repr__" in {
        k for klass in cls.__mro__[:-1] for k in vars(klass)
    }
    assert hasattr(cls, "_repr_html_")


def test_every_public_name_resolves():
    for label, _name, obj in _public_names():
        assert obj is not None, label


def test_reprs_speak_in_the_games_labels():
    g = bg.Game(
        [[3, 1], [4, 2]],
        [[3, 4], [1, 2]],
        row_actions=("Free trade", "Tariff"),
        col_actions=("Open", "Closed"),
        players=("US", "China"),
    )
    chicken = bg.Game(
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        row_actions=("Swerve", "Straight"),
        col_actions=("Yield", "Escalate"),
        players=("Washington", "Moscow"),
    )
    texts = [
        repr(bg.nash_equilibria(g, exact=True)),
        repr(bg.nash_equilibria(chicken)),
        repr(bg.correlated_equilibrium(chicken)),
        repr(bg.nash_bargaining(bg.BargainingProblem.from_game(g))),
        repr(bg.stackelberg(chicken)),
    ]
    assert "US" in texts[0] and "China" in texts[0] and "Tariff" in texts[0] and "Closed" in texts[0]
    for text in texts[1:3] + texts[4:]:
        assert "Washington" in text and "Moscow" in text
    assert "Swerve" in texts[2] and "Escalate" in texts[2]  # the distribution is a labelled table
    assert "US" in texts[3] and ("Free trade" in texts[3] or "Tariff" in texts[3])
    for text in texts:
        assert "r0" not in text and "c1" not in text
    html = bg.nash_equilibria(chicken)._repr_html_()
    assert html.startswith("<pre>") and "Washington" in html
