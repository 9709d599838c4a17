"""HTML fragments (post content, feed items) to body blocks, tolerant of stray and missing tags."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from brief.core.model import Block, BlockKind
from brief.core.text import squash

_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "aside", "main", "nav",
    "ul", "ol", "table", "tr", "dl", "dd", "dt", "pre", "figure", "hr", "br", "address",
}  # fmt: skip
_KIND_TAGS = {
    "h1": BlockKind.HEADING, "h2": BlockKind.HEADING, "h3": BlockKind.HEADING,
    "h4": BlockKind.HEADING, "h5": BlockKind.HEADING, "h6": BlockKind.HEADING,
    "li": BlockKind.LIST_ITEM, "blockquote": BlockKind.QUOTE, "figcaption": BlockKind.CAPTION,
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head", "title"}
_BOLD_TAGS = {"b", "strong"}
_LEFTOVER_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]{0,300})?/?>")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,10});")
_HEADING_END = re.compile(r"[.!?,;:…\"'”’)]$")
_LOOKS_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


@dataclass
class _Pending:
    """The block being collected."""

    kind: BlockKind = BlockKind.PARAGRAPH
    parts: list[str] = field(default_factory=list)
    bold_chars: int = 0
    ends_with_stray_bold: bool = False


class _FragmentParser(HTMLParser):
    """Collects blocks from an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.pending = _Pending()
        self.skip_depth = 0
        self.bold_depth = 0
        self.kind_stack: list[BlockKind] = []

    def flush(self) -> None:
        text = clean_inline("".join(self.pending.parts))
        if text:
            kind = self.pending.kind
            if kind == BlockKind.PARAGRAPH and _reads_as_heading(text, self.pending):
                kind = BlockKind.HEADING
            self.blocks.append(Block(kind, text))
        self.pending = _Pending(
            kind=self.kind_stack[-1] if self.kind_stack else BlockKind.PARAGRAPH
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _KIND_TAGS:
            self.flush()
            self.kind_stack.append(_KIND_TAGS[tag])
            self.pending.kind = _KIND_TAGS[tag]
        elif tag in _BLOCK_TAGS:
            self.flush()
        elif tag in _BOLD_TAGS:
            self.bold_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _KIND_TAGS:
            self.flush()
            if self.kind_stack:
                self.kind_stack.pop()
            self.pending.kind = self.kind_stack[-1] if self.kind_stack else BlockKind.PARAGRAPH
        elif tag in _BLOCK_TAGS:
            self.flush()
        elif tag in _BOLD_TAGS:
            if self.bold_depth:
                self.bold_depth -= 1
            elif "".join(self.pending.parts).strip():
                # A closing tag whose opening was lost (leftovers): the text so far was bold.
                self.pending.ends_with_stray_bold = True

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if "\n\n" in data.replace("\r", ""):
            pieces = re.split(r"\n\s*\n", data)
            for index, piece in enumerate(pieces):
                if index:
                    self.flush()
                self._add(piece)
        else:
            self._add(data)

    def _add(self, data: str) -> None:
        if self.pending.ends_with_stray_bold and data.strip():
            self.pending.ends_with_stray_bold = False
        self.pending.parts.append(data)
        if self.bold_depth:
            self.pending.bold_chars += len(data.strip())


def _reads_as_heading(text: str, pending: _Pending) -> bool:
    """True for a short, unpunctuated paragraph that was wholly bold."""
    if len(text.split()) > 12 or _HEADING_END.search(text):
        return False
    return pending.ends_with_stray_bold or pending.bold_chars >= 0.9 * len(text.replace(" ", ""))


def clean_inline(text: str) -> str:
    """Text of one block: entities decoded (twice if double-escaped), tag leftovers removed."""
    text = _LEFTOVER_TAG.sub("", text)
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = _LEFTOVER_TAG.sub("", html.unescape(text))
    return squash(text)


def looks_like_html(text: str) -> bool:
    """True when a string holds markup rather than plain text."""
    return len(_LOOKS_HTML.findall(text[:5000])) >= 1


def html_to_blocks(fragment: str) -> list[Block]:
    """Body blocks from an HTML fragment, tolerant of missing opening tags and stray closers."""
    parser = _FragmentParser()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return parser.blocks


def text_to_blocks(text: str) -> list[Block]:
    """Body blocks from plain text: paragraphs split at blank lines (or lines when none)."""
    text = text.replace("\r\n", "\n")
    pieces = re.split(r"\n\s*\n", text) if "\n\n" in text.strip() else text.split("\n")
    blocks = [Block(BlockKind.PARAGRAPH, clean_inline(piece)) for piece in pieces]
    return [block for block in blocks if block.text]


_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_ESCAPED_TAG = re.compile(
    r"&(?:amp;)?lt;/?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|span|a|strong|em|b|i|img|figure"
    r"|figcaption|table|tr|td)\b",
    re.IGNORECASE,
)
"""A tag written with entities ("&lt;p&gt;"): markup escaped once (or twice) too often."""
_JSON_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|([nrt\"/\\]))")
_JSON_ESCAPED = re.compile(r"\\(?:u[0-9a-fA-F]{4}|[\"/])|(?:\\n[^\\]*){2}")
"""Signs of text escaped for JSON twice: "\\u00e9", "\\\"", "\\/" or line breaks written "\\n"."""
_SHORTCODE = re.compile(
    r"\[/?(?:caption|gallery|embed|video|audio|playlist|vc_\w+|et_pb_\w+)\b[^\]]*\]"
)
"""A WordPress shortcode's opening or closing bracket ("[caption id=...]", "[/caption]")."""
_CAPTION_SHORTCODE = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.DOTALL)
"""A WordPress caption shortcode around an image and its caption."""
_ESCAPE_TEXT = {"n": "\n", "r": "\n", "t": " ", '"': '"', "/": "/", "\\": "\\"}


def _unescape_json(match: re.Match[str]) -> str:
    """The character a JSON escape stands for."""
    code, letter = match.group(1), match.group(2)
    if code is not None:
        return chr(int(code, 16))
    return _ESCAPE_TEXT[letter]


def normalize_content(content: str) -> str:
    """Content as markup or text once more: CDATA sections opened, JSON escapes left in the text
    decoded, markup escaped as entities restored, WordPress shortcodes' brackets removed."""
    if "<![CDATA[" in content:
        content = _CDATA.sub(lambda match: match.group(1), content)
    if "\\" in content and _JSON_ESCAPED.search(content):
        content = _JSON_ESCAPE.sub(_unescape_json, content)
        # A pair of escaped surrogates is one character.
        content = content.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    for _ in range(2):
        if "&" not in content or looks_like_html(content) or not _ESCAPED_TAG.search(content):
            break
        content = html.unescape(content)
    if "[" in content:
        content = _CAPTION_SHORTCODE.sub(r"<figcaption>\1</figcaption>", content)
        content = _SHORTCODE.sub(" ", content)
    return content


def any_to_blocks(content: str) -> list[Block]:
    """Body blocks from content that may be HTML or plain text."""
    content = normalize_content(content)
    return html_to_blocks(content) if looks_like_html(content) else text_to_blocks(content)
