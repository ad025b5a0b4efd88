"""article6: corresponding adjustments of ITMOs under Article 6 of the Paris Agreement.

The engine implements Park & Oh (2020), equations (1)-(12-1), on arrays shaped
(samples, years). See ``article6.usage`` (eqs. 1-9) and ``article6.methods``
(eqs. 10-12).
"""

from article6.errors import Article6Error, ScenarioError
from article6.scenario import Scenario, load_scenario

__all__ = ["Article6Error", "Scenario", "ScenarioError", "load_scenario", "__version__"]
__version__ = "0.1.0"
