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

Nothing here loops over samples. A method without a schedule here (a
Party-proposed "other method") has no balance view: :func:`adjustments`
raises ``KeyError``.
"""

from __future__ import annotations

import numpy as np

from article6.usage import YEAR_AXIS, UsageRows


def _in_target_year(amount: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Place ``amount`` (samples,) in the last year of a (samples, years) array of zeros."""
    out = np.zeros(np.shape(like), dtype=float)
    out[..., -1] = amount
    return out


def cumulative_adjustment(rows: UsageRows) -> np.ndarray:
    """``CA_T = sum_i ITMO_i^total``, zero before T (eqs. 1, 10) [unit], (samples, years)."""
    return _in_target_year(rows.itmo_period_total, rows.itmo_total)


def vintage_adjustment(rows: UsageRows) -> np.ndarray:
    """``CA_T = ITMO_T^total``, zero before T (eq. 11, first form) [unit], (samples, years)."""
    return _in_target_year(rows.itmo_total[..., -1], rows.itmo_total)


def averaging_adjustment(rows: UsageRows) -> np.ndarray:
    """``CA_i = (1/n) sum_j ITMO_j^total`` in every year (eq. 11, second form) [unit]."""
    mean = np.mean(rows.itmo_total, axis=YEAR_AXIS, keepdims=True)
    return np.broadcast_to(mean, np.shape(rows.itmo_total)).astype(float)


def trajectory_adjustment(rows: UsageRows) -> np.ndarray:
    """``CA_i = ITMO_i^total``, each year's own use (eq. 12) [unit], (samples, years)."""
    return np.array(rows.itmo_total, dtype=float)


#: Adjustment schedule of each paper method, by the method's registry name.
SCHEDULES = {
    "cumulative": cumulative_adjustment,
    "vintage": vintage_adjustment,
    "averaging": averaging_adjustment,
    "trajectory": trajectory_adjustment,
}


def adjustments(method: str, rows: UsageRows) -> np.ndarray:
    """``CA_i`` of ``method`` for every year, shape (samples, years) [unit]."""
    return SCHEDULES[method](rows)


def accounting_balance(method: str, rows: UsageRows) -> np.ndarray:
    """``Balance_i = NE_i^enet - CA_i`` under ``method`` [unit], shape (samples, years)."""
    return rows.national_net - adjustments(method, rows)


def balances(rows: UsageRows, methods=None) -> dict[str, np.ndarray]:
    """Accounting balance of every method that has a schedule, by name."""
    names = SCHEDULES if methods is None else [m for m in methods if m in SCHEDULES]
    return {m: accounting_balance(m, rows) for m in names}
