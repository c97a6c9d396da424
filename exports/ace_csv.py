"""ACE bulk-import CSV (Partner Central > Opportunities > Bulk actions > Import opportunities).

Columns follow the bulk-import template's field names (AWS Partner Central sales guide, "Bulk
actions"); the template is revised from time to time, so any header can be renamed with
``[export] field_map.ace-csv = { "Use Case" = "Customer Use Case" }``. One row per draft that
passed the linter; values are the same ones the API payload carries.

Columns, in order (``COLUMNS``): Partner CRM Unique Identifier, Customer Company Name,
Customer Website, Industry Vertical, Industry Other, Country, State/Province, Partner Project
Title, Customer Business Problem, Solution Offered, Other Solution Description, Use Case,
Delivery Model, Estimated AWS Monthly Recurring Revenue, Currency, Target Close Date, Stage,
Next Step, Sales Activities, Partner Primary Need from AWS, Opportunity Type, Opportunity
Origin, Customer Contact First Name, Customer Contact Last Name, Customer Contact Title,
Customer Contact Email, Client Token.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from exports.ace_payload import Draft
from exports.safe_csv import write_csv

COLUMNS = [
    "Partner CRM Unique Identifier", "Customer Company Name", "Customer Website",
    "Industry Vertical", "Industry Other", "Country", "State/Province", "Partner Project Title",
    "Customer Business Problem", "Solution Offered", "Other Solution Description", "Use Case",
    "Delivery Model", "Estimated AWS Monthly Recurring Revenue", "Currency", "Target Close Date",
    "Stage", "Next Step", "Sales Activities", "Partner Primary Need from AWS", "Opportunity Type",
    "Opportunity Origin", "Customer Contact First Name", "Customer Contact Last Name",
    "Customer Contact Title", "Customer Contact Email", "Client Token",
]


def row_for(draft: Draft) -> dict[str, Any]:
    p = draft.payload
    account = p["Customer"]["Account"]
    address = account.get("Address", {})
    project = p["Project"]
    spend = project["ExpectedCustomerSpend"][0]
    contact = (p["Customer"].get("Contacts") or [{}])[0]
    return {
        "Partner CRM Unique Identifier": p.get("PartnerOpportunityIdentifier"),
        "Customer Company Name": account["CompanyName"],
        "Customer Website": account.get("WebsiteUrl"),
        "Industry Vertical": account.get("Industry"),
        "Industry Other": account.get("OtherIndustry"),
        "Country": address.get("CountryCode"),
        "State/Province": address.get("StateOrRegion"),
        "Partner Project Title": project["Title"],
        "Customer Business Problem": project["CustomerBusinessProblem"],
        "Solution Offered": draft.solution or "Other",
        "Other Solution Description": project.get("OtherSolutionDescription"),
        "Use Case": project["CustomerUseCase"],
        "Delivery Model": "; ".join(project.get("DeliveryModels", [])),
        "Estimated AWS Monthly Recurring Revenue": spend["Amount"],
        "Currency": spend["CurrencyCode"],
        "Target Close Date": p["LifeCycle"]["TargetCloseDate"],
        "Stage": p["LifeCycle"]["Stage"],
        "Next Step": p["LifeCycle"].get("NextSteps"),
        "Sales Activities": "; ".join(project.get("SalesActivities", [])),
        "Partner Primary Need from AWS": "; ".join(p.get("PrimaryNeedsFromAws", [])),
        "Opportunity Type": p.get("OpportunityType"),
        "Opportunity Origin": p.get("Origin"),
        "Customer Contact First Name": contact.get("FirstName"),
        "Customer Contact Last Name": contact.get("LastName"),
        "Customer Contact Title": contact.get("BusinessTitle"),
        "Customer Contact Email": contact.get("Email"),
        "Client Token": p["ClientToken"],
    }


def write_ace_csv(path: Path, drafts: list[Draft], *, field_map: dict[str, str] | None = None,
                  bom: bool = False) -> Path:
    rename = field_map or {}
    header = [rename.get(c, c) for c in COLUMNS]
    rows = [[row_for(d).get(c) for c in COLUMNS] for d in drafts]
    return write_csv(path, header, rows, bom=bom)
