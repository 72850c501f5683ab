"""Reading a file a user names, safely: a regular file only, never more than a limit.

`stat` cannot be trusted for size (`/dev/zero` says 0 and never ends) and opening a FIFO
blocks until a writer comes, so both decks and records are read through `read_limited`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


class NotAFile(OSError):
    """The path names something other than a regular file."""


def read_limited(path: str | Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of a regular file (one more than allowed, so that the
    caller can tell it is too large). NotAFile for a folder, device, FIFO or socket;
    OSError when it cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise NotAFile(0, f"{kind}, not a file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
