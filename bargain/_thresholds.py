"""Every named numerical threshold of the library, in one place.

Tolerances called ``tol`` in the public API are regret (or residual) tolerances relative
to each player's payoff range; everything else that compares numbers has a name here,
with a line saying what it decides. Solvers work on payoffs normalised to [0, 1] per
player (:func:`bargain.core.kernels.normalise`), so these values are scale-free.
Sections are per family; add a constant to your family's section, never a bare literal.
"""

from __future__ import annotations

# --- shared -------------------------------------------------------------------------------
#: Default regret tolerance (``tol=``), relative to each player's payoff range.
DEFAULT_TOL = 1e-9
#: Slack allowed when checking that a user's strategy lies on the simplex (sum, negativity).
SIMPLEX_TOL = 1e-9
#: A probability at or below this is outside a float strategy's support.
SUPPORT_EPS = 1e-12
#: Decimals to which float vectors are rounded to merge duplicates (on normalised payoffs).
DEDUP_DECIMALS = 9

# --- nash ---------------------------------------------------------------------------------
#: Default wall-clock budget (seconds) of ``nash_equilibria``'s enumeration (``max_time=None`` lifts it).
NASH_MAX_TIME = 10.0
#: Default pivot budget of one Lemke-Howson path (``max_iter=``).
LH_MAX_ITER = 10_000
#: ``method="auto"``, measured against vertex enumeration (both complete). With numba
#: installed (the ``jit`` extra) vertex enumeration takes every game its compiled kernels carry
#: (float games up to JIT_MAX_ACTIONS actions, exact games with small integer payoffs; 2-8x and
#: 1.2-8x support enumeration's speed from 2x3 up), and these thresholds apply to the rest.
#: Without it, on the float path
#: support enumeration is faster only on games of one row or column or with a pure strategy
#: of two best responses, up to SUPPORT_MAX_CELLS cells (m * n; 1.1-1.4x there, vertex
#: 1.1-1.5x faster on generic games from 2x4 up); on the exact path it is faster up to
#: SUPPORT_MAX_CELLS_EXACT cells (2-4x at 3x3, 1.1x at 4x5), and up to
#: SUPPORT_MAX_CELLS_EXACT_TIED with such ties (1.5x at 5x5).
SUPPORT_MAX_CELLS = 12
SUPPORT_MAX_CELLS_EXACT = 20
SUPPORT_MAX_CELLS_EXACT_TIED = 25
#: The float enumerators decide ties (tight constraints, ratio ties) within LABEL_TOL_FRACTION x
#: ``tol`` clipped to [TIE_TOL_MIN, TIE_TOL_MAX] on payoffs normalised per player.
TIE_TOL_MIN = 1e-11
TIE_TOL_MAX = 1e-6
#: Support enumeration: a support system is singular when its smallest singular value is below
#: this fraction of its largest (reciprocal condition number).
SINGULAR_RCOND = 1e-11
#: Batched enumeration (payoffs in [0, 1]): a basis is singular when the sum of adj(M) 1 is below this.
BASIS_SINGULAR = 1e-12
#: Float enumerators (support, vertex, batched): labels, ties and feasibility are decided within this
#: fraction of ``tol`` (a tie is a label on a strategy of total weight 1/2 to 1 in the [1, 2]-shifted
#: polytopes; certification uses all of ``tol``, so a profile labelled at a tie stays certified).
LABEL_TOL_FRACTION = 0.25
#: Exact vertex enumeration pivots in integers when the shifted payoffs are all below this
#: (int64 fast path), and when they exceed MAX_FLOAT_BITS bits (beyond the float range).
SMALL_INTEGER_PAYOFF = 64
MAX_FLOAT_BITS = 900
#: A re-solved float vertex is kept only when within this (relative) of the pivoted one.
POLISH_RTOL = 1e-6
#: Float pivoting: rates below this fraction of their edge's largest rate count as zero (noise).
RATE_NOISE = 1e-11
#: Float pivoting: coefficients within this (relative) tie in the lexicographic ratio test.
LEX_TIE_RTOL = 1e-9
#: Float pivoting: rebuild a dictionary from its basis after this many pivots.
REFRESH_PIVOTS = 32
#: Lemke-Howson float tableau: entries of the entering column below this (relative) are not pivots.
LH_PIVOT_EPS = 1e-12
#: Lemke-Howson float tableau: ratios within this (relative) tie in the minimum-ratio test.
LH_RATIO_TIE = 1e-11
#: Lemke-Howson decides degeneracy on every vertex (batched kernel) up to this many actions per player.
LH_DEGENERACY_MAX_ACTIONS = 4

