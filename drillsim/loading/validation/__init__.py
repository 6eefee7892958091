"""Schema validation of YAML documents against pydantic models, every problem positioned at its node.

`validate` is the entry point; `schema_walk` follows an error's location through schema and data,
`describe` says what one error means, `wording` puts found values and expected types into words, and
`unions` keeps the errors of the union member the author meant.
"""
