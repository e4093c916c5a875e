"""Nash's variable-threat bargaining solution (Nash 1953, "Two-Person Cooperative Games").

Before bargaining, each player commits to a *threat*: a (mixed) strategy to be played if
no agreement is reached. The threats fix the disagreement point, and the agreement is the
Nash bargaining solution from it. Each player picks the threat that makes the final
agreement best for themselves; Nash (1953) shows that this threat game has optimal
threats and a unique solution.

Transferable utility (side payments allowed)
    The feasible set is ``{u : u1 + u2 <= S}`` with ``S = max_ij (A + B)_ij``. From a
    threat point ``t`` the Nash solution splits the surplus equally,
    ``u = ((S + t1 - t2) / 2, (S - t1 + t2) / 2)``, so the players fight over ``t1 - t2``:
    the optimal threats are the optimal strategies of the zero-sum game ``A - B`` and,
    with ``v = val(A - B)``, ``u = ((S + v) / 2, (S - v) / 2)`` (Nash 1953, Sect. 6; Luce and
    Raiffa 1957, *Games and Decisions*, Sect. 6.9; Owen, *Game Theory*, ch. VII; Ferguson,
    *Game Theory*, Part III, Sect. 4.3 "the TU solution").

Non-transferable utility
    The feasible set is the convex hull of the payoff pairs (correlated outcomes). On a
    frontier edge of slope ``-s`` the Nash solution from ``t`` depends on ``t`` only through
    ``s t1 - t2``, so the players play the zero-sum game ``s A - B``. Writing
    ``lam = s / (1 + s)`` and ``G(lam) = lam A - (1 - lam) B`` (same optimal strategies), the
    solution is a frontier point ``u`` with a supporting slope ``lam`` at which
    ``lam u1 - (1 - lam) u2 = val(G(lam))`` (Nash 1953, Sect. 7; this is also the
    two-player lambda-transfer value of Shapley 1969 and Ferguson's "NTU solution",
    Part III, Sect. 4.4). The method walks along the frontier from the top-left vertex:
    one LP per edge decides whether the solution lies on that edge (then it is the point
    of the edge where ``lam u1 - (1 - lam) u2`` equals the value; exact for rational games)
    or at the vertex before it (then ``lam`` is found by Brent's method on the continuous
    function ``lam u1 - (1 - lam) u2 - val(G(lam))``, and the threats are optimal in
    ``G(lam)``). The answer is checked: the Nash solution from the returned threat point
    must be the returned agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_strategy, warn_if_uncertified
from bargain._result import fmt_number as _fmt
from bargain._thresholds import THREAT_CHECK_RTOL, THREAT_LAM_MAX_ITER, THREAT_LAM_XTOL
from bargain._validate import check_bool
from bargain.bargaining._polygon import Polygon
from bargain.bargaining.solutions import describe_agreement
from bargain.core.frozen import frozen as _frozen
from bargain.core.game import Game, as_single_game
from bargain.errors import InvalidGameError

__all__ = ["variable_threat", "ThreatResult"]







@dataclass(frozen=True, eq=False, repr=False)
class ThreatResult(Result):
    """Nash's variable-threat solution of one bimatrix game.

    Attributes
    ----------
    threats : tuple of two ndarrays
        The optimal threats ``(x, y)``: what each player commits to play if no agreement.
    threat_point : ndarray, shape (2,)
        The payoffs ``(x A y, x B y)`` of the threats: the disagreement point.
    payoffs : ndarray, shape (2,)
        The agreement's utilities.
    agreement : ndarray, shape (m, n)
        Joint distribution over action pairs agreed on. With transferable utility it is the
        cell with the largest joint payoff and ``transfer`` moves utility between players.
    transfer : float
        Side payment from the column player to the row player (negative: the row player
        pays); 0 without transferable utility.
    threat_game : ndarray, shape (m, n)
        The zero-sum game the threats are optimal in: ``A - B`` (TU) or
        ``lam A - (1 - lam) B`` (NTU).
    weight : float
        ``lam`` (``0.5`` for TU): the supporting line of the feasible set at the agreement is
        ``lam u1 + (1 - lam) u2 = const``.
    threat_value : float
        Value of ``threat_game``.
    transferable : bool
        Which model was solved.
    payoffs_exact, threat_point_exact, threats_exact, agreement_exact : optional
        Exact versions (Fractions) for games with rational payoffs, when the solution is
        rational (always with TU; on a frontier edge without TU; at a vertex only the
        agreement and payoffs are exact).
    status, success, message
        ``SUCCESS`` when the threats are certified optimal and the agreement is the Nash
        solution from the threat point; ``UNCERTIFIED`` otherwise (with a warning); how the
        solution was found.
    labels
        The game's player names and action labels, for the ``repr``.
    """

    threats: tuple[np.ndarray, np.ndarray]
    threat_point: np.ndarray
    payoffs: np.ndarray
    agreement: np.ndarray
    transfer: float
    threat_game: np.ndarray
    weight: float
    threat_value: float
    transferable: bool
    payoffs_exact: tuple[Fraction, Fraction] | None = None
    threat_point_exact: tuple[Fraction, Fraction] | None = None
    threats_exact: tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None = None
    agreement_exact: np.ndarray | None = None

    @property
    def row(self) -> np.ndarray:
        """The row player's threat (``threats[0]``), named as strategies are everywhere."""
        return self.threats[0]

    @property
    def col(self) -> np.ndarray:
        """The column player's threat (``threats[1]``)."""
        return self.threats[1]

    @property
    def gains(self) -> np.ndarray:
        """``payoffs - threat_point``."""
        return _frozen(self.payoffs - self.threat_point)

    def __repr__(self) -> str:
        labels = self.labels
        names = (labels.player(0), labels.player(1)) if labels is not None else ("Row", "Column")
        pay = self.payoffs_exact if self.payoffs_exact is not None else self.payoffs
        tp = self.threat_point_exact if self.threat_point_exact is not None else self.threat_point
        src = self.agreement_exact if self.agreement_exact is not None else self.agreement
        kind = "side payments (TU)" if self.transferable else "no side payments (NTU)"
        threats = self.threats_exact if self.threats_exact is not None else self.threats
        acts = (labels.row_actions, labels.col_actions) if labels is not None else (None, None)
        lines = [f"ThreatResult(variable threat, {kind}"]
        lines.append("  agreement: " + describe_agreement(src, labels, indent=13))
        if self.transferable and self.transfer != 0:
            payer, payee = (names[1], names[0]) if self.transfer > 0 else (names[0], names[1])
            lines.append(f"  side payment: {payer} pays {payee} {_fmt(abs(self.transfer))}")
        lines.append(f"  payoffs: {names[0]} {_fmt(pay[0])}, {names[1]} {_fmt(pay[1])}")
        lines.append(f"  threat point: {names[0]} {_fmt(tp[0])}, {names[1]} {_fmt(tp[1])}")
        lines.append(
            f"  threats: {names[0]}: {fmt_strategy(threats[0], acts[0])}; "
            f"{names[1]}: {fmt_strategy(threats[1], acts[1])}"
        )
        if not self.transferable:
            lines.append(f"  supporting weight=({self.weight:.6g}, {1 - self.weight:.6g})")
        if not self.success:
            lines.append(f"  {self._status_line()}")
        return "\n".join(lines) + ")"


