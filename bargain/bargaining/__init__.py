"""Bargaining: problems, axiomatic solutions, threats and alternating offers.

``problem`` (BargainingProblem from points, a frontier function or a game), ``solutions``
(Nash, weighted Nash, Kalai-Smorodinsky, egalitarian, utilitarian), ``threats`` (Nash's
variable-threat solution) and ``alternating`` (Rubinstein's alternating offers). The public
names are exported from :mod:`bargain`.
"""
