"""drillsim: an event-sourced simulator for production-safety accident drills."""

__version__ = "0.1.0"