def _zero_sum(M: np.ndarray, exact: bool) -> Any:
    from bargain.solvers.zero_sum import solve_zero_sum

    return solve_zero_sum(Game.zero_sum(M), exact=exact)


def _threat_point(A: np.ndarray, B: np.ndarray, x: Any, y: Any) -> tuple[Any, Any]:
    m, n = A.shape
    t1 = sum((x[i] * A[i, j] * y[j] for i in range(m) for j in range(n)), 0 * A[0, 0])
    t2 = sum((x[i] * B[i, j] * y[j] for i in range(m) for j in range(n)), 0 * B[0, 0])
    return t1, t2


def variable_threat(game: Any, *, transferable: bool = True) -> ThreatResult:
    """Nash's (1953) variable-threat bargaining solution of a bimatrix game.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game. Agreements are binding and may be any joint distribution over action
        pairs; if bargaining fails, the players carry out their threats.
    transferable : bool
        ``True``: utility can be transferred one-for-one (side payments); the threat game is
        ``A - B``. ``False``: no side payments; the threats and the slope of the frontier
        at the agreement are found together (see the module notes).

    Returns
    -------
    ThreatResult

    Examples
    --------
    A trade deal (rows: the larger power opens its market or imposes a tariff; columns:
    the partner opens or retaliates). The tariff war ``(1, -3)`` hurts the partner more,
    and that threat shifts the agreement towards the larger power:

    >>> import bargain as bg
    >>> g = bg.Game([[4, 2], [6, 1]], [[4, 5], [1, -3]])
    >>> r = bg.variable_threat(g)                      # with side payments
    >>> r.payoffs_exact, r.threat_point_exact, r.transfer
    ((Fraction(6, 1), Fraction(2, 1)), (Fraction(1, 1), Fraction(-3, 1)), 2.0)
    >>> r = bg.variable_threat(g, transferable=False)  # no side payments
    >>> r.payoffs_exact
    (Fraction(29, 6), Fraction(11, 4))
    >>> r.agreement_exact[:, 0].tolist()               # the partner stays open; tariff on 5/12
    [Fraction(7, 12), Fraction(5, 12)]
    """
    func = "variable_threat"
    g = as_single_game(game, func)
    transferable = check_bool(transferable, "transferable", func)
    if g.has_exact_payoffs:
        A, B = g.exact_payoffs()
        res = _transferable(g, A, B, True) if transferable else _nontransferable(g, A, B, True, func)
    else:
        # float games are solved on rescaled payoffs and mapped back: per player for NTU (the
        # solution is invariant to a positive affine change of either player's utility), with
        # one common scale for TU (utility is transferred one for one)
        A0, B0 = np.array(g.A), np.array(g.B)
        loA, loB = float(A0.min()), float(B0.min())
        rA, rB = (float(v) for v in g.payoff_range)
        rA, rB = (rA if rA > 0 else 1.0), (rB if rB > 0 else 1.0)
        if transferable:
            rA = rB = max(rA, rB)
        A, B = (A0 - loA) / rA, (B0 - loB) / rB
        if transferable:
            res = _transferable(g, A, B, False)
        else:
            res = _nontransferable(g, A, B, False, func, (rA, rB))
        res = _map_back(res, g, loA, rA, loB, rB, func)
    warn_if_uncertified(res.status, f"{func}: {res.message}")
    return res


