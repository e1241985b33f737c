"""Fixes: the mechanical corrections of findings, applied by editing the file's text in place.

Every fix edits the text at the finding's exact position, so comments, key order, quoting
and formatting survive. ``apply`` works on a string (an editor's unsaved buffer as well as a
file's text); ``attach`` gives a file's diagnostics their fixes.
"""

from __future__ import annotations

from catalogc.diagnostics import Edit, Fix
from catalogc.fix.compute import attach
from catalogc.fix.edit import apply

__all__ = ["Edit", "Fix", "apply", "attach"]
