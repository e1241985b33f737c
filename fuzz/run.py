"""Run one fuzz harness under atheris: ``python fuzz/run.py NAME [libFuzzer options] CORPUS...``.

Only catalogc's own modules are instrumented for coverage; libyaml and the standard library
run as they are. Any exception the target lets out, and any failed assertion, is a crash that
libFuzzer saves as ``crash-*`` (pass ``-artifact_prefix=``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["catalogc"]):
    import catalogc.load.config
    import catalogc.load.document
    import catalogc.load.suppress
    import catalogc.parse.citation
    import catalogc.parse.timelimit  # noqa: F401

from targets import TARGETS  # noqa: E402


def main() -> None:
    name = sys.argv.pop(1)
    target = TARGETS[name]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
