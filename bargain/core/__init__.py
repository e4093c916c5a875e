"""The game and the vectorized kernels (numpy only)."""
