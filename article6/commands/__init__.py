"""Subcommands of the ``article6`` command, one module each (see :mod:`article6.cli`)."""
