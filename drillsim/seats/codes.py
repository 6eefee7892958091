"""Join codes and request MACs: a code is a secret, the store keeps only its SHA-256.

A code is derived from a per-exercise host key and the seat's id (HMAC-SHA256, 192 bits kept), so the
host, and only the host, can re-derive any seat's code after a restart without the store holding it. A seat
signs each request with a key derived from its code; the host recomputes the code and checks the MAC.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any
from uuid import UUID

from platformdirs import user_data_dir

CODE_BYTES = 20
"""160 bits of the HMAC kept in a code (the issue asks for at least 128): 32 base32 letters and digits."""
GROUP = 4
"""A code is printed in groups of four, joined by '-' (read aloud, typed with or without the dashes)."""
KEYS_ENV = "DRILLSIM_HOST_KEYS"
"""A folder for the hosts' keys instead of the user's data folder (tests and shared hosts)."""


class CodeError(ValueError):
    """A join code that is malformed, unknown or revoked; `reason` says which in a word a UI can translate:
    malformed | unknown | revoked | no_host_key | not_deciding."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def keys_folder() -> Path:
    return Path(os.environ.get(KEYS_ENV) or Path(user_data_dir("drillsim", appauthor=False)) / "host-keys")


def host_key(exercise: UUID, create: bool = False) -> bytes:
    """The exercise's host key, read from the host's key folder (created with mode 0600 when `create`)."""
    path = keys_folder() / f"{exercise.hex}.key"
    if path.exists():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    if not create:
        raise CodeError(f"no host key for exercise {exercise.hex[:8]} in {path.parent}: only the machine that "
                        f"hosted it can host it again", "no_host_key")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(key.hex())
    return key


def new_seat_id() -> str:
    return secrets.token_hex(16)


def code_for(key: bytes, seat: str) -> str:
    """The seat's join code: 32 base32 characters in groups of four (`abcd-efgh-…`)."""
    digest = hmac.new(key, seat.encode("ascii"), hashlib.sha256).digest()[:CODE_BYTES]
    letters = base64.b32encode(digest).decode("ascii").lower()
    return "-".join(letters[i:i + GROUP] for i in range(0, len(letters), GROUP))


def code_sha256(code: str) -> str:
    return hashlib.sha256(normalise(code).encode("utf-8")).hexdigest()


def normalise(code: str) -> str:
    """The code's 32 characters, lower case, without the dashes or blanks it was written with."""
    letters = "".join(code.split()).replace("-", "").lower() if len(code) <= 100 else ""
    if len(letters) != 32 or any(c not in _BASE32 for c in letters):
        raise CodeError("a join code is 32 letters and digits, in groups of four (as the host printed it)",
                        "malformed")
    return letters


def request_mac(code: str, exercise: UUID, seat: str, version: int, kind: str, payload: dict[str, Any]) -> str:
    """The MAC of one request: over the exercise, seat, inbox version, kind and payload."""
    key = hashlib.sha256(b"drillsim seat mac\0" + normalise(code).encode("utf-8")).digest()
    message = json.dumps([str(exercise), seat, version, kind, payload], sort_keys=True, ensure_ascii=True,
                         separators=(",", ":"))
    return hmac.new(key, message.encode("ascii"), hashlib.sha256).hexdigest()


_BASE32 = frozenset("abcdefghijklmnopqrstuvwxyz234567")


def mac_matches(expected: str, given: Any) -> bool:
    return isinstance(given, str) and hmac.compare_digest(expected, given)
