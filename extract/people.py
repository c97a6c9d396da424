"""Stakeholders: person + title + organisation ("CIO Jane Smith", "Jane Smith, VP of X at Acme"),
people quoted in the release without a title ("…," said Jane Smith), people named in a
sentence that names a role (kept without a title: the sentence does not say whose it is), and
other full names led by a known given name (extract/names.py) — named, but nobody's stakeholder:
they carry no organisation, so they never become an account's contact.

Titles come from titles.vN.jsonl (with seniority); a title binds to the person right after it, or
to the person it follows after a comma / "as" / "is" / "the"; names are stripped of titles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.names import is_given_name
from extract.subject import Org, org_context

HONORIFIC = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sir|Dame|Hon)\.?\s+)+", re.I)
# A title's complement: "of Infrastructure", "for Cloud Platforms", "and Co-Founder"
COMPLEMENT = re.compile(r"(?:,?\s+(?:and|&)\s+(?:Co-?[Ff]ounder|Founder|President|Chairman|Chair|"
                        r"Chief\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*?\s+Officer|C[A-Z]O|CEO))?"
                        r"(?:,?\s+(?:of|for)\s+(?P<what>[A-Z][\w&/-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w&/-]*){0,4}))?")
BETWEEN_AFTER = re.compile(r"^\s*(?:,|\(|–|—|-|\bas\b|\bis\b|\bwas\b|\bwill serve as\b|\bwho serves as\b|"
                           r"\bserves as\b|\bjoins as\b|\bjoined as\b|\bhas been named\b|\bwas named\b)\s*"
                           r"(?:the\s+|its\s+|our\s+|a\s+|an\s+)?(?:[A-Z][\w&.-]*\s+){0,3}(?:'s\s+|’s\s+)?"
                           r"(?:(?:new|newly[- ]appointed|current|former|interim|acting|incoming|senior|"
                           r"global|executive|group|regional|co-)\s*)*$", re.I)
SENIOR_WORDS = (("vice president", 4), ("vp", 4), ("chief", 5), ("president", 5), ("founder", 5),
                ("chair", 5), ("ceo", 5), ("managing director", 4))
ORG_LINK = re.compile(r"^\s*(?:of|at|for|with),?\s+(?:the\s+)?$", re.I)


@dataclass
class Person:
    name: str
    title: str
    seniority: int
    organization: str | None
    start: int
    end: int


# Words that make a "person" the NER found an organisation or a role ("Donut Labs", "Managing Partner").
ORGISH = {"labs", "lab", "ai", "automotive", "solutions", "learning", "services", "inc", "group",
          "partner", "partners", "capital", "ventures", "technologies", "technology", "systems",
          "holdings", "media", "foundation", "corp", "llc", "ltd", "network", "networks",
          "invited", "founder", "director", "officer", "president", "manager", "team",
          # places, products and kinds of business the small NER calls people
          "global", "club", "offices", "office", "detection", "playbook", "presence", "liaison",
          "supervisory", "award", "awards", "winner", "creative", "farming", "farms", "jewelers",
          "jewelry", "engineering", "bioscience", "biosciences", "biotherapeutics",
          "therapeutics", "pharmaceuticals", "pharma", "reit", "lithium", "minerals", "resources",
          "university", "universite", "college", "school", "institute", "salon", "spa",
          "galleria", "parkway", "avenue", "street", "gallery", "studios", "productions",
          "records", "films", "fund", "bank", "serum", "administrations", "administration",
          "strategies", "american", "affordable", "heirloom", "sanctions", "shortlisted", "llp",
          "plc", "gmbh", "benzinga", "benzingas", "all-access", "room", "sisters", "hollywood",
          "bros", "author", "bestselling", "carolina", "dakota", "alto", "bbq", "bacon",
          "biopharma", "biologics", "space", "wealth", "publicity", "ethernet", "access",
          "impact", "karate", "risk", "live",
          "dynamics", "robotics", "analytics", "software", "energy", "logistics", "consulting",
          "industries", "insurance", "motors", "mining", "cybersecurity", "digital",
          # streets, rooms, metals, tokens and firms that open with a given name
          "st", "rm", "health", "metals", "gold", "securities", "dao", "cloud", "platform",
          "carbon", "ultra", "building", "hospital", "childrens", "consulting", "law", "token",
          "tokens", "act", "story", "exec", "leadership", "success", "guidance",
          # stock exchanges in a ticker ("Cboe CA: SUNN") and headline nouns after a verb
          "nasdaq", "nyse", "cboe", "otcqb", "otcqx", "tsx", "asx", "business", "model",
          # sector and brand words that end company names read as people ("Annovis Bio")
          "bio", "money", "earths", "therapeutics", "immunotherapeutics", "biomedical",
          "development", "properties", "honda", "hyundai", "kia", "volkswagen", "acura", "fiat",
          "cycles", "bikes", "anniversary", "restaking", "turbulence", "litigation", "shareholder",
          "mentor", "rookie", "army", "corps", "jewelers", "wheel", "teacher", "collective",
          "research",
          # places, events, venues and products seen read as people in random releases
          "center", "centre", "spokesperson", "matters", "com", "scholarship", "scholarships",
          "investment", "hotel", "trophy", "symphony", "orchestra", "repair", "available", "music",
          "ave", "hwy", "blvd", "featured", "training", "recognized", "executive", "wigs", "wig",
          "surgery", "fraud", "wallet", "division", "photography", "aviation", "transmission",
          "chocolatier", "alternatives", "orthodontics", "pediatrics", "dental", "subnet",
          "supercycle", "wreck", "download", "creator", "electrician", "museum", "library",
          "academy", "clinic", "festival", "cabins", "sports", "magazine", "podcast", "edition",
          "campaign", "cup", "league", "stadium", "arena", "restaurant", "cafe", "bakery",
          "brewery", "winery", "wines", "realty", "motorsports", "racing", "coin", "swap",
          "exchange", "protocol", "finance"}
# Pseudonyms and placeholders labellers never count as people
NOT_PEOPLE = {"satoshi nakamoto", "john doe", "jane doe"}
# News verbs the NER runs into a name ("Exovera Hires", "Johnny Black Interviews"): cut there.
_NEWS_VERB = (r"(?:Hires|Appoints|Names|Earns|Interviews|Strikes|Joins|Named|Promotes|"
              r"Welcomes|Announces|Launches|Secures|Raises|Acquires|Completes|Opens|Steps|"
              r"Wins|Receives|Claims|Unveils|Debuts|Releases|Expands|Partners|Signs|Discusses|Talks|"
              r"Shares|Explains|Reveals|Tells|Says|Launch|Sees|Seems|Falls|Grows|Reaffirms?|Poised|"
              r"Taps|Elevates|Adds|Congratulates|Honors|Honours|Spearheads|Encourages|Urges|"
              r"Presents|Celebrates|Leads|Hosts|Beautifully)")
NAME_VERB = re.compile(rf"\s+{_NEWS_VERB}\b.*$")
LEAD_VERB = re.compile(rf"^{_NEWS_VERB}\s+")  # "Promotes Barry Luciani": the headline's verb
# Roles written after a name in credits ("Rochee Jeffrey, producer" -> "Rochee Jeffrey Producer").
ROLE_TAIL = re.compile(r"(?:\s+(?:Producer|Director|Writer|Author|Actor|Actress|Artist|Host|"
                       r"Narrative|Comedy|Documentary|Screenwriter|Composer|Editor))+$")


def looks_like_person(name: str) -> bool:
    words = name.split()
    if len(words) < 2 or len(words) > 4 or any(ch.isdigit() for ch in name) or name.isupper():
        return False
    if not all(w[:1].isupper() or w.lower() in ("de", "la", "las", "los", "del", "van", "von", "der", "da", "di", "bin")
               for w in words):
        return False
    return not ORGISH & {w.lower().strip(".,") for w in words} and name.lower() not in NOT_PEOPLE


def clean_name(name: str, titles: list[str]) -> str:
    name = re.split(r"\s+[-–—]\s+", name.strip())[0]  # "Joey Doe - Data Architect"
    name = re.sub(r"^[A-Z][\w&.-]*(?:'s|’s)\s+(?=[A-Z])", "", name)  # "Proactive's Jane Doe"
    name = HONORIFIC.sub("", re.sub(r"^(?:H\.E\.|HE|HH|HRH)\s+", "", name))
    name = re.sub(r"^(?:(?:Back|Welcomes|Appoints|Names|Hires|Former|Interim|New|Veteran)\s+)+", "",
                  name)  # "tZERO Welcomes Back Vanessa Savino": the headline ran into the name
    name = re.sub(r"^(?:stated|said|says|added|explained|noted)\s+(?=[A-Z])", "", name,
                  flags=re.I)  # '..." stated Ben Fox': the attribution ran into the name
    for title in sorted(titles, key=len, reverse=True):
        name = re.sub(rf"^{re.escape(title)}\s+|\s*,?\s+{re.escape(title)}$", "", name)
    name = re.sub(r"(?:'s|’s)$", "", name).strip(" ,.;:-")
    name = ROLE_TAIL.sub("", NAME_VERB.sub("", LEAD_VERB.sub("", name)))
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        words = words[:half]  # "Dan Pontefract Dan Pontefract": a heading run into the text
    while words and not words[-1][:1].isupper():  # "Anthony Marchese invited" -> NER overreach
        words.pop()
    name = " ".join(words)
    return " ".join(name.split())


def _title_text(text: str, start: int, end: int, orgs: list[Org]) -> tuple[str, int]:
    """The title with its complement, stopping where an organisation's name begins."""
    m = COMPLEMENT.match(text, end)
    if m and m.end() > end:
        what = m.start("what") if m["what"] else None
        if what is not None and any(o.start <= what < o.end for o in orgs):
            cut = m.start("what")
            head = text[end:cut]
            head = re.sub(r",?\s+(?:of|for)\s+$", "", head)
            return (text[start:end] + head).strip(), end + len(head)
        return text[start:m.end()].strip(), m.end()
    return text[start:end], end


