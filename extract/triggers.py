"""Trigger sentences: kind, tense, negation, cloud and the AWS services/frameworks/programs named.

A trigger word alone is not enough: a leadership verb needs an executive title in its sentence, a
compliance verb a framework, a migration a cloud, a case study a cloud or AWS service right after
the verb ("built on AWS"). News kinds (funding, leadership, compliance) count in the headline,
the lead and highlight bullets, where a release states its news; deeper down, background
paragraphs retell old rounds and hires, so there a deal, hire or framework counts only when the
company itself is the subject ("The company also welcomed ...", "In July, INDUS announced the acquisition
of ..." — the caller checks that the name is the issuer's), when an executive is "newly
appointed" or "incoming", or when a deal told in the lead names the executives who will run it. A raise for a
cause, money the company spends, prices, prizes and contracts won are not funding; a partner's
expertise in migrating its clients is not a migration.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from extract import token_sales
from extract.people import looks_like_person
from extract.pipeline import entity_spans, trigger_spans
from extract.subject import CAMEL_NAME
from extract.tense import infer_tense, is_negated
from extract.timing import Window

LEAD_ONLY = {"funding", "leadership_change", "compliance"}
COVERAGE = re.compile(r"(?i)\b(?:coverage|analyst|research report|price target|rating|featured in|"
                      r"stocks? to watch|key players)\b")
LEAD_SENTENCES = 6  # headline + opening sentences of the body
# Bare nouns and verbs that are the news in the headline or lead sentence, background later on.
HEADLINE_NOUNS = {"acquisition", "merger", "acquired"}
CLOUD_OF_SERVICE = "aws"
CLOUD_WORDS = {"cloud", "clouds", "cloud-based", "cloud-native", "saas"}


@dataclass
class TriggerHit:
    kind: str
    tense: str
    negated: bool
    cloud: str | None
    sent_start: int
    sent_end: int
    start: int  # trigger word offsets
    end: int
    evidence: str
    aws_services: list[str] = field(default_factory=list)
    frameworks: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    window: Window | None = None
    # Deep in the body, news counts only if this name opening the clause is the issuer's
    subject: str | None = None


def _ids(spans: list[Span], label: str) -> list[str]:
    return list(dict.fromkeys(s.id_ for s in spans if s.label_ == label))


def _cloud_near(trigger: Span, names: list[Span]) -> str | None:
    """The cloud a trigger goes to ("from Azure to AWS"), else the nearest after it ("migrate to
    Azure"), else the nearest before."""
    clouds = [(s, s.id_ if s.label_ == "CLOUD" else CLOUD_OF_SERVICE) for s in names
              if s.label_ in ("CLOUD", "AWS_SERVICE")]
    after = [(s, c) for s, c in clouds if s.start >= trigger.start]
    doc = trigger.doc
    for s, c in after:  # "from Azure to AWS": the destination, not the source
        if s.start > 0 and doc[s.start - 1].lower_ in ("to", "onto", "into") or \
                s.start > 1 and doc[s.start - 1].lower_ == "the" and doc[s.start - 2].lower_ == "to":
            return c
    if after:
        return after[0][1]
    before = [c for s, c in clouds if s.end <= trigger.start]
    return before[-1] if before else None


# A vendor offering to help others ("helps organisations achieve SOC 2", "cloud migration services")
# is not the vendor's own trigger.
OFFERING = {"help", "helps", "helping", "enable", "enables", "enabling", "assist", "assists",
            "assisting", "organizations", "organisations", "customers", "clients", "businesses",
            "companies", "such", "including", "like", "offers", "offering", "provides", "providing",
            "services", "solutions", "support", "supports", "supporting", "simplify", "streamline",
            "guide", "template", "templates", "checklist", "your", "expertise", "experience",
            "experienced", "specialize", "specializes", "specializing", "specialise", "specialises",
            "specialising", "proven", "capabilities", "skilled"}
# Whose workloads move: "migrating clients to AWS" is a partner describing its work for others.
OTHERS_AFTER = {"clients", "customers", "organizations", "organisations", "businesses", "enterprises",
                "agencies"}
OWN_MIGRATION = {"its", "their", "our", "completed", "complete", "completes", "began", "begun",
                 "begin", "begins", "started", "starts", "announced", "announces", "plans", "planned",
                 "undertaking", "successful", "successfully", "finished", "underway"}


def _window(sent: Span, trig: Span, before: int, after: int) -> list[str]:
    doc = sent.doc
    lo, hi = max(sent.start, trig.start - before), min(sent.end, trig.end + after)
    return [t.lower_ for t in doc[lo:hi]]


def _after(sent: Span, trig: Span, n: int) -> list[str]:
    """The lower-cased words right after the trigger, at most ``n``."""
    return [t.lower_ for t in sent.doc[trig.end:min(sent.end, trig.end + n)]]


def _clause_before(sent: Span, trig: Span, before: int) -> list[str]:
    """The words just before the trigger, after the last comma: an appositive describing the
    company ("Acme, a managed services provider, achieves SOC 2") is not an offer to help others."""
    words = _window(sent, trig, before, 0)
    cut = max((i for i, w in enumerate(words) if w == ","), default=-1)
    return words[cut + 1:]


# "former CEO", "board director", "an independent director", "a Class I director": not an executive
PAST_OR_BOARD = {"former", "ex", "previously", "board", "advisory", "independent", "non-executive",
                 "i", "ii", "iii"}
# A raise for a cause ("campaign raises $378,000 for the food bank") is charity, not financing.
CHARITY = {"campaign", "fundraiser", "fundraisers", "fundraising", "donation", "donations", "donated",
           "donors", "charity", "charities", "charitable", "nonprofit", "non-profit", "gala",
           "telethon", "scholarship", "scholarships", "pantry"}
CHARITY_PHRASES = ("food bank", "to benefit the", "for the benefit of", "in need", "hunger",
                   "goal of raising")
RAISE_VERBS = {"raise", "raises", "raised", "raising", "secures", "secured", "lands", "landed", "nabs", "closes",
               "closed", "completes", "completed", "seeking"}
RECEIVING = {"from", "led", "received", "receives", "secured", "secures", "closed", "closes",
             "$", "million", "billion", "m", "announces", "announced", "completes", "completed", "in"}
ASSETS = {"acres", "acre", "land", "property", "properties", "building", "buildings", "site",
          "equipment", "vessel", "aircraft"}
# "Law Firm Secures $1.1 Million Settlement": money won for a client, not the firm's financing.
LEGAL_AWARDS = {"settlement", "settlements", "verdict", "verdicts", "judgment", "judgement",
                "arbitration"}
# Later in the body, a leadership change counts only when the company itself is the subject
# ("The company also welcomed Jane Doe as CTO"), not a biography ("she was named CTO of X in 2019").
ORG_SUBJECT = ("the company", "the firm", "it", "we", "the organization", "the organisation",
               "the board", "the board of directors", "its board", "its board of directors",
               "our board", "our board of directors", "the company's board", "the company’s board",
               # what a release calls its issuer again: "The bank also named ..."
               "the bank", "the startup", "the group", "the business", "the studio", "the agency",
               "the practice", "the brand", "the manufacturer", "the developer", "the insurer",
               "your company")  # an interview's question to the interviewee: "Your company recently ..."
ORG_SUBJECT_FILL = {"also", "has", "have", "recently", "today", "further", "additionally", ",",
                    "unanimously", "subsequently", "then"}
DEAL_VERB_FILL = {"completed", "closed", "priced", "raised", "secured", "received", "a", "an", "its",
                  "their", "the", "successfully", "upsized", "also", "public", "private",
                  "registered", "direct", "underwritten", "oversubscribed", "announced", "announces",
                  "completes", "closes", "secures", "raises",
                  # "completed a $50 million all common stock offering"
                  "all", "common", "stock", "equity", "preferred", "share", "new", "additional"}
# "On February 11, 2026, the Board ...": a date clause before the subject
_DATE_OPENER = re.compile(r"^(?:on|in|during|effective|as of)\s+[\w\s,]*?\b(?:19|20)\d{2}\s*,\s*")
# What may follow "acquisition" or "merger" in a deal ("the acquisition brings", "merger agreement")
DEAL_NOUN_NEXT = {"brings", "expands", "adds", "marks", "strengthens", "agreement", "agreements",
                  "deal", "transaction", "completed", "closed", "announced", "expected", "talks",
                  "creates", "combines", "positions", "enhances", "accelerates", "gives", "follows"}
LINK_LINE = re.compile(r"\s*(?:[*-]\s+)?(?:Pickup\s+-\s+)?\[[^\]\n]*\]\(https?://[^)\s]*\)\s*$")
DEAL_ROLES = {"will serve as", "will become", "will assume the role of"}
DEPARTURES = {"steps down", "stepping down", "step down", "to retire", "retires", "succeeds", "resigns",
              "resigned", "has resigned", "to resign", "departs", "terminated", "ousted", "fired",
              "dismissed"}


def _leadership(trig: Span, sent: Span, names: list[Span], seniority: dict) -> bool:
    """An executive title close to the verb ("appoints Jane Smith as CTO", "CEO steps down");
    a board seat or a quote's attribution ("said founder and CEO") is not a leadership change."""
    titles = [s for s in names if s.label_ == "TITLE"
              and not {t.lower_ for t in sent.doc[max(sent.start, s.start - 2):s.start]} & PAST_OR_BOARD]
    departing = trig.text.lower() in DEPARTURES
    after = " ".join(_after(sent, trig, 6))
    if trig[-1].lower_ in ("join", "joins", "joined", "joining") and \
            re.search(r"(?:\b(?:its|our|their|the)|'s|’s) (?:senior )?(?:leadership|executive|management) "
                      r"team\b", after):
        return True  # "with Osinoff joining ONAR's leadership team"
    if trig[0].lower_ in ("welcomes", "welcomed", "adds", "added", "appoints", "appointed", "names",
                          "named", "hires", "hired") and \
            re.search(r"\bto (?:its|our|their|the) (?:senior )?(?:leadership|executive|management) team\b",
                      sent.doc[trig.end:min(sent.end, trig.end + 16)].text, re.I):
        return True  # "Moxy.io Welcomes Former UBS CFO Thomas Gustinis to Its Executive Team"
    def words_between(title: Span) -> int:  # "Robert Roe, MD, CM, FACS, as CMO": commas are free
        return sum(not t.is_punct for t in sent.doc[trig.end:title.start])

    if trig[0].lower_.startswith("welcom") and " as " not in sent.doc[trig.end:sent.end].text:
        # "Forbes Business Council Welcomes Jo Roe, CEO of Summit Restoration": a member who is
        # someone else's executive (a hire says "as": "welcomes Jo Roe as CFO")
        titles = [s for s in titles if not (s.end < sent.end and sent.doc[s.end].lower_ in ("of", "at"))]
    near = [s for s in titles if seniority.get(s.id_, 0) >= 3 and
            (s.start >= trig.end and words_between(s) <= 10 or
             trig.start <= s.start and s.end <= trig.end or  # "Announces CEO Transition"
             (departing and 0 <= trig.start - s.end <= 3))]
    if not near:
        return False
    boards = [s for s in titles if seniority.get(s.id_, 0) == 0]
    title = near[0]
    if {t.lower_ for t in sent.doc[title.end:title.end + 2]} & {"photography", "cinematography"}:
        return False  # "Director of Photography for a documentary": a film crew role
    if any(0 <= b.start - title.end <= 5 for b in boards):
        return False  # "Chairman of its Board of Directors"
    between = [t.lower_ for t in sent.doc[min(trig.end, title.start):max(trig.end, title.start)]]
    if title.start > trig.end and {"inc", "llc", "ltd", "research", "labs", "solutions", "group",
                                   "corp", "corporation", "llp", "securities"} & set(between):
        return False  # "appointed Southern Star Research as CRO": a firm engaged, not an executive
    if re.search(r"\bto (?:(?:its|the|our|their)(?: \w+)? )?board\b", sent.doc[trig.end:sent.end].text, re.I):
        return False  # "appointed Jo Doe, CEO of Evofem, to its Board of Directors": a board seat
    return "said" not in between and "says" not in between


# A listing, award or course is a company selling to or through AWS, not running on it.
SELLING_AFTER = {"marketplace", "partner", "competency", "summit", "reinvent", "re:invent"}
SELLING_WORDS = {"finalist", "award", "awards", "training", "course", "courses", "certification",
                 "certifications", "exam", "bootcamp", "webinar", "curriculum", "listing", "listed"}


ANAPHORIC_DATE = re.compile(r"\b(?:before|by|until|ahead of|prior to) (?:that|this|the same) "
                            r"(?:date|deadline|time)\b|\b(?:by|before) then\b", re.I)
# "Our goal is to have every workload running on AWS" is a plan, not a customer story.
AIMED = {"goal", "goals", "aim", "aims", "plan", "plans", "planned", "intend", "intends", "will",
         "expects", "expect", "target", "targets", "want", "wants", "hope", "hopes"}


OWNERS = {"we", "our", "its", "it", "they", "their", "company", "firm"}


def _generic(sent: Span, trig: Span, names: list[Span]) -> bool:
    """"Achieving SOC 2 compliance has become a benchmark for companies": a gerund with nobody
    doing it — no name (a capitalised word outside frameworks and clouds) and no "we"/"its"."""
    if not trig[0].lower_.endswith("ing"):
        return False
    known = {i for s in names for i in range(s.start, s.end)}
    dashes = [t.i for t in sent if t.text in ("--", "—", "–") and t.i < trig.start]
    start = dashes[-1] + 1 if dashes else sent.start  # after a dateline ("LONG BEACH, CA ... --")
    words = [t for t in sent.doc[start:sent.end] if not t.is_space and not t.is_punct]
    if not words:
        return False
    first = words[0]
    named = any(t.i not in known and t.text[:1].isupper() and not t.is_upper and (
        t.i != first.i or not (t.is_stop or t.lower_.endswith("ing"))) for t in words)
    return not named and not OWNERS & {t.lower_ for t in words}


PRODUCT_NOUNS = {"tool", "tools", "template", "templates", "toolkit", "platform", "solution",
                 "solutions", "checklist", "guide", "software", "product", "products", "app", "kit",
                 "course", "system", "assistant", "service", "services", "workbook", "handbook",
                 "ebook", "e-book", "whitepaper", "resource", "program", "programme", "webinar",
                 "training"}
ASPECT_BEFORE = {"is", "are", "was", "were", "be", "been", "in", "currently", "now", "actively"}
GERUND_THEN = {"can", "could", "is", "was", "has", "have", "requires", "require", "remains",
               "becomes", "became", "may", "might", "takes", "involves", "means", "demands"}


SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9,
         "bn": 1e9, "billion": 1e9}
