"""Cleaning of text dumps and plain text: the article's blocks, its metadata, every line's fate."""

from brief.core.clean.dump import Cleaned, clean_dump
from brief.core.clean.plain import clean_plain

__all__ = ["Cleaned", "clean_dump", "clean_plain"]
