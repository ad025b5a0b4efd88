"""Built-in data files: scenarios, scenario template, price presets and example ledgers.

Installed as ``article6.data``; code reads them through :mod:`article6.resources`.
"""
