"""acescout: exports."""
