"""Token sales: a crypto project's presale, ICO/IDO/IEO/STO or token sale is the project raising
money (funding), but only in a release about crypto ("presale tickets" for a concert are not a
raise) and only its own sale ("unlike other presales" is not). Here: whether a trigger is one,
its tense, and whose sale it is.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

TOKEN_SALES = {"presale", "pre-sale", "token presale", "token sale", "token offering",
               "security token offering", "initial coin offering", "initial dex offering",
               "private sale", "public sale", "ico", "ido", "ieo", "sto"}
CRYPTO = re.compile(r"\b(?:tokens?|crypto\w*|blockchain|memecoins?|meme coins?|web3|defi|nfts?|"
                    r"solana|ethereum|bitcoin|altcoins?|tokenomics|airdrops?)\b|\$[A-Z]{2,8}\b", re.I)
DONE = {"concluded", "ended", "ends", "completed", "successful", "successfully", "sold", "closed",
        "finished", "wrapped"}
OPEN = {"stage", "now", "currently", "ongoing", "live", "remaining", "still", "continues", "underway"}
OTHERS_SALES = {"projects", "tokens", "coins", "cryptocurrencies", "gems", "opportunities", "listings",
                "launches", "crypto"}
NOT_OUR_SALE = {"other", "unlike", "many", "most", "previous", "past", "best", "top"}
# "Cutoshi's Presale", "Penguiana's $PENGU Token Presale", "$DUCKER Presale": whose token sale
OWNER = re.compile(r"(?:\b(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s*(?:'s|’s)|"
                   r"\$(?P<ticker>[A-Z][A-Z0-9]{1,9}))\s+(?:\$[A-Z][A-Z0-9]{1,9}\s+)?"
                   r"(?:\([A-Z0-9$]+\)\s+)?(?:[Tt]oken\s+)?$")
OWNER_REACH = 60  # characters before the trigger where its owner's name may stand


def is_token_sale(text: str) -> bool:
    return text.lower() in TOKEN_SALES


def crypto_words(doc: Doc) -> int:
    """How many of the release's words are about crypto (counted once per document)."""
    if "crypto_words" not in doc.user_data:
        doc.user_data["crypto_words"] = len(CRYPTO.findall(doc.text))
    return doc.user_data["crypto_words"]


def crypto_doc(doc: Doc) -> bool:
    """The release is about crypto: two or more of its words say so."""
    return crypto_words(doc) >= 2


def qualifies(sent: Span, trig: Span) -> bool:
    """"Penguiana's $PENGU Token Presale Launches", "Raboo is in the fourth stage of its presale":
    the project's own sale in a crypto release; a "private sale" only where the sentence names a
    token; not "discovery of new presale crypto projects" or "projects that are on presale"."""
    doc = sent.doc
    if not crypto_doc(doc):
        return False
    if NOT_OUR_SALE & {t.lower_ for t in doc[max(sent.start, trig.start - 2):trig.start]}:
        return False
    after = {t.lower_ for t in doc[trig.end:min(sent.end, trig.end + 2)]}
    before = {t.lower_ for t in doc[max(sent.start, trig.start - 6):trig.start]}
    if OTHERS_SALES & after or "projects" in before:
        return False
    if trig.text.lower() in ("private sale", "public sale"):
        return any(t.lower_ in ("token", "tokens") or t.text.startswith("$") and t.text[1:2].isalpha()
                   for t in sent)
    return True


def tense(sent: Span, found: str) -> str:
    """An open sale unless the sentence says it ended ("raised $32 million in presale") or is
    still to come ("Edge Video's $FAST IDO Is Coming")."""
    if found != "in_progress":
        return found
    words = {t.lower_ for t in sent}
    if words & {"coming", "soon"} and not words & OPEN:
        return "planned"
    if words & DONE or "raised" in words and not words & OPEN:
        return "completed"
    return found


def names_owner(text: str, sent_start: int, start: int) -> bool:
    """The words right before the sale name whose it is."""
    return bool(OWNER.search(text[max(sent_start, start - OWNER_REACH):start]))


def owner(text: str, sent_start: int, start: int, account: str | None,
          same: Callable[[str, str], bool]) -> str | None:
    """The project a token sale belongs to, when the words right before it name it; None when
    that is ``account`` already (``same`` says so, or the account starts with the name: "Edge
    Video's $FAST IDO" of Edge Video AI). A title-case headline runs words together ("Caution
    While Cutoshi's Presale"): of the run's endings, the one the release names most often
    ("Cutoshi"), the longest on a tie ("Good Game Well Played")."""
    m = OWNER.search(text[max(sent_start, start - OWNER_REACH):start])
    if not m:
        return None
    words = (m["name"] or m["ticker"]).split()
    endings = [" ".join(words[i:]) for i in range(len(words))]
    if account and any(re.match(rf"{re.escape(e)}\b", account, re.I) or same(e, account)
                       for e in endings):
        return None
    return max(endings, key=lambda e: (len(re.findall(rf"\b{re.escape(e)}\b", text)), len(e)))


# The coins and venues a crypto promotion opens with before it names the project it promotes
MAJORS = {"bitcoin", "btc", "ethereum", "eth", "solana", "sol", "xrp", "ripple", "dogecoin", "doge",
          "shiba", "cardano", "ada", "tron", "trx", "polygon", "matic", "binance", "bnb", "coinbase",
          "litecoin", "avalanche", "polkadot", "chainlink", "toncoin", "ton", "pepe", "sui", "lido",
          "popcat", "crypto", "defi", "memecoin", "memecoins", "trump", "elon", "musk", "will", "could"}
# "Furrever Token", "BlockDAG Network", "$BLOOD": how a promotion names its project
# (a camel-case name of five letters or more, not a surname's "McKay", "LaValle", nor a wire's)
PROJECT = re.compile(r"\$[A-Z][A-Z0-9]{1,9}\b|\b[A-Z][\w]*(?:\s+[A-Z][\w]*)?\s+(?:Token|Network|Coin|"
                     r"Protocol|Finance|Chain|Swap|AI)\b|"
                     r"\b(?!Mc|Mac|La[A-Z]|Le[A-Z]|De[A-Z]|Di[A-Z]|Da[A-Z])[A-Z][a-z]+[A-Z]\w{2,}\b(?<!Wire)")


def promoted_project(doc: Doc, issuer: str | None, body_start: int, body_end: int,
                     excluded: Callable[[str], bool]) -> str | None:
    """In a crypto promotion whose headline opens with a major coin or a phrase the body never
    names again ("Bitcoin Nears $70K ... and Furrever Token's Referral Boom"), the project the
    headline also names and the news (before its boilerplate) names most, five times at least:
    what the release is for."""
    if crypto_words(doc) < 5:
        return None
    text = doc.text
    headline, body = text[:body_start].lower(), text[body_start:body_end]
    first = issuer.split()[0].lower().strip("$(") if issuer else ""
    if issuer and first not in MAJORS and re.search(rf"\b{re.escape(issuer)}\b", body):
        return None
    counts: dict[str, int] = {}
    for m in PROJECT.finditer(body):
        name = m.group(0)
        if name.split()[0].lower().strip("$") not in MAJORS:
            counts[name] = counts.get(name, 0) + 1
    named = [n for n in counts if counts[n] >= 5 and n.lower().lstrip("$") in headline
             and not (first and first in n.lower()) and not excluded(n)]
    return max(named, key=lambda n: (counts[n], len(n))) if named else None
