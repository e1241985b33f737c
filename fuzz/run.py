"""Run one fuzz harness under atheris: ``python fuzz/run.py NAME [libFuzzer options] CORPUS...``.

catalogc's own modules are instrumented for coverage, and so is ``tomllib`` (pure Python), so
that the settings harness learns TOML's grammar instead of feeding the reader decode errors;
libyaml runs uninstrumented (it is C), so the loader harness learns from our code around it.
Any exception the target lets out, and any failed assertion, is a crash that libFuzzer saves
as ``crash-*`` (pass ``-artifact_prefix=``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["catalogc", "tomllib"]):
    import tomllib  # noqa: F401

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
