"""Multi-seat drills: a host process runs the exercise, each participant joins from a seat of their own."""
