"""Batched predictor-corrector tracing of the principal branch of logit QRE (private engine).

The public functions live in :mod:`bargain.solvers.dynamics.qre`; this module holds the numerics.

Coordinates
-----------
A profile is written in reduced log-probability ("log-odds") coordinates relative to each
player's first action: ``alpha_i = log(x_i / x_0)`` (``i = 1..m-1``) and
``beta_j = log(y_j / y_0)`` (``j = 1..n-1``), so ``x = softmax(0, alpha)`` is always a
point of the open simplex and probabilities of order ``exp(-700)`` stay representable.
With ``D_i(y) = (A y)_i - (A y)_0`` and ``E_j(x) = (x B)_j - (x B)_0`` the logit QRE at
precision ``mu`` is a zero of

    H(z, mu) = (alpha - mu D(y),  beta - mu E(x)),        z = (alpha, beta),

``k = m + n - 2`` equations in ``k`` unknowns (the logit equilibrium conditions of
McKelvey & Palfrey 1995, section 4, written as log-probability differences). At
``mu = 0`` the unique zero is ``z = 0`` (the centroid); the *principal branch* is the
component of ``H^{-1}(0)`` through it, a smooth curve for generic games (McKelvey &
Palfrey 1995, Theorem 3).

Path following
--------------
The curve ``w(s) = (z(s), mu(s))`` is traced by pseudo-arclength continuation (Allgower &
Georg 1990, *Numerical Continuation Methods*, ch. 2 and 6; Turocy 2005 traces this
homotopy the same way): a tangent predictor ``w + h t`` and Newton's method on
``H(w) = 0`` together with the hyperplane ``t . (w - w_pred) = 0``. Because the curve is
parametrised by arclength, not by ``mu``, *turning points in mu* (where the branch folds
back) are passed without trouble: the augmented Jacobian ``[[H_z, H_mu], [t]]`` stays
regular there. The tangent spans the kernel of ``[H_z, H_mu]`` and is oriented by the
previous tangent, so the trace never reverses.

Landing on a target ``mu*``: when the predictor would cross ``mu*`` moving forward, the
step is shortened to reach it exactly and the hyperplane row is replaced by
``mu = mu*`` (Newton on ``H(., mu*)`` alone). A free step whose corrected point lies
beyond ``mu*`` is redone as such a landing, so if the branch folds, the point returned is
its *first* crossing of ``mu*``.

Step control, per game: a step is accepted when Newton converges within ``MAX_NEWTON``
iterations, its first correction is at most ``MAX_CORRECTION`` (a quarter) of the step,
later corrections contract, the tangent turns by less than 30 degrees, and the
*orientation* ``sign det [[H_w], [t]]`` is unchanged (Allgower & Georg 1990, section
2.1: it is constant along a branch between bifurcation points, so a flip means the
corrector landed on a neighbouring branch, typically the middle member of a fold pair
that appears next to the principal branch). Otherwise the step is halved and retried.
After an accepted step the length grows (x2 when the first correction was under 5 % of
the step, x1.25 under 15 %) or shrinks (x0.7). A flip that persists down to steps of
``H_FLIP`` marks a genuine bifurcation point on the branch (non-generic games, e.g. the
symmetry-breaking pitchfork of a symmetric game); the trace then crosses it straight
on, staying on the branch it was following, and flips its reference orientation.

Symmetric games (``E = D``: both players face the same payoff differences) are traced on
the symmetric subspace ``x = y`` (unknowns ``alpha`` only; :class:`SymmetricSystem`,
:class:`SymmetricSystem2x2`), which contains the principal branch up to its first
symmetry-breaking bifurcation and continues it symmetrically beyond.

The caller passes payoffs normalised per player (each in [0, 1], times a factor of at most
1, with ``mu`` absorbing the common factor; see :mod:`bargain.solvers.dynamics.qre`), so
arclength in ``z`` and in ``mu`` are commensurate whatever the payoff units. The Newton
tolerance is ``QRE_NEWTON_TOL`` times the size of the terms of ``H`` (about 100 ulps). The
step budget (``max_iter`` per game) and the deadline (``max_time``) end every trace.

2x2 games (:func:`_trace_2x2`) eliminate ``beta`` in closed form, so the branch is a plane
curve ``f(alpha, mu) = 0``. Where ``mu^2 a1 c1 < 16`` (``a1``, ``c1``: the interaction
terms of the two players' payoff differences; always when ``a1 c1 <= 0``, the
matching-pennies class) the QRE is unique at every precision up to ``mu``, so it *is* the
principal branch and is found by a safeguarded scalar Newton solve, with no tracing
(:func:`bargain.solvers.dynamics._qre_systems.solve_unique_2x2`). Beyond that bound a game is still
solved directly when its QRE is *certified unique at each of its targets*
(:func:`bargain.solvers.dynamics._qre_systems.certify_unique_2x2`: monotone iteration of the
increasing map ``alpha -> mu D(y(alpha))`` brackets every QRE, and a bound on its slope
over the bracket below 1 excludes a second one); a unique QRE at ``mu`` is necessarily the
branch's (only) crossing of ``mu``. This covers games with a dominant strategy at large
``mu``; the others (several QRE at a target, e.g. coordination games past their fold) are
traced from the solved point at the bound (``CERTIFY_2X2 = False`` traces them all).

Everything is vectorised over the games of a block of ``BLOCK`` games: state arrays are
laid out batch-last, one contiguous row per coordinate, and finished games are compacted
away. A block runs ``FIRST_PASS`` steps; its remaining games are then pooled with the
remaining games of every other block and finished together, so a few slow games do not
cost a full loop per block. The Python loops run over blocks, steps and Newton
iterations only. 2x2 games use closed forms (2x2 solves, tangent ``(-f_mu, f_alpha)``);
larger games use :func:`numpy.linalg.solve` and :func:`numpy.linalg.det` on stacks.
"""

