"""The Votes page: paper tallies, phone voting and the chart."""
