"""The replay screen's own widgets."""
