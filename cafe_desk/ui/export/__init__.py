"""The export dialog: reviewing what leaves the laptop, redactions, and writing the bundle."""
