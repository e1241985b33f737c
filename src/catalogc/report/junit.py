"""JUnit XML: one test case per catalog file, failing when the file has errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING, TextIO

from catalogc.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace


def _line(d: Diagnostic) -> str:
    return f"{d.file}:{d.line}:{d.column}: {d.severity.value} {d.code} {d.message} ({d.hint})"


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in result.diagnostics:
        by_file[d.file].append(d)
    files = sorted({workspace.rel(p) for p in workspace.files} | set(by_file))
    failures = sum(1 for f in files if any(d.severity is Severity.ERROR for d in by_file[f]))
    suites = ET.Element("testsuites", name="catalogc", tests=str(len(files)), failures=str(failures))
    suite = ET.SubElement(suites, "testsuite", name="catalogc check", tests=str(len(files)),
                          failures=str(failures), errors="0", skipped="0")
    for file in files:
        case = ET.SubElement(suite, "testcase", classname="catalogc", name=file, file=file)
        findings = by_file[file]
        errors = [d for d in findings if d.severity is Severity.ERROR]
        if errors:
            failure = ET.SubElement(case, "failure", type=errors[0].code,
                                    message=f"{len(errors)} error(s): {errors[0].message}")
            failure.text = "\n".join(_line(d) for d in errors)
        others = [d for d in findings if d.severity is not Severity.ERROR]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in others)
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")
