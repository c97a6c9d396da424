"""acescout: crawlers/spiders."""
