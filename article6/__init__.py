"""article6: corresponding adjustments of ITMOs under Article 6 of the Paris Agreement.

The engine implements Park & Oh (2020), equations (1)-(12-1), on arrays shaped
(samples, years). See ``article6.model.usage`` (eqs. 1-9) and ``article6.model.methods``
(eqs. 10-12).

The API in three calls (``docs/api.md``)::

    import article6
    scenario = article6.load_scenario("kor-2018-roadmap")   # a file or a built-in id
    answer = article6.compare(scenario, trajectory_path="roadmap", price="kau-2015-2019")
    answer.to_frame()                 # scenario, bound, method, quantity, value, unit

``article6.ask`` resolves the choices into a :class:`Question`;
``article6.evaluate`` answers it with an :class:`Analysis`.
"""

__version__ = "0.1.0"

from article6.analyses.compare import Analysis, compare, evaluate  # noqa: E402
from article6.errors import Article6Error, InputError, ScenarioError  # noqa: E402
from article6.model.question import Question, ask  # noqa: E402
from article6.schema.scenario import Scenario, load_scenario  # noqa: E402

__all__ = [
    "Analysis", "Article6Error", "InputError", "Question", "Scenario", "ScenarioError", "ask",
    "compare", "evaluate", "load_scenario", "__version__",
]
