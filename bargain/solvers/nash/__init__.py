"""Nash equilibria of two-player games: the dispatcher and one module per method.

Public names are re-exported from :mod:`bargain`; the polytope and pivoting engines
(``_polytope*``, ``_lemke_howson_tableau``) and the result assembler are private here.
"""
