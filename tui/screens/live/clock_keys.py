"""The clock keys every console shares: pause/resume and the four speeds (simulated seconds per second)."""

from __future__ import annotations

from textual.binding import Binding

SPEEDS = {1: 1, 2: 10, 3: 60, 4: 600}

CLOCK_BINDINGS = [
    Binding("space", "toggle_pause", "key.pause"),
    *(Binding(str(key), f"speed({key})", f"key.speed{key}") for key in SPEEDS),
]
