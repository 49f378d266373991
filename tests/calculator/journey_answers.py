"""The contract example (an employee, a birth, an average of 300,000) answered one page at a time.

Shared by the step-by-step tests (tests/calculator/test_journey.py) and their browser walk
(tests/browser/test_calculator_journey_browser.py): each step's address slug and the fields it posts,
the dates as GOV.UK's day, month and year boxes.
"""

from __future__ import annotations

BIRTH_STEPS: list[tuple[str, dict[str, str]]] = [
    ("employment", {"employment": "employee"}),
    ("nuclear-zone", {}),
    ("event", {"event_type": "birth"}),
    (
        "birth-dates",
        {"leave_start_day": "1", "leave_start_month": "5", "leave_start_year": "2025"}
        | {"birth_date_day": "8", "birth_date_month": "7", "birth_date_year": "2025"},
    ),
    ("children", {"children": "1"}),
    ("complicated-birth", {}),
    ("previous-children", {"previous_children": "0"}),
    ("income-form", {"income_form": "average_so_base"}),
    ("income-average", {"average_so_base": "300000"}),
    ("return", {}),
]
