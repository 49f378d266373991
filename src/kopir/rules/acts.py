"""The acts behind the formulas: the legal basis of an explanation step that reads no parameter.

A step that uses a dated value cites that value's primary act (``parameters/``). A step that only
combines earlier results (the sum of the months, the net after the pension contribution, the
right to the payment) rests on the article that sets the formula itself: it is named here, per
payment, so that every step of every explanation carries a basis and a link (contract v1.1).
The acts and their in-force dates are listed in ``docs/methodology/acts.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kopir.rules.law import Reference

SOCIAL_CODE = "https://adilet.zan.kz/rus/docs/K2300000224"
LABOUR_CODE = "https://adilet.zan.kz/rus/docs/K1500000414"


def _social_code(article: str) -> Reference:
    return Reference(
        {
            "kk": f"ҚР 2023 жылғы 20 сәуірдегі № 224-VII Әлеуметтік кодексі, {article}-бап",
            "ru": f"Социальный кодекс РК от 20.04.2023 № 224-VII, ст. {article}",
            "en": f"Social Code of the RK of 20.04.2023 No. 224-VII, art. {article}",
        },
        SOCIAL_CODE,
    )


LEAVE = Reference(
    {
        "kk": "ҚР 2015 жылғы 23 қарашадағы № 414-V Еңбек кодексі, 99-бап",
        "ru": "Трудовой кодекс РК от 23.11.2015 № 414-V, ст. 99",
        "en": "Labour Code of the RK of 23.11.2015 No. 414-V, art. 99",
    },
    LABOUR_CODE,
)
MATERNITY = _social_code("78")
BIRTH_ALLOWANCE = _social_code("80")
CHILDCARE_ALLOWANCE = _social_code("82")
CHILDCARE_GFSS = _social_code("85")
PENSION_WITHHELD = _social_code("76")

# The formula's act for each payment of the response (and the leave that dates them).
FORMULA_BY_PAYMENT: Mapping[str, Reference] = MappingProxyType(
    {
        "leave": LEAVE,
        "maternity": MATERNITY,
        "birth_allowance": BIRTH_ALLOWANCE,
        "childcare_allowance": CHILDCARE_ALLOWANCE,
        "childcare_gfss": CHILDCARE_GFSS,
    }
)
