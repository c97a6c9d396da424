"""acescout: scoring."""