MIN_RAISE = 50_000  # below this a sum is a product price, a prize or a charity goal, not a round
WON_BUSINESS = {"contracts", "contract", "orders", "order", "sales", "revenue", "revenues", "deals",
                "projects", "bookings", "purchase", "purchases", "payment", "payments", "royalty",
                "royalties"}
FINANCE_WORDS = {"funding", "financing", "round", "investment", "capital", "seed", "series", "raise"}
_MONEY = re.compile(r"^(?:\$|€|£|US\$|USD|CAD|C\$|A\$|EUR|GBP)$")


def _amount(sent: Span, trig: Span) -> float | None:
    """The money the trigger names ("$20 Million", "USD 300 investment"), in units."""
    doc = sent.doc
    for t in doc[max(sent.start, trig.start - 3):min(sent.end, trig.end + 4)]:
        if _MONEY.match(t.text) and t.i + 1 < sent.end and doc[t.i + 1].like_num:
            number = doc[t.i + 1].text.replace(",", "")
            try:
                value = float(number)
            except ValueError:
                return None
            nxt = doc[t.i + 2].lower_ if t.i + 2 < sent.end else ""
            unit = doc[t.i + 3].lower_ if nxt in SCALE and t.i + 3 < sent.end else nxt
            if unit in ("per", "a", "each"):
                continue  # "$4.00 per share": a price, not the sum raised
            return value * SCALE.get(nxt, 1)
    return None


