"""Bargaining: problems, axiomatic solutions, threats and alternating offers."""
