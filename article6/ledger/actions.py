"""Blocks of ITMOs: their first transfer and the block-by-block check.

Decision 2/CMA.3, annex, para 2 (FCCC/PA/CMA/2021/10/Add.1), as quoted, with
ellipses, in the UNDP national carbon registry's compliance plan
(``undp/undp-national-carbon-registry``, ``docs/a6/compliance-remediation-plan.md``):

    "A 'first transfer' is: [...] (b) For a mitigation outcome authorized
    [...] for other international mitigation purposes, (1) the
    authorization, (2) the issuance or (3) the use or cancellation of the
    mitigation outcome, as specified by the participating Party."

For units authorized for use towards NDCs (para 2(a), paraphrase) the first
transfer is the first international transfer. An empty ``first_transfer``
on the authorization means that reading.

How the ledger is read (the interpretation is article6's, not the decision's):

* every block has exactly one ``authorization``, which fixes its authorizing
  Party, quantity, vintage, purposes and first-transfer definition;
* units come into a Party's holding through the authorization, or, when the
  block has ``issuance`` rows or its first transfer is its issuance, through
  those issuances; ``transfer`` moves units between Parties; ``use`` and
  ``cancellation`` take them out. Actions are taken in date order; on one
  date, units coming in are counted before units going out;
* a block's first transfer is, in date order, each action that meets its
  definition: the authorization (all its units), each issuance, each use or
  cancellation, or each transfer out of the authorizing Party; never more
  units than the block holds in all. A first transfer by issuance before the
  authorization takes place on the authorization's date.

:func:`check_blocks` refuses a ledger in which a block is authorized twice or
never, issued beyond its authorization, or in which any Party transfers,
uses or cancels more units of a block than it holds at that date (which
also covers a unit used or cancelled twice), naming the line and the block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from article6.ledger.files import (
    AUTHORIZATION,
    CANCELLATION,
    FT_AUTHORIZATION,
    FT_INTERNATIONAL,
    FT_ISSUANCE,
    FT_USE_OR_CANCELLATION,
    ISSUANCE,
    NDC,
    NDC_OIMP,
    OIMP,
    OMGE,
    TRANSFER,
    USE,
    YEAR_RANGE,
    Actions,
    LedgerRowError,
    UnitUsedTwiceError,
)

#: Relative tolerance of the quantity checks (floating-point sums).
RTOL = 1e-9


@dataclass(frozen=True, eq=False)
class Blocks:
    """One entry per block (its authorization), arrays shaped (blocks,); quantities [unit]."""

    party: np.ndarray
    quantity: np.ndarray
    vintage: np.ndarray
    purpose: np.ndarray
    first_transfer: np.ndarray
    date: np.ndarray
    line: np.ndarray

    @property
    def for_ndc(self) -> np.ndarray:
        """Blocks authorized for use towards NDCs (``NDC`` or ``NDC+OIMP``)."""
        return np.isin(self.purpose, (NDC, NDC_OIMP))


@dataclass(frozen=True, eq=False)
class Flows:
    """What happened to the ledger's units by the as-of date, as event arrays.

    ``ft_*``: first transfers (authorizing Party, vintage, year, quantity,
    authorized for NDC, block); ``use_*``: uses (using Party, year, quantity,
    purpose, block); ``tr_*``: transfers; ``cx_*``: cancellations. Years are
    calendar years; quantities [unit].
    """

    as_of: int
    ft_party: np.ndarray
    ft_vintage: np.ndarray
    ft_year: np.ndarray
    ft_quantity: np.ndarray
    ft_ndc: np.ndarray
    ft_block: np.ndarray
    use_party: np.ndarray
    use_year: np.ndarray
    use_quantity: np.ndarray
    use_purpose: np.ndarray
    use_block: np.ndarray
    tr_from: np.ndarray
    tr_to: np.ndarray
    tr_year: np.ndarray
    tr_quantity: np.ndarray
    cx_party: np.ndarray
    cx_year: np.ndarray
    cx_quantity: np.ndarray
    cx_omge: np.ndarray


def _fail(actions: Actions, mask: np.ndarray, column: str, expected: str,
          cls: type = LedgerRowError, order: np.ndarray | None = None) -> None:
    """Raise ``cls`` for the first action where ``mask`` holds (in ``order`` if given)."""
    if order is not None:
        hits = order[np.asarray(mask)[order]] if len(order) else order
    else:
        hits = np.flatnonzero(mask)
    if len(hits):
        raise cls(actions.source, actions.where(int(hits[0]), column), expected)


def _running(group: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Running sum of ``values`` within each ``group``, in the given order (exact per group)."""
    return pd.Series(values).groupby(group, sort=False).cumsum().to_numpy()


