"""Rule codes as settings and options name them, apart from the settings models: ``--select``
is checked on every run, including one answered from the cache, which imports no pydantic."""

from __future__ import annotations

from collections.abc import Collection


def code_problem(code: str, known: Collection[str], lang: str = "zh") -> str | None:
    """Why ``code`` is not a rule code or code prefix, with up to three near codes or prefixes
    (``105`` → ``C105``), or None when it is one. The one did-you-mean for rule codes: the
    settings file, ``--select``/``--ignore`` and ``catalogc rules`` all refuse through it."""
    if code and any(k.startswith(code) for k in known):
        return None
    import difflib

    prefixes = sorted({k[:n] for k in known for n in range(1, len(k) + 1)})
    guesses = [f"C{code}"] if code and any(k.startswith(f"C{code}") for k in known) else []
    guesses += [g for g in difflib.get_close_matches(code, prefixes, n=3, cutoff=0.6) if g not in guesses]
    if lang == "en":
        hint = f"; did you mean {', '.join(guesses[:3])}?" if guesses else "; catalogc rules lists them all"
        return f"no rule code or prefix '{code}'{hint}"
    hint = f"；是不是 {'、'.join(guesses[:3])}？" if guesses else "；catalogc rules 列出全部规则"
    return f"没有规则代码或前缀“{code}”{hint}"
