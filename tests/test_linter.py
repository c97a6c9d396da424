"""The ACE linter: one broken payload per rule, each caught with the right code and field."""
from __future__ import annotations

import copy
from datetime import date

import pytest

from exports.ace_model import load_model, submittable_stages
from exports.linter import (
    ExistingOpportunity,
    LintContext,
    Submission,
    lint,
    lint_batch,
    walk_model,
)

AS_OF = date(2025, 6, 2)
MEETING = [{"kind": "meeting", "direction": "outbound", "subject": "Discovery workshop"},
           {"kind": "email", "direction": "inbound", "subject": "Re: next steps"}]

GOOD = {
    "Catalog": "Sandbox",
    "ClientToken": "0b6c1c9e-2f6f-5b7e-9d1e-3f0a6f1d2c11",
    "Origin": "Partner Referral",
    "OpportunityType": "Net New Business",
    "PrimaryNeedsFromAws": ["Co-Sell - Architectural Validation"],
    "Customer": {
        "Account": {"CompanyName": "Acme Health Systems", "Industry": "Healthcare",
                    "WebsiteUrl": "https://acmehealth.com",
                    "Address": {"CountryCode": "US", "StateOrRegion": "California"}},
        "Contacts": [{"FirstName": "Jane", "LastName": "Doe", "Email": "jane@acmehealth.com",
                      "BusinessTitle": "CISO"}],
    },
    "LifeCycle": {"Stage": "Qualified", "TargetCloseDate": "2025-10-30",
                  "NextSteps": "Joint architecture review with the AWS account team in June."},
    "Project": {
        "Title": "Acme Health Systems: HIPAA landing zone on AWS",
        "CustomerBusinessProblem": "Acme Health Systems must pass a HIPAA audit of its patient "
                                   "systems by October and is moving them to Amazon EKS.",
        "CustomerUseCase": "Security & Compliance",
        "DeliveryModels": ["Professional Services"],
        "ExpectedCustomerSpend": [{"Amount": "7000.00", "CurrencyCode": "USD",
                                   "Frequency": "Monthly", "TargetCompany": "AWS"}],
        "OtherSolutionDescription": "Regulated workload landing zone",
        "SalesActivities": ["Initialized discussions with customer",
                            "Customer has shown interest in solution"],
    },
}


def ctx(**kw) -> LintContext:
    base = dict(as_of=AS_OF, partner_name="Northwind Cloud Partners",
                partner_domain="northwindcloud.io")
    return LintContext(**{**base, **kw})


def errors(findings):
    return {f.code for f in findings if f.severity == "error"}


def mutate(path: str, value) -> dict:
    payload = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    node = payload
    for p in parents:
        node = node[p]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return payload


DELETE = object()


def test_good_payload_passes():
    findings = lint(GOOD, ctx(), logged_activities=MEETING)
    assert findings == []
    assert walk_model(GOOD) == []


