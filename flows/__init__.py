"""acescout: flows."""
