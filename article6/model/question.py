"""One question asked of the model: a scenario and every choice, resolved once.

:func:`ask` is the one place where the user's choices are checked and
resolved: the method set, the trajectory method's submitted path and its
netting, where NDC_T comes from, the price path, the discount rate and base
year, and the output unit. Command-line flags (:mod:`article6.cli`) and
the app's controls and URL are two ways of calling it; every output
(``compare``, costs, the balance view, ``export``, ``sweep``, ``sensitivity``,
the app's panels and downloads) reads the :class:`Question` it returns, so two
views of the same question cannot disagree.

Resolution rules (each the behaviour of ``article6 compare`` without the flag):

* ``trajectory_path=None``: the scenario's ``[path]`` when it has one, else
  ``derived`` (the paper's); ``netting=None``: the ``[path]``'s netting for
  ``user``, else ``annual``;
* ``ndc_target``: ``derived`` (eq. 8-1 at equality, Table 3) or ``stated``
  (the scenario's ``[ndc] target``, refused when it has none);
* ``price=None``: the scenario's ``[price]``; a given price in another
  currency than the scenario's is refused; ``discount_rate`` and
  ``base_year`` default to the price path's, else 0 and the first year, and
  are refused without any price;
* ``unit=None``: the scenario's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from article6.errors import ChoiceError, PriceError
from article6.model.adopted import method_set
from article6.model.evaluate import MethodOptions, stated_target
from article6.model.methods import METHOD_SETS, CAMethod
from article6.model.paths import NDC_TARGET_MODES, PATH_CHOICES, trajectory_for
from article6.schema.path_table import NETTING
from article6.schema.prices import PricePath, check_base_year, check_rate, load_price
from article6.schema.scenario import Scenario, load_scenario
from article6.schema.units import unit_choice

#: The choices of a question and their defaults (``None``: resolved from the scenario).
CHOICES: dict[str, Any] = {
    "methods": "paper", "trajectory_path": None, "netting": None, "ndc_target": "derived",
    "price": None, "discount_rate": None, "base_year": None, "unit": None, "paths": False,
}


@dataclass(frozen=True, eq=False)
class Question:
    """A scenario and every choice, resolved (build it with :func:`ask`).

    Attributes
    ----------
    scenario
        The scenario, in the output unit.
    methods
        The method objects to evaluate, in order (the trajectory method
        already carries the submitted path and netting chosen).
    method_set
        The method set they come from (:data:`article6.model.methods.METHOD_SETS`).
    trajectory_path, netting
        The trajectory method's submitted path and netting, resolved.
    ndc_target
        ``derived`` or ``stated``; ``stated_target`` is NDC_T^e then [unit].
    price
        The price path, or ``None`` (no costs).
    discount_rate, base_year
        Discounting of the costs, resolved (``None`` without a price).
    paths
        Also evaluate the trajectory method under every path choice.
    given
        The choices as they were given (``None`` = left to the default):
        what a command line or a URL needs to ask the same question again.
    """

    scenario: Scenario
    methods: tuple[CAMethod, ...]
    method_set: str
    trajectory_path: str
    netting: str
    ndc_target: str
    stated_target: float | None
    price: PricePath | None
    discount_rate: float | None
    base_year: int | None
    paths: bool
    given: dict[str, Any] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """Unit of every emission quantity of the answer."""
        return self.scenario.unit

    @property
    def options(self) -> MethodOptions:
        """The NDC_T choice as the engine takes it (:func:`article6.model.evaluate.evaluate`)."""
        if self.ndc_target == "derived":
            return MethodOptions()
        return MethodOptions(ndc_target="stated", stated_target=self.stated_target)

    @property
    def method_names(self) -> list[str]:
        """Names of the methods, in order (the columns of every output)."""
        return [m.name for m in self.methods]

    def is_paper_default(self) -> bool:
        """True when every choice that changes numbers is the paper's."""
        return (self.trajectory_path, self.netting, self.ndc_target) == (
            "derived", "annual", "derived")

    def replace(self, **choices: Any) -> Question:
        """The same scenario asked with some choices changed (resolved again by :func:`ask`)."""
        return ask(self.scenario, **(self.given | choices))


def ask(scenario: Scenario | str | Path, *, methods: str = "paper",
        trajectory_path: str | None = None, netting: str | None = None,
        ndc_target: str = "derived", price: str | PricePath | None = None,
        discount_rate: float | None = None, base_year: int | None = None,
        unit: str | None = None, paths: bool = False) -> Question:
    """Resolve the choices for ``scenario`` into one :class:`Question` (module docstring).

    ``scenario`` is a :class:`Scenario`, a TOML file or a built-in id.

    Raises
    ------
    ChoiceError
        For a choice not offered (naming the option), a stated NDC_T the
        scenario lacks, a user path without a ``[path]`` table, or a discount
        rate or base year without a price.
    PriceError, ScenarioError, UnitError
        For a bad price file or scenario, or an unknown unit.
    """
    given = {"methods": methods, "trajectory_path": trajectory_path, "netting": netting,
             "ndc_target": ndc_target, "price": price, "discount_rate": discount_rate,
             "base_year": base_year, "unit": unit, "paths": paths}
    for key, offered in (("methods", tuple(METHOD_SETS)), ("ndc_target", NDC_TARGET_MODES),
                         ("trajectory_path", PATH_CHOICES), ("netting", NETTING)):
        if given[key] is not None and given[key] not in offered:
            raise ChoiceError(key, "one of " + ", ".join(offered), given[key])
    if unit is not None:
        unit_choice(unit)
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    if unit is not None and unit != sc.unit:
        sc = sc.in_unit(unit)
    chosen = tuple(method_set(sc, methods, trajectory_path, netting))
    traj = trajectory_for(sc, trajectory_path, netting)
    target = stated_target(sc) if ndc_target == "stated" else None
    price_path = resolve_price(sc, price)
    if price_path is None:
        if discount_rate is not None or base_year is not None:
            raise ChoiceError("price", "a price (a price file or preset, or the scenario's [price] "
                              "table) when a discount rate or base year is given")
        rate, base = None, None
    else:
        rate = price_path.discount_rate if discount_rate is None else discount_rate
        rate = 0.0 if rate is None else check_rate(rate)
        base = price_path.base_year if base_year is None else base_year
        base = sc.years[0] if base is None else check_base_year(base)
    return Question(
        scenario=sc, methods=chosen, method_set=methods,
        trajectory_path=traj.path, netting=traj.netting, ndc_target=ndc_target,
        stated_target=target, price=price_path, discount_rate=rate, base_year=base,
        paths=bool(paths), given=given,
    )


def resolve_price(scenario: Scenario, arg: str | PricePath | None) -> PricePath | None:
    """The price path to use: ``--price`` (a file, preset or path) if given, else the scenario's.

    Raises
    ------
    PriceError
        When both are given in different currencies.
    """
    own = scenario.price
    if arg is None:
        return own
    given = arg if isinstance(arg, PricePath) else load_price(arg, scenario.years)
    if own is not None and own.currency != given.currency:
        raise PriceError(
            given.source, "price.currency",
            f"the scenario's currency '{own.currency}' ({scenario.path} price.currency)",
            given.currency,
        )
    return given
