"""The central desk: importing facilitators' bundles and working across the imported cafés."""
