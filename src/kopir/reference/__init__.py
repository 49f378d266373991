"""Kazakhstan's reference data for the public sector, in Kazakh, Russian and English.

Pure Python, like `kopir.rules` and `kopir.workdays` (no Django; import-linter checks it),
so the calculator, the web app and the statistics warehouse share one set of codes:

* `regions`: the 17 regions and 3 cities of republican significance after the 2022 reform,
  by ISO 3166-2 code (new and legacy) and top-level KATO code;
* `iin`: the individual identification number (ЖСН/ИИН): validation, decoding, masking and
  the keyed digest that links records in the statistics warehouse without the IIN;
* `civil_service`: corps, body levels and managerial levels, with the two measures of
  indicator I13 (all managerial posts, senior posts), and corps B categories (low confidence).

One name does double duty: ``kopir.reference.regions`` is the function `regions()` once the
package is imported, as it is re-exported here. Import the module's other names directly
(``from kopir.reference.regions import parse_regions``), which always works.

Off-the-shelf packages fall short here (domain notes D.1-D.3): `pycountry` has no Russian or
Kazakh names for the new regions, and `python-stdnum` has no Kazakh IIN.

    >>> region_by_iso("KZ-10").name.kk
    'Абай облысы'
    >>> validate_iin("900515401230").sex
    <Sex.FEMALE: 'female'>
    >>> [level.value for level in managerial_levels() if level.is_senior]
    ['political', 'corps_a', 'head_of_central_department']
"""

from __future__ import annotations

from kopir.reference.civil_service import (
    BodyLevel,
    CategoryFamily,
    CivilServiceTable,
    Corps,
    ManagerialLevel,
    civil_service_table,
    corps_b_categories,
    load_civil_service,
    managerial_levels,
)
from kopir.reference.iin import (
    Iin,
    IinProblem,
    InvalidIin,
    Sex,
    iin_digest,
    is_valid_iin,
    make_iin,
    validate_iin,
)
from kopir.reference.regions import (
    Region,
    RegionKind,
    RegionTable,
    UnknownRegion,
    load_regions,
    region_by_iso,
    region_by_kato,
    regions,
)
from kopir.reference.tables import LANGUAGES, Confidence, ReferenceDataError, TrilingualName

__all__ = [
    "LANGUAGES",
    "BodyLevel",
    "CategoryFamily",
    "CivilServiceTable",
    "Confidence",
    "Corps",
    "Iin",
    "IinProblem",
    "InvalidIin",
    "ManagerialLevel",
    "ReferenceDataError",
    "Region",
    "RegionKind",
    "RegionTable",
    "Sex",
    "TrilingualName",
    "UnknownRegion",
    "civil_service_table",
    "corps_b_categories",
    "iin_digest",
    "is_valid_iin",
    "load_civil_service",
    "load_regions",
    "make_iin",
    "managerial_levels",
    "region_by_iso",
    "region_by_kato",
    "regions",
    "validate_iin",
]
