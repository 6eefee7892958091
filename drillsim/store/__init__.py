"""Persistence: every exercise as an event-sourced aggregate (eventsourcing), in SQLite or PostgreSQL."""
