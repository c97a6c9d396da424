"""The partner's own evidence: CRM accounts, contacts, activities and ACE history from CSV."""