# --- zero-sum, security, dominance, correlated, stackelberg -----------------------------------
#: HiGHS primal/dual feasibility tolerance of every LP (well below the certification ``tol``).
LP_FEASIBILITY_TOL = 1e-10
#: HiGHS feasibility tolerance of the one retry after a numerical failure (answers are re-certified).
LP_RETRY_FEASIBILITY_TOL = 1e-7
#: Games per block-diagonal LP when a batch of matrix games is solved (memory vs. HiGHS calls).
MATRIX_GAME_CHUNK = 256
#: LP strategy entries at or below this (on [0, 1] payoffs) are HiGHS round-off and set to 0.
LP_ROUNDOFF = 1e-13
#: Exact vertex recovery: an LP variable above this is in the support of the float optimum.
VERTEX_SUPPORT_TOL = 1e-9
#: Exact vertex recovery of a matrix game: a payoff within this of the LP value is a tight constraint.
VERTEX_TIGHT_TOL = 1e-7
#: Correlated equilibria: a dual value, reduced cost or slack below this counts as zero (tight).
CE_TIGHT_TOL = 1e-9
#: Correlated equilibria: two optimal distributions this far apart (total variation) are different.
CE_UNIQUE_TOL = 1e-6

# --- dynamics (QRE, replicator, ESS) ----------------------------------------------------------
#: Default predictor-corrector step budget per game of ``logit_qre`` / ``logit_qre_path``.
QRE_MAX_ITER = 2000
QRE_PATH_MAX_ITER = 5000
#: QRE tracer: Newton has converged when |H| <= this x the size of H's terms (about 100 ulps).
QRE_NEWTON_TOL = 2e-14
#: QRE tracer: Newton iterations allowed per corrector.
QRE_MAX_NEWTON = 5
#: QRE tracer: the first Newton correction may be at most this fraction of the step length.
QRE_MAX_CORRECTION = 0.25
#: QRE tracer: each later Newton correction must shrink at least by this factor.
QRE_MIN_CONTRACTION = 0.5
#: QRE tracer: a step is refused when the tangent turns by more than this many degrees.
QRE_MAX_TURN_DEGREES = 30.0
#: QRE tracer: steps this short may cross a bifurcation point (an orientation flip).
QRE_H_FLIP = 1e-7
#: QRE tracer: first, smallest and largest arclength step (payoffs in [0, 1]).
QRE_H_INIT = 1.0
QRE_H_MIN = 1e-12
QRE_H_MAX = 1e7
#: QRE of 2x2 games: mu sqrt(a1 c1) below this (< 4) proves the QRE unique; solved directly.
QRE_UNIQUE_2X2 = 3.9
#: QRE 2x2 uniqueness certificate: the slope bound must stay below this (< 1) ...
QRE_CERTIFY_SLOPE = 0.99
#: ... over the bracket widened by this relative rounding margin.
QRE_CERTIFY_MARGIN = 1e-12
#: QRE 2x2 direct solve: a root bracket this narrow (relative) is the root.
QRE_BRACKET_RTOL = 4e-16
#: QRE path limit: candidate supports keep actions with at least these fractions of the likeliest one.
QRE_SUPPORT_RATIOS = (1e-3, 1e-6, 1e-9)
#: QRE path limit: an indifference system with |det| below this (payoffs in [0, 1]) is singular.
QRE_SINGULAR_DET = 1e-12
#: Replicator: default RK4 step in normalised time (the larger payoff range scaled to 1).
REPLICATOR_STEP = 0.1
#: Replicator: default step budget (RK4 steps, or solve_ivp steps).
REPLICATOR_MAX_ITER = 100_000
#: Replicator: ``converged`` when each population's speed / its payoff range is below this.
REPLICATOR_REST_TOL = 1e-6
#: Replicator: a trajectory is at rest for good (integration stops, the state is carried to the
#: remaining times) when its normalised speed and every invader's growth rate are below this.
REPLICATOR_FREEZE = 1e-14
#: ESS: games with more actions are refused by default (the search visits 2^k supports).
ESS_MAX_ACTIONS = 14
#: is_ess: a float strategy's support is its entries above this, and it must lie this close to the ESS.
ESS_STRATEGY_TOL = 1e-9

