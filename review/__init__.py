"""acescout: review."""