def _map_back(res: ThreatResult, g: Game, loA: float, rA: float, loB: float, rB: float,
              func: str) -> ThreatResult:
    """A float result computed on ``(A - loA) / rA`` and ``(B - loB) / rB`` in the game's units."""
    with np.errstate(over="ignore", invalid="ignore"):
        pay = (loA + rA * float(res.payoffs[0]), loB + rB * float(res.payoffs[1]))
        tp = (loA + rA * float(res.threat_point[0]), loB + rB * float(res.threat_point[1]))
        A, B = np.array(g.A), np.array(g.B)
        if res.transferable:
            lam = 0.5
            transfer = rA * res.transfer
            game = A - B
            value = tp[0] - tp[1]
        else:
            lp = res.weight
            lam = lp * (rB / 2) / (lp * (rB / 2) + (1 - lp) * (rA / 2))
            transfer = 0.0
            game = lam * A - (1 - lam) * B
            value = lam * tp[0] - (1 - lam) * tp[1]
    status, message = res.status, res.message
    if not (np.isfinite(pay).all() and np.isfinite(tp).all()):
        raise InvalidGameError(
            f"{func}: the agreement's utilities overflow float64 (payoffs of order "
            f"{max(abs(loA) + rA, abs(loB) + rB):.3g}); rescale the payoffs"
        )
    if not (np.isfinite(value) and np.isfinite(game).all()):
        status = Status.UNCERTIFIED if status is Status.SUCCESS else status
        message += "; the threat game's payoffs overflow float64 (threat_game / threat_value are not finite)"
    return replace(
        res,
        payoffs=_frozen(pay),
        threat_point=_frozen(tp),
        transfer=float(transfer),
        threat_game=_frozen(game),
        weight=float(lam),
        threat_value=float(value),
        status=status,
        message=message,
        labels=g.labels,
    )


