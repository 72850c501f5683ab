"""`python -m game` runs the `brink` command line."""

import sys

from .cli import main

sys.exit(main())
