"""Issue linkage: tying a neighbour's border enforcement to its access to your market.

The policy, in our words: a government tells a neighbour that market access depends on what
the neighbour does about the border and drug trafficking. Each issue on its own is a
Prisoner's Dilemma between the two countries, repeated year after year: both gain from
cooperating, each gains more by shirking once. Cooperation on an issue lasts only if losing
it later costs more than shirking gains now. Linking the issues -- a lapse on either one ends
cooperation on both -- lets the issue with slack enforcement power carry the one without.

The model (bargain.models.linkage.issue_linkage): two symmetric Prisoner's Dilemmas with
payoffs T > R > P > S, grim trigger with Nash reversion.

* Separately, issue k needs a discount factor of at least (T_k - R_k) / (T_k - P_k).
* Linked (Spagnolo 1999; Maggi 1999; Bernheim and Whinston 1990), both issues need
  (T_1 - R_1 + T_2 - R_2) / (T_1 - P_1 + T_2 - P_2): a mediant of the two separate
  thresholds, never above the larger one, and strictly below it when they differ.
* With side payments (Goldlücke and Kranz 2012: "access is paid for"), the sums over both
  countries count. When the countries are alike that gives the linked threshold again; when
  the neighbour values market access more than the border (stakes), the country with slack
  can pay the other to stay, and the threshold falls further.

Run: python examples/issue_linkage.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

from bargain.models.linkage import issue_linkage

QUESTION = "Does tying border enforcement to trade access make cooperation on both self-enforcing?"
TRADE = {"temptation_1": 5, "reward_1": 3, "punishment_1": 1, "sucker_1": 0}
BORDER = {"reward_2": 3, "punishment_2": 2, "sucker_2": 0}


def threshold_rows(temptations: list[int]) -> list[tuple[str, ...]]:
    """One row per temptation on the border issue, all thresholds exact (one batched call)."""
    r = issue_linkage(**TRADE, **BORDER, temptation_2=temptations, exact=True)
    rows = []
    for i, t in enumerate(temptations):
        d_trade, d_border = r.issue_deltas[i]
        rows.append((
            str(t), fmt(d_trade), fmt(d_border), fmt(r.separate_delta[i]), fmt(r.linked_delta[i]),
            fmt(r.transfer_delta[i]), fmt(r.linking_helps[i]),
        ))
    return rows


def stake_rows() -> list[tuple[str, ...]]:
    """The neighbour's stakes in trade and the border (T_2 = 6): linked per country, and with transfers."""
    rows = []
    for s1, s2 in ((1, 1), (2, Fraction(1, 2)), (4, Fraction(1, 4)), (Fraction(1, 2), 2)):
        r = issue_linkage(**TRADE, **BORDER, temptation_2=6, stake_1=s1, stake_2=s2, exact=True)
        d_a, d_b = r.linked_by_country
        rows.append((fmt(Fraction(s1)), fmt(Fraction(s2)), fmt(d_a), fmt(d_b), fmt(r.linked_delta),
                     fmt(r.transfer_delta), fmt(r.transfers_help)))
    return rows


def draw(ax) -> None:
    """Thresholds against the border issue's temptation: separately and linked."""
    temptation = np.linspace(3.05, 12, 300)
    r = issue_linkage(**TRADE, **BORDER, temptation_2=temptation)
    ax.plot(temptation, r.issue_deltas[:, 0], ":", color="grey", label="trade alone")
    ax.plot(temptation, r.issue_deltas[:, 1], "--", color="grey", label="border alone")
    ax.plot(temptation, r.separate_delta, label="both, enforced separately")
    ax.plot(temptation, r.linked_delta, label="both, linked")
    ax.fill_between(temptation, r.linked_delta, r.separate_delta, alpha=0.2,
                    label="only linkage sustains both")
    ax.set_xlabel("temptation to shirk on the border issue (T_2)")
    ax.set_ylabel("smallest discount factor")
    ax.set_title("Issue linkage: trade (5, 3, 1, 0) and border (T_2, 3, 2, 0)")
    ax.legend(loc="lower right")


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)

    print("Issue linkage: border enforcement tied to market access between two neighbours.")
    print(f"Question: {QUESTION}")
    print()
    print("Trade issue (T, R, P, S) = (5, 3, 1, 0); border issue (T_2, 3, 2, 0) for several temptations T_2.")
    table(
        ("T_2", "trade alone", "border alone", "both separately", "both linked", "with transfers",
         "linking helps"),
        threshold_rows([4, 5, 6, 8, 11]),
    )
    print()
    r = issue_linkage(**TRADE, **BORDER, temptation_2=6, exact=True)
    d_trade, d_border = r.issue_deltas
    print(
        f"Answer: yes, over a range of patience. With T_2 = 6, trade alone needs delta >= {fmt(d_trade)} "
        f"and the border alone\n{fmt(d_border)}; linked, both need only {fmt(r.linked_delta)}. For delta in "
        f"[{fmt(r.linked_delta)}, {fmt(d_border)}) border cooperation survives only because trade\naccess "
        "is at stake. Linking never raises the bar above the harder issue's, and it lowers it whenever the "
        "two\nissues differ; paying for access (transfers) does no better here, since both countries are "
        "alike."
    )
    print()
    print("When the neighbour (Country B) values the issues differently: its payoffs on trade and on the")
    print("border scaled by its stakes (T_2 = 6). Side payments pool both countries' slack:")
    table(
        ("B's trade stake", "B's border stake", "A linked", "B linked", "both linked", "with transfers",
         "transfers help"),
        stake_rows(),
    )
    r = issue_linkage(**TRADE, **BORDER, temptation_2=6, stake_1=2, stake_2=Fraction(1, 2), exact=True)
    print(
        f"With stakes 2 and 1/2, linkage needs {fmt(r.linked_delta)} (Country A is the binding one); if the "
        f"neighbour may pay for access,\n{fmt(r.transfer_delta)} is enough."
    )
    print()
    save_figure(args.out, "issue_linkage", draw, size=(5.5, 4.5))


if __name__ == "__main__":
    main()
