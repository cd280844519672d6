"""The phone pages, one module each: comment, vote and the table host's page."""
