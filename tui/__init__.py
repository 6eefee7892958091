"""The drillsim terminal app (Textual)."""
