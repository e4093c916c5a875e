"""Which two of three great powers cooperate: a three-player coalitional game in closed form.

Three powers (say the US, China and the EU) can each go it alone, cooperate in a pair, or
all cooperate. :func:`trilateral_cooperation` takes the gains from cooperation of each pair
and of the three together as broadcast parameters and answers the questions of the
coalitional layer (:mod:`bargain.bargaining.coalitional`) in closed form: is there a split
of the trilateral gain that no pair would walk away from (the core), what each power's
Shapley value is, how far the grand coalition is from stability, and which pair forms when
it is not stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain.models._base import NONNEGATIVE, ModelResult, Parameter, constant, model, output

__all__ = ["TrilateralCooperation", "trilateral_cooperation", "PAIRS"]

#: The pairs, by the code of the ``pair`` output: 0 -> powers 1 and 2, 1 -> 1 and 3, 2 -> 2 and 3.
PAIRS: tuple[tuple[int, int], ...] = ((0, 1), (0, 2), (1, 2))


@dataclass(frozen=True, eq=False, repr=False)
class TrilateralCooperation(ModelResult):
    """Result of :func:`trilateral_cooperation`."""

    core_nonempty: Any = output("some split of the trilateral gain is blocked by no pair and no power alone")
    least_core_epsilon: Any = output(
        "least-core value: the largest complaint of a coalition at the best split "
        "(<= 0 iff the core is nonempty)",
        unit="gain",
    )
    core_deficit: Any = output(
        "extra trilateral gain needed for a nonempty core (0 when it is nonempty)", unit="gain"
    )
    shapley: Any = output("each power's Shapley value", unit="gain", dims=("power",))
    pair: Any = output(
        "the pair that forms without a stable grand coalition: 0 = (1, 2), 1 = (1, 3), 2 = (2, 3)"
    )
    pair_gain: Any = output("that pair's gain from cooperation", unit="gain")
    outcome: Any = output("what forms: 0 = all three, 1 = pair (1, 2), 2 = pair (1, 3), 3 = pair (2, 3)")


_GAIN = "gain from cooperation over going it alone"


@model(
    family="coalitions",
    source=(
        "Shapley (1953), Contributions to the Theory of Games II, 307-317 (the value); Gillies (1959), "
        "Contributions to the Theory of Games IV, 47-85 (the core); Bondareva (1963) and Shapley (1967) "
        "(balanced collections: the core conditions of a 3-player game); Maschler, Peleg and Shapley "
        "(1979), Math. Oper. Res. 4(4), Section 2 (the least core)"
    ),
    parameters=[
        Parameter("gain_12", f"powers 1 and 2's joint {_GAIN}", unit="gain", domain=NONNEGATIVE, default=1),
        Parameter("gain_13", f"powers 1 and 3's joint {_GAIN}", unit="gain", domain=NONNEGATIVE, default=1),
        Parameter("gain_23", f"powers 2 and 3's joint {_GAIN}", unit="gain", domain=NONNEGATIVE, default=1),
        Parameter("gain_123", f"the three powers' joint {_GAIN}", unit="gain", domain=NONNEGATIVE,
                  default=1.5),
    ],
    result=TrilateralCooperation,
    exact=True,
)
def trilateral_cooperation(gain_12, gain_13, gain_23, gain_123):
    """Which two of three great powers cooperate: core, Shapley value and the pair that forms.

    The policy: pragmatic cooperation among three great powers (trade, security, climate),
    where any two can strike a deal without the third, so the question is whether all three
    cooperate or which two do, and who gets how much.

    The model and its assumptions: a three-player game with transferable utility (gains can
    be shared through side payments, tariff concessions, burden sharing), normalised so
    that a power alone gets 0: ``v(i) = 0``, ``v(ij) = gain_ij >= 0``,
    ``v(123) = gain_123 >= 0``. A coalition can secure its gain whatever the third does.

    Closed forms.

    * Core (Gillies 1959). By the Bondareva-Shapley theorem the core is nonempty iff
      ``sum_S w_S v(S) <= v(N)`` for every minimal balanced collection; for three players
      these are the three pairs with weights 1/2 and a pair with the remaining singleton,
      so the core is nonempty iff

      .. math:: v(123) \\ge \\tfrac12 (v(12) + v(13) + v(23)) \\quad\\text{and}\\quad
                v(123) \\ge \\max_{ij} v(ij).

      ``core_deficit`` is the shortfall ``max(0, max(sum/2, max_ij v(ij)) - v(123))``.
    * Least core (Maschler, Peleg and Shapley 1979): the smallest ``eps`` such that some
      split gives every coalition at least ``v(S) - eps``; by LP duality it is the largest
      ``(sum_S w_S v(S) - v(N)) / sum_S w_S`` over the same collections:
      ``eps* = max((v12 + v13 + v23 - 2 v123) / 3, (v_ij - v123) / 2, -v123 / 3)``.
    * Shapley value (Shapley 1953), averaging marginal contributions over the six orders:
      ``phi_1 = v123 / 3 + (v12 + v13) / 6 - v23 / 3`` (and symmetrically).
    * Which pair forms (our stated rule). If the core is nonempty the three cooperate
      (``outcome = 0``): some split leaves no pair and no power better off outside. If it
      is empty every split is blocked by a pair, and a pair forms: inside a pair the gain is
      split equally (the two-player Shapley value, and the Nash bargaining solution with
      disagreement at 0), so each power's best partner is the one with whom its pair gain
      is largest, and the pair with the largest gain is a pair of mutual best partners; it
      forms (ties: the lower code).

    Parameters
    ----------
    gain_12, gain_13, gain_23 : array_like
        Each pair's joint gain from cooperation (>= 0).
    gain_123 : array_like
        The three powers' joint gain (>= 0).

    Returns
    -------
    TrilateralCooperation
        ``core_nonempty``, ``least_core_epsilon``, ``core_deficit``, ``shapley`` (last axis:
        the three powers), ``pair``, ``pair_gain``, ``outcome``.

    References
    ----------
    Shapley, L. S. (1953), "A value for n-person games", Contributions to the Theory of Games
    II, 307-317. Gillies, D. B. (1959), "Solutions to general non-zero-sum games",
    Contributions to the Theory of Games IV, 47-85. Bondareva, O. N. (1963), Problemy
    Kibernetiki 10, 119-139; Shapley, L. S. (1967), Naval Research Logistics Quarterly 14,
    453-460. Maschler, M., Peleg, B. and Shapley, L. S. (1979), Mathematics of Operations
    Research 4(4), 303-338.

    Examples
    --------
    US (1), China (2) and the EU (3): the transatlantic pair gains most, and the three
    together gain too little to hold everyone in:

    >>> from bargain.models.coalitions import trilateral_cooperation
    >>> r = trilateral_cooperation(gain_12=4, gain_13=6, gain_23=3, gain_123=6, exact=True)
    >>> bool(r.core_nonempty), r.core_deficit, [str(v) for v in r.shapley], int(r.outcome)
    (False, Fraction(1, 2), ['8/3', '7/6', '13/6'], 2)
    """
    pairs = (gain_12, gain_13, gain_23)
    total = gain_12 + gain_13 + gain_23
    best = np.maximum(np.maximum(gain_12, gain_13), gain_23)
    needed = np.maximum(total / 2, best)
    core_nonempty = np.asarray(gain_123 >= needed, dtype=bool)
    deficit = np.where(core_nonempty, constant(0, gain_123), needed - gain_123)
    eps = np.maximum(np.maximum((total - 2 * gain_123) / 3, (best - gain_123) / 2), -gain_123 / 3)
    third = gain_123 / 3
    shapley = np.stack(
        [
            third + (gain_12 + gain_13) / 6 - gain_23 / 3,
            third + (gain_12 + gain_23) / 6 - gain_13 / 3,
            third + (gain_13 + gain_23) / 6 - gain_12 / 3,
        ],
        axis=-1,
    )
    first = np.asarray((gain_12 >= gain_13) & (gain_12 >= gain_23), dtype=bool)
    second = np.asarray(gain_13 >= gain_23, dtype=bool)
    pair = np.where(first, 0, np.where(second, 1, 2)).astype(np.int64)
    pair_gain = np.where(first, pairs[0], np.where(second, pairs[1], pairs[2]))
    outcome = np.where(core_nonempty, 0, pair + 1).astype(np.int64)
    return {
        "core_nonempty": core_nonempty,
        "least_core_epsilon": eps,
        "core_deficit": deficit,
        "shapley": shapley,
        "pair": pair,
        "pair_gain": pair_gain,
        "outcome": outcome,
    }
