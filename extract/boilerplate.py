"""Where a release's news ends: "About X" boilerplate, media contacts, safe-harbour text.

Nothing after the first such marker creates a signal; "About X" headings also name the issuer(s).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_ABOUT = re.compile(r"^[#* \t_]*About\s+(?P<name>[^\n]{2,90}?)[*_\s:]*$", re.M)
# The heading run into its paragraph: "About Acme Inc.Acme Inc. is a ..." / "About Acme Acme is a"
_ABOUT_INLINE = re.compile(r"^[#* \t_]*About\s+(?P<name>[A-Z][^\n]{1,60}?)(?:[\s:]*(?=(?P=name)\s)|"
                           r"(?<=\.)(?=[A-Z][a-z]))", re.M)  # "... Inc.Safe Pro Group is a"
# "About [Acme](https://acme.example)Acme is ...": the heading written as a link
_ABOUT_LINK = re.compile(r"^[#* \t_]*About\s+\[(?P<name>[^\]\n]{2,60})\]\([^)\n]*\)", re.M)
_END = re.compile(
    r"^[#* \t_]*(?:Media|Press|Investor)\s+(?:Contacts?|Inquiries|Relations)\b|^[#* \t_]*Contacts?[ \t]*:?[*_ \t]*$|"
    r"^[#* \t_]*Contact\s+(?:Information|Details)\b|^[#* \t_]*(?:Cautionary Note|Forward[- ]Looking Statements?|"
    r"Safe Harbou?r|Disclaimer|Source:)|^\s*#{3}\s*$|^\s*-\s*30\s*-\s*$",
    re.M | re.I)
MIN_BODY = 60  # a marker in the first characters is a headline, not boilerplate


@dataclass
class Layout:
    body_end: int
    about_names: list[str] = field(default_factory=list)


def _clean(name: str) -> str:
    name = re.sub(r"\s*\((?:NASDAQ|NYSE|OTC|TSX|CSE|ASX)[^)]*\)", "", name, flags=re.I)
    name = re.sub(r"^the\s+", "", name.strip(" .:*_#"), flags=re.I)
    return name.strip(" .:*_#")


def find_layout(text: str) -> Layout:
    first_line = text.lstrip().find("\n") + (len(text) - len(text.lstrip()))
    floor = max(MIN_BODY, first_line + 1)
    about = [m for rx in (_ABOUT, _ABOUT_INLINE, _ABOUT_LINK) for m in rx.finditer(text)
             if m.start() >= floor]
    ends = [m.start() for m in _END.finditer(text) if m.start() >= floor]
    body_end = min([m.start() for m in about] + ends + [len(text)])
    names = [_clean(m["name"]) for m in about]
    names = [n for n in names if n and len(n.split()) <= 8 and not n.lower().startswith(("us", "the author"))]
    return Layout(body_end=body_end, about_names=list(dict.fromkeys(names)))
