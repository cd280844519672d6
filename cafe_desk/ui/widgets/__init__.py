"""Small widgets shared by several pages: QR view, vote chart, chime, plain-text labels, the care panel."""
