"""Whose news it is: the subject of a trigger sentence, never the partner, an investor, auditor,
wire service, exchange, cloud vendor or law firm (DOMAIN.md: the partner is never the customer)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from acescout_core.domains import normalize_company_name

# Words just before an organisation that give it a role other than "the company in the news".
ROLE_BEFORE = re.compile(
    r"(?:led\s+by|co-led\s+by|participation\s+(?:from|of|by)|investors?(?:\s+including)?|backed\s+by|"
    r"funded\s+by|invest(?:ment)?\s+from|from\s+(?:existing\s+)?(?:investors?\s+)?|including|"
    r"audited\s+by|audit(?:ed)?\s+(?:conducted\s+)?by|conducted\s+by|performed\s+by|assessed\s+by|"
    r"issued\s+by|auditor|assessor|counsel|law\s+firm|represented\s+by|advised\s+by|advisor|"
    r"according\s+to|reported\s+by|via|distributed\s+by|on\s+behalf\s+of|sponsored\s+by|"
    r"recogni[sz]ed\s+by|named\s+by|by|former|ex-|formerly\s+(?:of|at|with)|previously\s+(?:of|at|with))"
    r"\s*(?:the\s+)?(?:[,:]\s*)?$", re.I)  # "former General Motors executive Jane Doe": a past employer
LAW_OR_FUND = re.compile(r"\b(?:LLP|Law|Attorneys|Legal|Ventures|Capital|Fund|Equity|"
                         r"Investments?|Newswire|Wire)\b")
ANNOUNCE = re.compile(r"\b(?:announced|announces|said|says|reported|confirmed|revealed)\s+(?:that|today)?",
                      re.I)
_DATELINE_LEAD = re.compile(r"(?:\d{4}|\))\s*[-–—/|]+\s*(?:\(?[A-Za-z .]*\)?\s*[-–—]+\s*)?"
                            r"(?P<name>[A-Z][\w.&'’-]*(?:\s+(?:[A-Z0-9][\w.&'’-]*|&|of|and|de|for)){0,6})"
                            r"(?=\s*(?:,|\(|today|announced|has|is|,?\s+a\s|,?\s+an\s|,?\s+the\s))")


@dataclass(frozen=True)
class Org:
    start: int
    end: int
    name: str


class Excluder:
    """Names that never become an account: the partner, wires, exchanges, clouds, analysts."""

    def __init__(self, partner_names: list[str], non_accounts: list[str]):
        self.partner = {normalize_company_name(n) for n in partner_names if n}
        self.partner.discard("")
        self.fixed = {normalize_company_name(n) for n in non_accounts} - {""}

    def is_partner(self, name: str) -> bool:
        key = normalize_company_name(name)
        return bool(key) and any(key == p or fuzz.ratio(key, p) >= 92 or
                                 (len(p) > 6 and key.startswith(p)) for p in self.partner)

    def excluded(self, name: str, *, issuer: bool = False) -> bool:
        """``issuer``: a fund or law firm may issue its own news; elsewhere it is an investor."""
        key = normalize_company_name(name)
        if not key or len(key) < 2 or key in self.fixed or self.is_partner(name):
            return True
        if generic_name(name):
            return True
        if not issuer and not name[:1].isupper() and not name[:1].isdigit():
            return True  # NER noise ("quantum computing"); an issuer may brand in lower case
        return not issuer and bool(LAW_OR_FUND.search(name))


# "the Bank", "The Supervisory Board": a reference back to the company, never a company itself.
GENERIC_WORDS = {"the", "bank", "company", "firm", "group", "board", "supervisory", "directors",
                 "of", "corporation", "fund", "agency", "team", "trust", "organization",
                 "organisation", "partnership", "society", "institute", "foundation",
                 "association", "council", "committee", "department", "ministry", "management",
                 "executive", "leadership", "division", "unit", "subsidiary", "business",
                 "enterprise", "startup", "advisory", "our", "its"}
# "Senior Director of Public Affairs": a function inside a company.
DEPARTMENT_WORDS = {"public", "affairs", "marketing", "sales", "engineering", "operations",
                    "communications", "human", "resources", "finance", "technology", "product",
                    "products", "research", "development", "strategy", "corporate", "investor",
                    "relations", "government", "legal", "compliance", "information", "digital",
                    "growth", "partnerships", "people", "customer", "success", "revenue", "and",
                    "&", "global", "regional", "international", "business", "technical", "clinical",
                    "regulatory", "quality", "manufacturing", "medical", "scientific", "cmc",
                    "commercial", "national", "consumer", "channel", "field", "wholesale"}


def generic_name(name: str) -> bool:
    """A name made only of generic or department words ("the Bank", "Public Affairs")."""
    words = [w.strip(".,’'()").lower() for w in name.split()]
    words = [w for w in words if w]
    return bool(words) and (all(w in GENERIC_WORDS for w in words)
                            or all(w in DEPARTMENT_WORDS for w in words))


def role_excluded(text: str, org: Org, sent_start: int) -> bool:
    before = text[max(sent_start, org.start - 45):org.start]
    return bool(ROLE_BEFORE.search(before))


def lead_name(text: str, body_start: int = 0) -> str | None:
    """The company at the head of the first sentence after the dateline ("... 2025 - Acme, a ...")."""
    _, _, lead, _ = lead_paragraph(text[body_start:])
    return name_run(lead)


def same_company(a: str, b: str) -> bool:
    ka, kb = normalize_company_name(a), normalize_company_name(b)
    if not ka or not kb:
        return False
    return ka == kb or fuzz.token_set_ratio(ka, kb) >= 95 or ka.startswith(kb + " ") or kb.startswith(ka + " ")


# "Catalio Capital Joins $130 Million Series B for Startup GlycoEra", "Amazon Takes Stake in IonQ":
# the headline's opening name is the investor; the news is about the company after "for"/"in".
_INVESTOR_HEADLINE = re.compile(
    r"\s(?:Joins?|Leads|Co-Leads|Backs|Invests\s+in|Takes\s+(?:an?\s+)?(?:\w+\s+)?Stake\s+in|"
    r"Participates\s+in|(?:Acquires|Expands|Increases|Boosts|Raises)\s+(?:an?\s+|its\s+)?(?:\w+\s+)?"
    r"Stake\s+in)\s(?P<rest>.+)$", re.I)
_ROUND = re.compile(r"(?i)\$|\bseries\s+[a-h]\b|\bround\b|\bseed\b|\bfinancing\b|\binvestment\b|"
                    r"\bfunding\b|\braise\b")
_TARGET_CUT = re.compile(r"\s*(?:,|;|:|\s[-–—|]\s|\s(?i:to|as|and|with)\s|\sin\s+(?=[a-z])).*$")


def investment_target(headline: str, body: str) -> str | None:
    """The invested-in company of an investor's headline, as the body spells it, else None."""
    body = body.replace(headline, " ")  # "The post <headline> appeared first on ..." repeats it
    led = _ROUND_LED_BY.match(headline)
    if led:  # "Builder Bitlight Labs' Seed Round Led by Gate Ventures"
        return _tail_in_body(led["who"].split(), body)
    m = _INVESTOR_HEADLINE.search(headline)
    if not m or m.group(0).split()[0].lower() in ("joins", "join") and not _ROUND.search(m["rest"]):
        return None  # "Jane Doe Joins Acme as CFO" is a hire, not an investment
    rest = re.split(r"\s[-–—|]\s", m["rest"])[0]  # "... Experience - Hires New CSO, Jo Roe": one clause
    rest = re.sub(r",\s+[A-Z][a-z]+ing\b.*$", "", rest).strip(" ,")  # ", Paving the Way ..."
    if re.search(r",\s", rest):  # not the comma of "$225,000"
        rest = re.split(r",\s", rest)[-1].strip()  # "Japan's Largest Gaming Pioneer, double jump.tokyo"
    # the object follows the last "for"/"in" of a round ("joins $47M Series A for Drone-Maker X")
    parts = re.split(r"\s(?:for|in|into)\s", rest)
    phrase = _TARGET_CUT.sub("", parts[-1] if len(parts) > 1 else rest).strip(" .'’")
    target = _tail_in_body(phrase.split(), body)
    return None if target and named_person(target) else target  # an investment is in a company


