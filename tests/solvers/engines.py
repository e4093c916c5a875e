"""The float engine that automatic vertex enumeration takes where one polytope is simple.

With numba installed (the ``jit`` extra, part of the ``test`` extra) the compiled walk
finds that polytope's vertices (``"walk+partners"``); without it, qhull does
(``"qhull+partners"``). Tests that pin the automatic choice use this name; the numpy
engine is also tested by name wherever it matters.
"""

from bargain.solvers.nash import _compiled

ONE_POLYTOPE = "walk+partners" if _compiled.kernels() is not None else "qhull+partners"
FLOAT_ENGINES = ("walk+partners", "qhull+partners", "qhull", "lex")
