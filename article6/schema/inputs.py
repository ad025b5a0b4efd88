"""The one table of the model's inputs: name, TOML key, label, unit, IAMC variable.

Every place that maps an input between its forms reads :data:`INPUTS`: the
scenario loader and :meth:`article6.schema.scenario.Scenario.replace` (TOML keys),
the IAMC export and import (:mod:`article6.io.iamc`, variables), the sweep's
scenario rows (:mod:`article6.sweep`), the sensitivity labels and the app's
controls. The engine takes the inputs as :class:`Inputs`, arrays broadcastable
to ``(samples, years)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from article6.errors import UnknownKeyError


@dataclass(frozen=True)
class InputSpec:
    """One input of the model.

    Attributes
    ----------
    name
        Python name (``Inputs`` field, sweep column, ``--vary`` name).
    section, key
        Where the scenario file holds it: ``[section] key``.
    symbol
        The paper's symbol.
    label
        Readable label for tables and charts.
    kind
        ``emission`` (the scenario's unit, >= 0) or ``share`` (1, in [0, 1]).
    iamc
        Variable of the IAMC layout (:mod:`article6.io.iamc`).
    """

    name: str
    section: str
    key: str
    symbol: str
    label: str
    kind: str
    iamc: str

    @property
    def toml_key(self) -> str:
        """Dotted key in the scenario file, e.g. ``ets.share``."""
        return f"{self.section}.{self.key}" if self.key else self.section


#: The inputs, in the order the engine takes them.
INPUTS: tuple[InputSpec, ...] = (
    InputSpec("trajectory", "trajectory", "", "Trajectory_i^e", "Trajectory_i^e", "emission",
              "Emissions|Kyoto Gases|Trajectory"),
    InputSpec("ets_share", "ets", "share", "ETS_i^r", "ETS share ETS_i^r", "share",
              "Share|ETS Coverage"),
    InputSpec("offset_limit", "ets", "offset_limit", "Offset_i^r", "Offset limit Offset_i^r",
              "share", "Share|ETS Offset Limit"),
    InputSpec("sink", "ndc", "sink", "Sink_i^e", "Sink_i^e", "emission", "Carbon Removal|Sink"),
    InputSpec("net_overseas", "ndc", "net_overseas", "ITMO_T^net", "Net overseas ITMO_T^net",
              "emission", "ITMO|Usage|Net Overseas"),
)
INPUTS_BY_NAME: dict[str, InputSpec] = {s.name: s for s in INPUTS}

#: Engine inputs, in the order the engine takes them; all but the shares are emissions.
INPUT_NAMES: tuple[str, ...] = tuple(s.name for s in INPUTS)
EMISSION_INPUTS: tuple[str, ...] = tuple(s.name for s in INPUTS if s.kind == "emission")
SHARE_INPUTS: tuple[str, ...] = tuple(s.name for s in INPUTS if s.kind == "share")
#: Inputs given as one value or table in the file (all but the trajectory), by name.
SCALAR_INPUTS: dict[str, tuple[str, str]] = {
    s.name: (s.section, s.key) for s in INPUTS if s.name != "trajectory"
}


@dataclass(frozen=True, eq=False)
class Inputs:
    """Engine inputs as arrays broadcastable to ``(samples, years)``.

    Attributes
    ----------
    trajectory
        Trajectory_i^e, emissions after domestic reductions, sinks excluded [unit].
    ets_share
        ETS_i^r, share of national emissions covered by the ETS [1].
    offset_limit
        Offset_i^r, share of surrendered allowances that may be overseas offsets [1].
    sink
        Sink_i^e, removals counted in year i [unit].
    net_overseas
        ITMO_i^net, net overseas ITMOs used in year i (the paper: only in T) [unit].
    """

    trajectory: np.ndarray
    ets_share: np.ndarray
    offset_limit: np.ndarray
    sink: np.ndarray
    net_overseas: np.ndarray

    def as_dict(self) -> dict[str, np.ndarray]:
        """Return the inputs by name."""
        return {n: getattr(self, n) for n in INPUT_NAMES}


def _scaled(value: Any, factor: float) -> Any:
    """A value form (number, range, per-year table, blocks, anchors) times ``factor``."""
    if factor == 1.0 or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value * factor
    if isinstance(value, Mapping):
        return {k: v if k in ("from", "to") else _scaled(v, factor) for k, v in value.items()}
    if isinstance(value, list):
        return [_scaled(v, factor) for v in value]
    return value


def write_input(doc: dict[str, Any], name: str, value: Any, source: str,
                factor: float = 1.0) -> None:
    """Write input ``name`` into a scenario document, in the file's own form.

    ``name`` is a name of :data:`INPUTS`, ``target``, ``bau``, ``id`` or
    ``title``; ``value`` any form the file accepts (the trajectory also
    ``{"blocks": [...]}`` or ``{"anchors": {...}}``). Emission values are
    multiplied by ``factor`` (to the file's unit). The document is validated
    by whoever builds the scenario from it.
    """
    if name in ("id", "title"):
        doc.setdefault("scenario", {})[name] = value
        return
    if name in ("target", "bau"):
        doc.setdefault("ndc", {})[name] = _scaled(value, factor)
        return
    spec = INPUTS_BY_NAME.get(name)
    if spec is None:
        raise UnknownKeyError(source, name, "an input name: " + ", ".join(
            ["id", "title", "target", "bau", *INPUTS_BY_NAME]))
    if spec.kind == "emission":
        value = _scaled(value, factor)
    if name == "trajectory":
        forms = ("values", "blocks", "anchors")
        tab = dict(value) if isinstance(value, Mapping) and set(value) & set(forms) \
            else {"values": value}
        old = doc.get("trajectory", {})
        doc["trajectory"] = {k: old[k] for k in ("sources", "notes") if k in old} | tab
        return
    doc.setdefault(spec.section, {})[spec.key] = value
