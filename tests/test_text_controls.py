"""Control characters found by their UTF-8 bytes, as the plain patterns find them."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from brief.core.ingest import decode
from brief.core.text import CONTROLS, holds_controls, sanitize

_TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *"ab \t\n\r\x0b\x0c\x00\x1b\x1f\x7f\x80\x85\x9f\xa0\xc2é",
            *("\u200b", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ud800", "文", "\U0001f600"),
        ]
    ),
    max_size=40,
)


@given(_TEXT)
def test_controls_found_by_their_bytes_as_the_patterns_find_them(text: str) -> None:
    """A text holds a control character (bar the allowed ones) exactly when the pattern of
    them finds one; the decoder's (from the text, or its bytes, which may run on beyond what
    it looks at) and the sanitiser's tests are those of their patterns."""
    assert holds_controls(text) == bool(re.search(r"[\x00-\x1f\x7f-\x9f]", text))
    assert holds_controls(text, b"\t\n") == bool(re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text))
    bad = decode._BAD_CHARS.search(text) is not None
    assert (decode._controls_ratio(text) > 0) == bad
    utf8 = text.encode("utf-8", "surrogatepass")
    assert (decode._controls_ratio(text, utf8) > 0) == bad
    assert (decode._controls_ratio(text, utf8 + b"\x01") > 0) == bad
    unsafe = "\r" in text or re.search(CONTROLS, text) is not None
    assert (sanitize(text) is text) == (not unsafe)
