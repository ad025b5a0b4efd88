"""Reproduction of Park & Oh (2020) Tables 3 and 4: printed cells as data, rules, report.

* ``paper_values.csv``: every numeric cell of Tables 3 and 4, as printed.
* ``text_values.csv``: the figures of the running text of sections 4.1-4.2.
* :mod:`paper_repro.rules`: the paper's rounding of intermediate values, applied openly.
* :mod:`paper_repro.reproduce`: recomputes each cell with the engine and compares.
* ``README.md`` (report and rules), ``ERRATA.md`` (inconsistencies), ``EQUATIONS.md`` (map).
"""