_ROUND_LED_BY = re.compile(r"^(?P<who>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,6})(?:'s|’s|'|’)\s+"
                           r"(?:\$?[\d.,]+\s*(?:[MBK]|Million|Billion)?\s+)?(?:Pre-Seed|Seed|Series\s+[A-H]|"
                           r"Funding|Financing)\b.*\b(?:Led|Co-Led|Backed)\s+by\b", re.I)


def _tail_in_body(words: list[str], body: str) -> str | None:
    """Title case hides where a descriptor ends: the longest tail the body also writes."""
    for i in range(len(words)):
        tail = " ".join(words[i:])
        brand = tail[:1].isupper() or (len(words) - i <= 3 and re.search(r"\w\.[a-z]{2,}\b", tail))
        if brand and re.search(r"(?<![\w-])" + re.escape(tail) + r"(?![\w-])", body):
            return tail.strip(" ,.")
    return None


_LEGAL_TAIL = {"inc", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "ag",
               "sa", "gmbh", "holdings", "group"}


def _words(name: str) -> list[str]:
    return [w for w in re.sub(r"[^\w\s&-]", " ", name).split() if w.lower() not in _LEGAL_TAIL]


def abbreviates(short: str, long: str) -> bool:
    """``short`` is ``long`` with leading words written as initials ("US Antimony" ->
    "United States Antimony Corporation"); legal suffixes are ignored."""
    s, lw = _words(short), _words(long)
    if not s or len(lw) <= len(s) or not s[0].isupper() or not 2 <= len(s[0]) <= 4:
        return False
    n = len(s[0])
    initials = "".join(w[0] for w in lw[:n]).upper()
    return initials == s[0] and [w.lower() for w in lw[n:]] == [w.lower() for w in s[1:]]


_LOWER_BRAND = re.compile(r"^(?P<name>[a-z][\w.&'’+-]*(?:\s+[A-Z0-9][\w.&'’+-]*){1,5})")


CAMEL_NAME = re.compile(r"[a-z]{1,3}[A-Z][A-Za-z0-9]+")  # "ePayPolicy", "oneZero": a name in lower case


def lower_brand(headline: str, lead: str) -> str | None:
    """A brand styled in lower case ("musa Technology Partners ...") that both the headline and the
    lead open with; a lower-case word opening both is a name, not ordinary prose."""
    hm, lm = _LOWER_BRAND.match(headline.strip()), _LOWER_BRAND.match(lead.strip())
    if not hm or not lm:
        return None
    shared = common_prefix(_TITLE_WORD.sub("", hm["name"]), _TITLE_WORD.sub("", lm["name"]))
    if len(shared.split()) < 2 or shared.split()[0].lower() in _OPENERS:
        return None
    return shared.strip(" ,.")


# Names the NER or the headline offers that are not companies: a gerund opening a slogan
# ("Elevating Behavioral Health Care"), a year-led event, a place adjective, a document.
SLOGAN_OPENERS = {"introducing", "elevating", "building", "revolutionizing", "revolutionising",
                  "transforming", "empowering", "driving", "bringing", "expanding", "unlocking",
                  "celebrating", "announcing", "launching", "helping", "advancing", "watch",
                  "be", "meet", "why", "how", "what", "top", "key", "amid", "following", "despite",
                  "inside", "latest"}
