"""Pure parsers of catalog text: no I/O, no rules."""
