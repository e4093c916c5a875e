"""Strategic unpredictability: ambiguity, risk and a reputation for irrationality as leverage.

Three models of the doctrine that keeping an adversary uncertain about what one will do
buys concessions:

* :func:`brinkmanship`: a threat that leaves something to chance (Schelling 1960;
  Powell 1990): the smallest risk of a shared disaster that makes the defender yield, and
  the "madman" prior that does the same work.
* :func:`chain_store`: the reputation of an incumbent who might be a type that always
  fights (Kreps and Wilson 1982; Milgrom and Roberts 1982), market by market.
* :func:`ambiguity_value`: what committing to a randomised policy is worth in any crisis
  game, against committing to a pure policy and against the best Nash equilibrium
  (Conitzer and Sandholm 2006), read from :func:`bargain.commitment_value`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import fmt_number
from bargain.core.frozen import readonly
from bargain.core.game import Game, as_single_game
from bargain.errors import InvalidArgumentError, InvalidModelError
from bargain.models._base import (
    NONNEGATIVE,
    POSITIVE,
    UNIT_OPEN,
    Domain,
    ModelResult,
    Parameter,
    constant,
    is_exact,
    model,
    output,
    pick,
)
from bargain.solvers.stackelberg import commitment_value, stackelberg

__all__ = [
    "brinkmanship",
    "chain_store",
    "ambiguity_value",
    "BrinkmanshipResult",
    "ChainStoreResult",
    "ChainStorePath",
    "AmbiguityValueResult",
]


# ------------------------------------------------------------------------------ brinkmanship
@dataclass(frozen=True, eq=False, repr=False)
class BrinkmanshipResult(ModelResult):
    """Outputs of :func:`brinkmanship`."""

    minimal_risk: Any = output(
        "smallest probability of disaster that makes the defender concede (capped at 1)", unit="probability"
    )
    deterrable: Any = output("whether some risk of disaster (certain disaster at most) deters the defender")
    challenges: Any = output("whether the challenger challenges (exactly when the defender is deterrable)")
    challenger_payoff: Any = output("the challenger's equilibrium payoff (status quo = 0)", unit="payoff")
    defender_payoff: Any = output("the defender's equilibrium payoff (status quo = 0)", unit="payoff")
    certain_threat_credible: Any = output(
        "whether the challenger would carry out a certain disaster if resisted (only if it costs nothing)"
    )
    madman_prior: Any = output(
        "prior on a 'madman' challenger (who always carries out disaster) that deters as minimal_risk does",
        unit="probability",
    )


@model(
    family="unpredictability",
    source="Schelling (1960), The Strategy of Conflict, ch. 8; "
           "Powell (1990), Nuclear Deterrence Theory, ch. 2",
    parameters=[
        Parameter("challenger_gain", "what the challenger gains if the defender concedes", unit="payoff",
                  domain=POSITIVE),
        Parameter("challenger_disaster_cost", "what a disaster costs the challenger", unit="payoff",
                  domain=NONNEGATIVE),
        Parameter("defender_concession_cost", "what conceding costs the defender", unit="payoff",
                  domain=POSITIVE),
        Parameter("defender_disaster_cost", "what a disaster costs the defender", unit="payoff",
                  domain=POSITIVE),
    ],
    result=BrinkmanshipResult,
    exact=True,
)
def brinkmanship(
    challenger_gain: np.ndarray,
    challenger_disaster_cost: np.ndarray,
    defender_concession_cost: np.ndarray,
    defender_disaster_cost: np.ndarray,
) -> dict[str, Any]:
    """Brinkmanship: the smallest risk of shared disaster that makes an adversary back down.

    Policy: a government that deliberately lets a crisis drift toward a catastrophe that
    neither side controls, so that the adversary yields rather than run the risk; the
    "madman" version gets the same effect from the adversary's doubt about whether the
    leader is rational.

    Model and assumptions. Complete information, risk-neutral players, status quo worth
    0 to both. The challenger either leaves the status quo or challenges by committing to
    a process that, if the defender resists, ends in disaster with probability ``q`` (a
    threat that leaves something to chance, Schelling 1960, ch. 8) and otherwise in the
    status quo. The defender then concedes (challenger ``+G``, defender ``-k``) or resists
    (challenger ``-q c``, defender ``-q d`` in expectation), where ``G`` =
    ``challenger_gain``, ``c`` = ``challenger_disaster_cost``, ``k`` =
    ``defender_concession_cost``, ``d`` = ``defender_disaster_cost``. A defender who is
    indifferent concedes.

    Closed form (subgame perfect equilibrium). The defender concedes iff ``q d >= k``, so
    the minimal risk is ``q* = k / d``; when ``k > d`` no risk, not even certain disaster,
    deters (``deterrable`` is False and ``minimal_risk`` is capped at 1). A deterrable
    defender concedes to ``q*`` and the disaster never happens on the path: the challenger
    gets ``G`` and the defender ``-k``. A defender who cannot be deterred resists any
    challenge, which then costs the challenger ``q c >= 0``: it prefers not to challenge and
    both keep 0. Without the commitment to a process, a challenger facing resistance
    compares disaster (``-c``) with backing down (0): a certain threat is credible only when
    ``c = 0``, which is why the risk must be left to chance (Schelling's argument; Powell
    1990, ch. 2 on brinkmanship as a contest in risk-taking).

    The madman mapping. Let the challenger be, with prior probability ``pi``, a "madman"
    who carries out disaster for sure if resisted, and let the sane type pool with it
    (make the same threat, back down if resisted). The defender's expected loss from
    resisting is ``pi d``, so it concedes iff ``pi d >= k``: the pooling prior plays the
    role of the risk, ``pi = q``, and the smallest deterring prior equals ``q* = k / d``
    (``madman_prior``; capped at 1 like ``minimal_risk``).

    Parameters
    ----------
    challenger_gain : array_like, > 0
    challenger_disaster_cost : array_like, >= 0
    defender_concession_cost : array_like, > 0
    defender_disaster_cost : array_like, > 0
    exact : bool
        Fractions for rational parameters.

    Returns
    -------
    BrinkmanshipResult
        ``minimal_risk``, ``deterrable``, ``challenges``, ``challenger_payoff``,
        ``defender_payoff``, ``certain_threat_credible``, ``madman_prior``.

    References
    ----------
    Schelling, T. C. (1960), *The Strategy of Conflict*, Harvard UP, ch. 8 ("The threat
    that leaves something to chance"). Powell, R. (1990), *Nuclear Deterrence Theory: The
    Search for Credibility*, Cambridge UP, ch. 2.

    Examples
    --------
    >>> from bargain.models.unpredictability import brinkmanship
    >>> r = brinkmanship(challenger_gain=1, challenger_disaster_cost=10, defender_concession_cost=1,
    ...                  defender_disaster_cost=4, exact=True)
    >>> r.minimal_risk, r.challenger_payoff, bool(r.certain_threat_credible), r.madman_prior
    (Fraction(1, 4), Fraction(1, 1), False, Fraction(1, 4))
    >>> brinkmanship(challenger_gain=1, challenger_disaster_cost=1, defender_concession_cost=[1, 2, 5],
    ...              defender_disaster_cost=4).minimal_risk
    array([0.25, 0.5 , 1.  ])
    """
    gain, c_cost = challenger_gain, challenger_disaster_cost
    k, d = defender_concession_cost, defender_disaster_cost
    deterrable = np.asarray(k <= d, dtype=bool)
    risk = np.where(deterrable, k / d, constant(1, d))
    zero = constant(0, gain)
    return {
        "minimal_risk": risk,
        "deterrable": deterrable,
        "challenges": deterrable.copy(),
        "challenger_payoff": np.where(deterrable, gain, zero),
        "defender_payoff": np.where(deterrable, -k, constant(0, k)),
        "certain_threat_credible": np.asarray(c_cost <= 0, dtype=bool),
        "madman_prior": risk.copy(),
    }


# ------------------------------------------------------------------------------ chain store
@dataclass(frozen=True, eq=False, repr=False)
class ChainStorePath:
    """The Kreps-Wilson equilibrium market by market, on the path where the weak type fights.

    Every field has shape ``(..., markets)``: the broadcast shape of ``a``, ``b``,
    ``prior``, then one row per market in the order they are played (first market first).

    Attributes
    ----------
    markets_remaining : ndarray of int
        ``k``: markets left including this one (``markets, ..., 1``).
    reputation : ndarray
        ``p_k``: the entrant's belief that the incumbent is tough when it decides.
    entry_threshold : ndarray
        ``b^k``: the entrant stays out when ``p_k > b^k``.
    stay_out_prob : ndarray
        Probability the entrant stays out (1, ``1/a`` at ``p_k = b^k``, or 0).
    fight_prob : ndarray
        Probability the weak incumbent fights if the entrant enters.
    posterior_after_fight : ndarray
        Reputation after entry and a fight, ``max(p_k, b^(k-1))`` (1 in the last market).
    """

    markets_remaining: np.ndarray
    reputation: np.ndarray
    entry_threshold: np.ndarray
    stay_out_prob: np.ndarray
    fight_prob: np.ndarray
    posterior_after_fight: np.ndarray

    FIELDS = ("markets_remaining", "reputation", "entry_threshold", "stay_out_prob", "fight_prob",
              "posterior_after_fight")

    @property
    def markets(self) -> int:
        """The number of markets (rows)."""
        return int(self.markets_remaining.shape[-1])

    def table(self) -> str:
        """The path of one parameter point as a text table (first market first)."""
        if self.reputation.ndim != 1:
            raise InvalidArgumentError(
                f"ChainStorePath.table: the path holds a batch of shape {self.reputation.shape[:-1]}; "
                "index one parameter point first"
            )
        head = ("k", "reputation", "b^k", "stay out", "weak fights", "after fight")
        rows = [head] + [
            tuple(fmt_number(getattr(self, f)[i]) for f in self.FIELDS) for i in range(self.markets)
        ]
        widths = [max(len(r[j]) for r in rows) for j in range(len(head))]
        return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows)

    def __repr__(self) -> str:
        batch = self.reputation.shape[:-1]
        where = f", batch {batch}" if batch else ""
        return f"ChainStorePath({self.markets} markets{where})"


@dataclass(frozen=True, eq=False, repr=False)
class ChainStoreResult(ModelResult):
    """Outputs of :func:`chain_store`."""

    path: Any = output("the equilibrium market by market where the weak type fights (ChainStorePath)",
                       kind="object")
    thresholds: Any = output("entry thresholds b^k, first market first", unit="probability", dims=("market",))
    deterred_markets: Any = output("number of opening markets in which every entrant stays out for sure",
                                   unit="markets")


def _one_horizon(markets: np.ndarray, where: str) -> int:
    first = markets.flat[0]
    if not np.all(markets == first):
        raise InvalidModelError(
            f"{where}: markets must be one number for the whole call (it sets the length of the path "
            f"axis), got several values, e.g. {fmt_number(first)} and "
            f"{fmt_number(markets.flat[int(np.argmax(markets != first))])}"
        )
    return int(first)


@model(
    family="unpredictability",
    source="Kreps and Wilson (1982), J. Econ. Theory 27(2), 253-279, Section 3; "
           "Milgrom and Roberts (1982), J. Econ. Theory 27(2), 280-312",
    parameters=[
        Parameter("a", "weak incumbent's payoff in a market the entrant stays out of (acquiesce 0, fight -1)",
                  unit="payoff", domain=Domain(1, low_open=True)),
        Parameter("b", "entrant's payoff from entry if the incumbent acquiesces (b - 1 if it fights, 0 out)",
                  unit="payoff", domain=UNIT_OPEN),
        Parameter("prior", "initial probability that the incumbent is the tough type who always fights",
                  unit="probability", domain=UNIT_OPEN),
        Parameter("markets", "number of markets (one value per call: it is the length of the path axis)",
                  unit="markets", domain=Domain(1, integer=True)),
    ],
    result=ChainStoreResult,
    exact=True,
)
def chain_store(a: np.ndarray, b: np.ndarray, prior: np.ndarray, markets: np.ndarray) -> dict[str, Any]:
    """The chain-store game with a small doubt that the incumbent is tough (reputation for toughness).

    Policy: a power that answers early challenges harshly, even at a loss, to keep a
    reputation that deters later challengers; the reputation works because challengers
    cannot rule out that it is the kind of power that always fights.

    Model and assumptions (Kreps and Wilson 1982, Section 3). An incumbent meets
    ``markets`` entrants in turn; each sees all past play. An entrant stays out (0) or
    enters; after entry the incumbent acquiesces (entrant ``b``, weak incumbent 0) or
    fights (entrant ``b - 1``, weak incumbent ``-1``); a market left alone gives the weak
    incumbent ``a > 1``; ``0 < b < 1``. With probability ``prior`` the incumbent is tough
    and always fights; the weak incumbent maximises its undiscounted sum.

    The sequential equilibrium (with ``k`` markets to go, reputation ``p_k``):

    * the entrant stays out if ``p_k > b^k``, enters if ``p_k < b^k`` and at ``p_k = b^k``
      stays out with probability ``1 / a`` (which leaves the weak type indifferent one
      market earlier);
    * the weak incumbent acquiesces in the last market; before it, it fights for sure if
      ``p_k >= b^(k-1)`` and otherwise with probability
      ``(1 - b^(k-1)) p_k / ((1 - p_k) b^(k-1))``, which makes the posterior after a fight
      exactly ``b^(k-1)`` (so the next entrant is indifferent);
    * beliefs: unchanged if the entrant stays out, ``max(p_k, b^(k-1))`` after a fight, 0
      after acquiescence.

    The path reported (one row per market, first market first) is the one on which the
    weak type fights every entry: starting from ``prior``, the reputation stays at
    ``prior`` while entrants stay out (``prior > b^k``); from the first market with
    ``prior <= b^k`` on, the reputation on entering market ``k`` is ``b^k``, the entrant
    mixes and the weak type fights with the probability above (where an entrant mixes, the
    path continues on the branch where it enters and is fought). So
    ``deterred_markets`` counts the opening markets with ``prior > b^k``: all but about
    ``log(prior) / log(b)`` of them, however small the prior, once the horizon is long.

    ``markets`` is a real parameter with an integer domain that must take one value per
    call (a sweep over it needs one call per value): it sets the length of the trailing
    path axis.

    Parameters
    ----------
    a : array_like, > 1
    b : array_like, in (0, 1)
    prior : array_like, in (0, 1)
    markets : int >= 1 (one value)
    exact : bool
        Fractions for rational ``a``, ``b``, ``prior``.

    Returns
    -------
    ChainStoreResult
        ``path`` (:class:`ChainStorePath`), ``thresholds`` (``b^k`` per market) and
        ``deterred_markets``.

    References
    ----------
    Kreps, D. M. and Wilson, R. (1982), "Reputation and imperfect information", *Journal of
    Economic Theory* 27(2), 253-279, Section 3 (the sequential equilibrium).
    Milgrom, P. and Roberts, J. (1982), "Predation, reputation, and entry deterrence",
    *Journal of Economic Theory* 27(2), 280-312.

    Examples
    --------
    >>> from bargain.models.unpredictability import chain_store
    >>> r = chain_store(a=2, b="1/2", prior="1/10", markets=5, exact=True)
    >>> int(r.deterred_markets), r.path.reputation.tolist()
    (2, [Fraction(1, 10), Fraction(1, 10), Fraction(1, 10), Fraction(1, 4), Fraction(1, 2)])
    >>> print(r.path.table())
    k  reputation   b^k  stay out  weak fights  after fight
    5        1/10  1/32         1            1         1/10
    4        1/10  1/16         1          7/9          1/8
    3        1/10   1/8         0          1/3          1/4
    2         1/4   1/4       1/2          1/3          1/2
    1         1/2   1/2       1/2            0            1
    """
    where = "unpredictability.chain_store"
    n = _one_horizon(markets, where)
    exact = is_exact(b)
    k = np.arange(n, 0, -1)
    if exact:
        bpow = b[..., None] ** np.array([int(i) for i in range(n + 2)], dtype=object)  # b^0 ... b^(n+1)
    else:  # repeated products: a fraction of the time of float powers
        factors = np.empty(b.shape + (n + 2,))
        factors[..., 0] = 1.0
        factors[..., 1:] = b[..., None]
        bpow = np.cumprod(factors, axis=-1)
    threshold = bpow[..., n:0:-1]  # b^k for k = n, ..., 1
    below = bpow[..., n - 1::-1]  # b^(k-1)
    above = bpow[..., n + 1:1:-1]  # b^(k+1)
    p0 = prior[..., None]
    aa = a[..., None]
    first = k == n
    reputation = pick(first | np.asarray(p0 > above, dtype=bool), p0, threshold)
    one = constant(1, reputation)
    zero = constant(0, reputation)
    stay = pick(reputation > threshold, one, pick(reputation == threshold, 1 / aa, zero))
    fights_surely = np.asarray(reputation >= below, dtype=bool)
    mixed = (1 - below) * reputation / ((1 - reputation) * below)
    fight = np.where(fights_surely, one, mixed)
    posterior = np.where(fights_surely, reputation, below)
    shape = reputation.shape
    path = ChainStorePath(
        markets_remaining=readonly(np.array(np.broadcast_to(k, shape))),
        reputation=readonly(reputation),
        entry_threshold=readonly(np.array(threshold)),
        stay_out_prob=readonly(stay),
        fight_prob=readonly(fight),
        posterior_after_fight=readonly(posterior),
    )
    deterred = np.sum(np.asarray(p0 > threshold, dtype=bool), axis=-1)
    return {"path": path, "thresholds": threshold, "deterred_markets": deterred}


# ------------------------------------------------------------------------------ ambiguity value
@dataclass(frozen=True, eq=False, repr=False)
class AmbiguityValueResult(ModelResult):
    """Outputs of :func:`ambiguity_value` (payoffs are the leader's)."""

    mixed: Any = output("leader's payoff from its optimal mixed commitment (keeping the follower guessing)",
                        unit="payoff")
    pure: Any = output("leader's payoff from its optimal pure commitment (a predictable policy)",
                       unit="payoff")
    best_nash: Any = output("leader's payoff in its best Nash equilibrium (no commitment)", unit="payoff")
    value_of_ambiguity: Any = output("mixed - pure: what calculated unpredictability adds to commitment",
                                     unit="payoff")
    value_of_commitment: Any = output("mixed - best_nash: what committing to a mixed policy adds to Nash",
                                      unit="payoff")
    leader_strategy: Any = output("the optimal mixed commitment, over the leader's actions",
                                  unit="probability", dims=("action",))
    complete: Any = output("whether best_nash is over all Nash equilibria (else a lower bound)")


def _check_game(value: Any, where: str) -> Game:
    try:
        return as_single_game(value, where)
    except InvalidArgumentError as exc:
        message = str(exc)
        prefix = f"{where}: "
        message = message[len(prefix):] if message.startswith(prefix) else message
        raise InvalidModelError(f"{where}: game: {message}") from None


@model(
    family="unpredictability",
    source="Conitzer and Sandholm (2006), Proc. 7th ACM EC, 82-90, Section 3; "
           "von Stengel and Zamir (2010), Games Econ. Behav. 69(2), Section 2",
    parameters=[
        Parameter("game", "the crisis game (a single bimatrix game)", kind="object", check=_check_game),
        Parameter("leader", "who commits to a policy", kind="option", choices=("row", "col"), default="row"),
    ],
    result=AmbiguityValueResult,
)
def ambiguity_value(game: Game, leader: str) -> dict[str, Any]:
    """The value of ambiguity in a crisis game: mixed versus pure commitment versus Nash.

    Policy: a leader who announces that it *might* respond to a provocation, without
    saying how surely, in the belief that calculated ambiguity deters better than a
    predictable rule; the model measures what that ambiguity is worth in a given game.

    Model and assumptions. The leader publicly commits to a strategy (a probability on
    each of its actions) and is believed; the follower sees the commitment, not the draw,
    and best responds, breaking ties in the leader's favour (strong Stackelberg
    equilibrium). Three payoffs of the leader are compared: the optimal mixed commitment
    (Conitzer and Sandholm 2006: one linear program per follower action), the optimal
    pure commitment, and the leader's best Nash equilibrium (no commitment). Then
    ``value_of_ambiguity = mixed - pure >= 0`` and ``value_of_commitment = mixed -
    best_nash >= 0`` (von Stengel and Zamir 2010). The computation is
    :func:`bargain.commitment_value`; this model gives it parameter and output
    declarations (so it sweeps, prints and documents like every model) and adds the
    optimal commitment itself.

    Parameters
    ----------
    game : Game or nashpy.Game
        One bimatrix game (the crisis), any size.
    leader : {"row", "col"}
        The player who commits.

    Returns
    -------
    AmbiguityValueResult
        ``mixed``, ``pure``, ``best_nash``, ``value_of_ambiguity``,
        ``value_of_commitment``, ``leader_strategy``, ``complete``; status, message and the
        game's labels come from the solver.

    References
    ----------
    Conitzer, V. and Sandholm, T. (2006), "Computing the optimal strategy to commit to",
    *Proc. 7th ACM Conference on Electronic Commerce*, 82-90, Section 3. von Stengel, B. and
    Zamir, S. (2010), "Leadership games with convex strategy sets", *Games and Economic
    Behavior* 69(2), 446-457.

    Examples
    --------
    Conitzer and Sandholm's (2006) example: Nash gives the leader 2, the best pure
    commitment 3, and committing to each action with probability 1/2 gives 3.5.

    >>> import bargain as bg
    >>> from bargain.models.unpredictability import ambiguity_value
    >>> crisis = bg.Game([[2, 4], [1, 3]], [[1, 0], [0, 1]], players=("US", "Rival"))
    >>> r = ambiguity_value(crisis)
    >>> float(r.mixed), float(r.pure), float(r.best_nash), float(r.value_of_ambiguity)
    (3.5, 3.0, 2.0, 0.5)
    >>> r.leader_strategy
    array([0.5, 0.5])
    """
    cv = commitment_value(game, leader=leader)
    st = stackelberg(game, leader=leader, commitment="mixed")
    return {
        "mixed": np.float64(cv.mixed),
        "pure": np.float64(cv.pure),
        "best_nash": np.float64(cv.best_nash),
        "value_of_ambiguity": np.float64(cv.value_of_ambiguity),
        "value_of_commitment": np.float64(cv.value_of_commitment),
        "leader_strategy": np.array(st.leader_strategy, dtype=np.float64),
        "complete": np.bool_(cv.complete),
        "status": cv.status,
        "message": cv.message,
        "labels": game.labels,
    }
