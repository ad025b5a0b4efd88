"""Accounting balance year by year under each corresponding-adjustment method.

The paper (section 4.2) warns that the cumulative method subtracts the whole
period's ITMO use in the target year, so that reported emissions drop sharply
in T: its environmental-integrity concern. This module makes that visible.

For a method, the *adjustment* ``CA_i`` is the amount of ITMOs the method
applies to year ``i`` of the period; the *accounting balance* is the Party's
net emissions after that adjustment::

    Balance_i = NE_i^enet - CA_i                       [unit]

with ``NE_i^enet`` from eq. (6-1) and ``ITMO_i^total`` from eq. (2). The
adjustments, on arrays shaped (samples, years), ``n`` years, ``T`` the last:

* cumulative (eq. 10 with eq. 1): ``CA_i = 0`` for ``i < T`` and
  ``CA_T = sum_i ITMO_i^total``: the whole period's use lands in T;
* vintage (eq. 11, first form): ``CA_i = 0`` for ``i < T`` and
  ``CA_T = ITMO_T^total``: only ITMOs of T's vintage count;
* averaging (eq. 11, second form): ``CA_i = (1/n) sum_j ITMO_j^total`` in
  every year: the period average, applied each year and in T;
* trajectory (eq. 12): ``CA_i = ITMO_i^total``: each year's own use, so that
  ``Balance_i = NDC_i^e`` (eq. 8 at equality).

Each method object carries its own schedule, ``balance_adjustments(rows)``
(:mod:`article6.model.methods`); nothing here is keyed by a method's name, so a
registered "other method" has a balance view as soon as it is registered.
Nothing here loops over samples.
"""

from __future__ import annotations

import numpy as np

from article6.model.methods import METHODS, CAMethod, default_methods
from article6.model.usage import UsageRows


def _method(method: str | CAMethod) -> CAMethod:
    return METHODS[method] if isinstance(method, str) else method


def adjustments(method: str | CAMethod, rows: UsageRows) -> np.ndarray:
    """``CA_i`` of ``method`` (an object, or a registered name) for every year [unit], (samples, years).

    Raises
    ------
    KeyError
        For a name that is not registered.
    """
    return np.asarray(_method(method).balance_adjustments(rows), dtype=float)


def accounting_balance(method: str | CAMethod, rows: UsageRows) -> np.ndarray:
    """``Balance_i = NE_i^enet - CA_i`` under ``method`` [unit], shape (samples, years)."""
    return rows.national_net - adjustments(method, rows)


def balances(rows: UsageRows, methods=None) -> dict[str, np.ndarray]:
    """Accounting balance of each method, by name.

    ``methods``: method objects, or names (names not registered are left out);
    default: the default set (:func:`article6.model.methods.default_methods`).
    """
    chosen = default_methods() if methods is None else [
        m for m in methods if not isinstance(m, str) or m in METHODS]
    return {_method(m).name: accounting_balance(m, rows) for m in chosen}
