"""The reply channel between the grader and a sandbox: length-prefixed JSON frames with a run id.

Each frame is a 4-byte big-endian length and that many bytes of UTF-8 JSON, an object that carries
the per-run random id the parent made (``run``). The channel is a dedicated pipe, never stdout, so
nothing the sandboxed code prints can look like a reply; a frame with another id, a bad length or
bad JSON ends the run as "interfered". Every read in the parent has a deadline. Hand-written because
the framing is twelve lines and a library would add a dependency to the sandbox.
"""

from __future__ import annotations

import json
import os
import secrets
import select
import struct
import time
from typing import Any

HEADER = struct.Struct(">I")
MAX_FRAME = 32 * 1024**2  # an answer larger than this is not a plausible answer


class ChannelError(Exception):
    """The sandbox stopped answering in time, closed the channel or sent something that is not a reply."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason  # "timeout", "closed" or "interfered"


def new_run_id() -> str:
    """A fresh random id for one sandbox run (replies with any other id are refused)."""
    return secrets.token_hex(16)


def encode(run_id: str, message: dict[str, Any]) -> bytes:
    """One frame: length prefix and the JSON of ``message`` with the run id added."""
    body = json.dumps({**message, "run": run_id}, allow_nan=True).encode("utf-8")
    return HEADER.pack(len(body)) + body


def write_frame(fd: int, run_id: str, message: dict[str, Any]) -> None:
    """Write a whole frame to ``fd`` (loops over partial writes)."""
    data = memoryview(encode(run_id, message))
    while data:
        data = data[os.write(fd, data) :]


class FrameReader:
    """Reads frames from a pipe fd with a deadline on every read (parent side)."""

    def __init__(self, fd: int, run_id: str) -> None:
        self.fd = fd
        self.run_id = run_id
        self._buffer = b""

    def _fill(self, size: int, deadline: float) -> None:
        while len(self._buffer) < size:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChannelError("timeout", "no reply in time")
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                raise ChannelError("timeout", "no reply in time")
            chunk = os.read(self.fd, max(65536, size - len(self._buffer)))
            if not chunk:
                raise ChannelError("closed", "the grading process stopped")
            self._buffer += chunk

    def read(self, timeout: float) -> dict[str, Any]:
        """The next frame as a dict; raises ChannelError on timeout, end of pipe or a forged frame."""
        deadline = time.monotonic() + timeout
        self._fill(HEADER.size, deadline)
        (size,) = HEADER.unpack(self._buffer[: HEADER.size])
        if size > MAX_FRAME:
            raise ChannelError("interfered", f"a reply of {size} bytes is larger than allowed")
        self._fill(HEADER.size + size, deadline)
        body, self._buffer = (
            self._buffer[HEADER.size : HEADER.size + size],
            self._buffer[HEADER.size + size :],
        )
        try:
            message = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ChannelError("interfered", "a reply was not valid data") from None
        if not isinstance(message, dict) or message.get("run") != self.run_id:
            raise ChannelError("interfered", "a reply did not come from this grading run")
        return message
