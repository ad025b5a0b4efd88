"""The trajectory method's options (submitted path, netting, NDC_T) and the equivalent flags."""

from __future__ import annotations

from typing import Any

from article6.analyses.compare import Comparison, evaluate
from article6.model.paths import NDC_TARGET_MODES, NETTING, PATH_CHOICES
from article6.model.question import Question, ask
from article6.schema.scenario import (
    Scenario,
)

from .scenarios import OPTION_KEYS, scenario_of

# --------------------------------------------------------------------------- method options


def has_path_table(doc: dict[str, Any]) -> bool:
    """True when ``doc`` has a ``[path]`` table (a user-submitted trajectory)."""
    return "path" in doc


def _file_netting(doc: dict[str, Any]) -> str:
    tab = doc.get("path")
    netting = tab.get("netting", "annual") if isinstance(tab, dict) else "annual"
    return netting if netting in NETTING else "annual"


def _engine_netting(doc: dict[str, Any], path: str) -> str:
    """The netting ``article6 compare`` uses without ``--netting`` for ``path``."""
    return _file_netting(doc) if path == "user" else "annual"


def option_choices(doc: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Allowed values of each option for ``doc`` (``user`` only with a ``[path]`` table)."""
    paths = tuple(c for c in PATH_CHOICES if c != "user" or has_path_table(doc))
    return {"path": paths, "netting": NETTING, "ndc_target": NDC_TARGET_MODES}


def default_options(doc: dict[str, Any]) -> dict[str, str]:
    """What ``article6 compare`` does without flags: the ``[path]`` if any, else ``derived``.

    For the paper's scenarios (no ``[path]``): ``derived``, ``annual``, ``derived``,
    the paper's own choices (Tables 3 and 4).
    """
    path = "user" if has_path_table(doc) else "derived"
    return {"path": path, "netting": _engine_netting(doc, path), "ndc_target": "derived"}


def carry_options(
    old_doc: dict[str, Any] | None, options: dict[str, str] | None, new_doc: dict[str, Any]
) -> dict[str, str]:
    """Options for a newly loaded scenario: explicit choices stay when still allowed.

    An option left at the old scenario's default takes the new scenario's default
    (so a file's ``[path]`` is used, as on the command line).
    """
    new = default_options(new_doc)
    if not options or old_doc is None:
        return new
    old_default = default_options(old_doc)
    choices = option_choices(new_doc)
    out = dict(new)
    for k in OPTION_KEYS:
        v = options.get(k)
        if v is not None and v != old_default[k] and v in choices[k]:
            out[k] = v
    return out


def clean_options(doc: dict[str, Any], options: dict[str, Any] | None) -> dict[str, str]:
    """``options`` with missing or unknown values replaced by the defaults of ``doc``."""
    out = default_options(doc)
    choices = option_choices(doc)
    for k in OPTION_KEYS:
        v = (options or {}).get(k)
        if v in choices[k]:
            out[k] = v
    return out


def compare_kwargs(doc: dict[str, Any], options: dict[str, str] | None) -> dict[str, Any]:
    """Keyword arguments of :func:`article6.analyses.compare.compare` for the options chosen.

    An option equal to what the command does without its flag is passed as
    ``None`` (no flag), so the document equals ``compare --json`` with exactly
    the flags of :func:`cli_flags`.
    """
    o = clean_options(doc, options)
    default_path = default_options(doc)["path"]
    return {
        "trajectory_path": None if o["path"] == default_path else o["path"],
        "netting": None if o["netting"] == _engine_netting(doc, o["path"]) else o["netting"],
        "ndc_target": o["ndc_target"],
    }


def cli_flags(doc: dict[str, Any], options: dict[str, str] | None) -> list[str]:
    """The ``article6 compare`` flags that give the same numbers as the app's options."""
    kw = compare_kwargs(doc, options)
    flags: list[str] = []
    if kw["trajectory_path"] is not None:
        flags += ["--trajectory-path", kw["trajectory_path"]]
    if kw["netting"] is not None:
        flags += ["--netting", kw["netting"]]
    if kw["ndc_target"] != "derived":
        flags += ["--ndc-target", kw["ndc_target"]]
    return flags


def check_options(
    doc: dict[str, Any], options: dict[str, str] | None, scenario: Scenario | None = None
) -> None:
    """Let the engine refuse options it cannot apply (a ``stated`` target without one, ...).

    ``scenario`` is ``doc`` already validated (validated here otherwise).
    Raises the engine's :class:`article6.errors.InputError` (``OptionError``,
    or a ``ScenarioError`` naming a bad ``[path]`` key).
    """
    sc = scenario if scenario is not None else scenario_of(doc)
    ask(sc, **compare_kwargs(doc, options))


def cli_command(scenario_id: str, flags: list[str]) -> str:
    """The ``article6 compare`` command line for the scenario's TOML download and ``flags``."""
    return " ".join(["article6", "compare", f"{scenario_id}.toml", "--json", *flags])


def question(doc: dict[str, Any], options: dict[str, str] | None = None, paths: bool = False) -> Question:
    """The question the app's controls ask (:func:`article6.model.question.ask`), as the CLI flags do."""
    return ask(scenario_of(doc), paths=paths, **compare_kwargs(doc, options))


def comparison(doc: dict[str, Any], options: dict[str, str] | None = None, paths: bool = False) -> Comparison:
    """The answer (:func:`article6.analyses.compare.evaluate`) to the app's :func:`question`."""
    return evaluate(question(doc, options, paths))
