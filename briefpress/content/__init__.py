"""The content: YAML read with line numbers, the model, loading and validating a briefing."""
