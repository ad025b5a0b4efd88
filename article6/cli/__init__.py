"""The ``article6`` command line: :mod:`article6.cli.command` parses, one module per subcommand.

``main`` is importable from here, the installed command's entry point (``article6.cli:main``).
"""

from article6.cli.command import main

__all__ = ["main"]