def _product_talk(sent: Span, trig: Span, names: list[Span]) -> bool:
    """Compliance said of a product or of nobody: "This tool is designed to ... achieving ISO
    27001", "a HIPAA-compliant care platform", "achieving ISO 27001 can be complex"."""
    opening = [t.lower_ for t in sent if not t.is_space and not t.is_punct][:3]
    if opening[:1] in (["this"], ["the"], ["our"], ["its"]) and PRODUCT_NOUNS & set(opening[1:3]):
        return True
    if trig[-1].lower_ == "compliant" and PRODUCT_NOUNS & set(_after(sent, trig, 5)):
        return True
    end = max((s.end for s in names if s.label_ == "FRAMEWORK" and s.start >= trig.end), default=None)
    return end is not None and _gerund_subject(sent, trig, end)


def _gerund_subject(sent: Span, trig: Span, end: int) -> bool:
    """"Achieving ISO 27001 can be complex", "Hiring talent is never easy": the trigger is a gerund
    that is the sentence's subject (a copula or modal follows what it governs, ending at ``end``),
    not something the company is doing ("Acme is achieving ...")."""
    if not trig[0].lower_.endswith("ing") or trig.start > sent.start and \
            sent.doc[trig.start - 1].lower_ in ASPECT_BEFORE:
        return False
    return bool(GERUND_THEN & {t.lower_ for t in sent.doc[end:min(sent.end, end + 4)]})


def _selling_not_running(sent: Span, trig: Span) -> bool:
    """"Now available on AWS Marketplace", "AWS Partner Award finalist", "training on AWS"."""
    after = _after(sent, trig, 3)
    if SELLING_AFTER & set(after):
        return True
    return bool(SELLING_WORDS & {t.lower_ for t in sent}) or \
        bool(OFFERING & set(_clause_before(sent, trig, 5)))


HEADLINE_APPOINTMENT = re.compile(
    r"^\s+(?:(?:Dr|Mr|Mrs|Ms)\.?\s+)?(?P<who>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})\s+(?:as|to)\s+"
    r"(?:the\s+|its\s+|new\s+|a\s+)?(?P<role>[A-Z][\w&-]*(?:\s+(?:of|for|and|&)?\s*[A-Z][\w&-]*){0,6})")
JOB_WORDS = {"officer", "president", "director", "head", "lead", "leader", "chief", "vp", "svp",
             "evp", "partner", "counsel", "ceo", "cfo", "cto", "coo", "cio", "ciso",
             "cmo", "cro", "cpo", "cdo", "principal", "executive", "controller", "treasurer",
             "secretary", "dean", "superintendent", "general", "founder", "co-founder", "md",
             "gm", "owner", "editor-in-chief", "publisher"}
NOT_A_LEADER = {"board", "advisor", "advisory", "adviser", "ambassador", "member", "trustee",
                "spokesperson", "fellow", "chairman", "chair", "chairwoman", "one", "top", "best",
                "winner", "finalist", "photography"}


def _headline_appointment(sent: Span, trig: Span) -> bool:
    """"Vestian Appoints Jason Doe as National Lead for Retail": the headline names a person and a
    role; any role but a board, advisory or ambassador seat is a leadership change."""
    if trig.text.lower() not in {"appoints", "names", "promotes", "hires", "welcomes", "taps",
                                 "elevates", "appointed", "named", "promoted"}:
        return False
    m = HEADLINE_APPOINTMENT.match(sent.doc.text[trig.end_char:sent.end_char])
    if not m or not looks_like_person(m["who"]):
        return False
    who, role = {w.lower() for w in m["who"].split()}, {w.lower() for w in m["role"].split()}
    # "Names New Board Member as ...", "Welcomes GB News to Streaming Platform": no one to a job
    return not NOT_A_LEADER & (who | role) and "new" not in who and bool(JOB_WORDS & role)