# One-word adjectives the NER mistakes for organisations ("Australian", "Local").
NOT_A_COMPANY_ALONE = {"ai", "local", "global", "national", "regional", "federal", "international", "world",
                       "iso", "pipe", "ipo", "spac", "esg", "soc", "hipaa", "pci", "gdpr", "mou",
                       "atm", "utc", "eth", "btc", "cad", "usd", "eur", "apac", "emea", "agi", "etf",
                       "dag", "oig", "ceo", "cfo", "cto",
                       "american", "australian", "british", "canadian", "chinese", "european",
                       "indian", "japanese", "german", "french", "african", "asian"}
NOT_A_COMPANY_WORDS = {"checklist", "template", "templates", "guide", "authority", "expo", "webinar",
                       "report", "whitepaper", "act", "regulation", "directive", "bill",
                       "offering", "presale"}  # "Initial Exchange Offering (IEO)": the deal itself


# Headline verbs: an NER "organisation" holding one after its first word is a headline fragment.
_NEWS_VERB_WORDS = {"Announces", "Appoints", "Names", "Raises", "Secures", "Launches", "Achieves",
                    "Earns", "Completes", "Receives", "Hires", "Unveils", "Introduces", "Expands",
                    "Reports", "Signs", "Opens", "Wins", "Celebrates", "Debuts", "Acquires",
                    "Acquired", "Plans", "Unleashes", "Becomes", "Welcomes", "Promotes", "Closes",
                    "Enters", "Gains", "Strengthens", "Taps", "Elevates", "Taking", "Joins", "Makes",
                    "Merges", "Gets"}


def looks_like_company(name: str) -> bool:
    """Cheap sanity checks on a would-be issuer; the resolver and the gate do the rest."""
    words = name.split()
    if not words:
        return False
    first = words[0].lower()
    if first in SLOGAN_OPENERS or re.fullmatch(r"(19|20)\d\d", first):
        return False
    if name.lower().endswith("-based") or re.match(r"(?i)q\s*&", name):  # "Q&A with ..."
        return False
    if re.search(r"(?i)(?:news)?wire$|newsbreaks$|press ?release$", words[-1]):
        return False  # the wire that carries the release ("AINewsWire", "24-7PressRelease")
    if re.search(r"(?i)\bL\.?L\.?P\.?$|\blaw (?:firm|group|offices?)\b|\battorneys\b", name):
        return False  # a law firm's alert is about the company it sues, not the firm
    if len(words) == 1 and (first in NOT_A_COMPANY_ALONE or first.startswith("$")):
        return False  # "ISO", "MOU", "$BLOOD": a standard, a deal term, a token
    if re.match(r"\d+(?:st|nd|rd|th)\b", first) or _NEWS_VERB_WORDS & set(words[1:]):
        return False  # "2nd Annual", "Medicus Pharma Plans Private Placement": a headline
    if len(words) >= 2 and words[1].lower() in ("agent", "agents") or first.startswith("multi-"):
        return False  # "Multi-agent AI"
    # a word in capitals is a brand ("BILL"), not the thing ("the Senate bill")
    return not NOT_A_COMPANY_WORDS & {w.lower().strip(".,") for w in words if not w.isupper()}


# "Jane Doe Joins Acme Corp as CFO": the company joined is the news.
_JOINS = re.compile(r"\bJoins\s+(?:the\s+)?(?P<org>[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|&|of)){0,5}?)"
                    r"(?:\s+(?:as|As|AS|in|In|to|To)\b|$)")  # "... as CFO", or the headline's end
_NOT_JOINED = {"forces", "board", "advisory", "hands", "team", "leadership", "growing", "executive"}


def joined_company(headline: str) -> str | None:
    """The company a person joins; when a company joins another ("The HR Team Joins Ravix
    Group") the joiner's news is an acquisition and the headline's own name stands."""
    from extract.people import looks_like_person  # people builds on this module

    m = _JOINS.search(headline)
    if not m or m["org"].split()[0].lower() in _NOT_JOINED:
        return None
    joiner = re.sub(r"^.*\b(?:CEO|CTO|CIO|CFO|COO|CISO|Executive|Veteran|Leader|Expert|Former)\s+", "",
                    headline[:m.start()].strip())
    if not looks_like_person(joiner):
        return None
    return m["org"].strip(" .,'’")


_EXCHANGE = (r"(?:NASDAQ|Nasdaq|NasdaqGS|NasdaqGM|NasdaqCM|NYSE(?:\s+(?:American|MKT|Arca))?|"
             r"OTC(?:QB|QX|PK|\s+Pink|\s+Markets)?|CSE|TSXV?|TSX-V|ASX|AIM|LSE|Cboe(?:\s+CA)?|CBOE|"
             r"FSE|NEO|HKEX|SGX)")
TICKER_PARENS = re.compile(rf"\(\s*{_EXCHANGE}\s*:\s*[A-Z][A-Z0-9.-]*\s*\)")  # "(NASDAQ: SCLX)"
_TICKER = re.compile(rf"(?:[’']s)?,?\s*{TICKER_PARENS.pattern}")
_NOT_IN_A_LISTED_NAME = {"with", "on", "for", "to", "in", "at", "by", "from", "as", "like", "says",
                         "say", "is", "are", "has", "have", "behind", "about", "into", "than", "vs",
                         "how", "why", "what", "light", "coverage", "updates"}


