"""What every part of the simulation holds of the one `Simulation` it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drillsim.engine.simulation import Simulation


class SimulationPart:
    """A part of one exercise's simulation (the world, the reporting clocks, the computer roles).

    The shared objects are held directly, not looked up through `sim`, because the parts use them on every event.
    """

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.env = sim.env
        self.timers = sim.timers
        self.state = sim.state
        self.index = sim.index