def _bullet(sent: Span) -> bool:
    """A highlight bullet ("* Strengthened its leadership team with ..."): it summarises the news."""
    text = sent.doc.text
    line = text[text.rfind("\n", 0, sent.start_char) + 1:sent.end_char]
    return line.lstrip().startswith(("* ", "• "))


def _company_subject(sent: Span, trig: Span) -> bool:
    """The words before the trigger are just "the company"/"it"/"we" and fillers ("also", "has")."""
    words = [t.lower_ for t in sent.doc[sent.start:trig.start] if not t.is_space]
    while words and words[-1] in ORG_SUBJECT_FILL:
        words.pop()
    while words and words[0] in ORG_SUBJECT_FILL:
        words.pop(0)
    while words and (words[-1] in DEAL_VERB_FILL or words[-1][:1].isdigit() or
                     words[-1] in ("$", "€", "£", "million", "billion")):
        words.pop()  # "the Company completed a $5 million public offering"
    while words and words[-1] in ORG_SUBJECT_FILL:
        words.pop()
    said = " ".join(words).replace(" 's", "'s").replace(" ’s", "’s")
    said = re.sub(r"\s+(?:says|said|reports|reported|notes|noted)(?:\s+that)?\s+it(?:\s+has)?$", "",
                  said)
    said = _DATE_OPENER.sub("", said)
    if said not in ORG_SUBJECT and not YEARS_AGO.search(sent.text):
        # "... during a period of momentum after the company acquired" (not "years ago, when it")
        said = SUBORDINATE.split(said)[-1]
    return said in ORG_SUBJECT  # "the company says it has raised ..."


CLAUSE_OPENERS = {"in", "on", "during", "most", "earlier", "last", "this", "also", "additionally",
                  "recently", "since", "after", "following", "subsequently", "meanwhile",
                  "separately", "today", "moreover", "furthermore", "further", "as", "by", "at", "to",
                  "with", "under", "through"}
SUBORDINATORS = {"while", "although", "though", "because", "since", "after", "once", "when",
                 "following"}
SUBORDINATE = re.compile(rf"(?:^|\s)(?:{'|'.join(sorted(SUBORDINATORS))})\s")
NOT_THE_SUBJECTS_VERB = {"who", "which", "that", "he", "she", "his", "her", "they", "their", "said",
                         "says", "and", "or", "but", "when", "if", "after", "before", "while",
                         "prior", "whose", "where", "whom", "whether"}


def _relative_clause(toks: list) -> bool:
    """", which has pivoted to a robotics-first strategy,": a clause about the name before it that
    names nobody else and tells no founding story ("which Jane Roe founded" is a biography)."""
    return bool(toks) and toks[0].lower_ in ("which", "who") and len(toks) <= 15 and \
        not any(t.text[:1].isupper() or t.lower_ in ("founded", "co-founded", "cofounded")
                for t in toks[1:])


def _named_subject(sent: Span, trig: Span) -> str | None:
    """"In July, INDUS announced the acquisition of ...": the capitalised name opening the clause
    that leads straight to the trigger (a date or adverb clause may come first). The caller keeps
    the hit only when that name is the issuer's."""
    toks = _without_tickers([t for t in sent.doc[sent.start:trig.start] if not t.is_space])
    while toks and toks[0].is_punct:
        toks.pop(0)
    colon = next((i for i, t in enumerate(toks[:8]) if t.text == ":"), None)
    if colon and all(t.text[:1].isupper() or t.is_punct or t.lower_ in ("and", "of", "&")
                     for t in toks[:colon]):
        toks = [t for t in toks[colon + 1:] if not t.text == "*"]  # "Management Update: Cingulate ..."
    if len(toks) > 1 and toks[0].lower_ in SUBORDINATORS and toks[1].text[:1].isupper():
        toks.pop(0)  # "While BetAIR has been awarded a grant, ..."
    commas = [i for i, t in enumerate(toks) if t.text == ","]
    if len(commas) >= 2 and toks[0].lower_ not in CLAUSE_OPENERS and _relative_clause(
            toks[commas[0] + 1:commas[1]]):
        # "Nightfood, which has pivoted to robotics, recently completed ...": the name, then its verb
        toks = toks[:commas[0]] + toks[commas[1] + 1:]
        commas = []
    if commas:
        if toks[0].lower_ not in CLAUSE_OPENERS or commas[-1] > 8:
            return None  # "Acme, a maker of ..., acquired": an apposition, not a clause opener
        toks = toks[commas[-1] + 1:]
    j = 0
    while j < len(toks) and (toks[j].text[:1].isupper() or CAMEL_NAME.match(toks[j].text) or
                             j and toks[j].text in ("&", ".", "-") or
                             # "Nature's Miracle": a possessive inside a name
                             j and toks[j].lower_ in ("'s", "’s") and j + 1 < len(toks) and
                             toks[j + 1].text[:1].isupper()):
        j += 1
    rest = toks[j:]
    if j == 1 and (toks[0].lower_ == "the" or toks[0].lower_ in CLAUSE_OPENERS or toks[0].is_stop):
        return None  # "The report mentions ...", "Following a raise ...": not a name
    if not 0 < j <= 6 or len(rest) > 12 or NOT_THE_SUBJECTS_VERB & {t.lower_ for t in rest}:
        return None
    if not all(t.is_lower or t.like_num or t.text in ("$", "€", "£", "-") for t in rest):
        return None  # another name, a quote or a possessive before the trigger
    return sent.doc[toks[0].i:toks[j - 1].i + 1].text


def _possessor(sent: Span, trig: Span) -> str | None:
    """"on the heels of VueReal's recent USD $40.5 million Series C": the name whose round it is
    (the caller keeps the hit only when that name is the issuer's)."""
    toks = [t for t in sent.doc[max(sent.start, trig.start - 8):trig.start] if not t.is_space]
    mark = next((i for i in range(len(toks) - 1, -1, -1) if toks[i].lower_ in ("'s", "’s")), None)
    if not mark or not all(t.is_lower or t.like_num or t.text in ("$", "€", "£", ".", "-") or
                           t.is_upper and len(t) <= 3 for t in toks[mark + 1:]):
        return None
    j = mark
    while j > 0 and (toks[j - 1].text[:1].isupper() or CAMEL_NAME.match(toks[j - 1].text)):
        j -= 1
    return sent.doc[toks[j].i:toks[mark - 1].i + 1].text if j < mark else None


