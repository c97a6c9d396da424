"""Map acescout's words (CRM industry text, countries, activities, signals) onto ACE's values.

Only the *mapping rules* live here; every target value is checked against the botocore model
(exports.ace_model) when used, and tests assert every rule target exists in the model.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from exports.ace_model import load_model

# CRM industry wording -> ACE Industry. First matching keyword wins; order is specific-first.
INDUSTRY_KEYWORDS: list[tuple[str, str]] = [
    (r"aero|aviation|defen[cs]e|space", "Aerospace"),
    (r"agri|farm|food production", "Agriculture"),
    (r"auto(motive)?|vehicle|car maker", "Automotive"),
    (r"oil|gas|petro", "Energy - Oil and Gas"),
    (r"utilit|power|energy|electric|renewable", "Energy - Power and Utilities"),
    (r"bank|insur|financ|fintech|capital|payment|lending|asset management|wealth", "Financial Services"),
    (r"gam(e|ing)|esports", "Gaming"),
    (r"government|public sector|federal|municipal|city of|county|state agency", "Government"),
    (r"pharma|biotech|life science|clinical|genomic", "Life Sciences"),
    (r"health|hospital|medical|clinic|care provider|payer", "Healthcare"),
    (r"hotel|hospitality|restaurant|leisure", "Hospitality"),
    (r"educat|university|school|college|edtech|academ", "Education"),
    (r"non-?profit|charity|foundation|ngo", "Non-Profit Organization"),
    (r"telecom|telco|carrier|wireless|isp\b", "Telecommunications"),
    (r"media|entertainment|broadcast|publish|stream|music|film", "Media and Entertainment"),
    (r"marketing|advertis|adtech", "Marketing and Advertising"),
    (r"mining|metals", "Mining"),
    (r"real estate|construction|property|proptech", "Real Estate and Construction"),
    (r"logistic|transport|shipping|freight|rail|trucking|airline", "Transportation and Logistics"),
    (r"travel|tourism", "Travel"),
    (r"wholesale|distribut", "Wholesale and Distribution"),
    (r"retail|e-?commerce|consumer retail|store", "Retail"),
    (r"consumer goods|cpg|fmcg|apparel", "Consumer Goods"),
    (r"software|saas|internet|technology|tech\b|it services|cloud", "Software and Internet"),
    (r"semiconductor|electronic|hardware|computer", "Computers and Electronics"),
    (r"manufactur|industrial|chemical", "Manufacturing"),
    (r"consult|legal|law firm|accounting|professional services|staffing", "Professional Services"),
]

# ISO 3166-1 alpha-2 codes are validated against the model's CountryCode enum; these are the
# usual spellings CRMs export instead of the code.
COUNTRY_ALIASES: dict[str, str] = {
    "united states": "US", "united states of america": "US", "usa": "US", "u.s.": "US",
    "u.s.a.": "US", "america": "US", "united kingdom": "GB", "uk": "GB", "great britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "germany": "DE", "deutschland": "DE",
    "france": "FR", "canada": "CA", "australia": "AU", "new zealand": "NZ", "india": "IN",
    "japan": "JP", "singapore": "SG", "brazil": "BR", "mexico": "MX", "spain": "ES",
    "italy": "IT", "netherlands": "NL", "the netherlands": "NL", "ireland": "IE",
    "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI", "switzerland": "CH",
    "austria": "AT", "belgium": "BE", "poland": "PL", "portugal": "PT", "israel": "IL",
    "south africa": "ZA", "united arab emirates": "AE", "uae": "AE", "south korea": "KR",
    "korea": "KR", "china": "CN", "hong kong": "HK", "taiwan": "TW", "argentina": "AR",
    "chile": "CL", "colombia": "CO", "saudi arabia": "SA", "indonesia": "ID",
    "philippines": "PH", "malaysia": "MY", "thailand": "TH", "vietnam": "VN",
}

# USPS codes -> the full names ACE documents for Address.StateOrRegion.
US_STATE_CODES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AS": "American Samoa", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "Dist. of Columbia", "FM": "Federated States of Micronesia", "FL": "Florida",
    "GA": "Georgia", "GU": "Guam", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MH": "Marshall Islands", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "MP": "Northern Mariana Islands", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PW": "Palau", "PA": "Pennsylvania", "PR": "Puerto Rico", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "VI": "Virgin Islands", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}

# Logged CRM activity -> the ACE SalesActivity it proves (DOMAIN.md: "what has happened with the
# customer so far"). A rule is (activity kinds, directions or None for any, subject regex or None).
SALES_ACTIVITY_RULES: dict[str, list[tuple[set[str], set[str] | None, str | None]]] = {
    "Initialized discussions with customer": [({"meeting", "call"}, None, None),
                                               ({"email", "event"}, {"inbound"}, None)],
    "Customer has shown interest in solution": [({"meeting", "call", "email", "event"},
                                                 {"inbound"}, None),
                                                ({"meeting"}, None, None)],
    "Conducted POC / Demo": [({"meeting", "call", "event"}, None,
                              r"\b(poc|proof[- ]of[- ]concept|demo|pilot)\b")],
    "In evaluation / planning stage": [({"meeting", "call", "event"}, None,
                                        r"\b(workshop|assessment|tco|sizing|planning|"
                                        r"evaluation|discovery)\b")],
    "Agreed on solution to Business Problem": [({"meeting", "call"}, None,
                                                r"\b(agreed|solution agreed|proposal accepted)\b")],
    "SOW Signed": [({"meeting", "call", "email", "note"}, None,
                    r"\b(sow|statement of work)\b.*\bsigned\b")],
}

# Signal evidence -> what the partner asks AWS for (DOMAIN.md "Partner needs from AWS").
NEED_RULES: list[tuple[set[str], str | None, str]] = [
    ({"migration", "datacenter_exit"}, None, "Co-Sell - Architectural Validation"),
    ({"datacenter_exit", "renewal"}, None, "Co-Sell - Total Cost of Ownership Evaluation"),
    ({"renewal"}, None, "Co-Sell - Pricing Assistance"),
    ({"compliance"}, None, "Co-Sell - Technical Consultation"),
    ({"funding", "leadership_change"}, None, "Co-Sell - Business Presentation"),
    (set(), r"\b(rfp|rfq|rfi|rfx|tender|procurement)\b", "Co-Sell - Support for Public Tender / RFx"),
    (set(), r"\b(azure|google cloud|gcp|oracle cloud|ibm cloud)\b", "Co-Sell - Competitive Information"),
]
DEFAULT_NEED = "Co-Sell - Deal Support"


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def match_value(text: str | None, allowed: Iterable[str]) -> str | None:
    """Case, space and punctuation-insensitive match of ``text`` against allowed values."""
    if not text:
        return None
    table = {_key(v): v for v in allowed}
    return table.get(_key(text))


def industry_for(crm_industry: str | None) -> tuple[str, str | None]:
    """(ACE Industry, OtherIndustry text when it had to be 'Other')."""
    allowed = load_model().allowed_values("Customer.Account.Industry")
    exact = match_value(crm_industry, allowed)
    if exact:
        return exact, None
    text = (crm_industry or "").lower()
    for pattern, value in INDUSTRY_KEYWORDS:
        if text and re.search(pattern, text):
            return value, None
    return "Other", (crm_industry or "Not specified")[:255]


def country_code(country: str | None) -> str | None:
    if not country:
        return None
    allowed = set(load_model().allowed_values("Customer.Account.Address.CountryCode"))
    text = country.strip()
    if text.upper() in allowed:
        return text.upper()
    code = COUNTRY_ALIASES.get(text.lower().rstrip("."))
    if code is None:
        try:  # babel knows every English territory name when it is installed
            from babel import Locale

            names = {n.lower(): c for c, n in Locale("en").territories.items()}
            code = names.get(text.lower())
        except Exception:
            code = None
    return code if code in allowed else None


def us_state(state: str | None) -> str | None:
    if not state:
        return None
    allowed = load_model().allowed_values("Customer.Account.Address.StateOrRegion")
    text = state.strip()
    return match_value(US_STATE_CODES.get(text.upper(), text), allowed)


def backed_sales_activities(activities: Iterable[Any]) -> list[str]:
    """ACE SalesActivities proven by logged CRM activities (objects or dicts), in model order."""
    rows = [a if isinstance(a, dict) else {"kind": a.kind, "direction": a.direction,
                                           "subject": a.subject} for a in activities]
    found: set[str] = set()
    for value, rules in SALES_ACTIVITY_RULES.items():
        for kinds, directions, pattern in rules:
            for row in rows:
                if row.get("kind") not in kinds:
                    continue
                if directions is not None and row.get("direction") not in directions:
                    continue
                if pattern and not re.search(pattern, row.get("subject") or "", re.I):
                    continue
                found.add(value)
    order = load_model().allowed_values("Project.SalesActivities")
    return [v for v in order if v in found]


def needs_for(signal_kinds: Iterable[str], evidence_text: str) -> list[str]:
    kinds = set(signal_kinds)
    found = []
    for rule_kinds, pattern, need in NEED_RULES:
        hit = bool(rule_kinds & kinds) or bool(pattern and re.search(pattern, evidence_text, re.I))
        if hit and need not in found:
            found.append(need)
    if not found:
        found.append(DEFAULT_NEED)
    order = load_model().allowed_values("PrimaryNeedsFromAws")
    return [n for n in order if n in found]