from __future__ import annotations

import time

import numpy as np

from bargain._thresholds import (
    QRE_H_FLIP,
    QRE_H_INIT,
    QRE_H_MAX,
    QRE_H_MIN,
    QRE_MAX_CORRECTION,
    QRE_MAX_NEWTON,
    QRE_MAX_TURN_DEGREES,
    QRE_MIN_CONTRACTION,
    QRE_UNIQUE_2X2,
)
from bargain.solvers.dynamics._qre_systems import (
    NEWTON_TOL,
    GeneralSystem,
    ReducedSystem2x2,
    SymmetricSystem,
    SymmetricSystem2x2,
    certify_unique_2x2,
    params_2x2,
    profile_from_z,
    sigmoid,
    solve_unique_2x2,
)

__all__ = ["solve_branch", "trace_branch", "BLOCK"]

# the thresholds (named in bargain._thresholds), bound here so that tests can vary them
MAX_NEWTON = QRE_MAX_NEWTON
MAX_CORRECTION = QRE_MAX_CORRECTION
MIN_CONTRACTION = QRE_MIN_CONTRACTION
COS_MAX_ANGLE = float(np.cos(np.deg2rad(QRE_MAX_TURN_DEGREES)))
H_FLIP = QRE_H_FLIP
H_INIT = QRE_H_INIT
H_MIN = QRE_H_MIN
H_MAX = QRE_H_MAX
UNIQUE_2X2 = QRE_UNIQUE_2X2
# work organisation (speed only, no effect on answers)
BLOCK = 8192              # games per block (work arrays stay in cache, below malloc's mmap threshold)
FIRST_PASS = 12           # iterations per block before its stragglers are pooled with other blocks'
CERTIFY_2X2 = True        # beyond the uniqueness bound, solve directly where uniqueness is certified


