"""The Game container: immutability, labels, batches, constructors, nashpy interop."""

import copy
import pickle
from decimal import Decimal
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    assert not pd().is_zero_sum() and bg.Game([[1, 0]], [[-1, 1e-12]]).is_zero_sum(rel_tol=1e-9)
    with pytest.raises(TypeError):
        g.is_zero_sum(1e-9)  # keyword-only: rel_tol=
    with pytest.raises(bg.InvalidArgumentError, match="Game.is_zero_sum: rel_tol must be >= 0"):
        g.is_zero_sum(rel_tol=-1)
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


# --- input the way users write it (issue 9 item 4) ---------------------------------------------

CELLS = [[(3, 3), (0, 5)], [(5, 0), (1, 1)]]


def test_from_cells_reads_textbook_pairs_exactly():
    g = bg.Game.from_cells(CELLS, row_actions=("C", "D"), col_actions=("C", "D"), players=("US", "China"))
    assert g.equals(pd().relabel(name=""))
    assert g.has_exact_payoffs and g.exact_payoffs()[1][0, 1] == 5
    f = bg.Game.from_cells([[(Fraction(1, 3), 0.1), (2**60 + 1, 0)]])
    A, B = f.exact_payoffs()
    assert A[0, 0] == Fraction(1, 3) and B[0, 0] == Fraction(1, 10) and A[0, 1] == 2**60 + 1
    batch = bg.Game.from_cells(np.stack([np.array(CELLS), 2 * np.array(CELLS)]))
    assert batch.batch_shape == (2,) and batch[1].A.tolist() == [[6, 0], [10, 2]]


@pytest.mark.parametrize(
    "cells, fragment",
    [
        ([[1, 2], [3, 4]], "table of pairs"),
        ([[(1, 2, 3)]], "table of pairs"),
        ([[(1, 2), (3,)]], "ragged"),
        ([[(1, np.nan)]], "non-finite"),
        ([[(True, 1)]], "boolean"),
        ([], "table of pairs|empty"),
    ],
)
def test_from_cells_bad_input(cells, fragment):
    with pytest.raises(bg.InvalidGameError, match=f"Game.from_cells: .*{fragment}"):
        bg.Game.from_cells(cells)


def test_cells_given_to_game_are_refused_not_read_as_a_batch():
    with pytest.raises(bg.InvalidGameError, match="Game: A looks like payoff pairs per cell.*from_cells"):
        bg.Game(CELLS)
    # lists of lists (not tuples), a 3x2 table, and a batch of tables all look like cells too
    for cells in ([[[3, 3], [0, 5]], [[5, 0], [1, 1]]], [[(1, 1), (0, 0)]] * 3, [CELLS, CELLS]):
        with pytest.raises(bg.InvalidGameError, match="Game.zero_sum"):
            bg.Game(cells)
    # The ambiguous (2, 2, 2) batch of zero-sum games: explicit through Game.zero_sum or an array
    z = bg.Game.zero_sum([[[1, 0], [0, 1]], [[2, 0], [0, 1]]])
    assert z.batch_shape == (2,) and z[1].B.tolist() == [[-2, 0], [0, -1]]
    assert bg.Game(np.array([[[1, 0], [0, 1]], [[2, 0], [0, 1]]])).equals(z)
    # not cells: B given, three columns, or a single matrix
    assert bg.Game([[[1, 0, 2]]]).batch_shape == (1,)
    assert bg.Game(CELLS, CELLS).batch_shape == (2,)
    assert bg.Game([[1, 2], [3, 4]]).shape == (2, 2)


def test_more_than_two_matrices_is_refused():
    M = [[1, 0], [0, 1]]
    with pytest.raises(bg.InvalidGameError, match="Game: a game has two players.*got 3"):
        bg.Game(M, M, M)
    with pytest.raises(bg.InvalidGameError, match="keyword arguments \\(row_actions="):
        bg.Game(M, M, ("a", "b"), ("c", "d"))


class FakeIndex:
    """The two things a pandas Index offers that Game uses: iteration and a class name."""

    def __init__(self, values):
        self.values = list(values)

    def __iter__(self):
        return iter(self.values)


class RangeIndex(FakeIndex):
    def __init__(self, n):
        super().__init__(range(n))
        self.start, self.step = 0, 1


class FakeFrame:
    """Duck-typed DataFrame (pandas is not a dependency)."""

    def __init__(self, data, index, columns):
        self.data, self.index, self.columns = np.asarray(data), index, columns

    def to_numpy(self):
        return self.data


