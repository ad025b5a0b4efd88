"""Files shipped inside the package: built-in scenarios, the template, prices, ledgers.

Everything is found through :mod:`importlib.resources`, so the same code works
in the repository (editable install) and from an installed wheel. The
repository's ``data/`` folder installs as ``article6.data``, ``paper_repro/``
as ``article6.paper_repro`` and ``app/`` as ``article6.app``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

from article6.errors import InputError, ScenarioError


def package_dir(package: str) -> Path:
    """The folder of an installed package of this project (``article6.data``, ...)."""
    return Path(str(files(package)))


def data_dir(*parts: str) -> Path:
    """A path inside the built-in data (``data_dir("scenarios")``)."""
    return package_dir("article6.data").joinpath(*parts)


def scenario_dir() -> Path:
    """Folder of the built-in scenarios."""
    return data_dir("scenarios")


def price_dir() -> Path:
    """Folder of the price presets (``--price NAME`` loads ``NAME.toml``)."""
    return data_dir("prices")


def template_path() -> Path:
    """The documented scenario template (placeholders, not a scenario of any Party)."""
    return data_dir("templates", "scenario.toml")


def paper_repro_dir() -> Path:
    """Folder of the reproduction suite's tables (paper values, exact values)."""
    return package_dir("article6.paper_repro")


@dataclass(frozen=True)
class BuiltinScenario:
    """One shipped scenario file, as listed by ``article6 scenarios``."""

    id: str
    title: str
    party: str
    period: tuple[int, int]
    path: Path


@lru_cache(maxsize=1)
def builtin_scenarios() -> Mapping[str, BuiltinScenario]:
    """Every shipped scenario, by id (the file's stem, which equals its ``[scenario] id``).

    Read once per process (the shipped files do not change while it runs), read-only.
    """
    out: dict[str, BuiltinScenario] = {}
    for path in sorted(scenario_dir().glob("*.toml")):
        with path.open("rb") as fh:
            head = tomllib.load(fh).get("scenario", {})
        period = head.get("period", [0, 0])
        out[path.stem] = BuiltinScenario(
            id=path.stem,
            title=str(head.get("title", path.stem)),
            party=str(head.get("party", "")),
            period=(int(period[0]), int(period[-1])),
            path=path,
        )
    return MappingProxyType(out)


def resolve_shipped(
    arg: str | Path, folder: Path, suffix: str, error: type[InputError], expected: str
) -> Path:
    """An argument as a path: an existing file, or the name of a file shipped in ``folder``.

    A path that exists wins over a shipped name. Anything else raises ``error``
    saying ``expected`` and listing the shipped names.
    """
    p = Path(arg)
    if p.exists() or p.is_symlink():
        return p
    text = str(arg)
    if "/" not in text and not text.endswith(suffix):
        path = folder / f"{text}{suffix}"
        if path.is_file():
            return path
    names = ", ".join(sorted(q.stem for q in folder.glob(f"*{suffix}")))
    raise error(p, "(file)", f"{expected} ({names})")


def resolve_scenario(arg: str | Path) -> Path:
    """A scenario argument as a path: an existing file, or the id of a built-in scenario."""
    return resolve_shipped(arg, scenario_dir(), ".toml", ScenarioError,
                           "an existing scenario file or the id of a built-in scenario")
