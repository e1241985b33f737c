"""``catalogc lsp``: catalogc's own diagnostics, rule explanations and fixes in any editor with an LSP client.

``state`` checks an unsaved buffer with the workspace around it (the same engine, settings and
policy as ``check``), ``text`` maps check's positions to the protocol's, ``hover`` renders a rule
as markdown, ``server`` wires them to pygls over stdio.
"""
