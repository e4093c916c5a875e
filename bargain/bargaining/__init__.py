"""Bargaining: problems, axiomatic solutions, threats and alternating offers.

``problem`` (BargainingProblem from points, a frontier function or a game), ``solutions``
(Nash, weighted Nash, Kalai-Smorodinsky, egalitarian, utilitarian), ``threats`` (Nash's
variable-threat solution), ``rubinstein`` (alternating offers: :func:`rubinstein` with
discount factors, :func:`rubinstein_rates` in continuous time) and ``alternating`` (its
closed forms and solvers). The public names are exported from :mod:`bargain`.
"""