def test_data_frame_labels_become_action_labels():
    A = FakeFrame([[3, 0], [5, 1]], FakeIndex(["C", "D"]), FakeIndex(["c", "d"]))
    B = FakeFrame([[3, 5], [0, 1]], FakeIndex(["C", "D"]), FakeIndex(["c", "d"]))
    g = bg.Game(A, B)
    assert g.row_actions == ("C", "D") and g.col_actions == ("c", "d") and g.has_exact_payoffs
    assert bg.Game(A, B, row_actions=("x", "y")).row_actions == ("x", "y")
    plain = FakeFrame([[1, 0], [0, 1]], RangeIndex(2), RangeIndex(2))
    assert bg.Game(plain).row_actions == ("r0", "r1")
    assert bg.Game(plain, B).col_actions == ("c", "d")
    assert bg.Game.zero_sum(A).row_actions == ("C", "D")
    hawk_dove = FakeFrame([[0, 3], [1, 2]], FakeIndex(["H", "D"]), FakeIndex(["H", "D"]))
    assert bg.Game.symmetric(hawk_dove).col_actions == ("H", "D")
    other = FakeFrame([[3, 5], [0, 1]], FakeIndex(["X", "Y"]), FakeIndex(["c", "d"]))
    with pytest.raises(bg.InvalidGameError, match="Game: the data frames A and B have different index"):
        bg.Game(A, other)
    cells = FakeFrame(np.empty((2, 2), dtype=object), FakeIndex(["C", "D"]), FakeIndex(["C", "D"]))
    for i in range(2):
        for j in range(2):
            cells.data[i, j] = CELLS[i][j]
    assert bg.Game.from_cells(cells).equals(pd().relabel(players=("Row", "Column"), name=""))


def test_pandas_data_frame_if_installed():
    pandas = pytest.importorskip("pandas")
    df = pandas.DataFrame([[3, 0], [5, 1]], index=["C", "D"], columns=["C", "D"])
    g = bg.Game(df, df.T)
    assert g.row_actions == ("C", "D") and g.exact_payoffs()[0][1, 0] == 5


def test_masked_entries_are_refused():
    masked = np.ma.array([[np.nan, 1], [0, 1]], mask=[[1, 0], [0, 0]])
    with pytest.raises(bg.InvalidGameError, match="Game: A has masked entries"):
        bg.Game(masked, [[1, 0], [0, 1]])
    clean = np.ma.array([[2, 1], [0, 1]], mask=False)
    assert bg.Game(clean, [[1, 0], [0, 1]]).A.tolist() == [[2, 1], [0, 1]]


@pytest.mark.parametrize(
    "A, fragment",
    [
        ([[10**400, 0], [0, 1]], "too large for float64 \\(about 10\\*\\*400\\)"),
        ([[Fraction(10**400, 3), 0], [0, 1]], "too large for float64"),
        ([[1e308, -1e308], [0, 1]], "payoff range of A .* overflows"),
        ([[True, False], [False, True]], "boolean"),
        (np.array([[True, False], [False, True]]), "booleans"),
        ([[True, 0], [0, 1]], "boolean"),
        ([[Decimal("NaN"), 0], [0, 1]], "non-finite"),
        ([[1 + 2j, 0], [0, 1]], "numeric"),
        ([[None, 0], [0, 1]], "numeric"),
    ],
)
def test_bad_numbers_get_a_clear_error(A, fragment):
    with pytest.raises(bg.InvalidGameError, match=f"Game: .*{fragment}"):
        bg.Game(A)


def test_big_unsigned_and_decimal_payoffs_kept_exactly():
    g = bg.Game(np.array([[2**63, 0], [0, 1]], dtype=np.uint64))
    assert g.exact_payoffs()[0][0, 0] == 2**63  # not wrapped around to a negative int64
    d = bg.Game([[Decimal("0.1"), 0], [0, 1]])
    assert d.exact_payoffs()[0][0, 0] == Fraction(1, 10)


def test_errors_name_the_constructor_called():
    with pytest.raises(bg.InvalidGameError, match="^Game.zero_sum: A contains a non-finite"):
        bg.Game.zero_sum([[np.nan, 0], [0, 1]])
    with pytest.raises(bg.InvalidGameError, match="^Game.from_nashpy: expected a nashpy.Game"):
        bg.Game.from_nashpy(3)
    with pytest.raises(bg.InvalidGameError, match="^Game.symmetric: "):
        bg.Game.symmetric([[np.inf]])
    with pytest.raises(bg.InvalidGameError, match="^Game.relabel: row_actions must have 2"):
        pd().relabel(row_actions=("a",))
    with pytest.raises(bg.InvalidGameError, match="^Game.zero_sum: unknown keyword"):
        bg.Game.zero_sum([[1]], rows=("a",))
    with pytest.raises(bg.InvalidGameError, match="^nash_equilibria: Game.from_nashpy: "):
        as_game(nashpy.Game(np.array([[np.nan, 0], [0, 1]]), np.eye(2)), "nash_equilibria")