_RAISE_HEADLINE = re.compile(r"\b(?:Raises|Secures|Closes|Lands|Receives|Nabs|Completes)\b")
_EMPLOYER_IN_LEAD = re.compile(r"\b(?:CEO|Chief Executive Officer|President|Founder|Co-Founder|"
                               r"Chairman|Chairwoman|Managing Director)\s+(?:of|at)\s+(?P<org>[A-Z][\w.&'’-]*"
                               r"(?:\s+[A-Z][\w.&'’-]*){0,4})")


# An IBN wire's kicker: "InvestorNewsBreaks – ", "TechMediaBreaks – "
_WIRE_KICKER = re.compile(r"^[A-Za-z]+Breaks\s+[–—-]\s+")


def listed_company(headline: str) -> str | None:
    """"Companies like McEwen Mining (NYSE: MUX) Will ...", "SuperCom Ltd. (NASDAQ: SPCB)
    Reports ...": the first company a headline names with its stock ticker."""
    m = _TICKER.search(headline)
    if not m:
        return None
    words = _WIRE_KICKER.sub("", headline[:m.start()]).split()
    name: list[str] = []
    for word in reversed(words):
        bare = word.strip(",.’'‘“”\"")
        if word[:1] in "‘“\"'":
            return None  # a name inside a quotation is no issuer
        if not bare or bare.lower() in _NOT_IN_A_LISTED_NAME or word.endswith((":", "?")) or \
                "(" in word or ")" in word or \
                word in ("–", "—", "-", "|") or not (bare[:1].isupper() or bare[:1].isdigit() or
                                                    bare in ("&", "of", "and", "de")):
            break
        name.insert(0, word)
    while name and name[0] in ("&", "of", "and", "de", "The"):
        name.pop(0)
    text = " ".join(name).strip(" ,.")
    return text if text and looks_like_company(text) else None


def _headline_name_first(h_run: str | None, l_run: str | None, headline: str, lead: str) -> bool:
    """The lead opens with another name, but the headline's company is the news: "BitFrontier
    Holdings, doing business as UNLOCKD Inc.", "Acme Bancorp, the holding company for Acme Bank",
    "Acme Financial and Acme Bank are proud to announce"."""
    if not h_run:
        return False
    name = re.escape(h_run)
    if re.search(rf"\b(?:doing business as|d/b/a|dba|trading as|(?:holding|parent) company "
                 rf"(?:for|of))\s+(?:the\s+)?{name}", lead, re.I):
        return True
    ann = ANNOUNCE.search(lead) or _PROUD.search(lead)
    return bool(l_run and ann and not abbreviates(h_run, l_run) and
                re.search(rf"\b(?:and|&)\s+(?:the\s+)?{name}", lead[:ann.start()]))


def pick_issuer(text: str, orgs: list[Org], about_names: list[str], excluder: Excluder,
                title: str | None) -> str | None:
    """The company issuing the release: the name the headline and the lead both open with, the
    lead's opening name (or the organisation found there), its About heading, else the headline.

    An investor's headline ("X Capital Joins Series B for Y") makes Y the company in the news; a
    lead that abbreviates the headline's legal name ("US Antimony") yields the legal name."""
    headline, _, lead, lead_start = lead_paragraph(text)
    headline = drop_headline_kicker(headline, text[lead_start:])
    h_run, l_run = name_run(headline), name_run(lead)
    if l_run and " " not in l_run and l_run not in headline and \
            not any(o.name == l_run for o in orgs):
        l_run = None  # "Effective leadership is ...": a capitalised opener, not a name
    if h_run and l_run and l_run not in headline and text.lower().count(l_run.lower()) == 1 and \
            not common_prefix(h_run.lower(), l_run.lower()) and not abbreviates(h_run, l_run) and \
            len(re.findall(rf"\b{re.escape(short_name(h_run))}\b", text[lead_start:])) >= 2:
        l_run = None  # "South African youth are facing ...": a topic the text never names again
    if any(run and excluder.is_partner(run) for run in (h_run, l_run)):
        return None  # the partner's own release: only named customers in it can be subjects
    candidates = []
    dba = _DBA.search(lead)
    if dba and dba["name"].rstrip(".") != l_run:
        candidates.append(dba["name"].rstrip("."))  # "Raadr Inc., now doing business as Telvantis"
    launched = _PEOPLE_LAUNCH.search(headline) if h_run and \
        h_run.split()[-1].lower() in _PEOPLE_PLURALS else None
    if launched:
        candidates.append(launched["org"])  # "High School Seniors Launch BetAIR to Serve ..."
    # "X Capital Joins Series B for Y", "X Expands Stake in Y": Y even when the lead opens with X
    target = investment_target(headline, text[lead_start:])
    if target:
        candidates.append(target)
    listed = listed_company(headline)
    if listed and not (l_run and same_company(l_run, listed)) and \
            re.search(rf"\b{re.escape(short_name(listed))}\b", text[lead_start:]):
        candidates.append(listed)  # "Companies like McEwen Mining (NYSE: MUX) Will Capitalize ..."
    if _headline_name_first(h_run, l_run, headline, lead):
        candidates.append(h_run)
    interview = _INTERVIEW.match(headline)
    if interview:
        candidates.append(interview["org"])  # "Q&A with Jane Doe, Chairman of Fortec Real Estate"
    joined = joined_company(headline)
    if joined:
        candidates.append(joined)
    if h_run and l_run and re.search(rf"\b(?:from|by)\s+(?:the\s+)?{re.escape(l_run)}", headline):
        candidates.append(h_run)  # "X Awarded Grant from Y" / lead "Y has awarded ... to X"
    if h_run and l_run and abbreviates(l_run, h_run):
        candidates.append(h_run)
    if not h_run and not l_run:
        brand = lower_brand(headline, lead)
        if brand:
            candidates.append(brand)
    if h_run and l_run:
        shared = common_prefix(h_run, l_run)
        if shared:
            candidates.append(l_run if len(l_run.split()) <= len(shared.split()) + 2 else shared)
    if h_run and re.search(rf"\b(?:awarded|awards|granted|grants|selected|selects|chose|contracted)\s+"
                           rf"(?:[^.;]{{0,40}}?\bto\s+)?(?:the\s+)?{re.escape(short_name(h_run))}\b", lead):
        candidates.append(h_run)  # "The Department of Defense has awarded Ucore ... a grant",
        # "... has awarded $3 million to the University of Houston"
    camel = CAMEL_NAME.match(headline.strip().lstrip("# "))
    if camel and re.search(rf"\b{re.escape(camel[0])}\b", lead):
        candidates.append(camel[0])  # "ePayPolicy Makes Inc. 5000 List" / "... that ePayPolicy is"
    lead_org = next((o for o in orgs if lead_start <= o.start <= lead_start + 3), None)
    if lead_org:
        candidates.append(lead_org.name)
    # "Paul Barrett, the newly appointed CEO of ...": a lead may open with a person
    after = lead.find(l_run) + len(l_run) if l_run else 0
    person_lead = bool(l_run and (_PERSON_APPOSITIVE.match(lead, after) or
                                  named_person(l_run) and _PERSON_NEXT.match(lead, after))
                       and not org_context(l_run, text))
    employer = _EMPLOYER_IN_LEAD.search(lead) if h_run and person_lead else None
    if employer and h_run.startswith(employer["org"] + " "):
        candidates.append(employer["org"])  # "Raza Roe, CEO of Medicus Pharma joined ..."
    if l_run:
        candidates.append(l_run)
    elif h_run and _TITLE_OPENER.match(re.sub(r"^[\W_]+", "", lead)) and \
            re.search(rf"\b{re.escape(short_name(h_run))}\b", lead):
        candidates.append(h_run)  # "CEO Jane Doe discussed SolarBank's model": not the wire's About
    # "Three Ships Beauty Raises $2.5 Million" above "About BDC Capital": the investor's About
    # heading does not make it the news
    raise_headline = bool(h_run and _RAISE_HEADLINE.search(headline))
    funds = [a for a in about_names if raise_headline and LAW_OR_FUND.search(a)]
    candidates += [a for a in about_names if a not in funds]
    if h_run:
        candidates.append(h_run)
    candidates += funds
    candidates += [o.name for o in orgs]
    appointee = _APPOINTEE.search(headline)
    for name in candidates:
        if name and not excluder.excluded(name, issuer=True) and \
                (looks_like_company(name) or _firm_news(name, headline)) and \
                not (appointee and appointee["who"].startswith(name)) and \
                not (person_lead and name == l_run):
            return name
    return None


