"""Technology superiority and export controls: a leader restricts, a follower substitutes.

A state that controls a chokepoint technology can deny it to a rival, but denial invites
the rival to build its own substitute, after which the control is worth less. The
leader-follower structure (the controller moves first and is observed) is solved in
closed form by :func:`export_controls`; the general continuous solver
:func:`bargain.solvers.leader_follower.leader_follower` checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bargain.models._base import (
    NONNEGATIVE,
    POSITIVE,
    ModelResult,
    Parameter,
    constant,
    minimum,
    model,
    output,
    pick,
)

__all__ = ["export_controls", "ExportControlsResult"]


@dataclass(frozen=True, eq=False, repr=False)
class ExportControlsResult(ModelResult):
    """The leader's optimal control stringency, the follower's substitution, both payoffs."""

    stringency: Any = output("the leader's optimal control stringency k in [0, 1]", unit="share")
    investment: Any = output("the follower's investment in substitution at that stringency", unit="value")
    leader_value: Any = output("the leader's payoff: gain k exp(-theta e) - cost k", unit="value")
    follower_value: Any = output("the follower's payoff: -(k beta exp(-theta e) + e)", unit="value")
    substitution_threshold: Any = output(
        "the stringency 1/(beta theta) above which the follower starts to invest", unit="share"
    )


@model(
    family="technology",
    source="Farrell and Newman (2019), 'Weaponized interdependence', International Security 44(1) "
    "(the policy); leader-follower structure after von Stackelberg (1934); closed form derived here",
    parameters=[
        Parameter("beta", "the follower's loss at full stringency without substitutes", unit="value",
                  domain=POSITIVE),
        Parameter("theta", "how fast substitution investment erodes the control", unit="1/value",
                  domain=POSITIVE),
        Parameter("gain", "the leader's gain per unit of effective control", unit="value",
                  domain=NONNEGATIVE),
        Parameter("cost", "the leader's cost per unit of stringency (lost sales)", unit="value",
                  domain=NONNEGATIVE),
    ],
    result=ExportControlsResult,
    exact=True,
)
def export_controls(beta, theta, gain, cost):
    """Export controls against a follower that can invest in substitutes (closed form).

    Models a "small yard, high fence" control regime: the controlling state chooses how much
    of a technology to deny, knowing that a strong denial makes the target build its own;
    the answer is how far to tighten before the target's substitution makes further
    tightening self-defeating.

    Model and assumptions: the leader chooses stringency ``k`` in ``[0, 1]`` and is observed.
    The follower then invests ``e >= 0`` (at unit cost) in substitutes; its loss from the
    controls is ``k beta exp(-theta e)``, so its payoff is ``-(k beta exp(-theta e) + e)``.
    The leader gains ``gain`` per unit of effective control ``k exp(-theta e)`` and pays
    ``cost`` per unit of stringency: ``gain k exp(-theta e) - cost k``. Complete information,
    one shot, ``beta, theta > 0``.

    Closed form. The follower's first-order condition ``k beta theta exp(-theta e) = 1`` gives
    ``e*(k) = max(0, ln(k beta theta) / theta)``: nothing below the threshold
    ``k0 = 1 / (beta theta)``. The leader's value with the response substituted is piecewise:

    - ``k <= k0`` (no substitution): ``(gain - cost) k``, linear;
    - ``k > k0``: ``exp(-theta e*) = k0 / k``, so effective control stays at ``k0`` and the
      value ``gain k0 - cost k`` falls with ``k``.

    Hence ``k* = min(1, k0)`` when ``gain > cost`` and ``k* = 0`` otherwise (no controls: each
    unit costs more than it gains). At ``k*`` the follower does not invest (``e* = 0``), the
    leader gets ``(gain - cost) k*`` and the follower ``-beta k*``. Ties: with ``gain = cost``
    every ``k`` in ``[0, k0]`` is optimal and ``0`` is returned; with ``cost = 0`` every
    ``k >= k0`` is, and ``k0`` is returned (the least stringent optimum). All outputs are
    rational in the parameters, so ``exact=True`` returns Fractions.

    Parameters
    ----------
    beta : array_like
        The follower's loss at full stringency without substitutes (> 0).
    theta : array_like
        The rate at which investment erodes the control (> 0).
    gain, cost : array_like
        The leader's gain per unit of effective control and cost per unit of stringency (>= 0).
    exact : bool, optional
        Fractions in, Fractions out.

    Returns
    -------
    ExportControlsResult
        ``stringency``, ``investment``, ``leader_value``, ``follower_value`` and
        ``substitution_threshold`` (``1 / (beta theta)``).

    References
    ----------
    Farrell, H. and Newman, A. L. (2019). Weaponized interdependence: how global economic
    networks shape state coercion. International Security 44(1), 42-79 (the policy).
    von Stackelberg, H. (1934). Marktform und Gleichgewicht. Springer (the leader-follower
    structure). The closed form is derived above.

    Examples
    --------
    >>> from bargain.models.technology import export_controls
    >>> r = export_controls(beta=4, theta=0.5, gain=1, cost=0.25, exact=True)
    >>> str(r.stringency), str(r.investment), str(r.leader_value), str(r.follower_value)
    ('1/2', '0', '3/8', '-2')
    >>> export_controls(beta=1, theta=[0.5, 2], gain=1, cost=0.5).stringency.tolist()
    [1.0, 0.5]
    """
    threshold = 1 / (beta * theta)
    zero = constant(0, threshold)
    k = pick(gain > cost, minimum(threshold, constant(1, threshold)), zero)
    return {
        "stringency": k,
        "investment": zero,  # k <= threshold, so ln(k beta theta) <= 0
        "leader_value": (gain - cost) * k,
        "follower_value": -beta * k,
        "substitution_threshold": threshold,
    }
