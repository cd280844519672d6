"""The double-click app's entry point (PyInstaller): the same command line as `cafe-desk`; with no arguments, the
app's window on this laptop's own data."""

import multiprocessing
import sys

from cafe_desk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a long import reads bundles in a second process of this same program
    sys.exit(main())
