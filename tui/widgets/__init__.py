"""Widgets of the terminal app, in folders named after the screen region they belong to."""