# ---------------------------------------------------------------------- TU
def _transferable(g: Game, A: np.ndarray, B: np.ndarray, exact: bool) -> ThreatResult:
    m, n = g.shape
    joint = A + B
    flat = [joint[i, j] for i in range(m) for j in range(n)]
    best = max(range(m * n), key=lambda k: (flat[k], -k))
    i_star, j_star = divmod(best, n)
    S = joint[i_star, j_star]
    M = A - B
    zs = _zero_sum(M, exact)
    if exact:
        v = zs.value_exact
        x, y = zs.row_exact, zs.col_exact
    else:
        v = float(zs.value)
        x, y = zs.row, zs.col
    u1, u2 = (S + v) / 2, (S - v) / 2
    t = _threat_point(A, B, x, y)
    transfer = u1 - A[i_star, j_star]
    agreement = np.zeros((m, n))
    agreement[i_star, j_star] = 1.0
    agreement.setflags(write=False)
    agreement_exact = None
    if exact:
        agreement_exact = np.full((m, n), Fraction(0), dtype=object)
        agreement_exact[i_star, j_star] = Fraction(1)
        agreement_exact.setflags(write=False)
    status = zs.status
    message = (
        "transferable utility: threats optimal in the zero-sum game A - B (Nash 1953), agreement "
        f"on cell ({i_star}, {j_star}) with the largest joint payoff, surplus split equally "
        "over the threat point"
    )
    if status is not Status.SUCCESS:
        message += f"; the threat game was not certified: {zs.message}"
    return ThreatResult(
        threats=(_frozen([float(p) for p in x]), _frozen([float(p) for p in y])),
        threat_point=_frozen([float(t[0]), float(t[1])]),
        payoffs=_frozen([float(u1), float(u2)]),
        agreement=agreement,
        transfer=float(transfer),
        threat_game=_frozen(np.array(M, dtype=float)),
        weight=0.5,
        threat_value=float(v),
        transferable=True,
        payoffs_exact=(Fraction(u1), Fraction(u2)) if exact else None,
        threat_point_exact=(Fraction(t[0]), Fraction(t[1])) if exact else None,
        threats_exact=(tuple(x), tuple(y)) if exact else None,
        agreement_exact=agreement_exact,
        status=status,
        message=message,
        labels=g.labels,
    )


