"""The page's choices as a :class:`article6.model.question.Question`, its link and its equivalent flags.

The page keeps three options (``path``, ``netting``, ``ndc_target``: the
trajectory method's submitted path and netting, and where NDC_T comes from).
:func:`ask_kwargs` turns them into the keyword arguments of
:func:`article6.model.question.ask`, which the question records as ``given``. The
link (:func:`link_choices`), the equivalent command (:func:`cli_flags`) and the
choices recorded in a download (:func:`recorded_choices`) are all written from
those ``given`` choices, under ``ask``'s names (the command line's flags with
``_`` for ``-``), so the three cannot disagree.
"""

from __future__ import annotations

from typing import Any

from article6.analyses.compare import Comparison, evaluate
from article6.errors import OptionError
from article6.model.paths import NDC_TARGET_MODES, NETTING, PATH_CHOICES
from article6.model.question import CHOICES, Question, ask
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


def ask_kwargs(doc: dict[str, Any], options: dict[str, str] | None) -> dict[str, Any]:
    """Keyword arguments of :func:`article6.model.question.ask` for the options chosen.

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


#: Kept importable: the name before the keywords were ``ask``'s.
compare_kwargs = ask_kwargs


def given_choices(given: dict[str, Any]) -> dict[str, str]:
    """The choices of a :attr:`Question.given` that differ from ``ask``'s defaults, as text.

    In :data:`article6.model.question.CHOICES` order; ``paths`` (a switch) as ``"1"``.
    """
    out: dict[str, str] = {}
    for key, default in CHOICES.items():
        value = given.get(key)
        if value is None or value is False or value == default:
            continue
        out[key] = "1" if value is True else str(value)
    return out


def flags(choices: dict[str, str]) -> list[str]:
    """Command-line flags for :func:`given_choices` (``trajectory_path`` -> ``--trajectory-path``)."""
    out: list[str] = []
    for key, value in choices.items():
        flag = "--" + key.replace("_", "-")
        out += [flag] if key == "paths" else [flag, value]
    return out


def link_choices(doc: dict[str, Any], options: dict[str, str] | None) -> dict[str, str]:
    """The page's choices as a link carries them: :func:`given_choices` of its question."""
    return given_choices(ask_kwargs(doc, options))


def cli_flags(doc: dict[str, Any], options: dict[str, str] | None) -> list[str]:
    """The ``article6 compare`` flags that give the same numbers as the app's options."""
    return flags(link_choices(doc, options))


def recorded_choices(question: Question) -> dict[str, Any]:
    """What a download records of its question: every choice as given, and as resolved."""
    q = question
    return {
        "given": given_choices(q.given),
        "resolved": {"methods": q.method_set, "trajectory_path": q.trajectory_path,
                     "netting": q.netting, "ndc_target": q.ndc_target, "unit": q.unit},
    }


def options_from_choices(doc: dict[str, Any], choices: dict[str, str]) -> dict[str, str]:
    """The page's options for choices under ``ask``'s names (a link's), unknown values refused.

    Raises :class:`article6.errors.OptionError` naming the link's key.
    """
    allowed = option_choices(doc)
    out = default_options(doc)
    for key, opt in (("trajectory_path", "path"), ("netting", "netting"), ("ndc_target", "ndc_target")):
        if key in choices:
            if choices[key] not in allowed[opt]:
                raise OptionError("link", key, "one of " + ", ".join(allowed[opt]), choices[key])
            out[opt] = choices[key]
    if "trajectory_path" in choices and "netting" not in choices:
        out["netting"] = _engine_netting(doc, out["path"])
    return out


def check_options(
    doc: dict[str, Any], options: dict[str, str] | None, scenario: Scenario | None = None
) -> None:
    """Let the engine refuse options it cannot apply (a ``stated`` target without one, ...).

    ``scenario`` is ``doc`` already validated (validated here otherwise).
    Raises the engine's :class:`article6.errors.InputError` (``OptionError``,
    or a ``ScenarioError`` naming a bad ``[path]`` key).
    """
    sc = scenario if scenario is not None else scenario_of(doc)
    ask(sc, **ask_kwargs(doc, options))


def cli_command(scenario_id: str, flags: list[str]) -> str:
    """The ``article6 compare`` command line for the scenario's TOML download and ``flags``."""
    return " ".join(["article6", "compare", f"{scenario_id}.toml", "--json", *flags])


def question(doc: dict[str, Any], options: dict[str, str] | None = None, paths: bool = False) -> Question:
    """The question the app's controls ask (:func:`article6.model.question.ask`), as the CLI flags do."""
    return ask(scenario_of(doc), paths=paths, **ask_kwargs(doc, options))


def comparison(doc: dict[str, Any], options: dict[str, str] | None = None, paths: bool = False) -> Comparison:
    """The answer (:func:`article6.analyses.compare.evaluate`) to the app's :func:`question`."""
    return evaluate(question(doc, options, paths))
