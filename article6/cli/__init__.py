"""The ``article6`` command line: :mod:`article6.cli.main` parses, one module per subcommand."""
