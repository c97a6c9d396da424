"""Given names (data/lexicons/given_names.vN.txt, newest version): the evidence
that an NER "person" nobody gave a role is a person ("Donald Trump", not "Gift Card"), and the
cheap test that decides which sentences may name people and so reach the statistical NER."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicons"
_FILE = re.compile(r"^given_names\.v(?P<version>\d+)\.txt$")
# "Jane Doe", "Jane Q. Doe", "José García-Ruiz": a capitalised word, then a capitalised surname.
CANDIDATE = re.compile(r"\b(?P<given>[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\s+(?:[A-Z]\.\s+)?"
                       r"(?:(?:de|van|von|da|di|bin|al|del|la|le)\s+)?[A-Z][\w'’-]+")


def fold(word: str) -> str:
    """Lower case without accents: the lexicon's spelling."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=1)
def given_names(directory: Path = LEXICON_DIR) -> frozenset[str]:
    files = sorted((int(m["version"]), p) for p in directory.iterdir() if (m := _FILE.match(p.name)))
    if not files:
        raise FileNotFoundError(f"no given_names.vN.txt in {directory}")
    words = files[-1][1].read_text(encoding="utf-8").split("\n")
    return frozenset(w.strip() for w in words if w.strip())


def is_given_name(word: str) -> bool:
    return fold(word.strip(".,")) in given_names()


def may_name_people(text: str) -> bool:
    """Some "Given Surname" in the text: worth a look by the NER for people."""
    return any(is_given_name(m["given"]) for m in CANDIDATE.finditer(text))
