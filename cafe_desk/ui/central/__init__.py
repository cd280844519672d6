"""The Central page: the central team's key, importing bundles and receipts."""