# --- owned read-only copies (issue 10, mutation) -----------------------------------------------

def test_payoffs_are_owned_and_can_never_be_written():
    g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    for arr in (g.A, g.B, g.payoff_range, g.normalized.A, g[...] if g.batch_shape else g.transpose().A):
        with pytest.raises(ValueError):
            arr.setflags(write=True)
        with pytest.raises(ValueError):
            arr[0] = -100
        base = arr.base
        assert not isinstance(base, np.ndarray) or not base.flags.writeable
        with pytest.raises((TypeError, AttributeError, ValueError)):
            base[1, 0] = -100  # the issue-10 reproducer
        if isinstance(base, np.ndarray):
            with pytest.raises(ValueError):
                base.setflags(write=True)
    assert g.A.tolist() == [[3, 0], [5, 1]]
    for exact in g.exact_payoffs():
        with pytest.raises(ValueError):
            exact[0, 0] = Fraction(-100)
    assert bg.pure_equilibria(g).tolist() == [[False, False], [False, True]]


def test_source_arrays_are_copied():
    A = np.array([[3, 0], [5, 1]])
    g = bg.Game(A, A.T)
    A[1, 0] = -100
    assert g.A[1, 0] == 5 and g.exact_payoffs()[0][1, 0] == 5


def test_pickle_and_copies_stay_read_only():
    g = pd()
    for h in (pickle.loads(pickle.dumps(g)), copy.deepcopy(g), copy.copy(g)):
        assert h.equals(g) and h.has_exact_payoffs
        with pytest.raises(ValueError):
            h.A.setflags(write=True)


# --- exact reading of floats (issue 9 item 4) ---------------------------------------------------

def test_exact_payoffs_read_floats_as_typed():
    g = bg.Game([[0.1, 0.9], [1 / 3, 1]], [[0.25, 0], [0, 1]])
    A, B = g.exact_payoffs()
    assert A[0, 0] == Fraction(1, 10) and A[0, 1] == Fraction(9, 10) and B[0, 0] == Fraction(1, 4)
    assert A[1, 0] == Fraction(repr(1 / 3))


def test_exact_solvers_see_the_decimals_typed():
    """exact=True on a game typed with 0.1 and 0.2 solves the game of 1/10 and 1/5."""
    g = bg.Game([[0.1, 0], [0, 0.2]], [[0.2, 0], [0, 0.1]])
    rows = {e.row_exact for e in bg.nash_equilibria(g, exact=True).equilibria}
    assert (Fraction(1, 3), Fraction(2, 3)) in rows


@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="float", min_value=-1e6, max_value=1e6))
def test_exact_payoffs_round_trip_to_the_float_game(g):
    A, B = g.exact_payoffs()
    assert np.array_equal(np.vectorize(float)(A), g.A) and np.array_equal(np.vectorize(float)(B), g.B)


@given(bst.games(rows=(1, 3), cols=(1, 3)), st.data())
def test_affine_variants_keep_the_game_structure(g, data):
    v = data.draw(bst.affine_variants(g))
    assert v.shape == g.shape and v.labels == g.labels
    # the normalised game (what every solver sees) is the same, up to one rounding per payoff
    assert np.allclose(v.normalized.A, g.normalized.A, rtol=0, atol=1e-10)
    assert np.allclose(v.normalized.B, g.normalized.B, rtol=0, atol=1e-10)
    assert np.array_equal(bg.pure_equilibria(v), bg.pure_equilibria(g))


@given(bst.games(rows=(1, 3), cols=(1, 3), payoffs="exact"), st.data())
def test_affine_variants_of_exact_games_normalise_exactly(g, data):
    m = data.draw(bst.affine_maps(g))
    v = m.apply(g)
    for (P, Q) in zip(g.exact_payoffs(), v.exact_payoffs()):
        lo, hi = min(P.ravel()), max(P.ravel())
        lo2, hi2 = min(Q.ravel()), max(Q.ravel())
        if hi > lo:
            assert ((P - lo) / (hi - lo) == (Q - lo2) / (hi2 - lo2)).all()


def test_exact_payoffs_convert_each_player_separately():
    """One player's payoffs as Fractions, the other's as integers: both come back as Fractions
    (found by the game-file reader: exact equilibria failed with a TypeError)."""
    A = np.array([[Fraction(1, 2), 0], [0, 1]], dtype=object)
    g = bg.Game(A, np.array([[1, 0], [0, 2]]))
    a, b = g.exact_payoffs()
    assert a.dtype == object and b.dtype == object
    assert all(isinstance(v, Fraction) for v in b.ravel())
    res = bg.nash_equilibria(g, exact=True)
    assert res.equilibria[2].payoffs_exact == (Fraction(1, 3), Fraction(2, 3))
