"""The ETS-offset usage model of Park & Oh (2020), eqs. (1)-(9), on arrays.

Every function takes and returns arrays broadcastable to ``(samples, years)``;
the year axis is last (:data:`YEAR_AXIS`). Emissions are floats in the
scenario's unit (Mt CO2e in the paper); shares are dimensionless. Index ``i``
runs over the years of the NDC implementation period, ``T`` is its last year.
Nothing here loops over samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

#: Axis of the years in every (samples, years) array.
YEAR_AXIS = -1


def allocation(trajectory, ets_share):
    """ETS allocation, eq. (4): ``Allocation_i^e = Trajectory_i^e x ETS_i^r`` [unit]."""
    return trajectory * ets_share


def ets_offsets(trajectory, ets_share, offset_limit):
    """ETS overseas offsets, eqs. (3)-(5): ``ITMO_i^ets = Allocation_i^e x Offset_i^r``.

    With eq. (4) substituted, ``ITMO_i^ets = Trajectory_i^e x ETS_i^r x Offset_i^r``
    (eq. 5 as the text derives it; the printed eq. 5 drops ``Offset_i^r``). [unit]
    """
    return allocation(trajectory, ets_share) * offset_limit


def national_total(trajectory, ets_offsets_):
    """National total emissions, eq. (7): ``NE_i^et = Trajectory_i^e + ITMO_i^ets`` [unit].

    Firms that surrender ITMOs emit that much above their allocation, so
    national emissions exceed the roadmap trajectory by the ETS offsets.
    """
    return trajectory + ets_offsets_


def national_net(national_total_, sink):
    """National net emissions, eq. (6): ``NE_i^enet = NE_i^et - Sink_i^e`` [unit].

    Substituting eq. (7) gives eq. (6-1):
    ``NE_i^enet = Trajectory_i^e + ITMO_i^ets - Sink_i^e``.
    """
    return national_total_ - sink


def itmo_total(ets_offsets_, net_overseas):
    """Annual ITMO use, eq. (2): ``ITMO_i^total = ITMO_i^ets + ITMO_T^net`` [unit].

    ``net_overseas`` holds ``ITMO_T^net`` in the target year and zero elsewhere
    (the paper), or a per-year amount where a scenario gives one. With eq. (5)
    substituted this is eq. (5-1).
    """
    return ets_offsets_ + net_overseas


def ndc_path(national_net_, itmo_total_):
    """Annual NDC emissions, eq. (8) at equality: ``NDC_i^e = NE_i^enet - ITMO_i^total``.

    Eq. (8-1) is its target-year row ``NDC_T^e``; eqs. (9)/(9-1) are the same
    with ``NE_i^enet`` written as ``NE_i^et - Sink_i^e``. [unit]
    """
    return national_net_ - itmo_total_


def period_total(annual):
    """Sum over the period, eq. (1): ``ITMO^total = sum_i ITMO_i^total`` [unit]; shape (samples,)."""
    return np.sum(annual, axis=YEAR_AXIS)


#: Names of the annual rows, in Table 3's order.
ROW_NAMES = (
    "trajectory", "ets_offsets", "national_total", "sink", "national_net", "itmo_total", "ndc_target",
)


@dataclass(frozen=True, eq=False)
class UsageRows:
    """The annual rows of Table 3, each shaped ``(samples, years)`` [unit]."""

    trajectory: np.ndarray      # Trajectory_i^e
    ets_offsets: np.ndarray     # ITMO_i^ets, eq. (5)
    national_total: np.ndarray  # NE_i^et, eq. (7)
    sink: np.ndarray            # Sink_i^e
    national_net: np.ndarray    # NE_i^enet, eq. (6-1)
    itmo_total: np.ndarray      # ITMO_i^total, eq. (2)
    ndc_target: np.ndarray      # NDC_i^e, eq. (8) at equality

    def as_dict(self) -> dict[str, np.ndarray]:
        """Return the rows by name, in Table 3's order."""
        return {n: getattr(self, n) for n in ROW_NAMES}

    @cached_property
    def itmo_period_total(self) -> np.ndarray:
        """Eq. (1) on ``itmo_total``: ITMO use over the period, shape (samples,) [unit].

        Computed once per batch: several methods count it as their usage (B).
        """
        return period_total(self.itmo_total)


def usage_rows(inputs) -> UsageRows:
    """Evaluate eqs. (2)-(8) for a batch of :class:`article6.schema.scenario.Inputs`.

    Inputs broadcastable to ``(samples, years)`` come out as full
    ``(samples, years)`` arrays.
    """
    traj = np.asarray(inputs.trajectory, dtype=float)
    shape = np.broadcast_shapes(
        traj.shape, np.shape(inputs.ets_share), np.shape(inputs.offset_limit),
        np.shape(inputs.sink), np.shape(inputs.net_overseas),
    )
    ets = ets_offsets(traj, inputs.ets_share, inputs.offset_limit)
    total = national_total(traj, ets)
    net = national_net(total, inputs.sink)
    itmo = itmo_total(ets, inputs.net_overseas)
    ndc = ndc_path(net, itmo)
    full = lambda a: np.broadcast_to(a, shape)  # noqa: E731
    return UsageRows(
        trajectory=full(traj), ets_offsets=full(ets), national_total=full(total),
        sink=full(np.asarray(inputs.sink, dtype=float)), national_net=full(net),
        itmo_total=full(itmo), ndc_target=full(ndc),
    )
