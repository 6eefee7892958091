"""The screens of a seat: a participant's, the facilitator's or the evaluator's console, and the room view."""
