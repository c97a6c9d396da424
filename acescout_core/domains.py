"""Domain and company-name normalisation: the keys accounts are matched on."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import tldextract

# Bundled public-suffix snapshot only: never fetch the list at run time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


@lru_cache(maxsize=65536)
def normalize_domain(value: str | None) -> str | None:
    """'https://www.Acme.co.uk/about' -> 'acme.co.uk'; None when it is not a real domain."""
    if not value:
        return None
    text = value.strip().lower()
    if "@" in text and not _SCHEME.match(text):
        text = text.rsplit("@", 1)[1]
    text = _SCHEME.sub("", text).split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
    text = text.strip(". ")
    if not text or " " in text:
        return None
    parts = _EXTRACT(text)
    if not parts.domain or not parts.suffix:
        return None
    return f"{parts.domain}.{parts.suffix}"


_LEGAL = re.compile(
    r"\b(incorporated|inc|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|gmbh|ag|sa|"
    r"s\.a|nv|bv|pty|pte|lp|llp|holdings?|group)\b\.?",
    re.I,
)


@lru_cache(maxsize=65536)
def normalize_company_name(name: str | None) -> str:
    """Lower-case, accents folded, legal suffixes and punctuation dropped: a matching key."""
    if not name:
        return ""
    text = re.sub(r"['\u2019]s?\s*$", "", name.strip())  # "Westmere University's" is Westmere University
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    try:
        from cleanco import basename

        text = basename(text)
    except Exception:  # cleanco is a nicety; the regex below does the essential part
        pass
    text = _LEGAL.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())
