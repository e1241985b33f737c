"""Fan work out to forked worker processes that inherit the parent's data.

Forking after the data is built means workers need only a list of keys: nothing large
is pickled, and each worker writes its own files.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context
from typing import TypeVar

T = TypeVar("T")
_WORK: Callable[[list], None] | None = None  # set before forking; workers inherit it


_PARENT = os.getpid()


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector off for a stretch of work that builds many objects and no cycles
    (documents are trees; facts are tuples): collections triggered by a hundred thousand live
    objects would cost more than the work. Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def die_with_parent() -> None:
    """Worker initializer: on Linux, end the worker when the parent dies (a killed build must not
    leave workers writing into its temporary folder, or waiting forever for work)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:  # pragma: no cover - no glibc
            pass
    if os.getppid() != _PARENT:  # the parent died before prctl took effect
        os._exit(1)


def remember_parent() -> None:
    """Call in the parent right before starting workers."""
    global _PARENT
    _PARENT = os.getpid()


def _run(chunk: list) -> None:
    assert _WORK is not None
    _WORK(chunk)


def fork_map(work: Callable[[list[T]], None], keys: Sequence[T], jobs: int, min_keys: int = 8) -> None:
    """Run ``work`` over ``keys`` split into chunks, in ``jobs`` forked processes (inline when small)."""
    keys = list(keys)
    if jobs <= 1 or len(keys) < min_keys or "fork" not in get_all_start_methods():
        work(keys)
        return
    count = min(len(keys), jobs * 4)
    chunks = [keys[i::count] for i in range(count)]
    global _WORK
    _WORK = work
    remember_parent()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"), initializer=die_with_parent) as pool:
            for _ in pool.map(_run, chunks):
                pass
    finally:
        _WORK = None
