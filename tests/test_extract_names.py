"""The given-name lexicon: which NER "people" are names, and which sentences may name people."""
from __future__ import annotations

import pytest

from extract.names import fold, given_names, is_given_name, may_name_people


def test_the_newest_lexicon_loads_and_is_clean(tmp_path):
    names = given_names()
    assert len(names) > 3000 and all(n == n.strip().lower() for n in names)
    (tmp_path / "given_names.v1.txt").write_text("alice\n", encoding="utf-8")
    (tmp_path / "given_names.v2.txt").write_text("bob\ncarol\n", encoding="utf-8")
    assert given_names.__wrapped__(tmp_path) == {"bob", "carol"}


@pytest.mark.parametrize("word, known", [("José", True), ("Rohini", True), ("Oluwaseun", True),
                                         ("Gift", False), ("Card", False), ("Blockchain", False)])
def test_given_names_across_languages_and_not_words(word, known):
    assert is_given_name(word) is known
    assert fold("Zoë") == "zoe"


@pytest.mark.parametrize("text, found", [
    ("The panel featured Maria Lopez and two guests.", True),
    ("Revenue Grew In The Third Quarter.", False),
    ("Customer Acquisition rose sharply.", False)])
def test_sentences_that_may_name_people(text, found):
    assert may_name_people(text) is found
