"""Atomic writes: a reader sees the old file or the new one, never half of either.

One place for every writer (the build, releases, fixes, the cache, schema files): a temporary
file in the same folder, then a rename over the target.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TextIO, cast


def umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def _replacing(path: Path, mode: int | None, durable: bool, binary: bool) -> Iterator[IO[Any]]:
    """A stream to a temporary file beside ``path``, renamed over it when the block ends without error."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~umask() if mode is None else mode)
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as stream:
            yield stream
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, write: Callable[[TextIO], object]) -> None:
    """Write through a temporary file renamed over ``path``. The file gets the permissions a plain
    ``open`` would give it (mkstemp's are 0600, which other users, a web server among them, cannot read)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(path, None, True, binary=False) as stream:
        write(cast(TextIO, stream))


def write_bytes_atomic(path: Path, data: bytes, *, mode: int | None = None, durable: bool = True) -> None:
    """``data`` renamed over ``path``: with ``mode`` the permission bits to keep (a fixed file keeps its
    own), else those a plain ``open`` gives; ``durable=False`` skips the fsync, for a cache whose
    entries are checked on reading anyway."""
    with _replacing(path, mode, durable, binary=True) as stream:
        stream.write(data)
