"""Equilibrium solvers: one module per algorithm, each a free function returning a typed result."""
