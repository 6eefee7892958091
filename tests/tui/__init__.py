"""Tests of the terminal app (Textual): Pilot walks, snapshots, a real terminal under tmux."""
