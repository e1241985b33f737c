"""SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from catalogc import __version__

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace
    from catalogc.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule: Rule, lang: str) -> dict[str, Any]:
    summary = rule.summary_en if lang == "en" else rule.summary
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rule.doc.strip().splitlines()[0] if rule.doc.strip() else summary},
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value]},
        "help": {"text": rule.doc.strip() or summary},
        "properties": {"tags": [rule.scope]},
    }


def build(result: CheckResult, lang: str) -> dict[str, Any]:
    from catalogc.rules import RULES  # the whole rule table, needed only when SARIF is written

    index = {rule.code: i for i, rule in enumerate(RULES)}
    results = []
    for d in result.diagnostics:
        results.append({
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVELS[d.severity.value],
            "message": {"text": d.message + (f"（{d.hint}）" if d.hint and lang != "en" else f" ({d.hint})" if d.hint else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": d.file, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": d.line, "startColumn": d.column},
                }
            }],
            "partialFingerprints": {"catalogc/v1": f"{d.code}:{d.file}:{d.item or ''}:{d.message}"},
        })
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "catalogc",
                "version": __version__,
                "rules": [_rule(rule, lang) for rule in RULES],
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "workspace root"}}},
            "results": results,
        }],
    }


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    json.dump(build(result, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
