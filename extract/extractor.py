"""One pass over a batch of documents: rules + prefilter, windowed NER, then per-document assembly."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from acescout_core.settings import Settings
from extract import token_sales
from extract.boilerplate import find_layout
from extract.patterns import load_patterns
from extract.names import may_name_people
from extract.people import SPEECH, SPEECH_VERBS, Person, find_people
from extract.pipeline import entity_spans, load_ner, load_rules
from extract.resolve import company_site, domain_for, text_domains
from extract.sources import RawDocument, document_date
from extract.subject import (TICKER_PARENS, Excluder, Org, abbreviates, looks_like_company,
                             named_person, pick_issuer, sentence_subject, short_name)
from extract.timing import find_windows
from extract.triggers import DEAL_ROLES, TriggerHit, find_triggers

NER_LABELS_ORG = {"ORG"}
_MONEY_IN_NAME = re.compile(r"[$€£¥₹]\s?\d|\b\d[\d.,]*\s?(?i:million|billion)\b")
MIN_PROCESS_SNIPPETS = 200  # below this, worker start-up costs more than it saves
# Words that travel with people's names: honorifics, interviews, hosts, founders.
PERSON_CUE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.\s+[A-Z]|\b(?:spoke with|interview(?:ed|s)?|"
                        r"hosted by|led by|joined by|featuring|founded by|co-?founded|"
                        r"according to|who)\b")
# Post-nominal letters the small NER calls organisations ("Erin Roe, PhD, MBA, PMP, as director")
CREDENTIALS = {"PHD", "MBA", "PMP", "CPA", "CFA", "CFP", "MD", "JD", "DDS", "DMD", "RN", "MPH", "MSC",
               "FACS", "FRCSC", "CISSP", "CISA", "CISM", "PE", "ESQ", "LLM", "MS", "MA", "BSC"}
NER_LEAD_SENTENCES = 4  # the headline and opening sentences always reach the NER (the issuer)


@dataclass
class SignalOut:
    kind: str
    tense: str
    negated: bool
    cloud: str | None
    account: str
    evidence: str
    start: int
    end: int
    aws_services: list[str]
    frameworks: list[str]
    programs: list[str]
    window_start: date | None
    window_end: date | None
    confidence: float


@dataclass
class DocExtraction:
    raw: RawDocument
    text: str
    published: date
    issuer: str | None
    signals: list[SignalOut] = field(default_factory=list)
    negated: list[SignalOut] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    accounts: list[tuple[str, str | None]] = field(default_factory=list)  # (name, domain)
    aws_services: list[str] = field(default_factory=list)
    ner_chars: int = 0


def compose_text(raw: RawDocument, max_chars: int) -> str:
    """The text analysed: the title first (as a headline line) unless the body starts with it."""
    text = raw.text[:max_chars]
    if raw.title and raw.title.strip() and raw.title.strip()[:40] not in text[:300]:
        text = f"{raw.title.strip()}\n\n{text}"
    return text


# "appoints Jane Q. Doe as", "the appointment of Jane Doe to": the person the news is about.
APPOINTEE = re.compile(
    r"(?i:\b(?:appoints|appointed|appointment of|names|named|promotes|promoted|promotion of|hires|"
    r"hired|welcomes|welcomed|taps|tapped|elevates|elevated|succeeds|succeeding|replaces|replacing))"
    r"\s+(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:[A-Z][a-z]+[A-Za-z'’-]*|[A-Z]'[A-Z][a-z]+)){1,2})"
    r"(?=\s+(?:as|to|has|will|who|in|into|back)\b|,)")


ROLE_WORDS = {"Chief", "Officer", "President", "Director", "Vice", "Board", "Executive", "Senior",
              "Head", "Manager", "Partner", "Lead", "General", "Managing", "New", "Interim"}


# '…," said CCO of All Racquet Sports, Bryan Ogle.' / 'explains Dr. Emily Miller, Chief …'
SPEAKER = re.compile(
    rf"(?i:\b(?:{SPEECH_VERBS}))\s+"
    r"(?:[^.!?”\"\n]{0,60}?,\s+)?(?:(?:Dr|Mr|Mrs|Ms|Prof|Rep|Gov|Sen)\.?\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:[A-Z][a-z]+[A-Za-z'’-]*|[A-Z]'[A-Z][a-z]+)){1,2})"
    r"(?=\s*[,.]|\s+(?:of|at|from)\b)")


def appointees(text: str) -> list[tuple[int, int, str]]:
    """People the rules can name when the small NER misses them: appointees and quoted speakers."""
    found = [(m.start("name"), m.end("name"), m["name"])
             for rx in (APPOINTEE, SPEAKER) for m in rx.finditer(text)]
    return sorted({f for f in found if not ROLE_WORDS & set(f[2].split())})


_ABBREVIATIONS = {"pte", "co", "inc", "ltd", "corp", "bhd", "sdn", "pty", "mfg", "bros", "intl",
                  "natl", "st", "mt", "ft", "jr", "sr", "no", "ave"}
_SENTENCE_END = re.compile(r"(\S*?)([.!?])\s+(?=[A-Z])")


def _last_sentence(text: str) -> str:
    """What follows the last sentence end that is not an abbreviation's full stop."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        word = m[1].rsplit(".", 1)[-1] if m[2] == "." else ""
        if m[2] != "." or (len(word) > 1 and word.lower() not in _ABBREVIATIONS):
            start = m.end()
    return text[start:]


