"""Open a file the user named, safely: regular files only, a size limit, never blocking on a FIFO or device.

`drillsim validate /dev/zero` must not read forever, `validate some.fifo` must not wait for a writer and a
50 MB file must be refused before it is parsed; so every file the command line reads goes through here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["MAX_DATA_FILE_BYTES", "InputFileError", "open_regular_file", "read_regular_file"]

MAX_DATA_FILE_BYTES = 1 << 20
"""Largest plan, layer or scenario file read (1 MiB, ten times the largest shipped one)."""


class InputFileError(ValueError):
    """A file drillsim will not read; the message says why in a few words, without the path."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular_file(path: Path | str, max_bytes: int) -> BinaryIO:
    """The file opened for binary reading, after checking it is a regular file of at most `max_bytes`.

    Opened non-blocking first, so that a FIFO is refused instead of waiting for a writer; raises
    InputFileError with a one-line reason.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputFileError("file not found") from None
    except IsADirectoryError:
        raise InputFileError("is a directory, not a file") from None
    except OSError as err:
        raise InputFileError(f"cannot open the file: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(f"is {_kind(info.st_mode)}; drillsim reads only regular files")
        if info.st_size > max_bytes:
            raise InputFileError(f"too large: {info.st_size:,} bytes (the limit is {max_bytes:,} bytes)")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular_file(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes` (also if it grows while read); else InputFileError."""
    with open_regular_file(path, max_bytes) as file:
        try:
            data = file.read(max_bytes + 1)
        except OSError as err:
            raise InputFileError(f"cannot read the file: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise InputFileError(f"too large: more than {max_bytes:,} bytes")
    return data
