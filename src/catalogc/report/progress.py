"""A progress bar on standard error for long runs, only where a person watches.

The engine reports progress through a two-method interface (``start``, ``advance``) and
knows nothing of terminals; this module is the one implementation that draws. On a
terminal it shows files done, items per second and the time left, and clears itself when
the run ends; where standard error is not a terminal (CI logs, pipes, files) or with
``--quiet`` it writes nothing at all.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

_WORDS = {
    "zh": {"check": "检查", "build": "发布", "import": "导入", "files": "个文件", "items": "个事项", "rate": "事项/秒"},
    "en": {"check": "checking", "build": "building", "import": "importing", "files": "files", "items": "items",
           "rate": "items/s"},
}


class Silent:
    """Progress that shows nothing: pipes, CI and ``--quiet``."""

    def start(self, files: int) -> None:
        pass

    def advance(self, files: int, items: int = 0) -> None:
        pass

    def __enter__(self) -> Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class Bar(Silent):
    """rich's live progress bar, transient: once the run ends the terminal keeps only the output.

    It is drawn from the first ``start``: a run answered from the cache checks no file, so it
    neither imports rich's progress nor starts its refresh thread."""

    def __init__(self, what: str, stream: TextIO, lang: str = "zh") -> None:
        self._what, self._stream, self._lang = what, stream, lang
        self._progress: Any = None
        self._task: Any = None
        self._items = 0

    def start(self, files: int) -> None:
        """Begin counting; called again (a build's step after the check), the bar starts over."""
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            words = _WORDS["en" if self._lang == "en" else "zh"]
            self._progress = Progress(
                TextColumn(words.get(self._what, self._what)), BarColumn(), MofNCompleteColumn(),
                TextColumn(words["files"]),
                TextColumn("{task.fields[items]} " + words["items"] + "  {task.fields[rate]} " + words["rate"]),
                TimeRemainingColumn(),
                console=Console(file=self._stream), transient=True, refresh_per_second=4,
            )
            self._progress.start()
        elif self._task is not None:
            self._progress.remove_task(self._task)
        self._items = 0
        self._task = self._progress.add_task("", total=files, items=0, rate=0)

    def advance(self, files: int, items: int = 0) -> None:
        if self._task is None:
            return
        self._items += items
        elapsed = self._progress.tasks[0].elapsed or 0.0
        rate = round(self._items / elapsed) if elapsed > 0 else 0
        self._progress.update(self._task, advance=files, items=self._items, rate=rate)

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def progress(what: str, quiet: bool = False, lang: str = "zh", stream: TextIO | None = None) -> Silent:
    """A bar for ``what`` (check, build, import) on ``stream`` (standard error) when it is a terminal
    and the run is not ``quiet``; otherwise one that writes nothing."""
    stream = stream if stream is not None else sys.stderr
    if quiet or not stream.isatty():
        return Silent()
    return Bar(what, stream, lang)
