"""`python -m desktop_app` runs the same entry point as the `branchvault` console script."""

import sys

from desktop_app.cli.main import main

sys.exit(main())