def _org_name(text: str) -> str:
    """One line, no possessive: NER spans sometimes run across a headline break."""
    # "... Stores. Exotic Snack" (not "Dayos Pte. Ltd", "U.S. Bank", "Acme Co. Ltd")
    name = _last_sentence(text.split("\n")[0].strip())
    name = _BOARD_OF.sub("", name)  # "the Supervisory Board of Vonovia SE" -> "Vonovia SE"
    name = re.sub(r"^[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?-based\s+(?=[A-Z])", "", name)  # "Nevada-based X"
    return re.sub(r"(?:'s|’s|'|’)$", "", name).strip(" ,.")


_BOARD_OF = re.compile(r"^(?:the\s+)?(?:(?:Supervisory|Advisory|Executive|Management)\s+)?Board\s+"
                       r"(?:of\s+Directors\s+)?of\s+(?:the\s+)?(?=[A-Z])", re.I)


NEWS_VERBS = {"appoints", "names", "promotes", "hires", "welcomes", "taps", "elevates", "acquires",
              "raises", "secures", "closes", "completes", "achieves", "earns", "obtains", "receives",
              "announces", "launches", "expands", "joins", "selects", "migrates", "plans", "awarded",
              "wins", "lands", "obtains"}


def _verb_inside_name(hit, text: str, names_at: list[tuple[int, int]],
                      person_starts: list[int]) -> bool:
    """"Skills Promotes Dr.", "Ladybug Resource Group Acquires Real Estate ...": a news verb in
    the middle, at the end or at the start ("Names Experienced Life Science") of a headline's
    name span (or running into a person's name) is the NER's mistake, not a company called
    "... Acquires"."""
    spans = [(s, e) for s, e in names_at if s <= hit.start and hit.end <= e]
    if hit.end <= text.find("\n") and len(text[hit.start:hit.end].split()) >= 2 and any(
            text[hit.end:e].strip() == "" and len(text[s:hit.start].split()) <= 2 for s, e in spans):
        return True  # a headline's "Non-Brokered Private Placement": the NER took the deal for a name
    verb = text[hit.start:hit.end].split()[0].lower() if hit.end > hit.start else ""
    if verb in NEWS_VERBS and any(s < hit.start or hit.end < e for s, e in spans):
        return True
    if hit.kind != "leadership_change":
        return False
    return any(0 <= p - e <= 2 or hit.end <= p <= e + 2 for _s, e in spans for p in person_starts)


