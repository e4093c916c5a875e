"""Bounded rationality and evolution: logit QRE (point and path), replicator dynamics, ESS."""
