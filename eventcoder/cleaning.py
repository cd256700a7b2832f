"""Make article text safe to code without changing its wording.

:func:`clean_text` only

* removes NUL bytes and other control characters (keeping ``\\n`` and ``\\t``),
  reporting how many it removed;
* turns ``\\r\\n``, ``\\r``, form feeds, vertical tabs and Unicode line/paragraph
  separators into ``\\n`` (silently);
* strips HTML markup when the text looks like HTML: tags are removed, block
  tags (``<p>``, ``<br>``, ``<div>``, ``<li>``, headings …) become line breaks, the
  contents of ``<script>``, ``<style>``, ``<noscript>`` and ``<template>`` and
  comments are dropped (silently);
* decodes HTML character references written with a semicolon (``&amp;``,
  ``&#8217;``, ``&nbsp;``) — also in text without tags, where they are a common
  scraping artefact; ``AT&T`` or ``&para`` without ``;`` are left alone;
* normalises whitespace: runs of spaces/tabs (and no-break spaces) become one
  space, lines are trimmed, runs of blank lines become one blank line
  (paragraph breaks are kept, single line breaks too), and the text is trimmed.

Quotes, dashes, case and Unicode normal form are left exactly as they are.
"""

from __future__ import annotations

import html
import re

__all__ = ["clean_text", "looks_like_html", "normalize_space"]

# C0 and C1 controls, DEL, except \t \n (\r \f \v are turned into \n first).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")

_HTML_TAG_NAMES = (
    "a|abbr|address|article|aside|audio|b|big|blockquote|body|br|button|caption|center|cite|code|dd|"
    "del|details|dfn|div|dl|dt|em|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|"
    "iframe|img|input|ins|kbd|label|li|link|main|mark|meta|nav|noscript|ol|option|p|picture|pre|q|s|"
    "samp|script|section|select|small|source|span|strike|strong|style|sub|summary|sup|table|tbody|td|"
    "template|textarea|tfoot|th|thead|time|title|tr|tt|u|ul|var|video|wbr"
)
_LOOKS_HTML = re.compile(r"<(?:/?(?:" + _HTML_TAG_NAMES + r")(?:\s[^<>]*)?/?>|!--|!doctype\b)", re.IGNORECASE)
_DROP_CONTENT = re.compile(
    r"<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>|<\?[^>]*>", re.DOTALL)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"</?(?:address|article|aside|blockquote|body|caption|dd|div|dl|dt|figcaption|figure|footer|"
    r"form|h[1-6]|head|header|hr|html|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|"
    r"th|thead|title|tr|ul|details)\b[^>]*>",
    re.IGNORECASE,
)
# A tag: "<" + name or "/" name, attributes may contain quoted ">".
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# whitespace runs except newline (incl. tab, NBSP, thin spaces); a lone " " is left alone (fast path)
_HSPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_SPACE_AROUND_NL = re.compile(r" ?\n ?")
_BLANK_LINES = re.compile(r"\n{3,}")
# for fast checks (``ch in text`` is much faster than a regex scan)
_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
_OTHER_SPACES = [ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch not in " \n"]
_OTHER_ASCII_SPACES = [ch for ch in _OTHER_SPACES if ch.isascii()]


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains a known HTML tag, an HTML comment or a doctype."""
    return _LOOKS_HTML.search(text) is not None


def _unescape(match: re.Match[str]) -> str:
    return html.unescape(match.group(0))


def _strip_html(text: str) -> str:
    text = _DROP_CONTENT.sub(" ", text)
    text = _COMMENT.sub(" ", text)
    text = _BREAK_TAG.sub("\n", text)
    text = _BLOCK_TAG.sub("\n\n", text)
    return _ANY_TAG.sub("", text)


def normalize_space(text: str, *, keep_newlines: bool = True) -> str:
    """Collapse whitespace; with ``keep_newlines`` keep line and paragraph breaks."""
    if not keep_newlines:
        return " ".join(text.split())
    # substring tests are much faster than a regex scan: most texts need no change
    if "  " in text or any(ch in text for ch in (_OTHER_ASCII_SPACES if text.isascii() else _OTHER_SPACES)):
        text = _HSPACE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _SPACE_AROUND_NL.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def clean_text(text: str) -> tuple[str, list[str]]:
    """Return ``(cleaned text, warnings)``; warnings name what was removed.

    HTML stripping and whitespace normalisation are silent: they do not change
    the wording.  Removing NUL bytes or other control characters is reported.
    """
    warnings: list[str] = []
    if "\x00" in text:
        count = text.count("\x00")
        text = text.replace("\x00", "")
        warnings.append(f"removed {count} NUL byte{'s' if count != 1 else ''} from the text")
    if any(ch in text for ch in _LINE_BREAKS):
        text = _NEWLINES.sub("\n", text)
    text, count = _CONTROL.subn("", text)
    if count:
        warnings.append(
            f"removed {count} control character{'s' if count != 1 else ''} (U+0001-U+001F, U+007F-U+009F)"
        )
    if "<" in text and looks_like_html(text):
        text = _strip_html(text)
    if "&" in text:
        text = _ENTITY.sub(_unescape, text)
        # entities can produce control characters (&#0; is U+FFFD, but &#1; is U+0001)
        text = _CONTROL.sub("", text)
        text = _NEWLINES.sub("\n", text)
    return normalize_space(text), warnings