def _without_tickers(toks: list) -> list:
    """Drop a stock ticker in parentheses ("Nature's Miracle (NASDAQ: NMHI) completed ...")."""
    out, i = [], 0
    while i < len(toks):
        if toks[i].text == "(":
            close = next((k for k in range(i + 1, min(len(toks), i + 8)) if toks[k].text == ")"), None)
            inner = toks[i + 1:close] if close else []
            if inner and all(t.is_upper or t.is_punct or t.like_num for t in inner):
                i = close + 1
                continue
        out.append(toks[i])
        i += 1
    return out


# Terms agreed for money not yet in: a signed agreement, term sheet, LOI or MOU, with no closing told.
AGREED = re.compile(r"\b(?:entered|enters|entering|signed|signs|signing|executed|executes)\s+(?:into\s+)?"
                    r"(?:an?\s+|the\s+)?(?:\w+\s+){0,4}?(?:agreement|term sheet|letter of intent|"
                    r"memorandum of understanding|MOU|LOI)\b", re.I)
CLOSED = re.compile(r"\b(?:closed|closing of|completed|completes|consummated|received|funded|"
                    r"drew|drawn)\b", re.I)


OWN_DEAL_VERBS = {"completed", "closed", "finalized", "finalised", "consummated", "announced", "announces"}


def _closed_its_deal(sent: Span, trig: Span) -> bool:
    """"recently completed its first hotel acquisition", "announced its acquisition of": its own deal."""
    before = [t.lower_ for t in sent.doc[max(sent.start, trig.start - 5):trig.start]]
    return "its" in before and bool(OWN_DEAL_VERBS & set(before[:before.index("its")]))


YEARS_AGO = re.compile(r"\b(?:years|decades) ago\b", re.I)


def _latest_year(text: str) -> int | None:
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", text)]
    return max(years) if years else None


def _told_of_a_past_year(text: str, today: date) -> bool:
    """"In April 2024, Miggo also raised ..." in a 2025 release: background, not the news."""
    latest = _latest_year(text)
    return latest is not None and latest < today.year or bool(YEARS_AGO.search(text))


def _told_of_an_old_year(text: str, today: date) -> bool:
    """Every year the sentence names is two or more before the release's (not last December's)."""
    latest = _latest_year(text)
    return latest is not None and latest <= today.year - 2


BIOGRAPHY = re.compile(r"^\W*(?:prior to|previously|before joining|since joining|after joining|"
                       r"earlier in (?:his|her) career)\b|"
                       r"\b(?:is|was) an? (?:\w+ )?(?:veteran|entrepreneur)\b|"
                       r"\b(?:throughout|over|during) (?:his|her) (?:\w+ )?career\b|"
                       r"\b(?:he|she) (?:co-?founded|founded|served|led|was)\b|"
                       r"\b(?:he|she|they) (?:initially|originally|first) joined\b|"
                       r",\s+who (?:joined|was|served|previously)\b|"
                       r"\b(?:beginning|began|starting|started) (?:his|her|their) career\b|"
                       r"\(later acquired by\b|^\W*as (?:a |the )?(?:co-?founder|founder|former)\b|"
                       r"\b(?:which|that) was (?:later |subsequently )?acquired by\b", re.I)
# A bare "decommissioning" is a data-centre exit only where the sentence says what is retired.
SITE_WORDS = {"data", "datacenter", "datacentre", "datacenters", "datacentres", "colocation", "colo",
              "on-premises", "on-premise", "on-prem", "servers", "server", "mainframe", "facility",
              "facilities", "infrastructure"}
ACQUIRED_ASSETS = {"patents", "patent", "assets", "rights", "property", "properties", "land", "licenses",
                   "licences", "claims", "shares", "tokens", "equipment", "portfolio"}
SPENT_ON = {"infrastructure", "capex", "network", "facility", "facilities", "plant",
            "manufacturing", "expansion", "technology", "marketing"}
CROWDFUNDING_TRADE = {"conference", "summit", "event", "platform", "platforms", "portal", "portals",
                      "site", "sites", "website", "industry", "expert", "experts", "space", "sector",
                      "market", "show", "movement", "community", "ecosystem", "law", "rules"}
ROUND_WORDS = {"funding", "round", "financing", "preferred", "investment", "extension", "raise",
               "capital", "equity", "shares", "stock", "notes", "led", "term", "series", "from", "with",
               "by", "to", "at", "for", "of", "and", "in", "as", "co-led", "totaling", "worth"}
# What a retail investment product's terms name ("USD 896.00 daily", "APY"): not a financing round
INVESTOR_PRODUCT = {"daily", "apy", "apr", "roi", "yield", "yields", "payout", "staking", "dividend"}
SECURITY_CLASS = {"preferred", "shares", "stock", "warrants", "notes", "convertible", "units"}
# Hiring is a co-sell trigger only for technology roles ("is hiring!" at a pet-care shop is not).
TECH_WORDS = {"cloud", "aws", "azure", "devops", "engineer", "engineers", "engineering", "security",
              "cybersecurity", "compliance", "data", "platform", "sre", "kubernetes", "migration",
              "it", "software", "developer", "developers", "architect", "architects", "technology",
              "technical", "infrastructure", "ai", "ml", "machine", "analytics", "network", "systems"}
NOT_A_DEAL_BEFORE = {"talent", "customer", "customers", "user", "users", "client", "site", "data",
                     "lead", "patient", "member", "subscriber", "audience", "image", "skills",
                     "language", "-", "pre"}
ADVISING = {"advisory", "adviser", "advisor", "advisers", "advisors"}
# Who else a survey or market note says raised money: not the issuing company.
PLURAL_OTHERS = {"districts", "schools", "companies", "businesses", "customers", "respondents",
                 "organizations", "organisations", "startups", "start-ups", "firms", "clients",
                 "members", "hospitals", "cities", "states", "agencies", "founders", "investors",
                 "borrowers", "nonprofits", "charities", "universities", "communities"}
QUANTIFIERS = {"most", "many", "some", "all", "half", "few", "several", "nearly", "almost", "over",
               "more", "about", "two-thirds", "one-third", "three-quarters", "the", "these", "those",
               "other", "participating", "surveyed", "local", "eligible"}
PRIZE = {"finalist", "finalists", "prize", "prizes", "contest", "sweepstakes", "giveaway"}
LITIGATION = {"lawsuit", "lawsuits", "plaintiff", "plaintiffs", "traceable", "litigation", "sued"}
GIVING = {"committed", "commits", "commit", "committing", "awards", "donates", "donated", "gives", "gave",
          "provides", "provide", "distributes", "distributed", "distributing", "awarding", "offers",
          "award", "give"}
TAKING_MONEY = {"from", "received", "receives", "secured", "secures", "closed", "closes", "raised",
                "raises", "led", "lands", "landed", "obtained", "obtains", "attracted", "attracts"}