# (id, path, value, expected error codes, expected flagged field)
BROKEN = [
    ("mrr-blank", "Project.ExpectedCustomerSpend", [{"Amount": "", "CurrencyCode": "USD",
      "Frequency": "Monthly", "TargetCompany": "AWS"}], {"mrr_missing"}, "Project.ExpectedCustomerSpend[0].Amount"),
    ("mrr-zero", "Project.ExpectedCustomerSpend", [{"Amount": "0", "CurrencyCode": "USD",
      "Frequency": "Monthly", "TargetCompany": "AWS"}], {"mrr_missing"}, "Project.ExpectedCustomerSpend[0].Amount"),
    ("mrr-absent", "Project.ExpectedCustomerSpend", DELETE, {"mrr_missing"}, "Project.ExpectedCustomerSpend[0].Amount"),
    ("close-today", "LifeCycle.TargetCloseDate", "2025-06-02", {"close_date_not_future"}, "LifeCycle.TargetCloseDate"),
    ("close-past", "LifeCycle.TargetCloseDate", "2024-12-31", {"close_date_not_future"}, "LifeCycle.TargetCloseDate"),
    ("close-absent", "LifeCycle.TargetCloseDate", DELETE, {"close_date_not_future"}, "LifeCycle.TargetCloseDate"),
    ("problem-short", "Project.CustomerBusinessProblem", "Migration", {"business_problem_short"}, "Project.CustomerBusinessProblem"),
    ("website-x", "Customer.Account.WebsiteUrl", "x", {"website_invalid"}, "Customer.Account.WebsiteUrl"),
    ("website-words", "Customer.Account.WebsiteUrl", "acme health", {"website_invalid"}, "Customer.Account.WebsiteUrl"),
    ("us-no-state", "Customer.Account.Address.StateOrRegion", DELETE, {"us_state_missing"}, "Customer.Account.Address.StateOrRegion"),
    ("country-absent", "Customer.Account.Address", {}, {"country_missing"}, "Customer.Account.Address.CountryCode"),
    ("use-case-free-text", "Project.CustomerUseCase", "Cloud stuff", {"use_case_invalid"}, "Project.CustomerUseCase"),
    ("industry-crm-text", "Customer.Account.Industry", "Banking", {"industry_invalid"}, "Customer.Account.Industry"),
    ("industry-other-unnamed", "Customer.Account.Industry", "Other", {"other_industry_missing"}, "Customer.Account.OtherIndustry"),
    ("marketing-source", "Marketing", {"Source": "Newsletter"}, {"marketing_invalid"}, "Marketing.Source"),
    ("marketing-channel", "Marketing", {"Source": "Marketing Activity", "Channels": ["Carrier pigeon"]}, {"marketing_invalid"}, "Marketing.Channels"),
    ("marketing-unfunded-usecases", "Marketing", {"Source": "None", "AwsFundingUsed": "No", "UseCases": ["Security"]}, {"marketing_invalid"}, "Marketing.UseCases"),
    ("solution-other-unnamed", "Project.OtherSolutionDescription", DELETE, {"solution_other_unnamed"}, "Project.OtherSolutionDescription"),
    ("no-partner-need", "PrimaryNeedsFromAws", [], {"partner_need_missing"}, "PrimaryNeedsFromAws"),
    ("no-partner-need-absent", "PrimaryNeedsFromAws", DELETE, {"partner_need_missing"}, "PrimaryNeedsFromAws"),
    ("closed-lost-no-reason", "LifeCycle.Stage", "Closed Lost", {"closed_lost_reason_missing", "stage_not_submittable"}, "LifeCycle.ClosedLostReason"),
    ("stage-prospect", "LifeCycle.Stage", "Prospect", {"stage_not_submittable"}, "LifeCycle.Stage"),
    ("stage-launched", "LifeCycle.Stage", "Launched", {"stage_not_submittable"}, "LifeCycle.Stage"),
    ("placeholder-tbd", "LifeCycle.NextSteps", "TBD", {"placeholder_text"}, "LifeCycle.NextSteps"),
    ("placeholder-lorem", "Project.CustomerBusinessProblem", "Lorem ipsum dolor sit amet, consectetur.", {"placeholder_text"}, "Project.CustomerBusinessProblem"),
    ("placeholder-xxx", "Project.Title", "Acme Health Systems: xxx project", {"placeholder_text"}, "Project.Title"),
    ("title-missing", "Project.Title", DELETE, {"title_missing"}, "Project.Title"),
    ("unbacked-activity", "Project.SalesActivities", ["Conducted POC / Demo"], {"unbacked_sales_activity"}, "Project.SalesActivities[0]"),
    # model walk: enum, documented value list, pattern, max, type, required, unknown member
    ("enum-origin", "Origin", "Partner", {"enum"}, "Origin"),
    ("enum-country", "Customer.Account.Address.CountryCode", "USA", {"enum"}, "Customer.Account.Address.CountryCode"),
    ("enum-delivery", "Project.DeliveryModels", ["Consulting"], {"enum"}, "Project.DeliveryModels[0]"),
    ("documented-state", "Customer.Account.Address.StateOrRegion", "Calif.", {"enum"}, "Customer.Account.Address.StateOrRegion"),
    ("pattern-duns", "Customer.Account.Duns", "12345", {"pattern"}, "Customer.Account.Duns"),
    ("pattern-email", "Customer.Contacts", [{"Email": "Jane@@acme"}], {"pattern"}, "Customer.Contacts[0].Email"),
    ("pattern-title-too-long", "LifeCycle.NextSteps", "Joint review. " * 20, {"pattern"}, "LifeCycle.NextSteps"),
    ("max-spend-items", "Project.ExpectedCustomerSpend", [{"Amount": str(1000 + i), "CurrencyCode": "USD", "Frequency": "Monthly", "TargetCompany": "AWS"} for i in range(11)], {"max"}, "Project.ExpectedCustomerSpend"),
    ("type-list", "Project.DeliveryModels", "Professional Services", {"type"}, "Project.DeliveryModels"),
    ("required-catalog", "Catalog", DELETE, {"required"}, "Catalog"),
    ("unknown-member", "Project.Solution", "Other", {"unknown_member"}, "Project.Solution"),
]