# --- bargaining -------------------------------------------------------------------------------
#: Problems: float feasibility/dominance decisions, relative to the problem's payoff scale.
BARGAIN_FEASIBILITY_RTOL = 1e-9
#: Polygons: a point this many tolerances from every edge is only feasible by free disposal.
BARGAIN_MIXTURE_SLACK = 10.0
#: Frontier problems: f may rise (or bend convex) by this much, relative to its scale, at the samples.
FRONTIER_SHAPE_RTOL = 1e-9
#: Frontier problems: a given df may differ from f's central difference by this, relative to
#: max(|slope|, f's scale / x_max), at the check points (else df is refused as inconsistent).
FRONTIER_DF_RTOL = 1e-4
#: ... using left and right difference quotients with this step (a fraction of x_max).
FRONTIER_DF_STEP = 1e-4
#: Frontier root finder: absolute tolerance on the abscissa, relative to the bracket scale.
FRONTIER_XTOL = 1e-14
#: Frontier root finder: secant / regula falsi steps before falling back to bisection.
FRONTIER_SECANT_STEPS = 40
#: Frontier root finder: step budget per problem.
FRONTIER_MAX_ITER = 200
#: Frontier Nash: the first iterate is kept this fraction of the bracket inside its ends.
FRONTIER_START_MARGIN = 1e-3
#: Utilitarian on a frontier: w1 + w2 f'(u) within this times w1 of zero counts as optimal ...
UTILITARIAN_SLOPE_RTOL = 1e-8
#: ... and the optimal set is reported as non-unique when wider than this part of the frontier.
UTILITARIAN_UNIQUE_RTOL = 1e-6
#: Accuracy claimed for frontier solutions that use a finite-difference derivative (no df) ...
FRONTIER_FD_ACCURACY = 1e-9
#: ... and for the others (float polygon solutions claim the same).
FRONTIER_ACCURACY = 1e-12
#: Variable threat (NTU): Nash solution from the threat point vs the agreement, relative to
#: each player's payoff range, above which the answer is UNCERTIFIED.
THREAT_CHECK_RTOL = 1e-7
#: Variable threat (NTU): Brent's method on the supporting weight lam (absolute tolerance).
THREAT_LAM_XTOL = 1e-14
#: Variable threat (NTU): iteration budget of Brent's method.
THREAT_LAM_MAX_ITER = 200
#: Rubinstein: relative slack when sums are compared with the pie (b0 + b1 <= pie, w0 + w1 <= pie).
RUBINSTEIN_PIE_RTOL = 1e-12
#: Rubinstein, exact=True: refuse a closed form whose powers (delta0 delta1)^k would hold more bits.
RUBINSTEIN_EXACT_MAX_BITS = 1 << 19
#: Rubinstein, finite horizon without a closed form (options summing to more than the pie):
#: backward-induction periods before the run stops with status MAX_ITER.
RUBINSTEIN_MAX_PERIODS = 1_000_000
#: Rubinstein: longest finite horizon accepted (2**53: period counts stay exact in float64).
RUBINSTEIN_MAX_HORIZON = 2**53

