"""The ACE linter: every payload is checked before it can be exported or submitted.

Two layers. ``walk_model`` validates a request against the Selling API model shipped in
botocore (required members, types, enums, documented value lists, ``pattern``, ``min``/``max``):
botocore's own ParamValidator checks only required members, types and minimums. ``check_rules``
encodes DOMAIN.md's "Submission errors ACE raises", the stage rule and quality checks; a rule's
message replaces the model's terser one for the same field.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from acescout_core.domains import normalize_company_name, normalize_domain
from exports.ace_model import AceModel, documented_values, load_model, submittable_stages
from exports.vocabulary import backed_sales_activities

try:  # the model's patterns use \p{L}; the `regex` package (a dateparser dependency) knows it
    import regex as _re_engine
except ImportError:  # pragma: no cover
    _re_engine = re

PLACEHOLDER = re.compile(
    r"\b(tbd|tba|todo|lorem|ipsum|placeholder|changeme|asdf|foo ?bar|dummy|fill ?in|xxx+)\b"
    r"|(?<!\w)n/a(?!\w)|\?\?\?", re.I)
_NO_PLACEHOLDER_CHECK = {"ClientToken", "Catalog"}


@dataclass(frozen=True)
class Finding:
    code: str
    path: str
    message: str
    severity: str = "error"  # error | warning

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class ExistingOpportunity:
    ace_id: str
    customer_name: str
    domain: str | None
    created_date: date | None
    stage: str | None = None


@dataclass
class LintContext:
    """What a rule needs besides the payload: today, the partner, the ACE history."""

    as_of: date = field(default_factory=date.today)
    partner_name: str = ""
    partner_domain: str | None = None
    partner_aliases: list[str] = field(default_factory=list)
    existing: list[ExistingOpportunity] = field(default_factory=list)
    duplicate_window_days: int = 120


@dataclass
class Submission:
    """One payload plus its evidence: the CRM activities logged for the account, the solution."""

    key: str
    payload: dict[str, Any]
    logged_activities: list[dict] | None = None
    solution: str | None = None  # an ACE solution id; None or "Other" -> must be named


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


# --------------------------------------------------------------------------- model walk
def walk_model(payload: Any, operation: str = "CreateOpportunity",
               model: AceModel | None = None) -> list[Finding]:
    """Validate ``payload`` against the operation's input shape, recursively."""
    model = model or load_model()
    out: list[Finding] = []
    _walk(model, model.input_shape(operation), payload, "", None, out)
    return out


def _walk(model: AceModel, shape_name: str, value: Any, path: str, doc: str | None,
          out: list[Finding]) -> None:
    shape = model.shape(shape_name)
    kind = shape["type"]
    where = path or "<request>"
    if kind == "structure":
        if not isinstance(value, dict):
            out.append(Finding("type", where, f"{where}: expected an object"))
            return
        for name in shape.get("required", []):
            if value.get(name) in (None, ""):
                out.append(Finding("required", _join(path, name), f"{_join(path, name)} is required"))
        members = shape.get("members", {})
        for name, item in value.items():
            if name not in members:
                out.append(Finding("unknown_member", _join(path, name),
                                   f"{_join(path, name)}: not a member of {shape_name}"))
                continue
            ref = members[name]
            _walk(model, ref["shape"], item, _join(path, name), ref.get("documentation"), out)
    elif kind == "list":
        if not isinstance(value, list):
            out.append(Finding("type", where, f"{where}: expected a list"))
            return
        _length(shape, len(value), where, "items", out)
        for i, item in enumerate(value):
            _walk(model, shape["member"]["shape"], item, f"{path}[{i}]", doc, out)
    elif kind == "string":
        if not isinstance(value, str):
            out.append(Finding("type", where, f"{where}: expected a string"))
            return
        _length(shape, len(value), where, "characters", out)
        allowed = shape.get("enum") or documented_values(doc)
        if allowed and value not in allowed:
            out.append(Finding("enum", where, f"{where}: {value!r} is not one of ACE's values "
                                              f"({_preview(allowed)})"))
        pattern = shape.get("pattern")
        if pattern and not _re_engine.fullmatch(pattern, value):
            out.append(Finding("pattern", where, f"{where}: {_clip(value)!r} does not match "
                                                 f"the model pattern {pattern}"))
    elif kind == "timestamp":
        if not isinstance(value, (str, datetime, date)):
            out.append(Finding("type", where, f"{where}: expected a timestamp"))
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            out.append(Finding("type", where, f"{where}: expected an integer"))
    elif kind == "boolean" and not isinstance(value, bool):
        out.append(Finding("type", where, f"{where}: expected true or false"))


