"""Argument checks in bargain._validate: every error names the function and the bad value."""

from fractions import Fraction

import numpy as np
import pytest

from bargain import _validate as v
from bargain.errors import BargainError, InvalidArgumentError, InvalidGameError


def test_invalid_game_error_is_value_error_and_bargain_error():
    assert issubclass(InvalidGameError, ValueError)
    assert issubclass(InvalidGameError, BargainError)


@pytest.mark.parametrize(
    "value, fragment",
    [
        ([[1, 2], [3]], "ragged"),
        ([[1, np.nan], [0, 0]], "non-finite"),
        ([[1, np.inf], [0, 0]], "non-finite"),
        ([["a", "b"], ["c", "d"]], "numeric"),
        ([1, 2, 3], "at least 2 dimensions"),
        (np.zeros((0, 2)), "empty"),
        ([[1, object()], [0, 0]], "numeric"),
    ],
)
def test_as_payoff_array_rejects(value, fragment):
    with pytest.raises(InvalidArgumentError, match=f"myfunc: A .*{fragment}|myfunc: .*{fragment}"):
        v.as_payoff_array(value, "A", "myfunc")


def test_as_payoff_array_keeps_exact_sources():
    vals, exact = v.as_payoff_array([[1, 2], [3, 4]], "A", "f")
    assert vals.dtype == np.float64 and exact.dtype == np.int64
    vals, exact = v.as_payoff_array([[Fraction(1, 3), 0], [0, 1]], "A", "f")
    assert exact[0, 0] == Fraction(1, 3) and vals[0, 0] == pytest.approx(1 / 3)
    vals, exact = v.as_payoff_array([[0.5, 0.0], [0.0, 1.0]], "A", "f")
    assert exact is None


def test_as_strategy():
    assert v.as_strategy([0.25, 0.75], 2, "x", "f").tolist() == [0.25, 0.75]
    with pytest.raises(InvalidArgumentError, match="f: x must sum to 1"):
        v.as_strategy([0.5, 0.6], 2, "x", "f")
    with pytest.raises(InvalidArgumentError, match="f: x has a negative probability"):
        v.as_strategy([-0.5, 1.5], 2, "x", "f")
    with pytest.raises(InvalidArgumentError, match="f: x must have 3 entries"):
        v.as_strategy([0.5, 0.5], 3, "x", "f")
    with pytest.raises(InvalidArgumentError, match="f: x contains a non-finite"):
        v.as_strategy([np.nan, 1.0], 2, "x", "f")
    with pytest.raises(InvalidArgumentError, match="f: x must be a probability vector"):
        v.as_strategy(["a", "b"], 2, "x", "f")


def test_scalar_checks():
    assert v.check_real(0.5, "d", "f", low=0, high=1) == 0.5
    with pytest.raises(InvalidArgumentError, match="f: d must be > 0"):
        v.check_real(0, "d", "f", low=0, low_open=True)
    with pytest.raises(InvalidArgumentError, match="f: d must be <= 1"):
        v.check_real(2, "d", "f", high=1)
    with pytest.raises(InvalidArgumentError, match="f: d must be a real number"):
        v.check_real("x", "d", "f")
    with pytest.raises(InvalidArgumentError, match="f: d must be finite"):
        v.check_real(float("nan"), "d", "f")
    with pytest.raises(InvalidArgumentError, match="f: k must be an integer"):
        v.check_int(1.5, "k", "f")
    with pytest.raises(InvalidArgumentError, match="f: k must be >= 1"):
        v.check_int(0, "k", "f", low=1)
    with pytest.raises(InvalidArgumentError, match="f: tol must be >= 0"):
        v.check_tol(-1e-3, "f")
    with pytest.raises(InvalidArgumentError, match="f: method must be one of 'a', 'b'; got 'c'"):
        v.check_choice("c", ("a", "b"), "method", "f")


def test_labels_and_rng():
    assert v.check_labels(None, 2, "r", "row_actions", "f") == ("r0", "r1")
    with pytest.raises(InvalidArgumentError, match="f: row_actions must have 2 labels"):
        v.check_labels(("a",), 2, "r", "row_actions", "f")
    with pytest.raises(InvalidArgumentError, match="must be distinct"):
        v.check_labels(("a", "a"), 2, "r", "row_actions", "f")
    with pytest.raises(InvalidArgumentError, match="got the string"):
        v.check_labels("ab", 2, "r", "row_actions", "f")
    g = np.random.default_rng(1)
    assert v.as_rng(g, "f") is g
    assert v.as_rng(3, "f").integers(100) == np.random.default_rng(3).integers(100)
    with pytest.raises(InvalidArgumentError, match="f: rng must be"):
        v.as_rng("seed", "f")
