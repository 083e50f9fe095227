"""Reading a project's files with a cap on the bytes read, never trusting what ``stat`` says.

A file's size can lie (``/dev/zero`` and ``/proc`` files say 0, a file can grow
while it is read) and some paths never end or never answer (a device, a FIFO).
Every file briefpress reads from a project goes through ``read_capped``: it
opens without blocking, accepts only a regular file, and stops one byte past
its limit.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

KiB = 1024
MiB = 1024 * KiB
# What one file of each kind may weigh.
CONTENT_BYTES = 1 * MiB  # a briefing.yaml or a text/<lang>.yaml
TEMPLATE_BYTES = 1 * MiB
STYLESHEET_BYTES = 2 * MiB
CATALOG_BYTES = 4 * MiB
RESOURCE_BYTES = 20 * MiB  # an image, a font, a colour profile: what the fetcher serves
_CHUNK = 1 * MiB


class UnreadableFileError(Exception):
    """A file that is not read: not a regular file, or larger than its limit. The message says which."""


def size_words(limit: int) -> str:
    """Return ``1024 KiB`` or ``20 MiB``, as the messages name a limit."""
    return f"{limit // MiB} MiB" if limit >= 2 * MiB else f"{limit // KiB} KiB"


def _open_regular(path: Path) -> int:
    """Open ``path`` without blocking and return its descriptor; raise UnreadableFileError unless a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnreadableFileError("not a regular file; not read")
    return fd


def _chunks(fd: int, limit: int) -> Iterator[bytes]:
    """Yield the file's bytes in chunks; raise UnreadableFileError one byte past ``limit``."""
    total = 0
    while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
        total += len(chunk)
        if total > limit:
            raise UnreadableFileError(f"larger than {size_words(limit)}; not read")
        yield chunk


def read_capped(path: Path, limit: int) -> bytes:
    """Return the bytes of the regular file at ``path``; raise UnreadableFileError past ``limit`` bytes.

    OSError (a missing file, no permission) passes through for the caller to word.
    """
    fd = _open_regular(path)
    try:
        return b"".join(_chunks(fd, limit))
    finally:
        os.close(fd)


def read_text_capped(path: Path, limit: int) -> str:
    """Return the UTF-8 text of the regular file at ``path``; raise UnreadableFileError also for other bytes."""
    try:
        return read_capped(path, limit).decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFileError("not valid UTF-8 text") from None


def digest_capped(path: Path, limit: int) -> str:
    """Return the SHA-256 of a regular file read in chunks, or a word for one that is not read whole.

    For the build cache: a file too large or not regular is refused where it is
    used; its digest need only change when its first ``limit`` bytes or its kind do.
    """
    try:
        fd = _open_regular(path)
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        return f"unreadable:{error.errno}"
    except UnreadableFileError:
        return f"not-regular:{stat.S_IFMT(os.stat(path).st_mode)}"
    try:
        sha = hashlib.sha256()
        for chunk in _chunks(fd, limit):
            sha.update(chunk)
        return sha.hexdigest()
    except UnreadableFileError:
        info = os.fstat(fd)
        return f"too-large:{info.st_size}:{info.st_mtime_ns}"
    finally:
        os.close(fd)
