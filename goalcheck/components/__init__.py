"""goalcheck's spaCy components, one rubric dimension per module."""