def seniority_of(title: str, base: int) -> int:
    low = title.lower()
    for word, level in SENIOR_WORDS:
        if re.search(rf"\b{word}\b", low):
            return max(base, level)
    return base


def _org_after(text: str, pos: int, orgs: list[Org]) -> str | None:
    for org in orgs:
        if org.start >= pos and org.start - pos <= 12 and ORG_LINK.match(text[pos:org.start] or " "):
            return org.name
        if org.start >= pos and org.start - pos <= 3 and text[pos:org.start].strip() in ("", ",", "at"):
            return org.name
    return None


def _org_before(text: str, pos: int, orgs: list[Org]) -> str | None:
    for org in reversed(orgs):
        if org.end <= pos and pos - org.end <= 4 and text[org.end:pos].strip() in ("", "'s", "’s", ","):
            return org.name
    return None


# Verbs of speech, one list for every quote rule (people here, the NER prefilter and the
# rule-found speakers in extract/extractor.py).
SPEECH_VERBS = ("said|says|stated|states|added|adds|explained|explains|noted|notes|commented|"
                "comments")
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\b", re.I)
SPEECH_BEFORE = re.compile(rf"(?:\b(?:{SPEECH_VERBS}|according to)|[”\"],?)\s*$", re.I)
SPEECH_AFTER = re.compile(rf"^\s*(?:{SPEECH_VERBS})\b", re.I)


