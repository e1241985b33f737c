"""What each fuzz harness asserts, as plain functions of bytes.

Kept apart from the atheris driver so that the test suite can replay every seed and every
crash input through exactly the same checks without atheris installed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

_LOADER_CODES = frozenset(("C001", "C002", "C003", "C004", "C005", "C006"))


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def loader(data: bytes) -> None:
    """``load`` never raises; a file that does not load says why, at a real position; suppressions
    scan without error."""
    from catalogc.load.document import load
    from catalogc.load.suppress import scan

    loaded = load(data)
    assert loaded.root is not None or loaded.findings, "a file that does not load must say why"
    for finding in loaded.findings:
        assert finding.code in _LOADER_CODES, finding
        assert finding.line >= 1 and finding.column >= 1, finding
    for suppression in scan(data):
        assert suppression.line >= 1 and suppression.column >= 1, suppression


def timelimit(data: bytes) -> None:
    """The time-limit parser and everything computed from its result never raise."""
    from catalogc.parse.timelimit import describe, max_working_days, parse_time_limit, to_dict

    parsed = parse_time_limit(_text(data))
    if parsed is not None:
        assert parsed.parts
        describe(parsed)
        to_dict(parsed)
        days = max_working_days(parsed)
        assert days is None or days >= 0, days


def citation(data: bytes) -> None:
    """The citation parser never raises, and what it reports comes from the text."""
    from catalogc.parse.citation import normalize_number, normalize_title, parse_citation

    text = _text(data)
    found = parse_citation(text)
    assert found.text == text
    assert (found.article is None) == (found.article_number is None)
    for title in found.titles:
        normalize_title(title)
    for number in found.numbers:
        assert normalize_number(number) == number, (number, normalize_number(number))


def settings(data: bytes) -> None:
    """Reading any catalogc.toml either works or is a ``ConfigError`` (exit 2 with a message)."""
    from catalogc.check.prepare import load_settings
    from catalogc.load.config import ConfigError

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "catalogc.toml").write_bytes(data)
        try:
            load_settings(root)
        except ConfigError as error:
            assert str(error), "a settings error must say what is wrong"


TARGETS: dict[str, Callable[[bytes], None]] = {
    "loader": loader,
    "timelimit": timelimit,
    "citation": citation,
    "settings": settings,
}
