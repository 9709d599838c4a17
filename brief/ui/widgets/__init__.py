"""Widgets of the reading room."""
