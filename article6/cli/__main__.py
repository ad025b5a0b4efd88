"""``python -m article6.cli``."""

import sys

from article6.cli import main

sys.exit(main())
