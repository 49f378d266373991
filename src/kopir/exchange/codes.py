"""The contract's codes and the models' codes, where they differ (decision 0008).

The contract speaks for any personnel system; the models keep the codes the HR pages already
use. Two model codes have no contract code of their own and leave as the nearest one:
a separation reason ``unknown`` as ``other`` (a round trip of such a record comes back as
``other``).
"""

from __future__ import annotations

from kopir.cases.models import Destination, SeparationReason, Sex

SEX_TO_MODEL = {"F": Sex.FEMALE.value, "M": Sex.MALE.value}
SEX_FROM_MODEL = {model: contract for contract, model in SEX_TO_MODEL.items()}

LEVEL_TO_MODEL = {"head_of_unit": "head_of_structural_unit"}
LEVEL_FROM_MODEL = {model: contract for contract, model in LEVEL_TO_MODEL.items()}

REASON_TO_MODEL = {"dismissal": SeparationReason.OTHER_DISMISSAL.value}
REASON_FROM_MODEL = {
    SeparationReason.OTHER_DISMISSAL.value: "dismissal",
    SeparationReason.UNKNOWN.value: "other",
}

DESTINATION_TO_MODEL = {"not_working": Destination.OUT_OF_WORK.value}
DESTINATION_FROM_MODEL = {model: contract for contract, model in DESTINATION_TO_MODEL.items()}


def to_model(table: dict[str, str], code: str) -> str:
    return table.get(code, code)


def from_model(table: dict[str, str], code: str) -> str:
    return table.get(code, code)
