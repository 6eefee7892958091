"""The simulation engine: pure, deterministic, SimPy-based. No I/O, no wall clock, no UI, no store."""
