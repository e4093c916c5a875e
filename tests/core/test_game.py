"""The Game container: immutability, labels, batches, constructors, nashpy interop."""

from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given

import bargain as bg
from bargain.core.game import as_game
from bargain.testing import strategies as bst


def pd():
    return bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("C", "D"),
                   col_actions=("C", "D"), players=("US", "China"), name="PD")


def test_basic_fields_and_repr():
    g = pd()
    assert g.shape == (2, 2) and g.batch_shape == () and not g.is_batch
    assert g.A.dtype == np.float64
    assert g.players == ("US", "China") and g.row_actions == ("C", "D")
    text = repr(g)
    assert "PD" in text and "US" in text and "5, 0" in text


def test_arrays_are_read_only_and_copied():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    g = bg.Game(A, A)
    A[0, 0] = 99
    assert g.A[0, 0] == 1.0
    with pytest.raises(ValueError):
        g.A[0, 0] = 5
    with pytest.raises(AttributeError):
        g.A = A  # frozen dataclass


def test_equality_is_explicit():
    assert pd().equals(pd())
    assert not pd().equals(pd().relabel(name="other"))
    with pytest.raises(TypeError, match="equals"):
        pd() == pd()  # noqa: B015


def test_zero_sum_and_symmetric():
    g = bg.Game.zero_sum([[1, -1], [-1, 1]])
    assert np.array_equal(g.B, -g.A) and g.is_zero_sum()
    s = bg.Game.symmetric([[0, 3], [1, 2]], actions=("Hawk", "Dove"))
    assert np.array_equal(s.B, s.A.T) and s.row_actions == s.col_actions == ("Hawk", "Dove")
    with pytest.raises(bg.InvalidArgumentError, match="Game.symmetric: A must be square"):
        bg.Game.symmetric([[1, 2, 3], [4, 5, 6]])


def test_batch_indexing_and_broadcast():
    A = np.arange(24.0).reshape(3, 2, 2, 2)
    g = bg.Game(A, np.zeros((2, 2)))  # B broadcast against the batch
    assert g.batch_shape == (3, 2) and g.B.shape == (3, 2, 2, 2) and len(g) == 3
    assert g[1].batch_shape == (2,)
    assert np.array_equal(g[2, 1].A, A[2, 1])
    assert g[0:2].batch_shape == (2, 2)
    with pytest.raises(bg.InvalidArgumentError, match="batch axes"):
        g[0, 0, 0]
    with pytest.raises(bg.InvalidArgumentError, match="single game"):
        pd()[0]


def test_transpose_swaps_players():
    g = pd()
    t = g.transpose()
    assert np.array_equal(t.A, g.B.T) and np.array_equal(t.B, g.A.T)
    assert t.players == ("China", "US") and t.transpose().equals(g)


def test_permute():
    g = bg.Game([[1, 2, 3], [4, 5, 6]], [[6, 5, 4], [3, 2, 1]], col_actions=("a", "b", "c"))
    p = g.permute([1, 0], [2, 0, 1])
    assert p.A.tolist() == [[6, 4, 5], [3, 1, 2]] and p.col_actions == ("c", "a", "b")
    with pytest.raises(bg.InvalidArgumentError, match="permutations"):
        g.permute([0, 0], [0, 1, 2])


def test_payoffs_broadcast_over_batch_and_profiles():
    g = pd()
    assert g.payoffs([1, 0], [1, 0]).tolist() == [3, 3]
    xs = np.array([[1, 0], [0, 1], [0.5, 0.5]])
    out = g.payoffs(xs, [0, 1])
    assert out.shape == (3, 2) and out[1].tolist() == [1, 1]
    batch = bg.Game(np.stack([g.A, 2 * g.A]), np.stack([g.B, g.B]))
    assert batch.payoffs([1, 0], [1, 0]).tolist() == [[3, 3], [6, 3]]
    with pytest.raises(bg.InvalidArgumentError, match="Game.payoffs: x must sum to 1"):
        g.payoffs([1, 1], [1, 0])


def test_exact_payoffs():
    g = bg.Game([[Fraction(1, 3), 0], [0, 1]], [[1, 0], [0, 1]])
    A, B = g.exact_payoffs()
    assert A[0, 0] == Fraction(1, 3) and g.has_exact_payoffs
    h = bg.Game([[0.5, 0.25], [1, 2]])
    assert not h.has_exact_payoffs
    Ah, Bh = h.exact_payoffs()
    assert Ah[0, 1] == Fraction(1, 4) and Bh[1, 1] == -2
    i = bg.Game([[2**60 + 1, 0], [0, 0]])  # beyond float precision, kept exactly
    assert i.exact_payoffs()[0][0, 0] == 2**60 + 1


def test_nashpy_roundtrip_and_as_game():
    ng = nashpy.Game(np.array([[1, 2], [3, 4]]), np.array([[4, 3], [2, 1]]))
    g = bg.Game.from_nashpy(ng)
    assert np.array_equal(g.A, ng.payoff_matrices[0])
    back = g.to_nashpy()
    assert np.array_equal(back.payoff_matrices[1], ng.payoff_matrices[1])
    assert as_game(ng, "f").equals(g)
    with pytest.raises(bg.InvalidArgumentError, match="f: expected a bargain.Game or nashpy.Game"):
        as_game(np.eye(2), "f")
    with pytest.raises(bg.InvalidArgumentError, match="to_nashpy: only a single game"):
        bg.Game(np.zeros((3, 2, 2))).to_nashpy()
    with pytest.raises(bg.InvalidArgumentError, match="from_nashpy"):
        bg.Game.from_nashpy("not a game")


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"A": [[1, 2], [3, 4]], "B": [[1, 2, 3], [4, 5, 6]]}, "same \\(m, n\\) shape"),
        ({"A": np.zeros((3, 2, 2)), "B": np.zeros((4, 2, 2))}, "do not broadcast"),
        ({"A": [[1, 2], [3, 4]], "row_actions": ("a",)}, "row_actions must have 2 labels"),
        ({"A": [[1, 2], [3, 4]], "players": ("a", "b", "c")}, "players must have 2 labels"),
        ({"A": [[1, 2], [3, 4]], "name": 5}, "name must be a string"),
        ({"A": [[1, np.nan], [3, 4]]}, "non-finite"),
        ({"A": []}, "at least 2 dimensions|empty"),
        ({"A": [[1, 2], [3]]}, "ragged"),
        ({"A": [["x"]]}, "numeric"),
    ],
)
def test_bad_input(kwargs, fragment):
    with pytest.raises(bg.InvalidArgumentError, match=f"Game: .*{fragment}|Game: {fragment}"):
        bg.Game(**kwargs)


@given(bst.games(batch_shape=(3,)))
def test_batch_items_equal_single_games(g):
    for i in range(3):
        single = bg.Game(g.A[i], g.B[i])
        assert np.array_equal(g[i].A, single.A) and np.array_equal(g[i].B, single.B)
