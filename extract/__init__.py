"""acescout: extract."""
