"""Following the exercise from a seat: a thread worker waits for the store's news and posts the seat's view."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from drillsim.workspace import SeatClient, SeatView

IDLE_SECONDS = 0.25
"""How often the view is posted when nothing new is stored (the clock runs on between the host's commits)."""


@dataclass
class Followed(Message):
    """The seat's view as it stands; a newer one replaces an older one still queued (each is complete)."""

    view: SeatView

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Followed)


def follow(screen: Screen, client: SeatClient) -> None:
    """Run in a thread worker of `screen`: post the view at once, then whenever news arrives (or every
    IDLE_SECONDS), until the worker is cancelled."""
    worker = get_current_worker()
    while not worker.is_cancelled:
        client.refresh()
        screen.post_message(Followed(client.view()))
        client.wait(IDLE_SECONDS)