# --------------------------------------------------------------------------- driver
def solve_branch(
    A: np.ndarray, B: np.ndarray, mu: np.ndarray, max_iter: int, deadline: float | None = None
) -> tuple[np.ndarray, ...]:
    """Principal-branch QRE of games ``(N, m, n)`` at precisions ``mu`` ``(N, L)``.

    ``A`` and ``B`` are the payoffs the caller prepared (each player's normalised to
    [0, 1] and scaled by at most 1, see :mod:`bargain.solvers.dynamics.qre`), so every
    quantity here is of order one whatever the user's payoff units. ``deadline`` is a
    :func:`time.perf_counter` value after which unfinished traces stop.

    Returns ``x (N, L, m)``, ``y (N, L, n)``, the fixed-point residual ``(N, L)`` (inf where
    the target was not reached), ``reached (N, L)``, ``steps (N,)`` and ``timed_out (N,)``.

    The residual is that of the equations the tracer solves, ``alpha = mu D(y)`` and
    ``beta = mu E(x)`` (log-odds against payoff differences), divided by ``max(1, mu)``:
    the log-odds error at small precision, the payoff-difference error relative to the
    (normalised) payoff range at large precision, where a residual in probabilities would
    be ill-conditioned (the logit's slope grows with ``mu``).
    """
    N, m, n = A.shape
    out = _Output(mu, max_iter, deadline, m + n - 2)
    with np.errstate(over="ignore", invalid="ignore"):    # extreme mu: reported via the residual
        if (m, n) == (2, 2):
            x, y, resid = _solve_2x2(A, B, mu, out)
            return x, y, resid, out.reached, out.steps, out.timed_out
        _trace(A, B, out)
        x, y = profile_from_z(out.z, m)
        Ay = np.matmul(A[:, None], y[..., None])[..., 0]          # (N, L, m)
        xB = np.matmul(x[:, :, None, :], B[:, None])[:, :, 0]     # (N, L, n)
        D = Ay[..., 1:] - Ay[..., :1]
        E = xB[..., 1:] - xB[..., :1]
        err = np.abs(out.z - mu[..., None] * np.concatenate([D, E], axis=-1))
        resid = err.max(axis=-1, initial=0.0) / np.maximum(1.0, mu)
    resid = np.where(out.reached & np.isfinite(resid), resid, np.inf)
    return x, y, resid, out.reached, out.steps, out.timed_out


def _solve_2x2(A: np.ndarray, B: np.ndarray, lam: np.ndarray, out: _Output) -> tuple[np.ndarray, ...]:
    """2x2 games, batch-last throughout; normalised by the largest payoff difference."""
    par = params_2x2(A, B)
    s = np.maximum(
        np.maximum(np.abs(par[0]), np.abs(par[0] + par[1])),
        np.maximum(np.abs(par[2]), np.abs(par[2] + par[3])),
    )
    s = np.where(s > 0, s, 1.0)
    mu = lam * s[:, None]
    N, L = mu.shape
    inner = _Output(mu, out.max_iter, out.deadline, 2)
    # symmetric games (both players face the same payoff differences): the symmetric branch
    sym = (par[0] == par[2]) & (par[1] == par[3])
    for mask, rows in ((sym, slice(0, 2)), (~sym, slice(0, 4))):
        idx = np.flatnonzero(mask)
        if idx.size == N:
            _trace_2x2(par[rows] / s, inner)
        elif idx.size:
            sub = inner.take(idx)
            _trace_2x2(par[rows, idx] / s[idx], sub)
            inner.put(idx, sub)
    out.reached, out.steps, out.timed_out = inner.reached, inner.steps, inner.timed_out
    al, be = inner.z[..., 0], inner.z[..., 1]
    x1, x0 = sigmoid(al), sigmoid(-al)
    y1, y0 = sigmoid(be), sigmoid(-be)
    a0, a1, c0, c1 = (r[:, None] for r in par)
    D = a0 + a1 * y1                                    # (A y)_1 - (A y)_0
    E = c0 + c1 * x1                                    # (x B)_1 - (x B)_0
    resid = np.maximum(np.abs(al - lam * D), np.abs(be - lam * E)) / np.maximum(1.0, lam)
    resid = np.where(inner.reached & np.isfinite(resid), resid, np.inf)
    return np.stack([x0, x1], axis=-1), np.stack([y0, y1], axis=-1), resid