def _order(group: np.ndarray, date: np.ndarray, flag: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Indices sorting by (group, date, flag, line): one int64 key where it fits, else lexsort."""
    if len(group) == 0:
        return np.zeros(0, dtype=np.int64)
    g = group.astype(np.int64)
    y = date // 10000 - YEAR_RANGE[0]
    day = (y * 12 + (date // 100) % 100 - 1) * 31 + date % 100          # monotone in the date
    if g.max() < 2**23 and line.max() < 2**22 and day.max() < 2**16:
        key = (g << 39) | (day.astype(np.int64) << 23) | (flag.astype(np.int64) << 22) | line
        return np.argsort(key, kind="stable")
    return np.lexsort((line, flag, date, g))


def _in_order(actions: Actions, mask: np.ndarray, inflow_first: np.ndarray | None = None) -> np.ndarray:
    """Indices of the actions where ``mask`` holds, by block, date, (inflow first,) line."""
    idx = np.flatnonzero(mask)
    flag = np.zeros(len(idx), np.int8) if inflow_first is None else inflow_first[idx]
    return idx[_order(actions.block[idx], actions.date[idx], flag, actions.line[idx])]


def check_blocks(actions: Actions, periods: dict[int, tuple[int, int]]) -> Blocks:
    """Check the ledger block by block and return its blocks; see the module docstring.

    ``periods`` maps each Party code to its NDC period (first, last year): a
    vintage must lie in the authorizing Party's period and a use towards an
    NDC in the using Party's.
    """
    a = actions
    nb = len(a.block_ids)
    auth = a.action == AUTHORIZATION
    count = np.bincount(a.block[auth], minlength=nb)
    _fail(a, count[a.block] == 0, "action",
          "an authorization of this block (every block needs one)", order=_in_order(a, ~auth))
    if (count > 1).any():
        order = _in_order(a, auth)
        second = np.zeros(len(a), dtype=bool)
        ob = a.block[order]
        second[order[1:]] = ob[1:] == ob[:-1]
        _fail(a, second, "action", "one authorization per block (it is authorized twice)",
              UnitUsedTwiceError, order=order)
    ai = np.flatnonzero(auth)
    ai = ai[np.argsort(a.block[ai], kind="stable")]
    blocks = Blocks(party=a.from_party[ai], quantity=a.quantity[ai], vintage=a.vintage[ai],
                    purpose=a.purpose[ai], first_transfer=a.first_transfer[ai], date=a.date[ai],
                    line=a.line[ai])
    b = a.block
    host = blocks.party[b]
    _fail(a, (a.action == ISSUANCE) & (a.from_party != host), "from_party",
          "the authorizing Party of the block (issuance)")
    _fail(a, (a.vintage != 0) & (a.vintage != blocks.vintage[b]), "vintage",
          "the vintage of the block's authorization (or nothing)")
    first = np.array([periods[p][0] for p in range(len(a.parties))])
    last = np.array([periods[p][1] for p in range(len(a.parties))])
    _fail(a, auth & ((a.vintage < first[a.from_party]) | (a.vintage > last[a.from_party])),
          "vintage", "a year of the authorizing Party's NDC period")
    use = a.action == USE
    ndc_use = use & (a.purpose == NDC)
    year = a.date // 10000
    _fail(a, ndc_use & ((year < first[a.from_party]) | (year > last[a.from_party])), "date",
          "a date in the using Party's NDC period (use towards its NDC)")
    _fail(a, ndc_use & ~np.isin(blocks.purpose[b], (NDC, NDC_OIMP)), "purpose",
          "a purpose the block is authorized for (it is not authorized for use towards NDCs)")
    _fail(a, use & (a.purpose == OIMP) & ~np.isin(blocks.purpose[b], (OIMP, NDC_OIMP)), "purpose",
          "a purpose the block is authorized for (it is not authorized for other international "
          "mitigation purposes)")
    _fail(a, ndc_use & (a.from_party == host), "from_party",
          "a Party other than the authorizing Party (ITMOs are used towards the NDC of the "
          "Party that acquired them)")
    issued = np.bincount(b[a.action == ISSUANCE], minlength=nb) > 0
    by_issuance = issued | (blocks.first_transfer == FT_ISSUANCE)
    tol = RTOL * np.maximum(blocks.quantity, 1.0)
    order = _in_order(a, a.action == ISSUANCE)
    total = _running(b[order], a.quantity[order])
    over = np.zeros(len(a), dtype=bool)
    over[order] = total > blocks.quantity[b[order]] + tol[b[order]]
    _fail(a, over, "quantity", "issuances of the block adding up to at most its authorized quantity",
          UnitUsedTwiceError, order=order)
    _check_holdings(a, blocks, by_issuance, tol)
    return blocks


def _check_holdings(a: Actions, blocks: Blocks, by_issuance: np.ndarray, tol: np.ndarray) -> None:
    """No Party ever holds a negative quantity of a block, at any date."""
    b = a.block
    source = (a.action == ISSUANCE) | ((a.action == AUTHORIZATION) & ~by_issuance[b])
    moves = (a.action == TRANSFER) | (a.action == USE) | (a.action == CANCELLATION)
    out_i = np.flatnonzero(moves)
    in_i = np.concatenate([np.flatnonzero(source), np.flatnonzero(a.action == TRANSFER)])
    in_party = np.concatenate([a.from_party[source], a.to_party[a.action == TRANSFER]])
    idx = np.concatenate([in_i, out_i])
    party = np.concatenate([in_party, a.from_party[out_i]]).astype(np.int64)
    delta = np.concatenate([a.quantity[in_i], -a.quantity[out_i]])
    outflow = np.concatenate([np.zeros(len(in_i), np.int8), np.ones(len(out_i), np.int8)])
    key = b[idx].astype(np.int64) * (len(a.parties) + 1) + party
    order = _order(key, a.date[idx], outflow, a.line[idx])
    held = _running(key[order], delta[order])
    bad = held < -tol[b[idx[order]]]
    if bad.any():
        i = int(idx[order][np.argmax(bad)])
        what = {TRANSFER: "transfers", USE: "uses", CANCELLATION: "cancels"}[int(a.action[i])]
        raise UnitUsedTwiceError(
            a.source, a.where(i, "quantity"),
            f"at most the units of the block the Party holds at that date (it {what} more than "
            f"it holds: a unit transferred, used or cancelled twice, or beyond the authorized "
            f"quantity)",
        )


def first_transfers(a: Actions, blocks: Blocks) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First-transfer events: (action index, date ``YYYYMMDD``, quantity [unit]).

    Each action that meets its block's definition (module docstring) first
    transfers its quantity, capped so that a block is never first transferred
    beyond its authorized quantity.
    """
    b = a.block
    d = blocks.first_transfer[b]
    cand = (((d == FT_AUTHORIZATION) & (a.action == AUTHORIZATION))
            | ((d == FT_ISSUANCE) & (a.action == ISSUANCE))
            | ((d == FT_USE_OR_CANCELLATION) & ((a.action == USE) | (a.action == CANCELLATION)))
            | ((d == FT_INTERNATIONAL) & (a.action == TRANSFER) & (a.from_party == blocks.party[b])))
    order = _in_order(a, cand)
    q = a.quantity[order]
    cap = blocks.quantity[b[order]]
    cum = _running(b[order], q)
    first = np.minimum(cum, cap) - np.minimum(cum - q, cap)
    date = np.maximum(a.date[order], blocks.date[b[order]])
    keep = first > 0
    return order[keep], date[keep], first[keep]


def flows(a: Actions, blocks: Blocks, as_of: int | None = None) -> Flows:
    """Everything that happened by ``as_of`` (``YYYYMMDD``; default: the latest action)."""
    if as_of is None:
        as_of = int(a.date.max()) if len(a) else 0
    fi, fdate, fq = first_transfers(a, blocks)
    fin = fdate <= as_of
    fb = a.block[fi][fin]
    by = a.date <= as_of
    use = by & (a.action == USE)
    tr = by & (a.action == TRANSFER)
    cx = by & (a.action == CANCELLATION)
    year = a.date // 10000
    return Flows(
        as_of=int(as_of),
        ft_party=blocks.party[fb], ft_vintage=blocks.vintage[fb], ft_year=fdate[fin] // 10000,
        ft_quantity=fq[fin], ft_ndc=blocks.for_ndc[fb], ft_block=fb,
        use_party=a.from_party[use], use_year=year[use], use_quantity=a.quantity[use],
        use_purpose=a.purpose[use], use_block=a.block[use],
        tr_from=a.from_party[tr], tr_to=a.to_party[tr], tr_year=year[tr], tr_quantity=a.quantity[tr],
        cx_party=a.from_party[cx], cx_year=year[cx], cx_quantity=a.quantity[cx],
        cx_omge=a.purpose[cx] == OMGE,
    )


def world_check(f: Flows, n_blocks: int, party_added: float, party_subtracted: float) -> dict:
    """Nothing counted twice across the Parties: the Parties' rows against the blocks.

    Block side: per block, units used towards NDCs never exceed units first
    transferred (``U_b <= F_b``), and ``sum_b (F_b - U_b)`` is what stays
    first transferred and not (yet) used towards any NDC. Party side: what
    all Parties add (para 8(a)) and subtract (para 8(b)) in their reporting
    rows. ``difference = party_added - party_subtracted - sum_b (F_b - U_b)``
    [unit] is the world's residual and must be 0, as must the differences
    between each side's additions and subtractions.
    """
    fb = np.bincount(f.ft_block, weights=f.ft_quantity, minlength=n_blocks)
    ndc = f.use_purpose == NDC
    ub = np.bincount(f.use_block[ndc], weights=f.use_quantity[ndc], minlength=n_blocks)
    not_used = float((fb - ub).sum())
    diff = party_added - party_subtracted - not_used
    scale = max(1.0, float(fb.sum()))
    ok = (bool(np.all(ub <= fb + RTOL * np.maximum(fb, 1.0)))
          and abs(diff) <= RTOL * scale
          and abs(party_added - float(fb.sum())) <= RTOL * scale
          and abs(party_subtracted - float(ub.sum())) <= RTOL * scale)
    return {
        "blocks": int(n_blocks),
        "added": party_added,
        "subtracted": party_subtracted,
        "oimp": float(f.ft_quantity[~f.ft_ndc].sum()),
        "not_used": not_used,
        "difference": diff,
        "ok": bool(ok),
    }