def _names_issuer(name: str, issuer: str) -> bool:
    """"INDUS" for "INDUS Holding AG", "Calibre Mining" for "Calibre Mining Corp"."""
    if named_person(issuer):
        return False  # a person's own release ("Michael Doe Announces Scholarship")
    if abbreviates(name, issuer):
        return True  # "KEF" for "Kaplan Educational Foundation"
    name, issuer = re.sub(r"^the\s+", "", name, flags=re.I).lower(), issuer.lower()
    return name in (issuer, short_name(issuer).lower()) or issuer.startswith(name + " ")


# An M&A advisor's headline: "Benchmark International Successfully Facilitated the Transaction
# Between Acme, LLC and Beta Inc.", "Harris Advisors Represents The Complex in Sale to AEG": a
# completed deal of the advisor's client (the seller), not of the advisor.
ADVISED_DEAL = re.compile(
    r"\b(?i:facilitated|facilitates|advised|advises|represented|represents)\s+"
    r"(?:(?i:the\s+(?:transaction|sale|merger)\s+(?:between|of))\s+(?P<a>.+?)\s+(?i:and|to|with)\s+[A-Z]|"
    r"(?P<b>[A-Z].+?)\s+(?i:(?:in|on)\s+(?:its\s+|the\s+)?(?:sale|merger)\s+(?:to|with))\s+[A-Z])")


def _advised_seller(headline: str) -> str | None:
    m = ADVISED_DEAL.search(headline)
    if not m:
        return None
    name = re.sub(r",?\s+(?:LLC|Inc|Ltd|Corp|Co)\.?$", "", (m["a"] or m["b"]).strip(" ,"))
    return name if name[:1].isupper() and len(name.split()) <= 6 else None


def _acquired_in_headline(text: str, hit: TriggerHit, headline_end: int) -> str | None:
    """The name a headline says is "Acquired by" someone (the hit must be the headline's)."""
    if text[hit.start:hit.end].lower() != "acquired by" or hit.start >= headline_end:
        return None
    m = ACQUIRED_HEADLINE.match(text[:hit.start].lstrip("# "))
    return m["name"] if m else None


def _deal_target(sentence: str, name: str) -> bool:
    """``name`` is what the deal buys ("acquisition of X", "to acquire X"), not who does it."""
    return bool(re.search(rf"\b(?:acquisitions? of|acquir(?:e|es|ed|ing)|purchase of|merger with|"
                          rf"stake in)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){{0,2}}?{re.escape(name)}",
                          sentence, re.I))


# A headline deal whose words leave it open ("Acquires", "Announces Acquisition of"), unless they
# also say it is done ("Completes Acquisition", "Acquires X, Secures $25 Million").
PENDING_DEAL = re.compile(r"\b(?:acquires|acquisition|merger|merges|buys|to acquire)\b", re.I)
DONE_DEAL = re.compile(r"\b(?:complet|clos|finali[sz]|consummat|raise|secure|acquired|funded|awarded)\w*",
                       re.I)
LEAD_CHARS = 1500  # the lead, where a release states the deal's terms
# The lead says the deal is not closed yet: its headline "Secures", "Acquired by" is agreed terms.
PENDING_CLOSE = re.compile(r"\b(?:expected|anticipated|scheduled) to (?:close|be completed|complete|be consummated)\b|"
                           r"\bsubject to (?:the satisfaction of )?(?:customary )?closing conditions\b|"
                           r"\bhas not yet closed\b", re.I)
# ... unless the deal's own sentence says it closed (not "received approval": the close is ahead)
CLOSED_DEAL = re.compile(r"\b(?:closed|closes|completed|completes|completion|closing of|consummated|"
                         r"finali[sz]ed)\b", re.I)
# "GCON Acquired by Webcor LP in New Strategic Relationship": the headline's company is bought
ACQUIRED_HEADLINE = re.compile(r"^\W*(?P<name>[A-Z0-9][\w&.'’-]*(?:\s+[A-Z0-9&][\w&.'’-]*){0,5})\s+"
                               r"(?:(?:Is|Has Been|To Be|to be|is|has been)\s+)?$")


