"""``python -m article6.cli``."""

import sys

from article6.cli.main import main

sys.exit(main())