# A law firm's headline about a case is the defendant's news; about the firm itself, the firm's.
_LITIGATION = re.compile(r"(?i)lawsuit|class action|investigat|shareholder|investor|securities|"
                         r"deadline|alert|remind|fraud|claim|litigation|\bsues?\b|settle|verdict|"
                         r"victims?|against|on behalf")


_DBA = re.compile(r"\b(?:doing business as|d/b/a|dba|trading as)\s+"
                  r"(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}?)(?=\s*[,(;)]|\s+(?:is|a|an|the)\b)")
_PEOPLE_PLURALS = {"seniors", "students", "teens", "residents", "founders", "entrepreneurs",
                   "veterans", "graduates", "alumni", "parents", "moms", "mothers", "fathers", "kids",
                   "siblings", "friends", "sisters", "brothers", "nurses", "doctors", "engineers"}
_PEOPLE_LAUNCH = re.compile(r"\b(?:Launch|Launches|Found|Founds|Start|Starts|Create|Creates|Open|Opens)"
                            r"\s+(?P<org>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}?)"
                            r"(?=\s+(?:to|To|for|For|in|In|as|As|that|That|,)\b|,|$)")
_INTERVIEW = re.compile(r"(?:Q\s*&\s*A|Interview|In Conversation)\s+with\s+[^,]{3,60},\s+[^,]{2,80}?\s+"
                        r"(?:of|at)\s+(?P<org>[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|&|of|and)){0,6})\s*$",
                        re.I)


def _firm_news(name: str, headline: str) -> bool:
    """"Tennessee Accident Law Firm Acquires ...": a firm heading its own non-case headline."""
    firm = re.sub(r"(?i)\s*,?\s*(?:\bL\.?L\.?P\.?|\blaw (?:firm|group|offices?)|\battorneys)\s*$", "", name)
    return firm != name and looks_like_company(firm) and headline.startswith(name) and \
        not _LITIGATION.search(headline)


def named_person(name: str) -> bool:
    """"Andrew Duxbury - Finance Director - Galliford Try joined ...": a person opens the lead."""
    from extract.names import is_given_name
    from extract.people import looks_like_person  # people builds on this module

    return looks_like_person(name) and len(name.split()) <= 3 and is_given_name(name.split()[0])


_ORG_ROLE = (r"(?:CEO|CFO|COO|CTO|CIO|CISO|CMO|President|Chairman|Chair|Founder|Co-Founder|partner|"
             r"director|head|officer|employees|years|career|tenure)")


def org_context(name: str, text: str) -> bool:
    """"CEO of Grant Thornton", "20 years at Grant Thornton": a name read
    as a person's ("Grant" is a given name) that the text uses as an organisation's."""
    quoted = re.escape(name)
    return bool(re.search(rf"\b{_ORG_ROLE}\s+(?:of|at)\s+(?:the\s+)?{quoted}\b(?![’']s\b|,?\s+[A-Z&])", text))