PASSIVE = {"was", "were", "been", "is", "are", "be", "being", "get", "gets", "got"}
SPENDING = {"made", "makes", "making"}  # "HIVE has made a $30 million investment in GPUs"


def _qualifies(kind: str, trig: Span, sent: Span, names: list[Span], seniority: dict) -> bool:
    if kind in ("funding", "leadership_change") and BIOGRAPHY.search(
            sent.doc.text[sent.start_char:trig.end_char] if trig.text.lower() in DEPARTURES | {"to remove"}
            else sent.text):
        # "Prior to Acme, he co-founded X, which was acquired in 2020": a biography (a departure's
        # aftermath is not: "voted to remove Executive Director Jo Roe, a month after he was ...")
        return False
    if kind == "funding" and token_sales.is_token_sale(trig.text):
        return token_sales.qualifies(sent, trig)
    if kind == "funding" and trig.text == "PIPE":
        doc = sent.doc  # "a $300M PIPE", "PIPE Offering" (not "THE PLASTICS PIPE INSTITUTE")
        return not any(0 <= i < len(doc) and doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1
                       for i in (trig.start - 1, trig.end))
    if kind == "renewal" and trig[-1].lower_ == "renewals":
        return False  # "contract renewals and new wins": business volume, not a dated decision
    if kind == "leadership_change":
        if trig[0].lower_.startswith("welcom") and {"guest", "guests", "speaker", "speakers",
                                                    "visitors", "attendees"} & {t.lower_ for t in sent}:
            return False  # "The event welcomed Deputy Mayor Jo Roe as a special guest"
        if trig[-1].lower_ == "named" and trig.end < sent.end and sent.doc[trig.end].lower_ in ("after", "for"):
            return False  # "the Scholarship, named after its founder": a name, not an appointment
        if trig[-1].lower_ == "of" and "addition" in trig.text.lower():
            later = [t for t in sent.doc[trig.end:min(sent.end, trig.end + 6)]]
            while later and later[0].is_lower and later[0].lower_ not in {"the", "a", "an", "our", "its"}:
                later.pop(0)  # "seasoned engineer Tom Doe"
            if len(later) < 2 or not (later[0].is_title and later[1].is_title):
                return False  # "the addition of the Director of ...", "the addition of Evergreen"
        if trig[0].lower_ == "incoming" and (
                trig.end < sent.end and sent.doc[trig.end].lower_.startswith("chair") or
                trig.start > sent.start and sent.doc[trig.start - 1].lower_ not in ("the", "our", "its")):
            return False  # "as incoming Chair of the Law Section", "... and incoming CEO of OpenAI"
        if re.match(r"\s*(?:#\s*)?(?:Q\s*&(?:amp;)?\s*A|Interview)\b", sent.text, re.I):
            return False  # "Q&A with Jane Doe, EVP ...": an interview, not an appointment
        return _leadership(trig, sent, names, seniority)
    if kind == "compliance":
        return any(s.label_ == "FRAMEWORK" for s in names) and \
            not OFFERING & set(_clause_before(sent, trig, 5)) and not _generic(sent, trig, names) \
            and not _product_talk(sent, trig, names)
    if kind == "datacenter_exit" and trig.text.lower() in ("decommission", "decommissioning"):
        return bool(SITE_WORDS & set(_after(sent, trig, 6))) and \
            not {"reactor", "reactors", "plant", "plants", "well", "wells"} & {t.lower_ for t in sent}
    if kind == "funding" and trig[0].lower_ == "series" and trig.end < sent.end and \
            sent.doc[trig.end].is_title and sent.doc[trig.end].lower_ not in ROUND_WORDS:
        return False  # "the podcast series A Life of Giving": a title, not a round
    if kind == "funding" and "who" in _clause_before(sent, trig, 8):
        return False  # "speakers who have raised over $250 million": people, not the company
    if kind == "funding" and trig.text.lower() == "acquired by" and \
            ACQUIRED_ASSETS & set(_window(sent, trig, 2, 0)):
        return False  # "the cannabis patents acquired by its subsidiary": an asset, not a company
    if kind == "funding" and trig[-1].lower_ in ("acquisition", "acquisitions") and \
            _after(sent, trig, 2)[:2] in (["of", "$"], ["of", "€"], ["of", "£"], ["of", "us$"]):
        return False  # "the acquisition of $10M of TRX": tokens or goods bought, not a company
    if kind == "funding" and trig[-1].lower_ == "investment" and SPENT_ON & {
            t.lower_ for t in sent.doc[max(sent.start, trig[-1].i - 2):trig[-1].i] if t.is_lower}:
        return False  # "its largest Pacific infrastructure investment": capital spending
    if kind == "funding" and trig[-1].lower_ == "investment" and INVESTOR_PRODUCT & {t.lower_ for t in sent}:
        return False  # "a USD 56,000 investment, offering USD 896 daily": a product's terms
    if kind == "funding" and trig.text.lower() == "start of trading" and \
            _after(sent, trig, 1) == ["day"]:
        return False  # "growth at the start of trading day": a price move, not a listing
    if kind == "funding" and trig[0].lower_ == "series" and trig.end < sent.end and \
            sent.doc[trig.end].lower_ in SECURITY_CLASS and \
            not RAISE_VERBS & {t.lower_ for t in sent}:
        return False  # "cancellation of 4 million Series A Preferred Shares": a class of stock
    if kind == "hiring" and _gerund_subject(sent, trig, trig.end):
        return False  # "Hiring technical talent is never easy": nobody is hiring
    if kind == "hiring" and (OFFERING | {"empowers", "empower", "focus", "streamline"}) & \
            set(_clause_before(sent, trig, 8)[:-len(trig)]):
        return False  # "empowers your HR team to focus on hiring the right talent": a product
    if kind == "hiring":
        # the roles are technical ("expand its team of cloud engineers"), not just a sentence that
        # also names its development or infrastructure ("... expand its team, and enhance ...")
        roles = []
        for t in sent.doc[trig.end:min(sent.end, trig.end + 8)]:
            if t.text in (",", ";", ".", ")", "!", "?"):
                break
            roles.append(t.lower_)
        return bool(TECH_WORDS & ({t.lower_ for t in trig} | set(roles))) or \
            any(s.label_ in ("CLOUD", "AWS_SERVICE", "FRAMEWORK") for s in names)
    if kind == "funding" and trig.text.lower() == "acquired" and trig.start > sent.start:
        prev = sent.doc[trig.start - 1]
        if not (prev.lower_ in {"has", "have", "had", "successfully", "also", "and", "company", "firm",
                                "group", "bank", "it", "we", "they"} or
                prev.text[:1].isupper() and prev.lower_ not in {"the", "recently", "newly"}):
            return False  # "the integration of recently acquired technologies": an adjective
    if kind == "funding" and trig.start > sent.start and \
            sent.doc[trig.start - 1].lower_ in NOT_A_DEAL_BEFORE:
        return False  # "talent acquisition", "customer acquisition", "pre-IPO shares"
    if kind == "funding" and {"market", "opportunity", "opportunities", "tam"} & set(_after(sent, trig, 2)):
        return False  # "an estimated $2 trillion market opportunity": a market size, not a raise
    if kind == "funding" and "crowdfunding" in trig.text.lower() and \
            set(_after(sent, trig, 1)) & CROWDFUNDING_TRADE:
        return False  # "the nation's premier impact crowdfunding conference": the trade, not a raise
    if kind == "funding" and (ADVISING & set(_after(sent, trig, 4)) or
                              "crowdfunding" not in trig.text.lower() and
                              _after(sent, trig, 1) in (["services"], ["consulting"],
                                                                          ["platform"], ["specialist"])):
        return False  # "IPO services platform", "a bank for capital raising and listing advisory"
    if kind == "funding":
        words = [t.lower_ for t in sent]
        if LITIGATION & set(words) or "class action" in sent.text.lower():
            return False  # "investors who purchased ... traceable to the IPO": a lawsuit notice
        subject = [tok for tok in sent.doc[sent.start:trig.start] if not tok.is_space]
        if subject and (subject[0].is_lower or subject[0].like_num or subject[0].lower_ in QUANTIFIERS) \
                and not any(tok.text[:1].isupper() for tok in subject[1:]) and \
                {tok.lower_ for tok in subject} & PLURAL_OTHERS:
            return False  # "Two-thirds of districts have already secured funding": not the company
        if PRIZE & set(words) or "compete for" in sent.text.lower():
            return False  # "Finalists will compete for up to $150,000 in funding": a prize
        if trig[-1].lower_ in ("acquire", "acquired") and \
                {"warrant", "warrants", "exercisable"} & set(_clause_before(sent, trig, 10)):
            return False  # "each Warrant exercisable to acquire one common share": terms, not a deal
        giving = trig[0].lower_ in RAISE_VERBS or {"grant", "grants"} & set(words)
        given_to = trig[0].lower_ in ("awarded", "granted") and trig.start > sent.start and \
            sent.doc[trig.start - 1].lower_ in PASSIVE  # "BetAIR has been awarded a grant"
        if giving and not given_to and (CHARITY & set(words) or
                                        any(p in " ".join(words) for p in CHARITY_PHRASES)):
            return False  # a charity raising or giving money, not the company's financing
        if trig[0].lower_ in ("awarded", "granted") and len(trig) > 2 and not trig[1].text[:1].isupper() \
                and not (trig.start > sent.start and sent.doc[trig.start - 1].lower_ in PASSIVE):
            return False  # "the Foundation awarded $500,000 in grants": it gives (not "awarded Acme a grant")
        clause = set(_clause_before(sent, trig, 8))
        if GIVING & clause or "investment" in trig.text.lower() and SPENDING & clause:
            return False  # "committed $250,000 in student grants": the company gives the money
        after = sent.doc[trig.end:min(sent.end, trig.end + 3)]
        amount = _amount(sent, trig)
        if amount is not None and amount < MIN_RAISE:
            return False  # "a USD 300 investment yields $6 a day", "aims to raise $10,000": not a round
        if amount is not None:
            after_money = {t.lower_ for t in sent.doc[trig.end:min(sent.end, trig.end + 8)]}
            if after_money & WON_BUSINESS and not (after_money | {t.lower_ for t in trig}) & FINANCE_WORDS:
                return False  # "Secures $2.7M in Engineering Contracts": revenue, not financing
        later = sent.doc[trig.end:min(sent.end, trig.end + 10)]
        # "15 acres", "a Capesize vessel", a "Settlement" won (not "Wishlist Property Management")
        if ASSETS & {t.text for t in later} or LEGAL_AWARDS & {t.lower_ for t in later} or (
                "acqui" in trig.text.lower() and any(
                    t.like_num and t.text[:1].isdigit() and t.nbor(-1).text not in ("$", "€", "£")
                    and (t.i + 1 >= len(sent.doc) or t.nbor(1).text != "%") for t in after)):
            return False  # "to acquire 15 acres", "to acquire 300,000 drones": goods, not a company
        if {"whether", "if"} & set(_clause_before(sent, trig, 4)):
            return False  # "unsure whether grant funding is available": a question, not a deal
        nxt = sent.doc[trig.end:min(sent.end, trig.end + 2)]
        if nxt[:1].text.lower() in ("package", "plan", "program", "programme", "recipients", "recipient",
                                    "winners", "awardees"):
            return False  # "a $6.8B AI investment package for the UK", "Grant Recipients": it gives
        if trig[-1].lower_ == "investment" and len(nxt) == 2 and (
                nxt[0].lower_ == "to" or nxt[0].lower_ in ("in", "into") and not nxt[1].text[:1].isupper()) and \
                not TAKING_MONEY & {t.lower_ for t in sent} and \
                not re.search(r"\b(?:made|led|provided|backed) by\b", sent.text):
            return False  # "a $1 billion investment to advance digital equity" (not "in Acme")
        if trig.text.lower() in ("strategic investment", "growth investment") and \
                not RECEIVING & set(_window(sent, trig, 6, 6)) and nxt[:1].text.lower() != "by":
            return False  # "plans for ... strategic investment to build on": spending, not funding
    if kind == "migration":
        if OTHERS_AFTER & set(_after(sent, trig, 3)):
            return False
        clouds = [s for s in names if s.label_ in ("CLOUD", "AWS_SERVICE") and s.start >= trig.end]
        if clouds and all(s.start > sent.start and sent.doc[s.start - 1].lower_ in ("from", "off")
                          for s in clouds):
            return False  # "migration ... from Amazon Web Services to bare metal servers": leaving
        if {"he", "she", "his", "her", "i", "my"} & {t.lower_ for t in sent.doc[sent.start:trig.start]}:
            return False  # "he worked in telecom before shifting to AWS": a career, not a company
        # a named cloud anywhere, or the word "cloud" just before the trigger ("cloud migration")
        # or after it ("moving to the cloud"), not in another bullet of a run-on list
        has_cloud = any(s.label_ in ("CLOUD", "AWS_SERVICE") for s in names) or \
            any(t.lower_ in CLOUD_WORDS for t in sent.doc[max(sent.start, trig.start - 3):sent.end])
        around = set(_window(sent, trig, 4, 0))
        if not has_cloud or OFFERING & around:
            return False
        noun = trig[-1].lower_ in ("migration", "migrations", "transition", "modernization")
        return not noun or bool(OWN_MIGRATION & around) or \
            " ".join(_window(sent, trig, 0, 3)).startswith(("migration of its", "migration of their"))
    if kind == "case_study" and (_selling_not_running(sent, trig) or
                                 AIMED & set(_window(sent, trig, 12, 0))):
        return False
    if kind == "case_study" and trig.text.lower() not in {"case study", "customer story", "success story"}:
        last = trig[-1].i
        return any(s.label_ in ("CLOUD", "AWS_SERVICE") and s.start <= last < s.end for s in names) \
            or trig.text.lower().endswith("aws") or "aws" in trig.text.lower()
    if kind == "case_study":
        return any(s.label_ in ("CLOUD", "AWS_SERVICE") for s in names)
    return True


