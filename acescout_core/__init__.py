"""Cross-cutting pieces shared by every stage: settings, paths, errors, safe text."""
