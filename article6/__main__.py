"""``python -m article6``: the same command line as ``article6``."""

import sys

from article6.cli import main

sys.exit(main())