# --- repeated games ---------------------------------------------------------------------------
#: Payoff sets (Abreu-Sannikov): inclusion, incentive and collinearity decisions on payoffs
#: normalised to [0, 1] per player are made within this (a few hundred ulps).
PAYOFF_SET_EPS = 1e-12
#: Payoff sets: default iteration budget of the set operator, per discount factor.
PAYOFF_SET_MAX_ITER = 20_000
#: Payoff sets: iterates with more vertices than this check convergence (a Hausdorff distance)
#: only on every PAYOFF_SET_CHECK_STRIDE-th step.
PAYOFF_SET_CHECK_VERTICES = 24
PAYOFF_SET_CHECK_STRIDE = 4
#: Transfers: integer products below this stay in int64; larger ones use Python integers.
TRANSFER_INT64_BOUND = 2**62
#: Transfers: candidate breakpoints x profiles evaluated per numpy block (max_time is checked between blocks).
TRANSFER_CHUNK_CELLS = 8192
#: Critical discount factors: games per cache-sized chunk of the batched 2x2 grim kernel.
THRESHOLD_CHUNK = 1 << 13
#: k-period punishment, float path (k >= 3): halvings of the vectorised bisection for the root.
K_PERIOD_BISECTION_STEPS = 60
#: k-period punishment, exact path: an irrational root is certified to a dyadic bracket this many bits wide.
K_PERIOD_BRACKET_BITS = 64
#: k-period punishment, exact path: the float root is tried as a rational with at most this denominator.
K_PERIOD_RATIONAL_DENOMINATOR = 10**6
#: k-period punishment, exact path: longest punishment (k) evaluated in exact arithmetic.
K_PERIOD_EXACT_MAX = 4096
#: Automata: largest product automaton (state pairs) whose exact discount-factor set is computed.
AUTOMATA_MAX_PAIRS = 64

# --- io -------------------------------------------------------------------------------------
#: Game files larger than this (bytes, checked with stat before reading) are refused.
IO_MAX_FILE_BYTES = 64 * 1024 * 1024
#: Games with more cells (m x n) than this are refused before anything is allocated.
IO_MAX_CELLS = 1_000_000
#: Longest number token (characters) a game file may hold (well under Python's 4300-digit limit).
IO_MAX_NUMBER_CHARS = 1000
#: Largest decimal exponent magnitude accepted in a number (1e1000 and 1e-1000 are refused).
IO_MAX_EXPONENT = 1000
#: Longest quoted string (title, comment, label) in characters.
IO_MAX_STRING_CHARS = 1 << 20