def _length(shape: dict, n: int, where: str, unit: str, out: list[Finding]) -> None:
    if "min" in shape and n < shape["min"]:
        out.append(Finding("min", where, f"{where}: at least {shape['min']} {unit} required"))
    if "max" in shape and n > shape["max"]:
        out.append(Finding("max", where, f"{where}: at most {shape['max']} {unit} allowed"))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _preview(values: list[str]) -> str:
    return ", ".join(values[:6]) + (f", … {len(values)} in all" if len(values) > 6 else "")


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


# --------------------------------------------------------------------------- DOMAIN.md rules
def _get(payload: dict, path: str) -> Any:
    value: Any = payload
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _amount(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return None


def check_rules(payload: dict, ctx: LintContext, *, logged_activities: list[dict] | None = None,
                solution: str | None = None) -> list[Finding]:
    """DOMAIN.md's submission errors, the stage rule and per-payload quality checks."""
    model = load_model()
    out: list[Finding] = []
    add = lambda code, path, msg, sev="error": out.append(Finding(code, path, msg, sev))  # noqa: E731

    # DOMAIN.md: estimated AWS monthly recurring revenue blank or 0.
    spend = _get(payload, "Project.ExpectedCustomerSpend") or []
    amounts = [_amount(s.get("Amount")) for s in spend if isinstance(s, dict)]
    if not any(a and a > 0 for a in amounts):
        add("mrr_missing", "Project.ExpectedCustomerSpend[0].Amount",
            "estimated AWS monthly recurring revenue is blank or 0")

    # DOMAIN.md: target close date not in the future.
    close = _get(payload, "LifeCycle.TargetCloseDate")
    try:
        close_day = date.fromisoformat(str(close)) if close else None
    except ValueError:
        close_day = None
    if close_day is None or close_day <= ctx.as_of:
        add("close_date_not_future", "LifeCycle.TargetCloseDate",
            f"target close date {close or '(blank)'} is not after {ctx.as_of.isoformat()}")

    # DOMAIN.md: customer business problem shorter than 20 characters.
    problem = _get(payload, "Project.CustomerBusinessProblem") or ""
    if len(str(problem).strip()) < 20:
        add("business_problem_short", "Project.CustomerBusinessProblem",
            f"customer business problem has {len(str(problem).strip())} characters; ACE needs 20+")

    # DOMAIN.md: customer website not a valid domain.
    website = _get(payload, "Customer.Account.WebsiteUrl")
    domain = normalize_domain(website) if isinstance(website, str) else None
    if domain is None:
        add("website_invalid", "Customer.Account.WebsiteUrl",
            f"customer website {website!r} is not a valid domain")

    # DOMAIN.md: submitting partner is the end customer.
    company = _get(payload, "Customer.Account.CompanyName") or ""
    partner_keys = {normalize_company_name(n) for n in [ctx.partner_name, *ctx.partner_aliases] if n}
    partner_dom = normalize_domain(ctx.partner_domain)
    if (domain and partner_dom and domain == partner_dom) or (
            normalize_company_name(company) and normalize_company_name(company) in partner_keys):
        add("partner_is_customer", "Customer.Account",
            "the end customer is the submitting partner itself (internal workload)")

    # DOMAIN.md: duplicate opportunity for the same customer within 120 days.
    out.extend(_duplicates(company, domain, ctx))

    # DOMAIN.md: state missing when country is United States.
    country = _get(payload, "Customer.Account.Address.CountryCode")
    if _blank(country):
        add("country_missing", "Customer.Account.Address.CountryCode", "customer country is missing")
    elif country == "US" and _blank(_get(payload, "Customer.Account.Address.StateOrRegion")):
        add("us_state_missing", "Customer.Account.Address.StateOrRegion",
            "state is required when the country is the United States")

    # DOMAIN.md: use case, industry, or marketing-funded value not from the predefined lists.
    use_cases = model.allowed_values("Project.CustomerUseCase")
    use_case = _get(payload, "Project.CustomerUseCase")
    if use_case not in use_cases:
        add("use_case_invalid", "Project.CustomerUseCase",
            f"use case {use_case!r} is not one of ACE's use cases")
    industry = _get(payload, "Customer.Account.Industry")
    if industry not in model.allowed_values("Customer.Account.Industry"):
        add("industry_invalid", "Customer.Account.Industry",
            f"industry {industry!r} is not one of ACE's industries")
    elif industry == "Other" and _blank(_get(payload, "Customer.Account.OtherIndustry")):
        add("other_industry_missing", "Customer.Account.OtherIndustry",
            "industry is Other but OtherIndustry does not name it")
    out.extend(_marketing(payload, model))

    # DOMAIN.md: solution "Other" without naming the solution.
    if (solution is None or solution == "Other") and _blank(
            _get(payload, "Project.OtherSolutionDescription")):
        add("solution_other_unnamed", "Project.OtherSolutionDescription",
            "the solution is Other but OtherSolutionDescription does not name it")

    # DOMAIN.md: no partner-specific need from AWS selected.
    if _blank(payload.get("PrimaryNeedsFromAws")):
        add("partner_need_missing", "PrimaryNeedsFromAws", "no partner need from AWS selected")

    # DOMAIN.md: closed-lost reason missing when closing.
    stage = _get(payload, "LifeCycle.Stage")
    if stage == "Closed Lost" and _blank(_get(payload, "LifeCycle.ClosedLostReason")):
        add("closed_lost_reason_missing", "LifeCycle.ClosedLostReason",
            "closing as Closed Lost needs a closed-lost reason")
    # DOMAIN.md stages: only Qualified .. Committed may be submitted.
    if stage not in submittable_stages():
        add("stage_not_submittable", "LifeCycle.Stage",
            f"stage {stage!r} cannot be submitted (only {', '.join(submittable_stages())})")

    out.extend(_quality(payload, company, logged_activities))
    return out


def _duplicates(company: str, domain: str | None, ctx: LintContext) -> list[Finding]:
    key = normalize_company_name(company)
    window = timedelta(days=ctx.duplicate_window_days)
    for opp in ctx.existing:
        same = (domain and opp.domain == domain) or (
            not (domain and opp.domain) and key and normalize_company_name(opp.customer_name) == key)
        recent = opp.created_date is not None and abs(ctx.as_of - opp.created_date) <= window
        if same and recent:
            return [Finding("duplicate_customer", "Customer.Account",
                            f"ACE already has {opp.ace_id} for this customer, created "
                            f"{opp.created_date.isoformat()} (within {ctx.duplicate_window_days} days)")]
    return []


def _marketing(payload: dict, model: AceModel) -> list[Finding]:
    marketing = payload.get("Marketing")
    if not isinstance(marketing, dict):
        return []
    out = []
    for name, many in (("Source", False), ("AwsFundingUsed", False), ("Channels", True),
                       ("UseCases", True)):
        value = marketing.get(name)
        if value is None:
            continue
        allowed = model.allowed_values(f"Marketing.{name}")
        values = value if many and isinstance(value, list) else [value]
        bad = [v for v in values if v not in allowed]
        if bad:
            out.append(Finding("marketing_invalid", f"Marketing.{name}",
                               f"marketing value(s) {bad!r} not from ACE's list for {name}"))
    # The model documents: UseCases must be empty when AwsFundingUsed is No.
    if marketing.get("AwsFundingUsed") == "No" and marketing.get("UseCases"):
        out.append(Finding("marketing_invalid", "Marketing.UseCases",
                           "marketing use cases must be empty when AWS funding was not used"))
    return out


def _quality(payload: dict, company: str, logged: list[dict] | None) -> list[Finding]:
    out = []
    for path, text in _strings(payload, ""):
        if path.split(".")[0] in _NO_PLACEHOLDER_CHECK:
            continue
        hit = PLACEHOLDER.search(text)
        if hit:
            out.append(Finding("placeholder_text", path,
                               f"{path} contains placeholder text {hit.group(0)!r}"))
    title = _get(payload, "Project.Title")
    if _blank(title):
        out.append(Finding("title_missing", "Project.Title", "the opportunity has no title"))
    elif company and normalize_company_name(company) not in normalize_company_name(title):
        out.append(Finding("title_generic", "Project.Title",
                           "the title does not name the customer (generic titles are an "
                           "anti-pattern)", "warning"))
    if _blank(_get(payload, "LifeCycle.NextSteps")):
        out.append(Finding("next_steps_missing", "LifeCycle.NextSteps",
                           "no agreed next steps", "warning"))
    claimed = _get(payload, "Project.SalesActivities") or []
    if logged is not None and claimed:
        backed = set(backed_sales_activities(logged))
        for i, value in enumerate(claimed):
            if value not in backed:
                out.append(Finding("unbacked_sales_activity", f"Project.SalesActivities[{i}]",
                                   f"sales activity {value!r} has no logged CRM activity behind it"))
    return out


def _strings(value: Any, path: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, _join(path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


# --------------------------------------------------------------------------- entry points
def lint(payload: dict, ctx: LintContext | None = None, *,
         logged_activities: list[dict] | None = None, solution: str | None = None) -> list[Finding]:
    """Rule findings first; a model finding is kept only for fields no rule already flagged."""
    ctx = ctx or LintContext()
    rules = check_rules(payload, ctx, logged_activities=logged_activities, solution=solution)
    flagged = {f.path for f in rules}
    model = [f for f in walk_model(payload)
             if not any(f.path == p or f.path.startswith(p + ".") or f.path.startswith(p + "[")
                        for p in flagged)]
    return rules + model


def lint_batch(submissions: list[Submission], ctx: LintContext | None = None
               ) -> dict[str, list[Finding]]:
    """Lint each payload, then the batch: identical amounts, titles or problems, duplicates."""
    ctx = ctx or LintContext()
    result = {s.key: lint(s.payload, ctx, logged_activities=s.logged_activities,
                          solution=s.solution) for s in submissions}
    checks = [
        ("identical_amount", "Project.ExpectedCustomerSpend[0].Amount", "warning",
         lambda p: (_get(p, "Project.ExpectedCustomerSpend") or [{}])[0].get("Amount"),
         "same expected monthly spend as {n} other submission(s): placeholder amounts?"),
        ("identical_title", "Project.Title", "error", lambda p: _norm(_get(p, "Project.Title")),
         "same title as {n} other submission(s): write a specific title"),
        ("identical_business_problem", "Project.CustomerBusinessProblem", "error",
         lambda p: _norm(_get(p, "Project.CustomerBusinessProblem")),
         "same business problem as {n} other submission(s): write it from the evidence"),
        ("duplicate_in_batch", "Customer.Account", "error",
         lambda p: normalize_domain(_get(p, "Customer.Account.WebsiteUrl") or "")
         or normalize_company_name(_get(p, "Customer.Account.CompanyName") or "") or None,
         "the same customer appears in {n} other submission(s) of this batch"),
    ]
    for code, path, severity, key_of, message in checks:
        groups: dict[Any, list[str]] = defaultdict(list)
        for s in submissions:
            k = key_of(s.payload)
            if k not in (None, ""):
                groups[k].append(s.key)
        for keys in groups.values():
            if len(keys) > 1:
                for key in keys:
                    result[key].append(Finding(code, path, message.format(n=len(keys) - 1),
                                               severity))
    return result


def _norm(text: Any) -> str | None:
    return " ".join(str(text).lower().split()) if text else None


def summarize(findings_by_key: dict[str, list[Finding]]) -> dict[str, int]:
    counts = Counter(f.code for fs in findings_by_key.values() for f in fs)
    return dict(sorted(counts.items()))


def load_context(settings: Any, as_of: date) -> LintContext:
    """Partner identity from the config, ACE history from the database."""
    from sqlmodel import select

    from models import AceOpportunity, get_engine, session_scope

    with session_scope(get_engine(settings.database_url)) as session:
        rows = session.exec(select(AceOpportunity)).all()
        existing = [ExistingOpportunity(o.ace_id, o.customer_name,
                                        normalize_domain(o.customer_domain), o.created_date,
                                        o.stage) for o in rows]
    return LintContext(as_of=as_of, partner_name=settings.partner.name,
                       partner_domain=settings.partner.domain,
                       partner_aliases=list(settings.partner.aliases), existing=existing,
                       duplicate_window_days=settings.gate.duplicate_window_days)
