"""Where the tests find their inputs: everything lives inside the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "corpora"  # third-party inputs, vendored with their licences
FORMAT_DOC = ROOT / "docs" / "format.md"
