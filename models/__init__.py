"""The schema of the domain: SQLModel tables, engine/session helpers and idempotent upserts."""
from models.db import get_engine, init_db, session_scope
from models.tables import (
    AceOpportunity,
    Account,
    Activity,
    Candidate,
    Contact,
    Document,
    Run,
    Score,
    Signal,
    Source,
)

__all__ = [
    "AceOpportunity", "Account", "Activity", "Candidate", "Contact", "Document", "Run",
    "Score", "Signal", "Source", "get_engine", "init_db", "session_scope",
]
