"""Turning one café into something safe to hand on: redaction of personal data (`anonymise`)."""