def _merge(first: SignalOut, later: SignalOut) -> None:
    """The same trigger told again: the first telling sets the tense (the news; a headline deal
    "Acquires X" takes the lead's "expected to close"), later ones add
    the services, frameworks, programs and dates they name."""
    for attr in ("aws_services", "frameworks", "programs"):
        setattr(first, attr, list(dict.fromkeys(getattr(first, attr) + getattr(later, attr))))
    if first.kind == "funding" and first.start == 0 and first.tense == "completed" and \
            later.tense == "planned" and later.start < LEAD_CHARS and \
            PENDING_DEAL.search(first.evidence) and not DONE_DEAL.search(first.evidence):
        first.tense = "planned"  # "Linklogis Acquires Bytter", then "... expected to close in Q3"
    if first.window_end is None and later.window_end is not None:
        first.window_start, first.window_end = later.window_start, later.window_end
    first.cloud = first.cloud or later.cloud


class Extractor:
    """Holds the loaded pipelines and the partner's exclusions for a run."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.patterns = load_patterns()
        self.rules = load_rules()
        self.model = settings.extract.model
        partner = settings.partner
        non_accounts = [r["pattern"] for r in self.patterns.records
                        if r["label"] in ("NON_ACCOUNT", "CLOUD") and isinstance(r["pattern"], str)]
        self.excluder = Excluder([partner.name, *partner.aliases,
                                  (partner.domain or "").split(".")[0]], non_accounts)

    def ner_windows(self, doc: Doc, hits: list[TriggerHit], body_end: int) -> list[tuple[int, int]]:
        """Char ranges for the NER: the lead, trigger sentences and their neighbours, sentences with
        a title or a quote.

        A document without trigger or title words gets none: it never reaches the statistical model.
        """
        sents = [s for s in doc.sents if s.text.strip() and s.start_char < body_end]
        titles = {s.start for s in entity_spans(doc) if s.label_ == "TITLE"}
        keep: set[int] = set()
        hit_starts = {h.sent_start for h in hits}
        for i, s in enumerate(sents):
            if s.start_char in hit_starts:
                keep.update({i - 1, i})
            if any(s.start <= t < s.end for t in titles) or SPEECH.search(s.text) or \
                    PERSON_CUE.search(s.text) or may_name_people(s.text):
                keep.add(i)  # a title, a quote, a person's cue or a given name: people are named
        if not keep:
            return []
        keep.update(range(min(NER_LEAD_SENTENCES, len(sents))))
        ranges: list[tuple[int, int]] = []
        for i in sorted(k for k in keep if 0 <= k < len(sents)):
            start, end = sents[i].start_char, sents[i].end_char
            if ranges and start - ranges[-1][1] <= 2:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
        return ranges

    def run(self, raws: list[RawDocument]) -> list[DocExtraction]:
        cfg = self.settings.extract
        texts = [compose_text(r, cfg.max_chars) for r in raws]
        docs = list(self.rules.pipe(texts, batch_size=cfg.batch_size))
        staged = []
        snippets: list[tuple[int, int, str]] = []
        for idx, (raw, text, doc) in enumerate(zip(raws, texts, docs)):
            today = document_date(raw)
            layout = find_layout(text)
            windows = [w for w in find_windows(text[:layout.body_end], today)
                       if not (w.start == w.end == today)]  # the dateline is not a window
            hits = find_triggers(doc, layout.body_end, today, windows, self.patterns.seniority)
            for start, end in self.ner_windows(doc, hits, layout.body_end):
                snippets.append((idx, start, text[start:end]))
            staged.append((raw, text, doc, today, layout, hits))
        ents: list[list[tuple[int, int, str, str]]] = [[] for _ in raws]
        ner_chars = [0 for _ in raws]
        if snippets:
            nlp = load_ner(self.model)
            n_process = cfg.n_process if len(snippets) >= MIN_PROCESS_SNIPPETS else 1
            for (idx, offset, snippet), sdoc in zip(
                    snippets, nlp.pipe([s[2] for s in snippets], batch_size=cfg.batch_size,
                                       n_process=n_process)):
                ner_chars[idx] += len(snippet)
                for e in sdoc.ents:
                    ents[idx].append((offset + e.start_char, offset + e.end_char, e.label_, e.text))
        return [self._assemble(*stage, ents[i], ner_chars[i]) for i, stage in enumerate(staged)]

    def _assemble(self, raw, text, doc, today, layout, hits, ents, ner_chars) -> DocExtraction:
        ruler = entity_spans(doc)
        blocked = [(s.start_char, s.end_char) for s in ruler
                   if s.label_ in ("NON_ACCOUNT", "CLOUD", "AWS_SERVICE", "FRAMEWORK", "AWS_PROGRAM")]
        blocked += [(s.start_char, s.end_char) for s in ruler if s.label_ == "TITLE"]
        orgs = [Org(s, e, _org_name(t)) for s, e, label, t in ents if label in NER_LABELS_ORG
                and not any(bs <= s < be or s <= bs < e for bs, be in blocked)]
        orgs = [o for o in orgs if not (o.name.isupper() and sum(c.isalpha() for c in o.name) >= 5)
                and not _MONEY_IN_NAME.search(o.name)]  # "... to Lead $40M Capital Raise"
        orgs = [o for o in orgs if o.name.upper().replace(".", "") not in CREDENTIALS]  # "Jo Roe, PhD, PMP"
        tickers = [m.span() for m in TICKER_PARENS.finditer(text)]
        orgs = [o for o in orgs if not any(s <= o.start < e for s, e in tickers)]  # "(NASDAQ: SCLX)"
        orgs = [o for o in orgs if len(o.name) > 2 and not o.name.lower().startswith("the ")
                or o.name.lower().startswith("the ") and len(o.name) > 6]
        persons = [(s, e, t) for s, e, label, t in ents if label == "PERSON"]
        for start, end, name in appointees(text[:layout.body_end]):
            if not any(s < end and start < e for s, e, _t in persons):
                persons.append((start, end, name))  # the small NER often calls them an ORG
            orgs = [o for o in orgs if not (o.start < end and start < o.end)]
        persons.sort()
        # "With Jain joining the team": a named person's surname the NER called an organisation
        # (a one-word name in the headline stays: "Dell" may be the company)
        person_words = {w for _s, _e, t in persons if len(t.split()) >= 2 for w in t.split()}
        newline = text.find("\n")
        orgs = [o for o in orgs if " " in o.name or o.name not in person_words
                or 0 <= o.start < newline]
        headline_end = newline if newline >= 0 else len(text)
        issuer = pick_issuer(text, orgs, layout.about_names, self.excluder, raw.title)
        issuer = _org_name(issuer) if issuer else issuer
        issuer = token_sales.promoted_project(
            doc, issuer, headline_end, layout.body_end,
            lambda name: self.excluder.excluded(name, issuer=True)) or issuer
        out = DocExtraction(raw=raw, text=text, published=today, issuer=issuer, ner_chars=ner_chars)
        out.aws_services = list(dict.fromkeys(s.id_ for s in ruler if s.label_ == "AWS_SERVICE"))
        best: dict[tuple[str, str], SignalOut] = {}
        names_at = [(o.start, o.start + len(text[o.start:o.end].split("\n")[0])) for o in orgs]
        if issuer:
            names_at += [(m.start(), m.end()) for m in re.finditer(re.escape(issuer), text)]
        person_starts = [s for s, _e, _t in persons]
        for hit in hits:
            token_sale = hit.kind == "funding" and token_sales.is_token_sale(text[hit.start:hit.end])
            if any(s <= hit.start and hit.end <= e for s, e in names_at) and not (
                    token_sale and token_sales.names_owner(text, hit.sent_start, hit.start)) and \
                    text[hit.start:hit.end] != "PIPE" and \
                    not _verb_inside_name(hit, text, names_at, person_starts):
                continue  # "Kennedy Funding", "Renewal Fuels": a trigger word inside a name
            if hit.subject is not None and not (issuer and _names_issuer(hit.subject, issuer)):
                continue  # deep in the body, only the issuer's own deal or hire is news
            account = sentence_subject(text, hit.sent_start, hit.sent_end, hit.start, orgs,
                                       self.excluder, issuer)
            account = _org_name(account) if account else account
            if issuer and (hit.subject is not None or text[hit.start:hit.end].lower() in DEAL_ROLES):
                account = issuer  # "KEF received a grant"; "Jo Doe, CEO of Hale Bank, will serve as CEO"
            if account and issuer and account != issuer and hit.kind == "funding" and \
                    _deal_target(text[hit.sent_start:hit.sent_end], account):
                account = issuer  # "the acquisition of Mexedia SpA's operations": the issuer buys
            if account and account != issuer and (not looks_like_company(account)
                                                   or named_person(account)):
                account = issuer  # "Authority to Operate", "the U.S. Defense Production Act", a person
            owner = token_sales.owner(text, hit.sent_start, hit.start, account, _names_issuer) \
                if token_sale else None
            if owner:
                account = owner  # "XRP's Legal Uncertainty ... While Cutoshi's Presale Emerges"
            acquired = _acquired_in_headline(text, hit, headline_end) if hit.kind == "funding" else None
            if acquired and not self.excluder.excluded(acquired):
                account = acquired  # "GCON Acquired by Webcor LP": GCON undergoes the deal
            if not account:
                continue
            signal = SignalOut(
                kind=hit.kind, tense=hit.tense, negated=hit.negated, cloud=hit.cloud, account=account,
                evidence=hit.evidence, start=hit.sent_start, end=hit.sent_end,
                aws_services=hit.aws_services, frameworks=hit.frameworks, programs=hit.programs,
                window_start=hit.window.start if hit.window else None,
                window_end=hit.window.end if hit.window else None,
                confidence=round(0.6 + (0.2 if hit.window else 0.0) + (0.1 if hit.aws_services else 0.0), 2))
            if hit.negated:
                out.negated.append(signal)
                continue
            key = (hit.kind, account)
            if key in best:
                _merge(best[key], signal)
            else:
                best[key] = signal
        client = _advised_seller(text[:headline_end])
        if client and not self.excluder.excluded(client):
            for key in [k for k in best if k[0] == "funding"]:
                del best[key]  # the advisor's release: the deal is its client's news
            best[("funding", client)] = SignalOut(
                kind="funding", tense="completed", negated=False, cloud=None, account=client,
                evidence=text[:headline_end].lstrip("# ").strip(), start=0, end=headline_end,
                aws_services=[], frameworks=[], programs=[], window_start=None, window_end=None,
                confidence=0.6)
        if PENDING_CLOSE.search(text[:LEAD_CHARS]):
            for sig in best.values():  # "... Secures $20 Million Private Placement"; "expected to close"
                if sig.kind == "funding" and sig.tense == "completed" and sig.start < LEAD_CHARS and \
                        not CLOSED_DEAL.search(sig.evidence):
                    sig.tense = "planned"
        out.signals = sorted(best.values(), key=lambda s: s.start)
        titles = [(s.start_char, s.end_char, s.text, self.patterns.seniority.get(s.id_, 0))
                  for s in ruler if s.label_ == "TITLE"]
        out.people = find_people(text, persons, titles, orgs, issuer, limit=layout.body_end)
        domains = text_domains(text)
        site = company_site(raw.url)
        names = list(dict.fromkeys(s.account for s in out.signals))
        if issuer and issuer not in names and not self.excluder.excluded(issuer, issuer=True):
            names.append(issuer)
        for name in names:
            dom = domain_for(name, ([site] if site else []) + domains)
            out.accounts.append((name, dom))
        return out
