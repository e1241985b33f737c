"""What the releases folder (``releases.py``) and partial publishing (``partial.py``) share:
the error they refuse with, in two languages, and files shared between releases by hard links."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class ReleaseError(Exception):
    """The releases folder cannot be used as asked; the message says why and what to do (exit 2)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.en = en

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else str(self)


def link_or_copy(source: Path, target: Path) -> bool:
    """Hard-link ``source`` at ``target``, or copy it where the file system has no hard links.
    True when linked. Releases are never written in place, so a shared file cannot change under one."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        return False
    return True
