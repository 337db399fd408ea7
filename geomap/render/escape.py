"""Escaping of user text for every context it can land in on a map page.

User text (titles, layer names, place names, notes, sources, extra columns) is data, never
markup. Each function here makes text safe for exactly one context:

==========================  ===================================================
function                    context
==========================  ===================================================
:func:`html_text`           between HTML tags (``<td>...</td>``, ``<title>``)
:func:`html_attr`           inside a double-quoted HTML attribute value
:func:`js_string`           a JavaScript string literal inside ``<script>``
:func:`template_literal`    the body of a JavaScript template literal (backticks)
:func:`json_for_script`     JSON embedded in a ``<script>`` element
:func:`safe_url`            a link target: ``http``/``https`` only, else ``None``
:func:`embed_src`           an embed ``<iframe src>``: http(s), or ``./`` + encoded path
==========================  ===================================================

Every script-context escaper also escapes ``<`` (so ``</script>`` and ``<!--`` cannot close
or confuse the element), ``>``, ``&`` and the line separators U+2028 and U+2029.
"""

from __future__ import annotations

import html
import json
import math
import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

from geomap.errors import GeomapInputError

__all__ = [
    "LINK_REL",
    "html_text",
    "html_attr",
    "js_string",
    "template_literal",
    "json_for_script",
    "script_safe",
    "safe_url",
    "link_html",
    "embed_src",
]

#: ``rel`` of every link geomap writes to a user-supplied URL.
LINK_REL = "noopener noreferrer"

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_RE = re.compile("[<>&\u2028\u2029]")
_TEMPLATE_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "$": "\\$",
    "\r": "\\r",
    **_SCRIPT_ESCAPES,
}
_TEMPLATE_RE = re.compile("[\\\\`$\r<>&\u2028\u2029]")
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def html_text(value: Any) -> str:
    """Escape ``value`` for HTML text content (``&``, ``<``, ``>``, both quotes).

    Examples
    --------
    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(_text(value), quote=True)


def html_attr(value: Any) -> str:
    """Escape ``value`` for a double- or single-quoted HTML attribute value.

    Examples
    --------
    >>> html_attr('"><svg onload=alert(1)>')
    '&quot;&gt;&lt;svg onload=alert(1)&gt;'
    """
    escaped = html.escape(_text(value), quote=True)
    return escaped.replace("`", "&#96;")


def script_safe(text: str) -> str:
    """Escape ``<``, ``>``, ``&``, U+2028 and U+2029 in JSON or JS source as ``\\uXXXX``,
    which leaves its meaning unchanged and makes it safe inside ``<script>``."""
    return _SCRIPT_RE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)


_escape_script = script_safe


def js_string(value: Any) -> str:
    """Return a double-quoted JavaScript string literal for ``value``, safe in ``<script>``.

    Examples
    --------
    >>> js_string('</script><script>alert(1)</script>')
    '"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"'
    """
    return script_safe(json.dumps(_text(value), ensure_ascii=False))


def template_literal(value: Any) -> str:
    """Escape ``value`` for the body of a JavaScript template literal (between backticks).

    Backslash, backtick and ``$`` (so ``${`` cannot start a substitution) are escaped, and so
    are ``<``, ``>``, ``&``, U+2028 and U+2029 for the enclosing ``<script>``.

    Examples
    --------
    >>> template_literal('`${alert(1)}`')
    '\\\\`\\\\${alert(1)}\\\\`'
    """
    return _TEMPLATE_RE.sub(lambda m: _TEMPLATE_ESCAPES[m.group()], _text(value))


def _clean(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v) for v in obj]
    return obj


def _default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return _clean(value.item())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def json_for_script(obj: Any, *, clean: bool = True, script_safe: bool = True) -> str:
    """Serialise ``obj`` as compact JSON that is safe inside any ``<script>`` element.

    Non-finite floats become ``null`` (pass ``clean=False`` when the caller already made
    sure there are none: it is faster); ``<``, ``>``, ``&``, U+2028 and U+2029 are written
    as ``\\uXXXX`` escapes, so the text can neither close the element nor break a JS parser
    (``script_safe=False`` leaves that out, for text that is not inlined as is).

    Examples
    --------
    >>> json_for_script({"t": "</script>"})
    '{"t":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(_clean(obj) if clean else obj, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False, default=_default)
    return _escape_script(text) if script_safe else text


@lru_cache(maxsize=65536)
def _safe_text_url(text: str) -> str | None:
    text = text.strip()
    if not text or _CONTROL_RE.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def safe_url(value: Any) -> str | None:
    """Return ``value`` if it is an absolute ``http``/``https`` URL with a host, else ``None``.

    ``javascript:``, ``data:``, relative and protocol-relative URLs are refused, whatever
    their case or the whitespace and control characters around or inside them.

    Examples
    --------
    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url(" JaVaScRiPt:alert(1)") is None
    True
    """
    return _safe_text_url(_text(value))


def link_html(url: Any, text: Any = None) -> str:
    """An ``<a>`` element for a safe URL (new tab, ``rel="noopener noreferrer"``), else text.

    Examples
    --------
    >>> link_html("javascript:alert(1)")
    'javascript:alert(1)'
    """
    href = safe_url(url)
    label = html_text(text if text is not None else url)
    if href is None:
        return label
    return (f'<a href="{html_attr(href)}" target="_blank" rel="{LINK_REL}">{label}</a>')


_LOCAL_ABSOLUTE = re.compile(r"^([/\\]|[A-Za-z]:)")


def embed_src(src: Any) -> str:
    """The ``src`` of an embed ``<iframe>``: an absolute ``http``/``https`` URL as it is
    (:func:`safe_url`), anything else a relative URL: percent-encoded, ``/`` kept between
    folders, prefixed ``./`` -- so ``javascript:``, ``data:``, ``?`` or ``"`` in a file name
    are characters of the name, never a scheme, a query or markup.

    Raises
    ------
    GeomapInputError
        ``src`` is empty or a local absolute path (``/home/...``, ``C:\\...``, ``\\\\server``),
        which would publish where the file sits on this machine.

    Examples
    --------
    >>> embed_src("javascript:alert(1)?.html")
    './javascript%3Aalert%281%29%3F.html'
    """
    text = "" if src is None else str(src)
    url = safe_url(text)
    if url is not None:
        return url
    if not text.strip() or _LOCAL_ABSOLUTE.match(text):
        raise GeomapInputError(
            f"embed src {text!r}: give the page's published URL (https://...) or a path "
            "relative to the embedding page (map.html), not a path on this machine")
    return "./" + quote(text, safe="/")