def _quoted(text: str, start: int, end: int) -> bool:
    """The person is quoted: "…," said Jane Smith / Jane Smith said / according to Jane Smith."""
    before = text[max(0, start - 80):start]
    speech = list(SPEECH.finditer(before))
    if speech and not re.search(r"[.!?”\"\n]", before[speech[-1].end():]):
        return True  # "said CCO of All Racquet Sports, Bryan Ogle"
    return bool(SPEECH_BEFORE.search(text[max(0, start - 24):start])
                or SPEECH_AFTER.match(text[end:end + 16]))


PERSON_BEFORE = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof)\.?|\b(?:spoke with|interviewed|hosted by|joined by|"
                           r"founded by|co-founded by|led by|featuring|starring|author|artist))\s+$")
PERSON_AFTER = re.compile(r",\s+(?:who|whose)\b")


def _sentence_around(text: str, start: int, end: int, reach: int = 300) -> tuple[int, int]:
    """The sentence holding text[start:end] (approximately: '. ', '! ', '? ' or a line break)."""
    lo = max(0, start - reach)
    cuts = [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, end) if m.end() <= start]
    s0 = cuts[-1] if cuts else lo
    m = _SENTENCE_BREAK.search(text, end, end + reach)
    return s0, m.start() + 1 if m else min(len(text), end + reach)


_SENTENCE_BREAK = re.compile(r"[.!?][”\"]?\s+(?=[A-Z“\"])|\n")


_CONTACT_LINE = re.compile(r"@|\b(?:Tel|Phone|Email|E-mail|Contact)\b|\+?\d[\d ().-]{7,}\d|^\W*By\s",
                           re.I)


def _given_full_name(name: str, titles: list[str]) -> bool:
    """A full name led by a known given name ("Donald Trump", not "Gift Card")."""
    name = clean_name(name, titles)
    return looks_like_person(name) and is_given_name(name.split()[0])


def _in_contact_details(text: str, start: int, end: int) -> bool:
    """Near an e-mail address, a phone number, "Contact" or a byline, in the same sentence."""
    s0, s1 = _sentence_around(text, start, end)
    if _CREDIT_AFTER.match(text, end):
        return True  # "... next year. Pamela Wood/The Baltimore Banner.": a reporter's credit
    return bool(_CONTACT_LINE.search(text[max(s0, start - 80):min(s1, end + 120)]))


# A news roundup credits each item to its reporter and outlet: "Jo Roe/The Baltimore Banner".
_CREDIT_AFTER = re.compile(r"\s?/\s?(?:The\s+)?[A-Z][\w.&'’-]*")


