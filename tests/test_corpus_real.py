"""The real published catalogs: every judged defect is found, no accepted text is flagged.

The judge and its rules live in tests/realcorpus.py; tests/corpora/real/README.md says how the
verdicts were made. bench/precision.py prints the false-positive rate over the same judge.
"""

from __future__ import annotations

import pytest

from tests.realcorpus import folders, judge

pytestmark = pytest.mark.full_baselines

FOLDERS = folders()


def test_the_corpus_is_real_and_large() -> None:
    assert len(FOLDERS) >= 40
    assert len({f.name.split("-")[1] for f in FOLDERS}) >= 30


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_verdicts(folder) -> None:
    verdicts = judge(folder)
    assert not verdicts.missed, f"defects not reported: {verdicts.missed}"
    assert not verdicts.false, "findings on accepted text: " + "; ".join(
        f"{d['item']} {d['code']} {d['severity']} {d['message']}" for d in verdicts.false)
