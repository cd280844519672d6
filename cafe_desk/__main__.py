"""`python -m cafe_desk` runs the same command line as `cafe-desk`."""

from cafe_desk.cli import main

raise SystemExit(main())
