"""Reference bimatrix games with known sets of extreme Nash equilibria, as data.

Each entry names its source. Payoffs were typed in from the cited work (or, where the
work describes the game in words, written down from that description); sections are
given, page numbers only where they were checked. Every expected list below was also
reproduced independently with lrsnash 7.1 (exact arithmetic, Avis et al. 2010) before
being recorded. ``equilibria`` are the extreme equilibria as exact fractions, in the
canonical order of bargain's enumerators (lexicographically decreasing ``(row, col)``);
``components`` are the maximal Nash subsets (maximal products of equilibrium sets,
Winkels 1979 / Jansen 1981) as index tuples into ``equilibria``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction as F
from itertools import combinations

import bargain as bg

Profile = tuple[tuple[F, ...], tuple[F, ...]]


@dataclass(frozen=True)
class ReferenceGame:
    """A game, where it comes from, and what every complete method must return."""

    name: str
    A: tuple
    B: tuple
    source: str
    n_extreme: int
    degenerate: bool
    equilibria: tuple[Profile, ...] | None = None
    components: tuple[tuple[int, ...], ...] | None = None
    note: str = ""

    def game(self) -> bg.Game:
        return bg.Game([list(r) for r in self.A], [list(r) for r in self.B], name=self.name)


def _p(*xs: str) -> tuple[F, ...]:
    return tuple(F(x) for x in xs)


def _coordination(n: int) -> ReferenceGame:
    eye = tuple(tuple(int(i == j) for j in range(n)) for i in range(n))
    eqs = []
    for k in range(1, n + 1):
        for S in combinations(range(n), k):
            v = tuple(F(1, k) if i in S else F(0) for i in range(n))
            eqs.append((v, v))
    eqs.sort(key=lambda p: tuple(-x for x in p[0]) + tuple(-y for y in p[1]))
    return ReferenceGame(
        name=f"coordination_{n}x{n}",
        A=eye,
        B=eye,
        source=(
            "Quint and Shubik (1997), 'A bound on the number of Nash equilibria in a coordination "
            "game', Economics Letters 57; von Stengel (1999), DCG 21, Sec. 1: the n x n identity "
            "game has 2^n - 1 equilibria (x = y = uniform on any nonempty support)"
        ),
        n_extreme=2**n - 1,
        degenerate=False,
        equilibria=tuple(eqs),
        components=tuple((i,) for i in range(len(eqs))),
    )


def _zero(m: int, n: int) -> ReferenceGame:
    eqs = []
    for i in range(m):
        for j in range(n):
            x = tuple(F(int(r == i)) for r in range(m))
            y = tuple(F(int(c == j)) for c in range(n))
            eqs.append((x, y))
    zeros = tuple(tuple(0 for _ in range(n)) for _ in range(m))
    return ReferenceGame(
        name=f"all_zero_{m}x{n}",
        A=zeros,
        B=zeros,
        source=(
            "trivial degenerate case (every profile is an equilibrium); nashpy's vertex "
            "enumeration fails on it (bargain issue 4)"
        ),
        n_extreme=m * n,
        degenerate=m * n > 1,  # a 1x1 game is (trivially) nondegenerate
        equilibria=tuple(eqs),
        components=(tuple(range(m * n)),),
    )


VON_STENGEL_75_A = (
    (9504, -660, 19976, -20526, 1776, -8976),
    (-111771, 31680, -130944, 168124, -8514, 52764),
    (397584, -113850, 451176, -586476, 29216, -178761),
    (171204, -45936, 208626, -263076, 14124, -84436),
    (1303104, -453420, 1227336, -1718376, 72336, -461736),
    (737154, -227040, 774576, -1039236, 48081, -300036),
)
VON_STENGEL_75_B = (
    (72336, 48081, 29216, 14124, 1776, -8514),
    (-461736, -300036, -178761, -84436, -8976, 52764),
    (1227336, 774576, 451176, 208626, 19976, -130944),
    (-1718376, -1039236, -586476, -263076, -20526, 168124),
    (1303104, 737154, 397584, 171204, 9504, -111771),
    (-453420, -227040, -113850, -45936, -660, 31680),
)

REFERENCE_GAMES: tuple[ReferenceGame, ...] = (
    ReferenceGame(
        name="matching_pennies",
        A=((1, -1), (-1, 1)),
        B=((-1, 1), (1, -1)),
        source="Gibbons (1992), Game Theory for Applied Economists, Sec. 1.3.A (Matching Pennies)",
        n_extreme=1,
        degenerate=False,
        equilibria=((_p("1/2", "1/2"), _p("1/2", "1/2")),),
        components=((0,),),
    ),
    ReferenceGame(
        name="battle_of_the_sexes",
        A=((2, 0), (0, 1)),
        B=((1, 0), (0, 2)),
        source="Luce and Raiffa (1957), Games and Decisions, Sec. 5.3 (the 'battle of the sexes')",
        n_extreme=3,
        degenerate=False,
        equilibria=(
            (_p("1", "0"), _p("1", "0")),
            (_p("2/3", "1/3"), _p("1/3", "2/3")),
            (_p("0", "1"), _p("0", "1")),
        ),
        components=((0,), (1,), (2,)),
    ),
    ReferenceGame(
        name="chicken",
        A=((0, -1), (1, -10)),
        B=((0, 1), (-1, -10)),
        source=(
            "Rapoport and Chammah (1966), 'The game of chicken', American Behavioral Scientist "
            "10(3): swerve/straight with a catastrophic crash (payoffs 0, -1, 1, -10 chosen here)"
        ),
        n_extreme=3,
        degenerate=False,
        equilibria=(
            (_p("1", "0"), _p("0", "1")),
            (_p("9/10", "1/10"), _p("9/10", "1/10")),
            (_p("0", "1"), _p("1", "0")),
        ),
        components=((0,), (1,), (2,)),
    ),
    ReferenceGame(
        name="prisoners_dilemma",
        A=((3, 0), (5, 1)),
        B=((3, 5), (0, 1)),
        source="Axelrod (1984), The Evolution of Cooperation, ch. 1 (R=3, S=0, T=5, P=1)",
        n_extreme=1,
        degenerate=False,
        equilibria=((_p("0", "1"), _p("0", "1")),),
        components=((0,),),
    ),
    ReferenceGame(
        name="shapley_3x3",
        A=((0, 1, 0), (0, 0, 1), (1, 0, 0)),
        B=((0, 0, 1), (1, 0, 0), (0, 1, 0)),
        source=(
            "Shapley (1964), 'Some topics in two-person games', Advances in Game Theory, Annals "
            "of Math. Studies 52: the 3x3 game on which fictitious play cycles; unique "
            "equilibrium at uniform play (0/1 form of the payoffs)"
        ),
        n_extreme=1,
        degenerate=False,
        equilibria=((_p("1/3", "1/3", "1/3"), _p("1/3", "1/3", "1/3")),),
        components=((0,),),
    ),
    ReferenceGame(
        name="handbook_3x2",
        A=((0, 6), (2, 5), (3, 3)),
        B=((1, 0), (0, 2), (4, 3)),
        source=(
            "von Stengel (2002), 'Computing equilibria for two-person games', Handbook of Game "
            "Theory vol. 3, ch. 45, Sec. 2 running example (also the example of the lrsnash "
            "manual page)"
        ),
        n_extreme=3,
        degenerate=False,
        equilibria=(
            (_p("2/3", "1/3", "0"), _p("1/3", "2/3")),
            (_p("0", "1/3", "2/3"), _p("2/3", "1/3")),
            (_p("0", "0", "1"), _p("1", "0")),
        ),
        components=((0,), (1,), (2,)),
    ),
    ReferenceGame(
        name="agt_3x2",
        A=((3, 3), (2, 5), (0, 6)),
        B=((3, 2), (2, 6), (3, 1)),
        source=(
            "von Stengel (2007), 'Equilibrium computation for two-player games in strategic and "
            "extensive form', in Nisan et al., Algorithmic Game Theory, ch. 3, eq. (3.3) and "
            "Sec. 3.2-3.3 (nondegenerate, three equilibria)"
        ),
        n_extreme=3,
        degenerate=False,
        equilibria=(
            (_p("1", "0", "0"), _p("1", "0")),
            (_p("4/5", "1/5", "0"), _p("2/3", "1/3")),
            (_p("0", "1/3", "2/3"), _p("1/3", "2/3")),
        ),
        components=((0,), (1,), (2,)),
    ),
    ReferenceGame(
        name="agt_3x2_degenerate",
        A=((3, 3), (2, 5), (0, 6)),
        B=((3, 3), (2, 6), (3, 1)),
        source=(
            "von Stengel (2007), in Nisan et al., Algorithmic Game Theory, ch. 3, Sec. 3.5 "
            "'Degenerate games': the game of (3.3) with the first row of B made (3, 3), so the "
            "pure top row has two best responses; a segment of equilibria plus one isolated"
        ),
        n_extreme=3,
        degenerate=True,
        equilibria=(
            (_p("1", "0", "0"), _p("1", "0")),
            (_p("1", "0", "0"), _p("2/3", "1/3")),
            (_p("0", "1/3", "2/3"), _p("1/3", "2/3")),
        ),
        components=((0, 1), (2,)),
    ),
    ReferenceGame(
        name="selten_chain_store",
        A=((1, 1), (2, 0)),
        B=((5, 5), (2, 0)),
        source=(
            "Selten (1978), 'The chain store paradox', Theory and Decision 9: one-period entry "
            "game in normal form; rows (out, in), columns (cooperative, aggressive); payoffs "
            "out (1, 5), in+cooperative (2, 2), in+aggressive (0, 0). Continuum: out with "
            "aggressive played with probability >= 1/2"
        ),
        n_extreme=3,
        degenerate=True,
        equilibria=(
            (_p("1", "0"), _p("1/2", "1/2")),
            (_p("1", "0"), _p("0", "1")),
            (_p("0", "1"), _p("1", "0")),
        ),
        components=((0, 1), (2,)),
    ),
    ReferenceGame(
        name="winkels_6x2",
        A=((1, 3), (1, 3), (3, 1), (3, 1), (F(5, 2), F(5, 2)), (F(5, 2), F(5, 2))),
        B=((1, 2), (0, -1), (-2, 2), (4, -1), (-1, 6), (6, -1)),
        source=(
            "Winkels (1979), 'An algorithm to determine all equilibrium points of a bimatrix "
            "game', in Moeschlin and Pallaschke (eds.), Game Theory and Related Topics; 6x2 "
            "example as reproduced in Canty (2003), Resolving Conflicts with Mathematica. "
            "Heavily degenerate (pairs of identical rows of A): 12 extreme equilibria"
        ),
        n_extreme=12,
        degenerate=True,
        equilibria=(
            (_p("1", "0", "0", "0", "0", "0"), _p("0", "1")),
            (_p("7/8", "0", "0", "0", "0", "1/8"), _p("1/4", "3/4")),
            (_p("1/2", "1/2", "0", "0", "0", "0"), _p("1/4", "3/4")),
            (_p("1/2", "1/2", "0", "0", "0", "0"), _p("0", "1")),
            (_p("0", "7/8", "0", "0", "1/8", "0"), _p("1/4", "3/4")),
            (_p("0", "0", "7/11", "0", "0", "4/11"), _p("3/4", "1/4")),
            (_p("0", "0", "5/9", "4/9", "0", "0"), _p("1", "0")),
            (_p("0", "0", "5/9", "4/9", "0", "0"), _p("3/4", "1/4")),
            (_p("0", "0", "0", "1", "0", "0"), _p("1", "0")),
            (_p("0", "0", "0", "7/12", "5/12", "0"), _p("3/4", "1/4")),
            (_p("0", "0", "0", "0", "1/2", "1/2"), _p("3/4", "1/4")),
            (_p("0", "0", "0", "0", "1/2", "1/2"), _p("1/4", "3/4")),
        ),
        components=((0, 3), (1, 2, 4, 11), (2, 3), (5, 7, 9, 10), (6, 7), (6, 8), (10, 11)),
    ),
    ReferenceGame(
        name="von_stengel_75",
        A=VON_STENGEL_75_A,
        B=VON_STENGEL_75_B,
        source=(
            "von Stengel (1999), 'New maximal numbers of equilibria in bimatrix games', "
            "Discrete Comput. Geom. 21, 557-568: the 6x6 nondegenerate game with 75 equilibria "
            "(more than the 2^6 - 1 = 63 of the coordination game); entries as reproduced in "
            "M. Canty's bimatrix-game examples"
        ),
        n_extreme=75,
        degenerate=False,
        note="equilibria not listed in the source; count and nondegeneracy checked",
    ),
    _coordination(2),
    _coordination(3),
    _coordination(4),
    _coordination(5),
    _zero(1, 1),
    _zero(2, 3),
    _zero(3, 3),
)

#: Reference games small enough for support enumeration in the default test run.
SMALL = tuple(r for r in REFERENCE_GAMES if len(r.A) * len(r.A[0]) <= 25)


# ---------------------------------------------------------------------------- test helpers
def exact_profiles(res: bg.NashResult) -> set[Profile]:
    """The equilibria of an exact result as a set of Fraction tuples."""
    return {(e.row_exact, e.col_exact) for e in res.equilibria}


def rounded(profiles, digits: int = 7) -> set[tuple]:
    """Profiles (floats or fractions) rounded, for comparing float results."""
    return {
        (tuple(round(float(v), digits) + 0.0 for v in x), tuple(round(float(v), digits) + 0.0 for v in y))
        for x, y in profiles
    }


def float_profiles(res: bg.NashResult, digits: int = 7) -> set[tuple]:
    return rounded(((e.row, e.col) for e in res.equilibria), digits)


def component_sets(res_or_ref, equilibria=None) -> set[frozenset]:
    """Components as a set of frozensets of (rounded) profiles, independent of ordering."""
    if equilibria is None:
        equilibria = [(e.row, e.col) for e in res_or_ref.equilibria]
        comps = res_or_ref.components
    else:
        comps = res_or_ref
    keys = [next(iter(rounded([p]))) for p in equilibria]
    return {frozenset(keys[i] for i in c) for c in comps}


def lrsnash_equilibria(A, B) -> set[Profile] | None:
    """All extreme equilibria from the ``lrsnash`` program (None when it is not installed).

    Writes lrsnash's plain input format: ``m n``, then ``A`` and ``B`` row by row.
    """
    import os
    import shutil
    import subprocess
    import tempfile

    import numpy as np

    if shutil.which("lrsnash") is None:
        return None
    A = np.asarray(A, dtype=object)
    B = np.asarray(B, dtype=object)
    m, n = A.shape

    def block(M):
        return "\n".join(" ".join(str(F(v)) for v in row) for row in M)

    with tempfile.NamedTemporaryFile("w", suffix=".nash", delete=False) as fh:
        fh.write(f"{m} {n}\n\n{block(A)}\n\n{block(B)}\n")
        path = fh.name
    try:
        out = subprocess.run(["lrsnash", path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    eqs: set[Profile] = set()
    ys: list[tuple[F, ...]] = []
    for line in out.splitlines():
        tok = line.split()
        if not tok or tok[0].startswith("*"):
            continue
        if tok[0] == "2":
            ys.append(tuple(F(v) for v in tok[1 : 1 + n]))
        elif tok[0] == "1":
            x = tuple(F(v) for v in tok[1 : 1 + m])
            eqs.update((x, y) for y in ys)
            ys = []
    return eqs


def integer_game(g: bg.Game) -> bg.Game:
    """The same game with its (integer-valued) payoffs kept exactly, so that affine variants
    (``bargain.testing.strategies.affine_variants``) are exact images and the exact path
    returns exactly the same equilibria on them."""
    import numpy as np

    return bg.Game(np.asarray(g.A).astype(int), np.asarray(g.B).astype(int))


def von_stengel_75() -> ReferenceGame:
    """The 6x6 game with 75 equilibria (payoffs of order 1e6, as Gambit's catalogue stores it)."""
    return next(r for r in REFERENCE_GAMES if r.name == "von_stengel_75")