# What follows a person opening a lead: "Jane Doe - Finance Director -", "Jane Doe joined ...",
# "Jane Doe, CFO" (not "Madison Scientific, a MedTech company").
_PERSON_NEXT = re.compile(r"\s*(?:[-–—]\s|,\s+(?!(?:a|an|the|which|who|inc|llc|ltd)\b)|\s+(?:joined|joins|"
                          r"sat|sits|spoke|speaks|talks|discusses|shares|explains|said|says)\b)", re.I)
_PROUD = re.compile(r"\b(?:is|are) (?:proud|pleased|excited|thrilled|delighted) to\b", re.I)


_PERSON_APPOSITIVE = re.compile(
    r"\s*,\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:newly[- ]appointed\s+|new\s+|former\s+|incoming\s+)?"
    r"(?:CEO|CTO|CFO|COO|CIO|CISO|CRO|CMO|Chief|President|Founder|Co-Founder|Cofounder|Director|Head|"
    r"Managing|Executive|Vice|VP|SVP|EVP|Chair|Chairman|Chairwoman|Partner|Senior|General|Owner|"
    r"Co-Owner|Proprietor)\b")


# "Acme Appoints Jane Doe as COO": the person after the verb is the news, not the issuer.
_APPOINTEE = re.compile(r"\b(?:appoints|names|promotes|hires|welcomes|taps|elevates|announces)\s+"
                        r"(?P<who>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})", re.I)


def short_name(name: str) -> str:
    """"Greenlane Holdings, Inc" -> "Greenlane": how the body names the company again."""
    words = name.split()
    while len(words) > 1 and words[-1].strip(",.").lower() in _LEGAL_TAIL | _SECTOR_TAIL:
        words.pop()
    return " ".join(words).rstrip(",")


_SECTOR_TAIL = {"holding", "technologies", "international", "industries"}


def sentence_subject(text: str, sent_start: int, sent_end: int, trigger_start: int,
                     orgs: list[Org], excluder: Excluder, issuer: str | None) -> str | None:
    """The first eligible company of the (reported) clause; the issuer when none is named.

    The headline and the lead sentence are the issuer's own news.
    """
    headline, h_end, lead, lead_start = lead_paragraph(text)
    lead_end = lead_start + len(re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0])
    if issuer and not excluder.excluded(issuer, issuer=True) and sent_start < lead_end:
        return issuer
    sentence = text[sent_start:sent_end]
    ann = ANNOUNCE.search(sentence)
    clause_start = sent_start + ann.end() if ann and sent_start + ann.end() <= trigger_start else sent_start
    in_sent = [o for o in orgs if sent_start <= o.start < sent_end]
    opener = issuer.split()[0] if issuer else ""
    if issuer and len(opener) >= 4 and re.match(rf"\W*(?:the\s+)?{re.escape(opener)}\b", sentence):
        return issuer  # "Cobalt Ridge will rehost ...": the sentence opens with the issuer's name
    # "move its SQL Server databases": a thing the subject owns is not a company in the news
    in_sent = [o for o in in_sent
               if not re.search(r"\b(?:its|their|our|his|her)\s+$", text[max(sent_start, o.start - 7):o.start])]
    if issuer:  # "..., Greenlane adopted": the issuer named where the NER saw no organisation
        taken = [(o.start, o.end) for o in in_sent]
        in_sent += [Org(sent_start + m.start(), sent_start + m.end(), issuer)
                    for m in re.finditer(rf"\b(?:{re.escape(issuer)}|{re.escape(short_name(issuer))})\b",
                                         sentence)
                    if not any(s <= sent_start + m.start() < e for s, e in taken)]
        in_sent.sort(key=lambda o: o.start)
    eligible = [o for o in in_sent if not excluder.excluded(o.name)
                and not role_excluded(text, o, sent_start)]
    ordered = [o for o in eligible if o.start >= clause_start and o.start < trigger_start] or \
              [o for o in eligible if o.start < trigger_start]
    if not ordered and issuer and re.search(r"\b(?:we|our|us)\b", text[sent_start:trigger_start], re.I):
        # "Our ability to deploy ...": the issuer speaking, whatever is named after the trigger
        return issuer if not excluder.excluded(issuer, issuer=True) else None
    ordered = ordered or [o for o in eligible if o.start >= trigger_start]
    partner_first = [o for o in in_sent if o.start < trigger_start and excluder.is_partner(o.name)]
    if partner_first and not [o for o in eligible if o.start < trigger_start]:
        return None  # the partner's own news ("Northwind achieves SOC 2") is nobody's signal
    if issuer and (not ordered or any(same_company(o.name, issuer) for o in ordered[:1])):
        return issuer if not excluder.excluded(issuer, issuer=True) else None
    if ordered:
        return ordered[0].name
    return issuer if issuer and not excluder.excluded(issuer, issuer=True) else None


_DATELINE_CUT = re.compile(r"^[^\n]{0,220}?(?:\b(?:19|20)\d{2}\b|\)|/)\s*(?:/[^/\n]{1,40}/\s*)?"
                           r"(?:\([^)\n]{1,40}\)\s*)?(?:--|–|—|-)\s*")