# --- vertex enumeration speed ---------------------------------------------------------------
#: qhull path: a constraint's slack at a vertex must be at most the tie tolerance ``eps``
#: (tight) or at least this multiple of it (slack; payoffs normalised to [1, 2]); a slack in
#: between is a grey zone and the lexicographic search decides instead.
HULL_SLACK_MARGIN = 16.0
#: qhull path: used while m + n is at most this and the time budget (if any) is at least
#: HULL_MIN_BUDGET seconds; qhull cannot be stopped by a budget, so larger games and short
#: budgets run the budgeted lexicographic search.
HULL_MAX_ACTIONS = 32
HULL_MIN_BUDGET = 1.0
#: qhull path: a degenerate vertex's tight rows are of full rank when the last pivot of their
#: pivoted QR is above this fraction of the first; a direction's rate is zero below this
#: (relative), clearly nonzero above HULL_SLACK_MARGIN times it, and undecided in between.
HULL_RANK_RTOL = 1e-9
#: qhull path: at most this many degenerate vertices are expanded (each by a small double
#: description of its tangent cone, at most HULL_MAX_RAYS rays); beyond, the search runs.
HULL_MAX_DEGENERATE = 4000
HULL_MAX_RAYS = 2000
#: qhull path: options of scipy's ConvexHull, tried in turn until the output is certified
#: (triangulated output only; the slacks and the certificate are computed from the facets,
#: so qhull's coplanar-point bookkeeping is not needed, and it costs 8x on small games).
#: Without pre-merging (Q0) qhull is 10-70% faster, 1.5-3.5x on tied integer payoffs; it
#: then meets precision errors on degenerate polytopes, and Po makes it output its facets
#: anyway: the certificate, not qhull, decides whether they are the vertices (on every tied
#: 8x8 to 16x16 polytope measured they were); merging is the second try.
HULL_QHULL_OPTIONS = ("Qt Q0 Po", "Qt")
#: qhull path: up to this many vertices, the exact certificate proves every simple vertex
#: in one block padded to the largest support (one pass instead of one per support size).
HULL_CERTIFY_ONE_BLOCK = 2048
#: Partner systems (engine qhull+partners) are padded to multiples of PARTNER_PAD_STEP up to
#: PARTNER_PAD_MAX_VERTICES vertices, and not at all beyond, where the work per system
#: outweighs the calls (measured at 8 to 14 actions).
PARTNER_PAD_STEP = 4
PARTNER_PAD_MAX_VERTICES = 1000
#: Exact vertex solves: integer data below this bound have their systems solved in floating
#: point and proved in int64; larger data go to the fraction-free elimination.
EXACT_INT64_SOLVE_MAX = 2**20
#: Exact vertex solves past EXACT_INT64_SOLVE_MAX, with integer data below this bound: a
#: solution whose normalised coordinates share a denominator of at most
#: EXACT_RATIONAL_MAX_DEN is read off the float solve (refined EXACT_RATIONAL_REFINE times
#: in extended precision; each coordinate's continued-fraction convergent within
#: EXACT_RATIONAL_SLACK times the last refinement step, and at least EXACT_RATIONAL_ATOL)
#: and proved in int64; the others go to the fraction-free elimination. Vertices of games
#: seldom have large denominators (von Stengel's 6x6 game: 14 bits, against 140-bit
#: determinants).
EXACT_RATIONAL_SOLVE_MAX = 2**31
EXACT_RATIONAL_MAX_DEN = 2**31
EXACT_RATIONAL_REFINE = 2
EXACT_RATIONAL_SLACK = 16.0
EXACT_RATIONAL_ATOL = 2.0**-50
#: qhull path: from this many actions in all (m + n), the two polytopes' hulls run in two
#: threads (qhull releases the GIL); smaller games stay in the calling thread.
HULL_THREAD_MIN_ACTIONS = 18
#: Exact path on small-integer payoffs (int64 pivoting): the lexicographic search was measured
#: faster than qhull plus exact certification below this many actions (m + n); qhull from it.
HULL_SMALL_INTEGER_MIN_ACTIONS = 27
#: qhull path: a slack at most this (payoffs normalised to [1, 2]) is an exact tie up to
#: the roundoff of qhull's vertices; slacks between this and HULL_SLACK_MARGIN * eps are near
#: ties, decided by the lexicographic search instead.
HULL_TIE_ROUNDOFF = 1e-12
#: Compiled path (numba, the ``jit`` extra): used on games with at most JIT_MAX_ACTIONS actions
#: in all (m + n), where numpy's cost per call dominates; its walk of a simple polytope stops
#: after JIT_MAX_VERTICES vertices, its lexicographic search after JIT_MAX_BASES bases (the
#: numpy path then runs; a compiled loop cannot watch a time budget, so these bound its time).
JIT_MAX_ACTIONS = 20
JIT_MAX_VERTICES = 20_000
JIT_MAX_BASES = 100_000