def find_triggers(doc: Doc, body_end: int, today: date, windows: list[Window],
                  seniority: dict[str, int]) -> list[TriggerHit]:
    """One hit per (sentence, kind), in document order, from text before ``body_end``."""
    ents = entity_spans(doc)
    trigs = trigger_spans(doc)
    hits: list[TriggerHit] = []
    real = [s for s in doc.sents if s.text.strip()]
    next_end = {a.end_char: b.end_char for a, b in zip(real, real[1:])}
    index = -1
    # "The Company also completed a $5 million offering" is news anywhere in a company's own
    # release; an analyst's coverage note retells old deals.
    first = next((s.text for s in real), "")
    deep_kinds = {"leadership_change"} if COVERAGE.search(first) else {"leadership_change", "funding",
                                                                       "compliance"}
    deal_news: bool | str = False  # a deal told in the headline or lead, then its tense
    for sent in doc.sents:
        if sent.start_char >= body_end:
            break
        if not sent.text.strip():
            continue
        index += 1
        in_sent = [t for t in trigs if sent.start <= t.start < sent.end]
        if not in_sent or LINK_LINE.match(sent.text):
            continue  # "[Original/Source Press Release](https://...appoints-jane-doe-as-ceo)"
        bullet = _bullet(sent)
        names = [s for s in ents if sent.start <= s.start < sent.end]
        seen: set[str] = set()
        kinds_here = {t.id_.partition(":")[0] for t in in_sent}
        for trig in in_sent:
            kind, _, hint = trig.id_.partition(":")
            if kind in seen:
                continue
            subject = None
            # "As the newly appointed CFO, I ...": a fresh hire; "Jane Doe will serve as CEO" of the
            # company a deal in the lead creates or buys
            by_deal = bool(deal_news) and kind == "leadership_change" and index >= LEAD_SENTENCES \
                and not _told_of_a_past_year(sent.text, today)
            anywhere = trig[0].lower_ in ("newly", "incoming") or by_deal
            if kind in ("leadership_change", "funding") and index > 0 and not bullet and \
                    _told_of_an_old_year(sent.text, today):
                continue  # "Mr. Roe was appointed CEO in 2019" in a 2024 release: his biography
            if kind in LEAD_ONLY and index >= LEAD_SENTENCES and not bullet and not anywhere and not (
                    kind in deep_kinds and _company_subject(sent, trig)):
                subject = _named_subject(sent, trig) if kind in deep_kinds else None
                if subject is None and kind == "funding" and kind in deep_kinds:
                    subject = _possessor(sent, trig)
                if subject is None or _told_of_a_past_year(sent.text, today):
                    continue
            if trig.text.lower() in HEADLINE_NOUNS and index > 1 and not bullet and \
                    not _closed_its_deal(sent, trig) and not (
                        trig[0].lower_ == "acquired" and _company_subject(sent, trig)):
                continue  # "... Expands Portfolio with Mount Egerton Acquisition": the news only up top
            if trig.text.lower() in HEADLINE_NOUNS and trig.end < sent.end and \
                    doc[trig.end].is_lower and doc[trig.end].is_alpha and not doc[trig.end].is_stop \
                    and doc[trig.end].lower_ not in DEAL_NOUN_NEXT:
                continue  # "acquisition impacts", "acquisition strategy": a noun modifier, not a deal
            if kind == "case_study" and "migration" in kinds_here and \
                    _qualifies("migration", trig, sent, names, seniority):
                continue  # "plans to migrate ... using Amazon S3" is a migration, not a case study
            if not _qualifies(kind, trig, sent, names, seniority) and not (
                    kind == "leadership_change" and index == 0 and (
                        _headline_appointment(sent, trig) or "leadership" in trig.text.lower())):
                continue  # "Cloudbench Announces Expanded Leadership Role": the headline says so
            seen.add(kind)
            lead_deal = kind == "funding" and index < LEAD_SENTENCES
            deal_news = deal_news or lead_deal
            before = [t.lower_ for t in doc[sent.start:trig.start] if not t.is_space]
            window = next((w for w in windows
                           if sent.start_char <= w.start_char < sent.end_char), None)
            if window is None:  # "... plans to migrate to AWS. It expects to finish by Q2 2027."
                nxt = next_end.get(sent.end_char, sent.end_char)
                window = next((w for w in windows if sent.end_char <= w.start_char < nxt), None)
            if window is None and ANAPHORIC_DATE.search(sent.text):
                # "The lease ends June 30, 2027. It will move to AWS before that date."
                window = next((w for w in reversed(windows) if w.end_char <= sent.start_char), None)
            tense = infer_tense(kind, before, [t.lower_ for t in trig], hint or None,
                                window.end if window else None, today)
            if kind == "funding" and token_sales.is_token_sale(trig.text):
                tense = token_sales.tense(sent, tense)
            if kind == "funding" and tense == "completed" and (
                    "term sheet" in " ".join([t.lower_ for t in trig] + _after(sent, trig, 3)) or
                    AGREED.search(sent.text) and not CLOSED.search(sent.text)):
                tense = "planned"  # "signs a Series K term sheet", "entered into a securities
                # purchase agreement for a private placement": agreed terms, not closed money
            if lead_deal:
                deal_news = tense  # the deal's tense as the lead tells it, for the executives it names
            if kind == "leadership_change" and deal_news and (by_deal or trig.text.lower() in DEAL_ROLES):
                tense = deal_news  # "will serve as CEO" once the (closed or pending) deal closes
            hits.append(TriggerHit(
                kind=kind, tense=tense, negated=is_negated(before), cloud=_cloud_near(trig, names),
                sent_start=sent.start_char, sent_end=sent.end_char, start=trig.start_char,
                end=trig.end_char, evidence=sent.text.strip().lstrip("# ").strip(),
                aws_services=_ids(names, "AWS_SERVICE"), frameworks=_ids(names, "FRAMEWORK"),
                programs=_ids(names, "AWS_PROGRAM"), window=window, subject=subject))
    return hits
