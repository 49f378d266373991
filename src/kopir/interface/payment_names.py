"""The payments' and payers' names in the page's language, shown by the calculator and the policy pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PAYMENT_TITLES = {
    "birth_allowance": _("One-time allowance at the birth of a child"),
    "maternity": _("Maternity payment (pregnancy and birth, or adoption)"),
    "childcare_gfss": _("Childcare payment to the age of 1.5 (social insurance)"),
    "childcare_allowance": _("State childcare allowance to the age of 1.5"),
}
PAYERS = {
    "state_budget": _("Paid from the state budget"),
    "gfss": _("Paid by the State Social Insurance Fund (GFSS)"),
}
