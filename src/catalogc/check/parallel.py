"""Fan work out to forked worker processes that inherit the parent's data.

Forking after the data is built means workers need only a list of keys: nothing large
is pickled on the way out, only each chunk's result on the way back. The check and the
build both go through ``fork_map``; ``paused_gc`` is the one collector guard.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
_WORK: Callable[[list[Any]], Any] | None = None  # set before forking; workers inherit it
_PARENT = os.getpid()
INLINE_SLICES = 100  # progress steps of an inline run that reports progress


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector off for a stretch of work that builds many objects and no cycles
    (documents are trees; facts are tuples): collections triggered by a hundred thousand live
    objects would cost more than the work. Reference counting still frees everything.

    What the stretch made and kept then joins the oldest generation as it is: left in the youngest,
    the first collection after it would walk every one of them (a quarter of a second for a
    province's findings), only to promote them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():  # a forked worker's frozen inheritance stays frozen
                gc.freeze()  # frozen, then put back into the oldest generation: two list splices, no walk
                gc.unfreeze()
            gc.enable()


def _die_with_parent() -> None:
    """Worker initializer: on Linux, end the worker when the parent dies (a killed build must not
    leave workers writing into its temporary folder, or waiting forever for work)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:  # pragma: no cover - no glibc
            pass
    if os.getppid() != _PARENT:  # the parent died before prctl took effect
        os._exit(1)


def _run(chunk: list[Any]) -> Any:
    assert _WORK is not None
    return _WORK(chunk)


def _round_robin(keys: list[T], jobs: int) -> list[list[T]]:
    count = min(len(keys), jobs * 4)
    return [keys[i::count] for i in range(count)]


def _can_fork() -> bool:
    # multiprocessing and concurrent.futures cost a cached re-run more than its work: imported
    # only when there is work to fork for
    from multiprocessing import get_all_start_methods

    return "fork" in get_all_start_methods()


def fork_map(work: Callable[[list[T]], R], keys: Sequence[T], jobs: int, min_keys: int = 8,
             chunks: Callable[[list[T], int], list[list[T]]] = _round_robin,
             done: Callable[[R], None] | None = None, warm: int = 0) -> list[R]:
    """``work`` over ``keys`` split into chunks, in ``jobs`` forked processes (inline when small
    or where fork is unavailable); one result per chunk, in chunk order. ``done`` sees each
    chunk's result as it arrives (progress); inline, the keys are then worked in slices.

    With ``warm``, the parent first works that many keys itself, their result the first part:
    what every key needs and each process makes once (imports, reference tables, compiled
    patterns and templates) is then made once and inherited, not made again in every worker
    and, after them, in the parent."""
    keys = list(keys)
    if jobs <= 1 or len(keys) < min_keys or not _can_fork():
        if done is None:
            return [work(keys)]
        step = max(1, len(keys) // INLINE_SLICES)
        parts = []
        for at in range(0, len(keys), step):
            parts.append(work(keys[at:at + step]))
            done(parts[-1])
        return parts or [work([])]
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from multiprocessing import get_context

    first: list[R] = []
    if 0 < warm < len(keys):
        first.append(work(keys[:warm]))
        keys = keys[warm:]
        if done is not None:
            done(first[0])
    global _WORK, _PARENT
    _WORK = work
    _PARENT = os.getpid()
    gc.freeze()  # forked workers then leave the parent's objects alone (no copy-on-write of their pages)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"), initializer=_die_with_parent) as pool:
            futures = [pool.submit(_run, chunk) for chunk in chunks(keys, jobs)]
            if done is not None:
                for future in as_completed(futures):
                    done(future.result())
            return first + [future.result() for future in futures]
    finally:
        _WORK = None
        gc.unfreeze()
