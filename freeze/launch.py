"""The double-click app's entry point (PyInstaller): the same command line as `cafe-desk`; with no arguments, the
app's window on this laptop's own data."""

import sys

from cafe_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
