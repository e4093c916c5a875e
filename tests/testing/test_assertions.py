"""The public assertions: they pass on certified answers and fail, naming the profile, on anything else."""

import dataclasses
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

import bargain as bg
from bargain.testing import assertions as bas
from bargain.testing import strategies as bst

PD = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
BOS = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])


@dataclasses.dataclass
class Profile:
    row: object
    col: object
    row_exact: object = None
    col_exact: object = None


@dataclasses.dataclass
class Fake:
    """A hand-made result (what a buggy solver could return)."""

    equilibria: tuple


def test_assert_equilibrium_float_and_exact():
    bas.assert_equilibrium(PD, [0, 1], [0, 1])
    bas.assert_equilibrium(BOS, [Fraction(2, 3), Fraction(1, 3)], [Fraction(1, 3), Fraction(2, 3)])
    with pytest.raises(AssertionError, match="relative regret 0.4 > tol"):
        bas.assert_equilibrium(PD, [1, 0], [1, 0])
    with pytest.raises(AssertionError, match="exact regret"):
        bas.assert_equilibrium(BOS, [Fraction(2, 3), Fraction(1, 3)], [Fraction(1, 2), Fraction(1, 2)])
    # the tolerance is relative to each player's own range: a scaled copy passes the same way
    big = bg.Game(PD.A * 1e9 + 1e12, PD.B * 1e-9)
    bas.assert_equilibrium(big, [0, 1], [0, 1])
    with pytest.raises(AssertionError):
        bas.assert_equilibrium(big, [1, 0], [0, 1])


def test_assert_certified_on_results():
    for g in (PD, BOS, bg.Game([[1, 1], [1, 1]], [[0, 0], [0, 0]])):
        bas.assert_certified(bg.support_enumeration(g, exact=True), g)
        bas.assert_certified(bg.equilibria_2x2(g), g)
    bas.assert_certified(bg.solve_zero_sum(bg.Game.zero_sum([[1, -1], [-1, 1]])),
                         bg.Game.zero_sum([[1, -1], [-1, 1]]))


def test_assert_certified_catches_a_wrong_answer():
    good, bad = np.array([0.0, 1.0]), np.array([1.0, 0.0])
    wrong = Fake((Profile(good, good), Profile(bad, bad)))
    with pytest.raises(AssertionError, match="equilibrium 1: not an equilibrium"):
        bas.assert_certified(wrong, PD)
    half = (Fraction(1, 2), Fraction(1, 2))
    exact_wrong = Fake((Profile(np.array([2 / 3, 1 / 3]), np.array([1 / 3, 2 / 3]), half, half),))
    with pytest.raises(AssertionError, match="equilibrium 0: not an exact equilibrium"):
        bas.assert_certified(exact_wrong, BOS, tol=1e-6)


def test_assert_certified_batched():
    rng = np.random.default_rng(1)
    batch = bg.Game(rng.normal(size=(200, 2, 2)), rng.normal(size=(200, 2, 2)))
    res = bg.equilibria_2x2(batch)
    bas.assert_certified(res, batch)
    bas.assert_certified(bg.batched_equilibria(batch), batch)

    @dataclasses.dataclass
    class Batched:
        row: np.ndarray
        col: np.ndarray
        valid: np.ndarray

    pds = bg.Game(np.stack([PD.A] * 3), np.stack([PD.B] * 3))
    row = np.zeros((3, 2, 2))
    row[..., 1] = 1.0  # (Defect, Defect) in every slot: the equilibrium
    valid = np.array([[True, False]] * 3)
    bas.assert_certified(Batched(row, row.copy(), valid), pds)
    row[2, 0] = [1.0, 0.0]  # (Cooperate, Defect) in game 2, slot 0
    with pytest.raises(AssertionError, match=r"slot \(2, 0\) \(of 1 failing\)"):
        bas.assert_certified(Batched(row, np.tile([0.0, 1.0], (3, 2, 1)), valid), pds)
    with pytest.raises(bg.InvalidArgumentError, match="do not fit"):
        bas.assert_certified(Batched(row[..., :1], row, valid), pds)
    not_prob = Batched(np.full((200, 4, 2), 0.7), np.array(res.col), np.array(res.valid))
    with pytest.raises(AssertionError, match="not a pair of probability vectors"):
        bas.assert_certified(not_prob, batch)


def test_assert_same_equilibria():
    a = bg.nash_equilibria(BOS, method="support", exact=True)
    b = bg.nash_equilibria(BOS, method="vertex", exact=True)
    bas.assert_same_equilibria(a, b)
    bas.assert_same_equilibria(bg.nash_equilibria(BOS, method="support"), a)
    with pytest.raises(AssertionError, match="only in the first"):
        bas.assert_same_equilibria(a, Fake(a.equilibria[:1]))
    with pytest.raises(AssertionError, match="only in the second"):
        bas.assert_same_equilibria(Fake(a.equilibria[:2]), a)


@given(bst.games(rows=(1, 3), cols=(1, 3)))
def test_property_solvers_pass_the_assertions(g):
    res = bg.nash_equilibria(g, exact=True)
    bas.assert_certified(res, g)
    bas.assert_same_equilibria(res, bg.nash_equilibria(g, method="vertex", exact=True))


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: bas.assert_certified(object(), PD), "result must have .equilibria"),
        (lambda: bas.assert_certified(bg.nash_equilibria(PD), PD, tol=-1), "tol must be >= 0"),
        (lambda: bas.assert_certified(bg.nash_equilibria(PD), [[1]]), "expected a bargain.Game"),
        (lambda: bas.assert_equilibrium(bg.Game(np.zeros((2, 2, 3)), np.zeros((2, 2, 3))), [1, 0], [1, 0, 0]),
         "single game"),
        (lambda: bas.assert_same_equilibria(PD, PD), "first must be a result"),
        (lambda: bas.assert_same_equilibria(bg.nash_equilibria(PD), bg.nash_equilibria(PD), atol=-1),
         "atol must be >= 0"),
    ],
)
def test_bad_arguments(call, fragment):
    with pytest.raises(bg.InvalidArgumentError, match=fragment):
        call()


def test_import_without_hypothesis_names_the_extra():
    code = "import sys; sys.modules['hypothesis'] = None; import bargain.testing"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode != 0
    assert "ImportError" in out.stderr and 'pip install "bargain-games[test]"' in out.stderr