@pytest.mark.parametrize("name,path,value,codes,field", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_payload_is_caught(name, path, value, codes, field):
    findings = lint(mutate(path, value), ctx(), logged_activities=MEETING)
    assert errors(findings) == codes, [f.as_dict() for f in findings]
    assert field in {f.path for f in findings if f.code in codes}


def test_corpus_covers_at_least_twenty_rules():
    assert len({c for b in BROKEN for c in b[3]}) >= 20


def test_duplicate_same_domain_within_120_days():
    existing = [ExistingOpportunity("O123", "ACME HEALTH", "acmehealth.com", date(2025, 3, 1))]
    findings = lint(GOOD, ctx(existing=existing), logged_activities=MEETING)
    assert errors(findings) == {"duplicate_customer"}
    assert "O123" in next(f.message for f in findings if f.code == "duplicate_customer")


def test_duplicate_by_name_when_history_has_no_website():
    existing = [ExistingOpportunity("O9", "Acme Health Systems, Inc.", None, date(2025, 5, 1))]
    assert errors(lint(GOOD, ctx(existing=existing))) == {"duplicate_customer"}


def test_old_opportunity_is_not_a_duplicate():
    existing = [ExistingOpportunity("O1", "Acme", "acmehealth.com", date(2025, 1, 1))]  # 152 days
    assert errors(lint(GOOD, ctx(existing=existing))) == set()


@pytest.mark.parametrize("company,website", [("Northwind Cloud Partners", "https://acme.org"),
                                             ("Someone Else", "https://www.northwindcloud.io/x")])
def test_partner_is_not_the_end_customer(company, website):
    payload = mutate("Customer.Account.CompanyName", company)
    payload["Customer"]["Account"]["WebsiteUrl"] = website
    payload["Project"]["Title"] = f"{company}: landing zone"
    assert errors(lint(payload, ctx())) == {"partner_is_customer"}


def test_named_solution_needs_no_other_description():
    payload = mutate("Project.OtherSolutionDescription", DELETE)
    assert errors(lint(payload, ctx(), solution="S-0012345")) == set()


def test_closed_lost_with_reason_is_only_a_stage_error():
    payload = mutate("LifeCycle.Stage", "Closed Lost")
    payload["LifeCycle"]["ClosedLostReason"] = "Price"
    assert errors(lint(payload, ctx())) == {"stage_not_submittable"}


def test_batch_quality_checks():
    twin = copy.deepcopy(GOOD)
    twin["Customer"]["Account"].update(CompanyName="Initech", WebsiteUrl="https://initech.io")
    twin["Project"]["CustomerBusinessProblem"] = "Initech renews VMware in Q4 and is weighing AWS."
    same_customer = mutate("Project.Title", "Acme Health Systems: second HIPAA workload")
    same_customer["Project"]["ExpectedCustomerSpend"][0]["Amount"] = "9000"
    same_customer["Project"]["CustomerBusinessProblem"] = "A second Acme HIPAA workload moving to AWS."
    result = lint_batch([Submission("a", GOOD), Submission("b", twin),
                         Submission("c", same_customer)], ctx())
    codes = {k: {f.code for f in v} for k, v in result.items()}
    assert "identical_title" in codes["a"] and "identical_title" in codes["b"]
    assert "identical_amount" in codes["a"] and "identical_amount" not in codes["c"]
    assert "duplicate_in_batch" in codes["a"] and "duplicate_in_batch" in codes["c"]
    assert "duplicate_in_batch" not in codes["b"]
    assert all(f.severity == "warning" for f in result["a"] if f.code == "identical_amount")


def test_walker_catches_what_botocore_param_validator_accepts():
    from botocore.validate import ParamValidator

    model = load_model()
    from botocore.model import ServiceModel
    import botocore.loaders

    raw = botocore.loaders.Loader().load_service_model("partnercentral-selling", "service-2")
    shape = ServiceModel(raw).operation_model("CreateOpportunity").input_shape
    bad = mutate("Origin", "Walk-in")
    bad["Project"]["CustomerBusinessProblem"] = "Migration"
    bad["Customer"]["Account"]["WebsiteUrl"] = "x"
    assert not ParamValidator().validate(bad, shape).has_errors()
    paths = {f.path for f in walk_model(bad, model=model)}
    assert {"Origin", "Project.CustomerBusinessProblem", "Customer.Account.WebsiteUrl"} <= paths


def test_stage_rule_comes_from_the_model_order():
    assert submittable_stages() == ["Qualified", "Technical Validation", "Business Validation",
                                    "Committed"]


def test_documented_value_lists_are_read_from_the_model():
    model = load_model()
    use_cases = model.allowed_values("Project.CustomerUseCase")
    assert "Security & Compliance" in use_cases and len(use_cases) > 20
    assert "California" in model.allowed_values("Customer.Account.Address.StateOrRegion")