_DASH_CUT = re.compile(r"\s(?:--|—|–)\s")
_RUN = re.compile(r"^(?:The\s+)?(?P<name>[A-Z0-9][\w.&'’+-]*(?:\s+(?:[A-Z0-9][\w.&'’+-]*|&|of|and|for|de)){0,6})")
_TITLE_WORD = re.compile(r"\s+(?:CEO|CTO|CIO|CFO|COO|CISO|Chief|President|Founder|Co-Founder|Chairman|"
                         r"Chair|VP|Vice|Director|Head|Managing|Announces|Appoints|Names|Raises|Secures|Launches|"
                         r"Achieves|Earns|Completes|Receives|Hires|Unveils|Introduces|Today|Is|Has|Joins|Streamlines|Takes|"
                         r"Expands|Reports|Partners|Signs|Opens|Wins|Celebrates|Debuts|Hits|Integrates|Inks|"
                         r"Updates|Agree|Agrees|Drive|Drives|Set|Selects|Adds|Welcomes|Promotes|Taps|Elevates|"
                         r"Closes|Acquires|Becomes|Named|Invited|Issues|Applauds|Secure|Launch|Receive|Announce|"
                         r"Raise|Unveil|Win|Join|Partner|Report|Complete|Achieve|Earn|Sign|Expand|"
                         r"Introduce|Appoint|Hire|Welcome|Celebrate|Marks|Hosts|Honors|Showcases|"
                         r"Releases|Offers|Delivers|Enters|Files|Gains|Strengthens|Bolsters|Boosts|Interviews|"
                         r"Awarded|Granted|Selected|Honored|Honoured|Recognized|Recognised|Ranked|Outlines|"
                         r"Provides|Posts|Targets|Now|Makes|Merges|Gets|Highlights|Series\s+[A-K])\b.*$")
_TITLE_OPENER = re.compile(r"(?:CEO|CTO|CIO|CFO|COO|CISO|Chief|Founder|Co-Founder|Chairman|Chairwoman|"
                           r"VP|SVP|EVP)\b")
# "Vonovia Supervisory Board", "UCLA Researchers": the company is what comes before.
_GROUP_TAIL = re.compile(r"(?:\s+(?:Supervisory|Executive|Advisory|Management))?\s+(?:Board(?:\s+of\s+"
                         r"Directors)?|Researchers|Scientists|Students|Experts|Officials|"
                         r"Shareholders|Employees|Staff)$")
_ROLE_WORDS = {"engineer", "manager", "executive", "developer", "analyst", "architect", "job",
               "career", "director", "specialist", "scientist", "lead", "officer", "webinar"}
_OPENERS = {"customer", "press", "news", "disseminated", "veteran", "expanding", "ex-avaya", "rising",
            "comprehensive", "elevating", "draft", "embargoed", "internal", "confidential", "the", "a",
            "an", "in", "as", "with", "today", "every", "this", "new", "currently",
            "conversations", "critical", "live", "for", "on", "by", "after", "while", "our", "we",
            "few", "just", "moving", "although", "discover", "introducing", "starring", "when",
            "if", "it", "its", "ex", "uae", "investornewsbreaks", "ainewsbreaks", "technewsbreaks"}


def lead_paragraph(text: str) -> tuple[str, int, str, int]:
    """(headline, its end, first body paragraph without its dateline, that paragraph's start)."""
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
    lines = [(i, ln) for i, ln in lines if ln.strip() and not ln.strip().startswith(("![", "--", "By "))]
    while len(lines) > 2 and len(lines[0][1].split()) <= 3 and not re.search(r"\d", lines[0][1]):
        lines = lines[1:]  # a kicker ("Press release", "Case study") above the headline
    if not lines:
        return "", 0, "", 0
    h_start, headline = lines[0]
    headline = headline.strip().lstrip("#").strip()
    body_start, body = lines[1] if len(lines) > 1 else (h_start, headline)
    bullet = None
    for n, (start, line) in enumerate(lines[1:6], 1):
        if _KICKER.match(line.strip()):
            continue  # "Research Highlights:", "Embargoed until ...", "Sponsored"
        if re.match(r"\s*[*•-]\s", line):
            bullet = bullet or (start, line)
            continue  # a highlight bullet: the lead is the paragraph after them
        if _subheadline(line) and start != lines[-1][0]:
            continue  # "Global Finance Executive from PayPal to Join BILL as CFO": a deck line
        cut_start, cut = _cut_dateline(start, line)
        if len(cut.strip()) >= 20:  # a line that is only a dateline leads nowhere
            body_start, body = cut_start, cut
            if cut_start == start and n + 1 < len(lines):
                # a summary sentence above the dateline ("Hero performs ...\n\nSINGAPORE - 18 June
                # 2026 - Dayos Pte. Ltd. today announced"): the dateline opens the lead
                nxt_start, nxt = _cut_dateline(*lines[n + 1])
                if _DATED.search(lines[n + 1][1][:nxt_start - lines[n + 1][0]]) and \
                        len(nxt.strip()) >= 20 and not re.match(r"\s*[*•-]\s", lines[n + 1][1]):
                    body_start, body = nxt_start, nxt
            break
    else:
        if bullet:
            body_start, body = bullet
    return headline, h_start + len(lines[0][1]), body, body_start


def _subheadline(line: str) -> bool:
    """A deck under the headline: a short title-case line with no sentence end."""
    text = line.strip().strip("*_#").strip()
    words = text.split()
    if not words or len(words) > 30 or text.endswith((".", "!", "?", "”", '"', ")", ":")):
        return False
    long_words = [w for w in words if len(w) >= 4]
    return bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.7 * len(long_words)


# Lines above the lead that carry no news.
_KICKER = re.compile(r"^(?:[\w ]{1,40}:$|embargoed\b|sponsored\b|research highlights\b|"
                     r"for immediate release\b)", re.I)
# A place in capitals or "City, ST" before a dash or colon: "DALLAS — ", "Glendale, CA - ".
_PLACE_CUT = re.compile(r"^\s*(?:[A-Z][A-Z .'’-]{1,40}|[A-Z][\w .'’-]{1,30},\s*[A-Z]{2,}\.?)"
                        r"(?:,\s*[A-Z][\w.]*)?\s*(?:--|–|—|-|:)\s+")
