"""The methodology: every indicator with its definition, numerator, denominator and exclusions, in kk/ru/en.

Shown on the public methodology pages and recorded (by version) in each run and release. A
change of any definition is a new `METHODOLOGY_VERSION`. The indicator ids are those of the cells
(`kopir.statistics.engine.INDICATORS`); one entry explains a family of ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

METHODOLOGY_VERSION = "2026.1"


@dataclass(frozen=True)
class Indicator:
    number: str  # I1...I16 of return-to-work-and-statistics.md A.2
    slug: str
    ids: tuple[str, ...]
    name: Promise
    definition: Promise
    numerator: Promise
    denominator: Promise
    exclusions: Promise


CATALOGUE = (
    Indicator(
        number="I1",
        slug="entitled",
        ids=(
            "entitled",
            "births_in_year",
        ),
        name=_("Entitled to leave"),
        definition=_(
            "Employees on the staff on 31 December: every employee is entitled to childcare leave (Labour"
            " Code art. 100). Also: employees with a birth or adoption in the year."
        ),
        numerator=_("Employees on the staff on 31 December."),
        denominator=_("None: a count."),
        exclusions=_("Those who left on or before 31 December."),
    ),
    Indicator(
        number="I2",
        slug="took-leave",
        ids=(
            "took_leave",
            "episodes_started",
        ),
        name=_("Took leave"),
        definition=_(
            "Employees with at least one day of maternity, adoption or childcare leave in the year, by "
            "the kind of the last such leave; also the leave episodes that began in the year."
        ),
        numerator=_("Employees with a day of such leave in the year, including those who left before 31 December."),
        denominator=_("None: a count."),
        exclusions=_("Annual leave alone does not count."),
    ),
    Indicator(
        number="I3",
        slug="due-to-return",
        ids=("due_to_return",),
        name=_("Due to return"),
        definition=_(
            "Leave episodes whose leave ended in the year: by a return, by a separation, or because the "
            "last leave period ended."
        ),
        numerator=_("Episodes whose leave ended in the year."),
        denominator=_("None: a count."),
        exclusions=_("Episodes still on leave on 31 December."),
    ),
    Indicator(
        number="I4",
        slug="returned",
        ids=("returned",),
        name=_("Returned to work"),
        definition=_("Episodes due to return in the year with a first working day in the year."),
        numerator=_("Episodes with a first working day in the year."),
        denominator=_("None: a count."),
        exclusions=_("Separations without a return."),
    ),
    Indicator(
        number="I5",
        slug="return-rate",
        ids=("return_rate",),
        name=_("Return-to-work rate"),
        definition=_("Returned divided by due to return, in per cent (GRI 401-3-e)."),
        numerator=_("Returned to work in the year (I4)."),
        denominator=_("Due to return in the year (I3)."),
        exclusions=_("Episodes still on leave on 31 December."),
    ),
    Indicator(
        number="I6",
        slug="retained",
        ids=(
            "returned_prior_year",
            "retained_12m",
            "retained_12m_state",
        ),
        name=_("Retained 12 months"),
        definition=_(
            "Of the returners of the previous year, those employed 365 days after their return: in the "
            "same body, and in any state body as a second measure."
        ),
        numerator=_("Returners of the previous year still employed 365 days later."),
        denominator=_("None: a count."),
        exclusions=_("A transfer to another state body is not a loss for the second measure."),
    ),
    Indicator(
        number="I7",
        slug="retention-rate",
        ids=(
            "retention_rate",
            "retention_rate_state",
        ),
        name=_("Retention rate"),
        definition=_("Retained 12 months divided by the returners of the previous year, in per cent (GRI 401-3-e)."),
        numerator=_("Retained 12 months (I6)."),
        denominator=_("Returners of the previous year."),
        exclusions=_("Returners of the year itself: their twelve months have not passed."),
    ),
    Indicator(
        number="I8",
        slug="exits",
        ids=(
            "exits_during_leave",
            "exits_after_return_6m",
            "exits_after_return_12m",
            "exits_after_return_24m",
        ),
        name=_("Exits during and after leave"),
        definition=_(
            "Separations in the year during leave, and within 6, 12 and 24 months after a return, by "
            "reason, destination and managerial post."
        ),
        numerator=_("Separations in the year in each window."),
        denominator=_("None: a count."),
        exclusions=_("The windows are cumulative: 24 months includes 12 and 6."),
    ),
    Indicator(
        number="I9",
        slug="return-mode",
        ids=(
            "return_mode",
            "not_same_or_equivalent",
        ),
        name=_("Return mode"),
        definition=_(
            "Returners of the year by how they came back, and the share not in the same or an equivalent "
            "post at the same pay (ILO C183 art. 8(2))."
        ),
        numerator=_("Returners to a lower, part-time, remote or phased post, or paid less than before the leave."),
        denominator=_("Returners of the year."),
        exclusions=_("None."),
    ),
    Indicator(
        number="I10",
        slug="time-to-return",
        ids=(
            "time_to_return_median",
            "time_to_return_km",
        ),
        name=_("Time to return"),
        definition=_(
            "Months from the birth to the first working day for the births of the year: the median and a "
            "Kaplan-Meier curve (share returned by each month)."
        ),
        numerator=_("Returns observed by each month."),
        denominator=_("Births of the year."),
        exclusions=_("Women still on leave, or who left without returning, are censored at that day, not dropped."),
    ),
    Indicator(
        number="I10",
        slug="time-to-return-bands",
        ids=("time_to_return_months",),
        name=_("Time to return, by band of months"),
        definition=_(
            "The births of the year by the months from the birth to the first working day: under 6, 6 to"
            " 12, 12 to 18, 18 to 24, 24 to 36, 36 and more; those not back by the data's cut-off form a"
            " band of their own, so that the bands add up to all the births."
        ),
        numerator=_("Births whose first working day fell in the band (months of 365.25/12 days)."),
        denominator=_("None: a count; the bands add up to the births of the year."),
        exclusions=_('None: still on leave, or left without returning, is the band "not returned".'),
    ),
    Indicator(
        number="I11",
        slug="pay-catch-up",
        ids=("pay_catch_up_rate",),
        name=_("Pay catch-up"),
        definition=_(
            "Returners of the year paid at least their pre-leave pay raised by the mean rise given to "
            "their category during the leave."
        ),
        numerator=_("Returners paid at least that amount."),
        denominator=_("Returners of the year whose category had rises during the leave."),
        exclusions=_("Her own rises are left out of the mean; one tenge of rounding is allowed."),
    ),
    Indicator(
        number="I12",
        slug="promotion",
        ids=(
            "promotion_24m",
            "promotion_24m_peers",
            "promotion_24m_ratio",
            "promotion_36m",
            "promotion_36m_peers",
            "promotion_36m_ratio",
        ),
        name=_("Promotion after return"),
        definition=_(
            "Returners promoted within 24 and 36 months after the return, compared with peers of the same"
            " body, category and tenure band who took no leave."
        ),
        numerator=_("Returners promoted within the window."),
        denominator=_("Returners of 2 or 3 years earlier."),
        exclusions=_("Returners without matched peers are left out of the ratio."),
    ),
    Indicator(
        number="I13",
        slug="managerial",
        ids=(
            "women_managerial_share",
            "women_senior_share",
        ),
        name=_("Women in managerial posts"),
        definition=_(
            "Share of women among those in managerial posts (head of sector and above) on 31 December, "
            "and in senior posts (political, corps A, heads of central-body departments)."
        ),
        numerator=_("Women in such posts."),
        denominator=_("Everyone in such posts."),
        exclusions=_("None."),
    ),
    Indicator(
        number="I14",
        slug="pay-gap",
        ids=(
            "pay_mean",
            "pay_median",
            "pay_gap_mean",
            "pay_gap_median",
            "pay_quartile_share",
        ),
        name=_("Gender pay gap"),
        definition=_(
            "(Men's pay minus women's pay) divided by men's pay, for the mean and the median monthly "
            "salary on 31 March, and the shares of women and men in each quarter of the pay range."
        ),
        numerator=_("Men's pay minus women's pay."),
        denominator=_("Men's pay."),
        exclusions=_(
            "Employees on maternity, adoption or childcare leave on 31 March, and those without a salary on record."
        ),
    ),
    Indicator(
        number="I15",
        slug="fathers-share",
        ids=(
            "fathers_share_episodes",
            "fathers_share_days",
        ),
        name=_("Fathers' share"),
        definition=_(
            "Men's share of the leave episodes with childcare leave in the year, and of the days of "
            "childcare leave in the year."
        ),
        numerator=_("Episodes (days) of men."),
        denominator=_("Episodes (days) of everyone."),
        exclusions=_("None."),
    ),
    Indicator(
        number="I16",
        slug="support",
        ids=(
            "support_interview",
            "support_training",
            "support_flexible",
            "support_nursery",
            "support_keep_in_touch",
        ),
        name=_("Support received"),
        definition=_(
            "Share of the returners of the year who had a return interview, refresher training, a "
            "flexible or phased arrangement, a nursery place, and a keeping-in-touch contact."
        ),
        numerator=_("Returners who had that support."),
        denominator=_("Returners of the year."),
        exclusions=_("None."),
    ),
)

BY_SLUG = {indicator.slug: indicator for indicator in CATALOGUE}
BY_ID = {cell_id: indicator for indicator in CATALOGUE for cell_id in indicator.ids}