# ---------------------------------------------------------------------- NTU
def _nontransferable(
    g: Game, A: np.ndarray, B: np.ndarray, exact: bool, func: str, units: tuple[float, float] = (1.0, 1.0)
) -> ThreatResult:
    """NTU threats on payoffs ``A, B`` (``units``: each player's scale of the game's payoffs
    relative to these, for messages)."""
    from scipy.optimize import brentq

    m, n = g.shape
    cells = [(i, j) for i in range(m) for j in range(n)]
    points: list[tuple[Any, Any]] = []
    first: list[int] = []
    seen: dict[tuple[Any, Any], int] = {}
    for k, (i, j) in enumerate(cells):
        p = (A[i, j], B[i, j]) if exact else (float(A[i, j]), float(B[i, j]))
        if p not in seen:
            seen[p] = len(points)
            points.append(p)
            first.append(k)
    poly = Polygon.build(points, exact, False)
    chain = poly.chain_points
    Af = np.array(A, dtype=np.float64)
    Bf = np.array(B, dtype=np.float64)
    ranges = (max(float(np.ptp(Af)), 1e-300), max(float(np.ptp(Bf)), 1e-300))

    def key(lam: Any, u: tuple[Any, Any]) -> Any:
        return lam * u[0] - (1 - lam) * u[1]

    def game_at(lam: Any, use_exact: bool) -> Any:
        M = lam * A - (1 - lam) * B if use_exact else lam * Af - (1 - lam) * Bf
        return _zero_sum(M, use_exact), M

    # one LP per frontier edge, walking from the top-left vertex
    lam_prev: Any = Fraction(0) if exact else 0.0
    found: tuple[str, int, Any, Any, Any] | None = None  # (kind, index, lam, zs, M)
    for k in range(len(chain) - 1):
        p, q = chain[k], chain[k + 1]
        n1, n2 = p[1] - q[1], q[0] - p[0]
        lam = n1 / (n1 + n2)
        zs, M = game_at(lam, exact)
        v = zs.value_exact if exact else float(zs.value)
        if key(lam, p) - v > 0:
            found = ("vertex", k, (lam_prev, lam), None, None)
            break
        if key(lam, q) - v >= 0:
            found = ("edge", k, lam, zs, M)
            break
        lam_prev = lam
    if found is None:
        found = ("vertex", len(chain) - 1, (lam_prev, Fraction(1) if exact else 1.0), None, None)

    kind, k, lam_info, zs, M = found
    if kind == "edge":
        lam = lam_info
        p, q = chain[k], chain[k + 1]
        v = zs.value_exact if exact else float(zs.value)
        mu = (v - key(lam, p)) / (key(lam, q) - key(lam, p))
        u = (p[0] + mu * (q[0] - p[0]), p[1] + mu * (q[1] - p[1]))
        x, y = (zs.row_exact, zs.col_exact) if exact else (zs.row, zs.col)
        threat_exact = exact
        slope = float((q[1] - p[1]) / (q[0] - p[0])) * units[1] / units[0]
        how = f"agreement on frontier edge {k} (slope {slope:.6g})"
    else:
        u = chain[k]
        lo, hi = float(lam_info[0]), float(lam_info[1])
        uf = (float(u[0]), float(u[1]))

        def D(lam: float) -> float:
            res, _ = game_at(lam, False)
            return lam * uf[0] - (1 - lam) * uf[1] - float(res.value)

        d_lo, d_hi = D(lo), D(hi)
        if d_lo >= 0:
            lam = lo
        elif d_hi <= 0:
            lam = hi
        else:
            lam = brentq(D, lo, hi, xtol=THREAT_LAM_XTOL, rtol=4 * np.finfo(float).eps,
                         maxiter=THREAT_LAM_MAX_ITER)
        zs, M = game_at(lam, False)
        x, y = zs.row, zs.col
        v = float(zs.value)
        threat_exact = False
        how = f"agreement at frontier vertex {k}; supporting weight lam = {lam:.12g} by Brent's method"

    if threat_exact:
        t = _threat_point(A, B, x, y)
    else:
        t = _threat_point(Af, Bf, [float(p) for p in x], [float(p) for p in y])
    status = zs.status
    message = f"non-transferable utility: threats optimal in lam A - (1 - lam) B (Nash 1953); {how}"
    # certificate: the Nash solution from the threat point is the agreement
    check_poly = poly if threat_exact else poly.as_float()
    tf = t if threat_exact else (float(t[0]), float(t[1]))
    if check_poly.dominated_gain(tf) > (0 if threat_exact else check_poly.tol):
        nbs = check_poly.nash(tf, 1, 1) if threat_exact else check_poly.nash(tf, 1.0, 1.0)
        err = max(abs(float(nbs[0]) - float(u[0])) / ranges[0], abs(float(nbs[1]) - float(u[1])) / ranges[1])
        if err > THREAT_CHECK_RTOL:
            status = Status.UNCERTIFIED
            message += (
                f"; check failed: the Nash solution from the threat point is ({float(nbs[0]):.6g}, "
                f"{float(nbs[1]):.6g}), {err:.3g} (relative to the payoff ranges) away from the agreement"
            )
    uu = u if exact else (float(u[0]), float(u[1]))
    dist = np.zeros((m, n))
    dist_exact = np.full((m, n), Fraction(0), dtype=object) if exact else None
    for idx, w in poly.mixture(uu):
        i, j = cells[first[idx]]
        dist[i, j] += float(w)
        if dist_exact is not None:
            dist_exact[i, j] += w
    dist.setflags(write=False)
    if dist_exact is not None:
        dist_exact.setflags(write=False)
    return ThreatResult(
        threats=(_frozen([float(p) for p in x]), _frozen([float(p) for p in y])),
        threat_point=_frozen([float(t[0]), float(t[1])]),
        payoffs=_frozen([float(u[0]), float(u[1])]),
        agreement=dist,
        transfer=0.0,
        threat_game=_frozen(np.array(M, dtype=float)),
        weight=float(lam),
        threat_value=float(v),
        transferable=False,
        payoffs_exact=(Fraction(u[0]), Fraction(u[1])) if exact else None,
        threat_point_exact=(Fraction(t[0]), Fraction(t[1])) if threat_exact else None,
        threats_exact=(tuple(x), tuple(y)) if threat_exact else None,
        agreement_exact=dist_exact,
        status=status,
        message=message,
        labels=g.labels,
    )

