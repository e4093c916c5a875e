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

# --- bargaining -------------------------------------------------------------------------------
