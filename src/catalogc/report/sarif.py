"""SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, TextIO

from catalogc import __version__
from catalogc.report.fingerprint import fingerprints
from catalogc.report.repo import prefix

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace
    from catalogc.refdata import Keeper
    from catalogc.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# Where each rule's page lives: ``{code}`` is replaced by the rule code. Overridden by
# ``--rules-url`` or the CATALOGC_RULES_URL environment variable (a mirror, an intranet copy).
RULES_URL = "https://catalogc.readthedocs.io/rules/{code}/"
RULES_URL_ENV = "CATALOGC_RULES_URL"


def help_uri(code: str, base: str | None = None) -> str:
    """The rule page's address; a base without ``{code}`` gets ``<code>/`` appended."""
    base = base or os.environ.get(RULES_URL_ENV) or RULES_URL
    return base.replace("{code}", code) if "{code}" in base else base.rstrip("/") + f"/{code}/"


def _rule(rule: Rule, lang: str, rules_url: str | None) -> dict[str, Any]:
    from catalogc.rules.docs import rule_doc

    summary = rule.summary_en if lang == "en" else rule.summary
    doc = rule_doc(rule)
    what, why = doc.description(lang) or summary, doc.reason(lang)
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": what.split("\n\n", 1)[0]},
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value]},
        "helpUri": help_uri(rule.code, rules_url),
        "help": {"text": f"{what}\n\n{why}" if why else what},
        "properties": {"tags": [rule.scope]},
    }


def driver_rules(lang: str, rules_url: str | None = None, keeper: Keeper | None = None,
                 needed: Collection[str] = ()) -> list[dict[str, Any]]:
    """The rule table as the log's ``tool.driver.rules``. Made from every rule family's rows and
    docs (a quarter of a second of imports, most of a re-run the cache answers), so a run with a
    cache keeps it there, under the tool's digest with the language and the rules' address. A kept
    table that does not list the ``needed`` codes is made and kept anew."""
    base = rules_url or os.environ.get(RULES_URL_ENV) or RULES_URL
    source = f"{lang}\n{base}".encode()
    if keeper is not None:
        kept = keeper.get("sarif-rules", source)
        if isinstance(kept, list) and kept and all(isinstance(rule, dict) and "id" in rule for rule in kept):
            if set(needed) <= {rule["id"] for rule in kept}:
                return kept
    from catalogc.rules import RULES  # the whole rule table

    rules = [_rule(rule, lang, base) for rule in RULES]
    if keeper is not None:
        keeper.put("sarif-rules", source, rules)
    return rules


def build(result: CheckResult, lang: str, root: str = "", rules_url: str | None = None,
          keeper: Keeper | None = None) -> dict[str, Any]:
    """The SARIF log; ``root`` is the workspace folder within the repository ("" or ``gov/``),
    so that URIs resolve against the repository root as code-scanning expects."""
    rules = driver_rules(lang, rules_url, keeper, {d.code for d in result.diagnostics})
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    bases: dict[str, Any] = {"%SRCROOT%": {"description": {"text": "repository root"}}}
    for d, key in zip(result.diagnostics, fingerprints(result.diagnostics), strict=True):
        # an office's git source: the path inside that repository, against a base named after the source
        base, uri = (f"SOURCE:{d.source}", d.file) if d.commit else ("%SRCROOT%", posixpath.normpath(root + d.file))
        if d.commit:
            bases[base] = {"description": {"text": f"git source {d.source} @ {d.commit}"}}
        results.append({
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVELS[d.severity.value],
            "message": {"text": d.message + (f"（{d.hint}）" if d.hint and lang != "en" else f" ({d.hint})" if d.hint else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": base},
                    "region": {"startLine": d.line, "startColumn": d.column},
                }
            }],
            "partialFingerprints": {"catalogc/v2": key},
            **({"properties": {"source": d.source, **({"commit": d.commit} if d.commit else {})}} if d.source else {}),
        })
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "catalogc",
                "version": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": bases,
            "results": results,
        }],
    }


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str, rules_url: str | None = None,
           keeper: Keeper | None = None) -> None:
    json.dump(build(result, lang, prefix(workspace), rules_url, keeper), out, ensure_ascii=False, indent=2)
    out.write("\n")
