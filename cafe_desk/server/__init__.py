"""The participant channel: phone pages for comments and votes, and table hosts' pages, served by the laptop."""
