"""One router per page area: candidates, accounts, decisions, charts, runs, auth."""