# "SPAIN, February 10, 2025 /24-7PressRelease/ " or "March 26, 2024: " without a dash.
_WIRE_CUT = re.compile(r"^[^\n]{0,120}?\b(?:19|20)\d{2}\b(?:\s*\d{1,2}:\d{2})?\s*(?:/[^/\n]{1,40}/|:|$)\s*")


# A dateline's date: "18 June 2026", "Mar. 24, 2025", "2025-03-24", "3/24/2025".
_DATED = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|"
                    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b|"
                    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
# After the date, a place and a wire before a dash: "Baton Rouge, LA, Evertise Ai PR – ".
_PLACE_WIRE_CUT = re.compile(r"^[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3},\s*[A-Z]{2}\.?,"
                             r"(?:\s+[A-Z][\w.'’]*){1,5}\s+(?:--|–|—|-)\s+")


def _cut_dateline(start: int, body: str) -> tuple[int, str]:
    """Strip up to three dateline layers: wire and date, then the place."""
    for layer in range(3):
        m = _DATELINE_CUT.match(body) or _WIRE_CUT.match(body) or _PLACE_CUT.match(body) or (
            _PLACE_WIRE_CUT.match(body) if layer else None)
        if not m:
            m = _DASH_CUT.search(body[:220]) if re.search(r"\d", body[:220]) else None
            if m:
                start, body = start + m.end(), body[m.end():]
            break
        start, body = start + m.end(), body[m.end():]
    return start, body


_POSSESSIVE_NEWS = re.compile(r"(?:'s|’s|(?<=s)'|(?<=s)’)\s+(?:Seed|Series|Round|Funding|IPO|Acquisition|"
                              r"Merger|New|Latest|First|Board|CEO|CTO|CFO|CIO|Stock|Shares)\b.*$")


# "Breaking News: VABOT.ai Makes History", "Against the Current: Nufi Raises $1.5 Million"
_HEADLINE_KICKER = re.compile(r"^(?P<kicker>[^:()]{2,60}?):\s+(?P<rest>[\"“'‘$]?[A-Z0-9].*)")
_HEADLINE_DASH = re.compile(r"^(?P<kicker>[^:()–—]{8,100}?)\s+[–—-]\s+(?P<rest>[A-Z0-9].*)")


def drop_headline_kicker(headline: str, body: str) -> str:
    """The headline after a colon or dash when what precedes it is a kicker, not a name the body
    repeats ("IonQ: Quantum Progress ..." and "KAKAUE's Global Journey: ..." keep their names)."""
    m = _HEADLINE_KICKER.match(headline) or _HEADLINE_DASH.match(headline)
    if not m:
        return headline
    kicker = name_run(m["kicker"]) or m["kicker"].strip()
    dash = m.re is _HEADLINE_DASH
    if re.search(rf"\b{re.escape(short_name(kicker))}\b", body, re.I) or \
            not dash and _named_in(kicker, body):
        return headline  # (a dash's clause names a topic: "As Bitcoin Aims ... – What's Next for X")
    if dash and not _named_in(name_run(m["rest"]) or "", body):
        return headline  # "Bodegas Are The New Frontier – OLB Group Leading ...": a named company only
    return m["rest"]


def _named_in(name: str, body: str) -> bool:
    """The body writes ``name`` or its opening words as a name ("OLB Group" of "OLB Group Leading")."""
    words = name.replace("’s", "").replace("'s", "").split()
    if len(words) > 1 and words[0].lower() in _OPENERS | SLOGAN_OPENERS:
        words = words[1:]  # "As Bitcoin Aims ...": an opener is no name's first word
    return bool(words) and words[0][0].isalpha() and any(
        re.search(rf"\b{re.escape(' '.join(words[:n]))}\b", body) for n in range(len(words), 0, -1))


def name_run(sentence: str) -> str | None:
    """The capitalised name a sentence opens with ("Acme Logistics Inc., a leader in ..." -> ...)."""
    s = re.sub(r"^[\[\]*_\s]+", "", _WIRE_KICKER.sub("", sentence.strip()))
    s = re.sub(r"^(?:How|Why|What(?:'s|’s) Next for|What|Inside|Meet|Customer story:|Case study:|"
               r"(?i:(?:proud|pleased|excited|thrilled|delighted) to (?:announce|share)(?: that)?))\s+", "", s)
    s = re.sub(r"^(?:The\s+)?(?:(?:Rise|Future|Return|Evolution|Story)\s+of|Story\s+Behind)\s+(?=[A-Z])", "", s)  # Rise of X
    m = _RUN.match(s)
    if not m:
        return None
    name = re.split(r"\s+(?:&|and|And)\s+The\s", m["name"])[0]  # "X & The Law Offices of Y": two issuers
    name = _POSSESSIVE_NEWS.sub("", name)  # "Bitlight Labs' Seed Round", not "Sam's Club"
    name = _TITLE_WORD.sub("", name).strip(" .,'’")
    name = re.sub(r"\s+(?:&|of|and|for|de)$", "", name)
    name = _GROUP_TAIL.sub("", name)
    if not name or "/" in name or name.split()[0].lower().strip(".,") in _OPENERS or \
            _TITLE_OPENER.match(name):
        return None  # "CEO Dr. Richard Lu discussed ...": a person opens the sentence
    if name.split()[-1].lower().rstrip("s") in _ROLE_WORDS:
        return None  # a job post's headline is a role, not a company
    return name


def common_prefix(a: str, b: str) -> str:
    out = []
    for x, y in zip(a.split(), b.split()):
        if x.strip(",.'’") != y.strip(",.'’"):
            break
        out.append(x.strip(",'’"))
    return " ".join(out).strip(" .")
