"""acescout: crawlers."""