def trace_branch(
    A: np.ndarray, B: np.ndarray, targets: np.ndarray, max_iter: int, deadline: float | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Follow the principal branch of each m x n game from the centroid to its targets.

    Parameters
    ----------
    A, B : (N, m, n) payoffs, already normalised.
    targets : (N, L) precisions mu, nondecreasing along the last axis, >= 0.
    max_iter : predictor-corrector steps (accepted or not) allowed per game.
    deadline : :func:`time.perf_counter` value after which unfinished traces stop.

    Returns
    -------
    z : (N, L, m + n - 2) log-odds coordinates of the branch at each target (NaN if missed).
    reached : (N, L) bool, the target was reached with a converged corrector.
    steps : (N,) int, predictor-corrector steps used.
    """
    N, m, n = A.shape
    out = _Output(targets, max_iter, deadline, m + n - 2)
    _trace(A, B, out)
    return out.z, out.reached, out.steps


def _trace(A: np.ndarray, B: np.ndarray, out: _Output) -> None:
    N, m, n = A.shape
    if m + n == 2:                              # 1x1 games: the only profile
        out.reached[:] = True
        return
    # symmetric games (both players face the same payoff differences): the symmetric branch
    system = GeneralSystem(A, B)
    sym = np.zeros(N, dtype=bool)
    if m == n:
        sym = (system.Ad == system.Bd).all(axis=(1, 2))
    for mask, kind in ((sym, SymmetricSystem), (~sym, GeneralSystem)):
        games = np.flatnonzero(mask)
        if games.size:
            sub = kind(A[games], B[games])
            _continue(lambda idx, sub=sub, games=games: sub.take(np.searchsorted(games, idx)),
                      games, np.zeros((sub.K, games.size)), np.zeros(games.size, dtype=np.int64), out)


def _trace_2x2(par: np.ndarray, out: _Output) -> None:
    """2x2 games: direct solves where the QRE is unique, continuation beyond.

    ``par`` is ``(a0, a1, c0, c1)`` per game, or ``(a0, a1)`` for the symmetric branch of
    symmetric games.
    """
    targets, z, reached = out.targets, out.z, out.reached
    N, L = targets.shape
    symmetric = par.shape[0] == 2
    kind = SymmetricSystem2x2 if symmetric else ReducedSystem2x2
    with np.errstate(divide="ignore", invalid="ignore"):
        if symmetric:                                 # f_alpha >= 1 - mu a1 / 4
            bound = np.where(par[1] > 0, UNIQUE_2X2 / par[1], np.inf)
        else:                                         # f_alpha >= 1 - mu^2 a1 c1 / 16
            a1c1 = par[1] * par[3]
            bound = np.where(a1c1 > 0, UNIQUE_2X2 / np.sqrt(a1c1), np.inf)
    direct = targets <= bound[:, None]
    if CERTIFY_2X2 and not symmetric and not direct.all():
        # beyond the bound the QRE may still be unique at the target: then it is the
        # principal branch's point there too, and no tracing is needed for that game
        direct |= _certified_games(par, targets, direct)[:, None]
    missed = np.zeros(N, dtype=bool)
    start = None                                # traced games and their branch points at the bound
    if direct.all():                            # common case, without index arrays
        mu = targets.ravel()
        p = par if L == 1 else np.repeat(par, L, axis=1)
        al, ok = _solve_direct(p, mu)
        z[:] = kind(p).full_z(np.stack([al, mu])).T.reshape(N, L, 2)
        reached[:] = ok.reshape(N, L)
        missed = ~reached.all(axis=1)
    elif L == 1:                                # one solve: the targets in reach, else the bound
        near = direct[:, 0]
        mu = np.where(near, targets[:, 0], bound)
        al, ok = _solve_direct(par, mu)
        good = near & ok
        z[:, 0] = np.where(good[:, None], kind(par).full_z(np.stack([al, mu])).T, np.nan)
        reached[:, 0] = good
        missed = ~ok
        games = np.flatnonzero(~near & ok)
        start = games, al[games]
    else:
        gi, li = np.nonzero(direct)
        mu = targets[gi, li]
        al, ok = _solve_direct(par[:, gi], mu)
        zz = kind(par[:, gi]).full_z(np.stack([al, mu])).T
        z[gi[ok], li[ok]] = zz[ok]
        reached[gi[ok], li[ok]] = True
        missed[gi[~ok]] = True
    system = kind(par)
    # beyond the uniqueness bound: continuation from the branch point at the bound
    if start is None:
        games = np.flatnonzero(~direct[:, -1] & ~missed)
        al0, ok = _solve_direct(par[:, games], bound[games])
        missed[games[~ok]] = True
        start = games[ok], al0[ok]
    games, al0 = start
    _continue(system.take, games, np.stack([al0, bound[games]]), direct[games].sum(axis=1), out)
    # safety net: a direct solve that did not converge is redone by continuation from mu = 0
    games = np.flatnonzero(missed)
    _continue(system.take, games, np.zeros((2, games.size)), np.zeros(games.size, dtype=np.int64), out)


def _certified_games(par: np.ndarray, targets: np.ndarray, direct: np.ndarray) -> np.ndarray:
    """Games whose QRE is provably unique at each of their targets beyond the bound (in blocks)."""
    gi, li = np.nonzero(~direct)
    ok = np.zeros(gi.size, dtype=bool)
    for start in range(0, gi.size, BLOCK):
        sl = slice(start, start + BLOCK)
        ok[sl] = certify_unique_2x2(par[:, gi[sl]], targets[gi[sl], li[sl]])
    good = np.ones(targets.shape[0], dtype=bool)
    good[gi[~ok]] = False
    return good


def _solve_direct(par: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`solve_unique_2x2` in blocks, with the slow stragglers of all blocks pooled."""
    al = np.full(mu.size, np.nan)
    for start in range(0, mu.size, BLOCK):
        sl = slice(start, start + BLOCK)
        al[sl], _ = solve_unique_2x2(par[:, sl], mu[sl], max_iter=FIRST_PASS)
    late = np.flatnonzero(np.isnan(al))
    for start in range(0, late.size, BLOCK):
        idx = late[start : start + BLOCK]
        al[idx], _ = solve_unique_2x2(par[:, idx], mu[idx])
    return al, np.isfinite(al)


class _Output:
    """Where the tracer writes (indexed by game): targets, results and the budgets."""

    def __init__(self, targets: np.ndarray, max_iter: int, deadline: float | None, k: int) -> None:
        N, L = targets.shape
        self.targets = targets
        self.max_iter = max_iter
        self.deadline = deadline
        self.z = np.full((N, L, k), np.nan)
        self.reached = np.zeros((N, L), dtype=bool)
        self.steps = np.zeros(N, dtype=np.int64)
        self.timed_out = np.zeros(N, dtype=bool)

    _ARRAYS = ("targets", "z", "reached", "steps", "timed_out")

    def take(self, idx: np.ndarray) -> _Output:
        """The output of a subset of the games (copies)."""
        new = object.__new__(_Output)
        new.max_iter, new.deadline = self.max_iter, self.deadline
        for name in self._ARRAYS:
            setattr(new, name, getattr(self, name)[idx])
        return new

    def put(self, idx: np.ndarray, sub: _Output) -> None:
        """Write back the results of :meth:`take`."""
        for name in self._ARRAYS[1:]:
            getattr(self, name)[idx] = getattr(sub, name)

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.perf_counter() > self.deadline


def _continue(take, games: np.ndarray, w0: np.ndarray, ptr0: np.ndarray, out: _Output) -> None:
    """Trace ``games`` from points ``w0`` on their branch; targets before ``ptr0`` are done.

    Blocks of games run for ``FIRST_PASS`` steps; games still running are then pooled
    across blocks and finished together, so a few slow games do not cost a full loop
    per block.
    """
    pending = []
    for start in range(0, games.size, BLOCK):
        sl = slice(start, start + BLOCK)
        idx = games[sl]
        tracer = _Tracer(take(idx), w0[:, sl], idx, ptr0[sl], out)
        tracer.run(out, FIRST_PASS)
        if tracer.size:
            pending.append(tracer)
    if pending:
        pooled = _Tracer.concat(pending)
        for start in range(0, pooled.size, BLOCK):
            part = pooled.take(np.arange(start, min(pooled.size, start + BLOCK)))
            part.run(out, None)


class _Tracer:
    """Pseudo-arclength continuation state of a working set of games (batch-last arrays)."""

    def __init__(self, system, w0: np.ndarray, gid: np.ndarray, ptr0: np.ndarray,
                 out: _Output | None) -> None:
        K, N = w0.shape
        self.system = system
        self.gid = gid                            # column -> game index in the output arrays
        self.w = w0.copy()
        e_last = np.zeros((K, N))
        e_last[-1] = 1.0
        _, jac = system.evaluate(self.w)
        self.t = system.kernel(jac, e_last)       # tangent pointing to increasing mu
        self.sigma = np.sign(system.orientation(jac, self.t))
        self.h = np.full(N, H_INIT)
        self.ptr = ptr0.astype(np.int64, copy=True)
        self.steps = np.zeros(N, dtype=np.int64)
        self.force = np.zeros(N, dtype=bool)
        if out is not None:
            self._record(np.arange(N), out)

    @property
    def size(self) -> int:
        return self.gid.size

    _FIELDS = ("gid", "h", "ptr", "steps", "force", "sigma")

    def take(self, keep: np.ndarray) -> _Tracer:
        new = object.__new__(_Tracer)
        new.system = self.system.take(keep)
        new.w, new.t = self.w[:, keep], self.t[:, keep]
        for name in self._FIELDS:
            setattr(new, name, getattr(self, name)[keep])
        return new

    @staticmethod
    def concat(parts: list[_Tracer]) -> _Tracer:
        new = object.__new__(_Tracer)
        new.system = type(parts[0].system).concat([p.system for p in parts])
        new.w = np.concatenate([p.w for p in parts], axis=1)
        new.t = np.concatenate([p.t for p in parts], axis=1)
        for name in _Tracer._FIELDS:
            setattr(new, name, np.concatenate([getattr(p, name) for p in parts]))
        return new

    def _record(self, cols: np.ndarray, out: _Output) -> None:
        """Store the current point for every pending target at or below its mu."""
        L = out.targets.shape[1]
        while cols.size:
            p = self.ptr[cols]
            live = p < L
            cols, p = cols[live], p[live]
            games = self.gid[cols]
            hit = out.targets[games, p] <= self.w[-1, cols]
            cols, p, games = cols[hit], p[hit], games[hit]
            if cols.size:
                out.z[games, p] = self.system.take(cols).full_z(self.w[:, cols]).T
                out.reached[games, p] = True
                self.ptr[cols] += 1

    def _retire(self, out: _Output) -> None:
        L = out.targets.shape[1]
        finished = (self.ptr >= L) | (self.h < H_MIN) | (self.steps >= out.max_iter)
        finished |= ~np.isfinite(self.t).all(axis=0)
        if out.out_of_time():
            out.timed_out[self.gid[~finished]] = True
            finished[:] = True
        if finished.any():
            out.steps[self.gid[finished]] = self.steps[finished]
            kept = self.take(~finished)
            self.__dict__.update(kept.__dict__)

    def run(self, out: _Output, max_iters: int | None) -> None:
        """Advance every game until it is finished (or ``max_iters`` loop passes)."""
        it = 0
        while True:
            self._retire(out)
            if self.size == 0 or (max_iters is not None and it >= max_iters):
                return
            self._step(out)
            it += 1

    def _step(self, out: _Output) -> None:
        system, w, t, h = self.system, self.w, self.t, self.h
        K, g = w.shape
        e_last = np.zeros((K, 1))
        e_last[-1] = 1.0
        goal = out.targets[self.gid, self.ptr]
        lam, tl = w[-1], t[-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            land = (tl > 0) & ((lam + h * tl >= goal) | self.force)
            hp = np.where(land, (goal - lam) / tl, h)
        wp = w + hp * t
        wp[-1] = np.where(land, goal, wp[-1])
        row = np.where(land, e_last, t)

        # corrector: Newton on H(w) = 0 and row . (w - wp) = 0
        wn = wp.copy()
        conv = np.zeros(g, dtype=bool)
        fail = np.zeros(g, dtype=bool)
        first = np.zeros(g)
        prev = np.full(g, np.inf)
        tol = NEWTON_TOL * np.maximum(1.0, _amax_abs(wp))
        jac_keep = None
        for it in range(MAX_NEWTON + 1):
            H, jac = system.evaluate(wn)
            res = _amax_abs(H)
            jac_keep = jac if jac_keep is None else _merge(jac_keep, jac, ~conv)
            conv |= (res <= tol) & ~fail
            fail |= ~np.isfinite(res)
            work = ~conv & ~fail
            if it == MAX_NEWTON or not work.any():
                fail |= work
                break
            rhs = np.concatenate([-H, -((wn - wp) * row).sum(axis=0)[None]], axis=0)
            delta = system.solve(jac, row, rhs)
            size = _amax_abs(delta)
            if it == 0:
                first = size
                fail |= work & ~(size <= MAX_CORRECTION * hp + 10 * tol)
            else:
                fail |= work & ~(size <= np.maximum(MIN_CONTRACTION * prev, 10 * tol))
            prev = size
            wn += np.where(work & ~fail, delta, 0.0)

        tn = system.kernel(jac_keep, t)
        ok = conv & ((tn * t).sum(axis=0) >= COS_MAX_ANGLE)     # NaN tangents fail too
        # orientation (sign of det [[H_w], [t]]) is constant along a branch: a flip means the
        # corrector landed on another branch or a bifurcation point was crossed; the first
        # is refused, the second accepted once the step is tiny (the path goes straight on)
        flip = np.sign(system.orientation(jac_keep, t)) != self.sigma
        cross = ok & flip & (hp <= H_FLIP)
        ok &= ~flip | cross
        self.sigma = np.where(cross, -self.sigma, self.sigma)
        # a free step that ends beyond the target skipped its first crossing: redo as a landing
        over = ok & ~land & (wn[-1] > goal)
        ok &= ~over
        self.force = over & (tl > 0)

        rel = first / np.maximum(hp, 1e-300)
        grow = np.where(rel < 0.05, 2.0, np.where(rel < 0.15, 1.25, 0.7))
        base = np.where(land, np.maximum(h, hp), hp)      # a landing step is short on purpose
        self.h = np.where(ok, np.minimum(base * grow, H_MAX), np.where(self.force, hp, 0.5 * hp))
        self.w = np.where(ok, wn, w)
        self.t = np.where(ok, tn, t)
        self.steps += 1
        self._record(np.flatnonzero(ok & land), out)


def _amax_abs(v: np.ndarray) -> np.ndarray:
    """max |v| over the leading (coordinate) axis of a batch-last array."""
    res = np.abs(v[0])
    for row in v[1:]:
        np.maximum(res, np.abs(row), out=res)
    return res


def _merge(old, new, take: np.ndarray):
    """Keep, per game, the Jacobian evaluated at its converged point."""
    if isinstance(old, tuple):
        return tuple(np.where(take, b, a) for a, b in zip(old, new))
    return np.where(take[:, None, None], new, old)
