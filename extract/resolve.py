"""Account resolution: normalised domain first, then legal name, then fuzzy match with a margin.

Different companies with similar names stay apart ("Apex Logistics Group" vs "Apex Logic
Systems"): a fuzzy match must clear the threshold, beat the runner-up by a margin and agree on
the distinctive first word. The partner never resolves to an account (DOMAIN.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from acescout_core.domains import normalize_company_name, normalize_domain

THRESHOLD = 90.0
MARGIN = 5.0
_URL = re.compile(r"\b(?:https?://)?(?:www\.)?(?P<host>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})"
                  r"(?=\.?(?:[/\s,;:)\]'\"]|$))", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b", re.I)
# Hosts that publish other companies' news: never a company's own site.
PUBLISHER_HOSTS = {"prnewswire.com", "businesswire.com", "globenewswire.com", "newmediawire.com",
                   "newsdirect.com", "newsworthy.ai", "einpresswire.com", "accesswire.com",
                   "prweb.com", "linkedin.com", "twitter.com", "x.com", "facebook.com",
                   "youtube.com", "instagram.com", "github.com", "medium.com", "gmail.com",
                   "outlook.com", "yahoo.com", "sec.gov", "investorbrandnetwork.com",
                   "citybiz.co", "247pressrelease.com", "blockchainwire.io", "reuters.com",
                   "bloomberg.com", "google.com", "amazon.com", "aws.amazon.com", "microsoft.com"}


@dataclass
class AccountRecord:
    id: int | None
    name: str
    domain: str | None = None
    aliases: list[str] = field(default_factory=list)
    origin: str = "crm"


def text_domains(text: str) -> list[str]:
    """Normalised domains of URLs and e-mail addresses in the text, in order, publishers dropped."""
    out = []
    for rx in (_URL, _EMAIL):
        for m in rx.finditer(text):
            dom = normalize_domain(m["host"])
            if dom and dom not in PUBLISHER_HOSTS and dom not in out:
                out.append(dom)
    return out


def company_site(url: str | None) -> str | None:
    dom = normalize_domain(url) if url else None
    return dom if dom and dom not in PUBLISHER_HOSTS else None


def domain_matches_name(domain: str, name: str) -> bool:
    """'acmelogistics.com' belongs to 'Acme Logistics Inc.'"""
    label = domain.split(".")[0].replace("-", "")
    key = normalize_company_name(name)
    if not key or len(label) < 3:
        return False
    joined = key.replace(" ", "")
    words = key.split()
    if label == joined or (len(words[0]) >= 4 and label in (words[0], joined[:len(label)])):
        return True
    initials = "".join(w[0] for w in words)
    return (len(initials) >= 2 and label == initials) or fuzz.ratio(label, joined) >= 88


def domain_for(name: str, domains: list[str]) -> str | None:
    return next((d for d in domains if domain_matches_name(d, name)), None)


class AccountIndex:
    """Known accounts (CRM + discovered) keyed for resolution."""

    def __init__(self, accounts: list[AccountRecord], partner_names: list[str],
                 partner_domain: str | None):
        self.accounts = list(accounts)
        self.partner_keys = {normalize_company_name(n) for n in partner_names if n} - {""}
        self.partner_domain = normalize_domain(partner_domain) if partner_domain else None
        self._rebuild()

    def _rebuild(self) -> None:
        self.by_domain = {a.domain: a for a in self.accounts if a.domain}
        self.keys: list[tuple[str, AccountRecord]] = []
        for a in self.accounts:
            for n in [a.name, *a.aliases]:
                key = normalize_company_name(n)
                if key:
                    self.keys.append((key, a))
        self.by_key = {}
        for key, a in self.keys:
            self.by_key.setdefault(key, a)

    def add(self, record: AccountRecord) -> None:
        self.accounts.append(record)
        self._rebuild()

    def is_partner(self, name: str | None, domain: str | None = None) -> bool:
        dom = normalize_domain(domain) if domain else None
        if dom and self.partner_domain and dom == self.partner_domain:
            return True
        key = normalize_company_name(name)
        return bool(key) and key in self.partner_keys

    def resolve(self, name: str | None, domain: str | None = None) -> AccountRecord | None:
        """The known account for (name, domain), or None (unknown, ambiguous or the partner)."""
        if self.is_partner(name, domain):
            return None
        dom = normalize_domain(domain) if domain else None
        if dom and dom in self.by_domain:
            return self.by_domain[dom]
        key = normalize_company_name(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        prefixed = {id(a): a for k, a in self.keys if len(key.split()) >= 2 and k.startswith(key + " ")}
        if len(prefixed) == 1:  # "Cobalt Ridge" for "Cobalt Ridge Manufacturing", if it is the only one
            return next(iter(prefixed.values()))
        return self._fuzzy(key)

    def _fuzzy(self, key: str) -> AccountRecord | None:
        if not self.keys:
            return None
        choices = [k for k, _ in self.keys]
        best = process.extract(key, choices, scorer=fuzz.token_sort_ratio, limit=5)
        if not best:
            return None
        top_key, top_score, top_idx = best[0]
        runner = next((s for k, s, i in best[1:] if self.keys[i][1] is not self.keys[top_idx][1]), 0.0)
        if top_score < THRESHOLD or top_score - runner < MARGIN:
            return None
        a, b = key.split(), top_key.split()
        if a[0] != b[0] or len(a) != len(b) and fuzz.ratio(a[-1], b[-1]) < 90:
            return None  # same first word but a different business ("apex logistics" / "apex logic")
        return self.keys[top_idx][1]
