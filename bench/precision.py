"""Precision of catalogc on the real published catalogs of tests/corpora/real.

    python bench/precision.py            # the figures the README quotes
    python bench/precision.py --details  # every false, missed and unjudged finding

False-positive rate = false error and warning findings / all error and warning findings that
were judged (true + false + alias warnings naming the accepted canonical value + unjudged);
findings about what the transcription could not see are left out (tests/corpora/real/README.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.realcorpus import COUNTED, folders, judge  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    totals: Counter[str] = Counter()
    false_by_code: Counter[str] = Counter()
    tables = folders()
    counties = set()
    for folder in tables:
        v = judge(folder)
        counties.add(folder.name.split("-")[1])
        totals["true"] += sum(d["severity"] in COUNTED for d in v.true)
        totals["false"] += len(v.false)
        totals["false errors"] += sum(d["severity"] == "error" for d in v.false)
        totals["normalized"] += len(v.normalized)
        totals["unjudged"] += len(v.unjudged)
        totals["missed"] += len(v.missed)
        false_by_code.update(d["code"] for d in v.false)
        if args.details:
            for d in v.false:
                print(f"FALSE   {v.folder} {d['item']} {d['code']} {d['severity']}: {d['message']}")
            for e in v.missed:
                print(f"MISSED  {v.folder} {e.get('item')} {e['code']}: {e.get('why', '')}")
            for d in v.unjudged:
                print(f"UNJUDGED {v.folder} {d['item']} {d['code']} {d['severity']}: {d['message']}")
    judged = totals["true"] + totals["false"] + totals["normalized"] + totals["unjudged"]
    rate = totals["false"] / judged if judged else 0.0
    print(f"corpus: {len(tables)} tables from {len(counties)} places")
    print(f"error+warning findings judged: {judged}; true {totals['true']}, alias warnings {totals['normalized']}, "
          f"unjudged {totals['unjudged']}, false {totals['false']} ({totals['false errors']} errors)")
    print(f"false-positive rate: {rate:.1%}; expected defects missed: {totals['missed']}")
    if false_by_code:
        print("false findings by rule: " + ", ".join(f"{c} {n}" for c, n in sorted(false_by_code.items())))


if __name__ == "__main__":
    main()
