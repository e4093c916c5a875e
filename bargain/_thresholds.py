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

# --- dynamics (QRE, replicator, ESS) ----------------------------------------------------------

# --- bargaining -------------------------------------------------------------------------------
