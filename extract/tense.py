"""Tense of a trigger (planned / in_progress / completed) and negation, from the words around it.

Without a tagger or parser: modal and aspect cue words in a short window before the trigger, the
trigger word's own form, the pattern's tense hint, and whether a dated window lies ahead.
"""
from __future__ import annotations

from datetime import date

PLANNED = {"will", "plans", "plan", "planned", "planning", "intends", "intend", "intending", "expects",
           "expect", "expected", "aims", "aim", "aiming", "set", "scheduled", "preparing", "prepares",
           "would", "upcoming", "targets", "targeting", "seeks", "seeking", "shall", "going",
           "proposed", "anticipates", "anticipated", "looks", "intention", "roadmap", "pending",
           "diligence"}
IN_PROGRESS = {"currently", "underway", "ongoing", "begun", "began", "begins", "beginning", "started",
               "starting", "continues", "continuing", "pursuing", "progress", "midst", "process",
               "working", "undergoing", "actively", "now"}
# "launches a crowdfunding campaign": a raise that is open, not closed
LAUNCHING = {"launches", "launch", "launched", "launching", "opens", "commences", "initiates"}
COMPLETED = {"has", "have", "had", "successfully", "completed", "completes", "finished", "recently",
             "was", "were", "already"}
NEGATION = {"no", "not", "never", "n't", "without", "denied", "denies", "declined", "declines",
            "neither", "nor", "cancelled", "canceled", "abandoned", "halted", "scrapped",
            "terminates", "terminated", "terminating", "termination", "withdraws", "withdrew",
            "withdrawn", "cancels", "abandons"}
DONE_VERBS = {"secures", "secured", "raises", "raised", "closes", "closed", "completes", "completed",
              "receives", "received", "lands", "landed", "wins", "won", "obtains", "obtained"}
APPOINTING = {"appoints", "appointed", "names", "named", "welcomes", "welcomed", "hires", "hired",
              "promotes", "promoted", "taps", "tapped", "elevates", "elevated"}
CLOSING = {"closing", "closed", "closes", "close", "completion", "completed", "completes"}
DEFAULT = {"funding": "completed", "leadership_change": "completed", "compliance": "completed",
           "case_study": "completed", "hiring": "in_progress", "migration": "in_progress",
           "datacenter_exit": "planned", "renewal": "planned"}


def is_negated(words: list[str]) -> bool:
    """``words``: lower-cased tokens just before the trigger ("has no plans to")."""
    return any(w in NEGATION for w in words[-6:])


def _form(word: str) -> str | None:
    if word.endswith("ing"):
        return "in_progress"
    if word.endswith("ed") or word in {"won", "raised", "closed", "joined", "named"}:
        return "completed"
    return None


def infer_tense(kind: str, before: list[str], trigger: list[str], hint: str | None,
                window_end: date | None, today: date) -> str:
    """before: lower-cased tokens preceding the trigger in its sentence (nearest last)."""
    near = before[-5:]
    to_do = near[-1:] == ["to"] and near[-2:-1] not in (["ability"], ["able"])
    if any(w in PLANNED for w in near) or trigger[:1] in (["will"], ["would"], ["shall"]) or to_do:
        return "planned"  # "plans to migrate", "will serve as" (not "our ability to deploy": done)
    if kind == "funding" and {"pricing", "prices", "priced"} & set(before[-8:]) and \
            not CLOSING & set(before[-8:]):
        return "planned"  # "announces pricing of its $5 million offering": not closed yet
    if hint == "planned" and (CLOSING | {"finalized", "finalizes"}) & set(near[-3:]):
        return "completed"  # "announces the closing of its business combination"
    if hint:
        return hint
    if kind == "funding" and {"offering", "placement", "financing"} & set(trigger) and \
            {"announces", "announced", "announce"} & set(near) and not CLOSING & set(near):
        return "planned"  # "announces a private placement": priced or proposed, not yet closed
    if kind == "funding" and LAUNCHING & set(near) and trigger and trigger[0] not in DONE_VERBS:
        return "in_progress"  # "launches a crowdfunding campaign" (but "Launches, Secures Funding")
    if kind == "leadership_change" and trigger and trigger[0] in APPOINTING:
        return "completed"  # "appoints X as CEO, effective July 7": the decision is made
    if kind == "compliance" and trigger and trigger[-1] in {"compliant", "certified", "accredited"}:
        return "completed"  # "Zil Money Now SOC 2 Compliant": a state reached
    if kind == "case_study" and near[-1:] in (["is"], ["are"]) and _form(trigger[0]) == "in_progress":
        return "completed"  # "we are using AWS", "it is running on Amazon EKS": live today
    if any(w in IN_PROGRESS for w in near) or (near and near[-1] in {"is", "are"}
                                               and _form(trigger[0]) == "in_progress"):
        return "in_progress"
    future = window_end is not None and window_end > today
    form = _form(trigger[0]) if trigger else None
    if any(w in COMPLETED for w in near[-3:]) or form == "completed":
        return "completed"
    if future and kind != "leadership_change":
        return "planned"  # (an appointment "effective January 1" is made: done, as labelled)
    if form == "in_progress" and kind in {"migration", "hiring", "compliance", "datacenter_exit"}:
        return "in_progress"
    return DEFAULT[kind]
