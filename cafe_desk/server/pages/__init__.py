"""The phone pages, one module each: comment, vote, the table host's page and the rehearsal page."""
