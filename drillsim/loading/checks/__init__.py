"""Checks a schema cannot make: references resolve, ids are unique, grades and levels hang together.

The checks read the plain data of a file, not the validated model, so they also run on files the schema
rejected; any value of the wrong shape is skipped (the schema reports it). Each `Problem` points at the
exact offending node by its data path. `plan`, `layer` and `scenario` hold the entry points; the other
modules hold one family of checks each. `lint/` holds `drillsim lint`'s checks, which ask of a valid
scenario with its plan whether it plays as meant.
"""
