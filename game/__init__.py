"""Brinkmanship: a card-driven seminar wargame engine with a terminal UI."""