_LIST_GAP = re.compile(r"^\s*(?:,|;|&|and|,\s*and|,\s*&)\s*$")


def _add_listed(text: str, out: dict[str, Person], unbound: list[tuple[int, int, str]],
                titles: list[str]) -> None:
    """"Alan Cumming, Mekhi Phifer and Stacie Greenwell": a name in a list of people's names is
    one too (named, nobody's stakeholder), however rare its given name."""
    spans = [(p.start, p.end) for p in out.values()]
    grew = True
    while grew and unbound:
        grew = False
        for item in list(unbound):
            start, end, raw = item
            near = any(_LIST_GAP.match(text[e:start]) for s, e in spans if e <= start) or \
                any(_LIST_GAP.match(text[end:s]) for s, e in spans if s >= end)
            name = clean_name(raw, titles)
            if not near or not looks_like_person(name) or _in_contact_details(text, start, end):
                continue
            unbound.remove(item)
            if name.lower() not in out:
                out[name.lower()] = Person(name=name, title="", seniority=0, organization=None,
                                           start=start, end=end)
            spans.append((start, end))
            grew = True


def find_people(text: str, persons: list[tuple[int, int, str]], titles: list[tuple[int, int, str, int]],
                orgs: list[Org], default_org: str | None, limit: int | None = None) -> list[Person]:
    """persons: NER PERSON (start, end, text); titles: (start, end, text, seniority) from the ruler."""
    out: dict[str, Person] = {}
    unbound: list[tuple[int, int, str]] = []
    title_words = [t[2] for t in titles]
    for p_start, p_end, p_text in persons:
        if limit is not None and p_start >= limit:
            continue
        bound = None
        # "CIO Jane Smith", "Acme CTO Jane Smith"
        for t in titles:
            inside = p_start <= t[0] and t[1] < p_end and not text[p_start:t[0]].strip()
            if inside or (0 <= p_start - t[1] <= 2 and text[t[1]:p_start].strip() in ("", ",")):
                title, t_end = _title_text(text, t[0], t[1], orgs)
                org = _org_before(text, t[0], orgs)
                bound = (title, t[3], org)
        # "Jane Smith, VP of Infrastructure at Acme"; "Jane Smith as Chief Technology Officer"
        if bound is None:
            for t in titles:
                if t[0] >= p_end and t[0] - p_end <= 40 and BETWEEN_AFTER.match(text[p_end:t[0]]):
                    title, t_end = _title_text(text, t[0], t[1], orgs)
                    org = _org_after(text, t_end, orgs) or _org_before(text, t[0], orgs)
                    bound = (title, t[3], org)
                    break
        if bound is None and _quoted(text, p_start, p_end):
            bound = ("", 0, None)  # "..., said Jane Smith." speaks for the release's company
        if bound is None and (PERSON_BEFORE.search(text[max(0, p_start - 24):p_start])
                              or PERSON_AFTER.match(text, p_end)):
            bound = ("", 0, None)  # "spoke with Steve Doe", "founded by ...", "Jane Doe, who ..."
        if bound is None:
            s0, s1 = _sentence_around(text, p_start, p_end)
            if any(s0 <= t[0] < s1 for t in titles):
                # named where a role is ("joins ... as Senior Director", "the appointment of X,
                # PhD, as its new CEO"): a stakeholder, but which title is whose is not known
                bound = ("", 0, None)
        named_only = bound is None
        if named_only and _given_full_name(p_text, title_words):
            bound = ("", 0, None)  # "Donald Trump", "Steve Darling from Proactive": a real name
        if bound is None:
            unbound.append((p_start, p_end, p_text))
            continue
        if _in_contact_details(text, p_start, p_end):
            continue  # "contact attorney Jane Doe at (555) 010-2000": a contact, not the news
        title, base, org = bound
        name = clean_name(p_text, title_words + [title])
        if not looks_like_person(name) or org_context(name, text):
            continue  # "Jim Peko, CEO of Grant Thornton": Grant Thornton is the firm
        key = name.lower()
        if key not in out:
            # a name without a role or a quote is nobody's stakeholder: no account
            out[key] = Person(name=name, title=title, seniority=seniority_of(title, base),
                              organization=None if named_only else org or default_org,
                              start=p_start, end=p_end)
    _add_listed(text, out, unbound, title_words)
    # "Kumar Amar" (a headline the NER cut short) when "Naveen Kumar Amar" is named too
    names = {key: key.split() for key in out}
    return [p for key, p in out.items() if not any(
        len(other) > len(names[key]) and other[-len(names[key]):] == names[key]
        for k2, other in names.items() if k2 != key)]
