"""The domain: dataclasses and pure rules. Imports neither Qt nor SQL."""
