"""Why a rendered brief must not be published: resources loaded from outside, images without alt text, size."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

# nbconvert fills a missing alt with this sentence; for our readers it counts as missing.
NBCONVERT_DEFAULT_ALT = "No description has been provided for this image"
# Leadership open briefs on office laptops and receive them by e-mail (issue: each brief under 2 MB).
MAX_BRIEF_BYTES = 2 * 1024 * 1024

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]*)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
_JS_IMPORT = re.compile(r"""\bimport\s*\(\s*['"`]([^'"`]+)""")
_LOADING_ATTRS = (("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
                  ("embed", "src"), ("object", "data"), ("source", "src"), ("source", "srcset"),
                  ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
                  ("input", "src"), ("image", "href"), ("use", "href"))


def _is_inline(ref: str) -> bool:
    return ref == "" or ref.startswith(("data:", "#"))


def _soup(html: str | BeautifulSoup) -> BeautifulSoup:
    return html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")


def external_references(html: str | BeautifulSoup) -> list[str]:
    """Every resource the page would load from outside itself (scripts, styles, fonts, images, imports)."""
    soup = _soup(html)
    refs: list[str] = []
    for tag, attr in _LOADING_ATTRS:
        for elem in soup.find_all(tag):
            value = (elem.get(attr) or elem.get(f"xlink:{attr}")) if attr == "href" else elem.get(attr)
            if value and not _is_inline(value):
                refs.append(f"<{tag} {attr}={value!r}>")
    for link in soup.find_all("link"):
        if link.get("href") and not _is_inline(link["href"]):
            refs.append(f"<link href={link['href']!r}>")
    css_texts = [s.get_text() for s in soup.find_all("style")]
    css_texts += [e["style"] for e in soup.find_all(style=True)]
    for css in css_texts:
        css = _CSS_COMMENT.sub("", css)
        refs += [f"css url({u})" for u in _CSS_URL.findall(css) if not _is_inline(u)]
        refs += [f"css @import {u}" for u in _CSS_IMPORT.findall(css)]
    for script in soup.find_all("script"):
        refs += [f"script import({u})" for u in _JS_IMPORT.findall(script.get_text())]
    return refs


def images_without_alt(html: str | BeautifulSoup) -> int:
    """Images whose alt text is missing, empty, or nbconvert's placeholder sentence."""
    soup = _soup(html)
    return sum(1 for img in soup.find_all("img")
               if not (img.get("alt") or "").strip() or img.get("alt") == NBCONVERT_DEFAULT_ALT)


def audit_brief(html: str, max_bytes: int = MAX_BRIEF_BYTES) -> list[str]:
    """Why a rendered brief must not be published (empty when it is fine)."""
    problems = []
    soup = _soup(html)  # parsed once for both checks: a brief is up to 2 MB
    refs = external_references(soup)
    if refs:
        shown = ", ".join(refs[:3]) + (f" and {len(refs) - 3} more" if len(refs) > 3 else "")
        problems.append(f"loads {len(refs)} external resource(s): {shown} (inline them as data: URIs)")
    missing = images_without_alt(soup)
    if missing:
        problems.append(f"{missing} image(s) without alt text (display charts as <img alt=...> HTML, "
                        f"or give the output metadata an 'alt' entry)")
    size = len(html.encode("utf-8"))
    if size > max_bytes:
        problems.append(f"is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit "
                        f"(lower the chart dpi or show fewer table rows)")
    return problems
