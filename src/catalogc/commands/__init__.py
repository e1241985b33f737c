"""The library behind the smaller commands (init, impact, rules)."""
