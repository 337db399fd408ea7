"""Escaping user text for each page context."""

from __future__ import annotations

import json

import pytest

from geomap.render.escape import (
    LINK_REL,
    html_attr,
    html_text,
    js_string,
    json_for_script,
    link_html,
    safe_url,
    template_literal,
)

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
    "</script><script>window.__pwned=1</script>",
    "`${window.__pwned=1}`",
    "back\\slash",
    "line\u2028sep\u2029para",
    "<!--",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_html_text_leaves_no_markup(text: str) -> None:
    out = html_text(text)
    assert "<" not in out and ">" not in out and '"' not in out


@pytest.mark.parametrize("text", PAYLOADS)
def test_html_attr_cannot_close_the_attribute(text: str) -> None:
    out = html_attr(text)
    assert '"' not in out and "'" not in out and "`" not in out and "<" not in out


@pytest.mark.parametrize("text", PAYLOADS)
def test_js_string_round_trips_and_cannot_close_script(text: str) -> None:
    out = js_string(text)
    assert "</" not in out.lower() and "<" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == text


@pytest.mark.parametrize("text", PAYLOADS)
def test_template_literal_escapes_backtick_dollar_backslash(text: str) -> None:
    out = template_literal(text)
    assert "<" not in out and "\u2028" not in out
    # every backtick and dollar sign is preceded by an (unescaped) backslash
    for i, ch in enumerate(out):
        if ch in "`$":
            run = len(out[:i]) - len(out[:i].rstrip("\\"))
            assert run % 2 == 1, (text, out)


def test_template_literal_backslash_doubles() -> None:
    assert template_literal("a\\b") == "a\\\\b"


def test_json_for_script_is_json_and_script_safe() -> None:
    doc = {"t": PAYLOADS, "n": float("nan"), "inf": float("inf"), "ok": 1.5}
    out = json_for_script(doc)
    assert "<" not in out and "\u2028" not in out and "\u2029" not in out
    back = json.loads(out)
    assert back["t"] == PAYLOADS
    assert back["n"] is None and back["inf"] is None and back["ok"] == 1.5


def test_json_for_script_unclean_raises_on_nan() -> None:
    with pytest.raises(ValueError):
        json_for_script({"n": float("nan")}, clean=False)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>", "//evil.example/x", "/relative", "https:///nohost",
    "vbscript:x", "", None, "ftp://example.org/", "https://exa mple.org/",
])
def test_safe_url_refuses(url: object) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=2", "http://x.example/"])
def test_safe_url_accepts_http_https(url: str) -> None:
    assert safe_url(url) == url


def test_link_html_for_safe_and_unsafe() -> None:
    link = link_html("https://example.org/?a=1&b=<2>", "ex<ample>")
    assert f'rel="{LINK_REL}"' in link and 'target="_blank"' in link
    assert "&amp;b=&lt;2&gt;" in link and "ex&lt;ample&gt;" in link
    assert link_html('javascript:alert("x")') == "javascript:alert(&quot;x&quot;)"
