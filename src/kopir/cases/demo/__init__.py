"""Demo data: a synthetic public sector to try Kopir on, the same for the same seed.

`build_demo` fills an empty case database with state bodies in all 20 regions (four central
ministries and agencies, two of them with a department in every region, the akims' offices of
the regions and of one district or town in each: 84 bodies, few enough that most regions'
figures clear the disclosure rules, decision 0036), their positions, employees with valid IINs, pay
history and appointments, and several years of leave episodes with their outcomes, plus five
demo accounts (password ``kopir-demo``; demo only).

What it follows, so that the indicators have something true to the domain notes to count:

* about 56% of the employees are women, and about 38.9% of the managerial posts are held by
  women (return-to-work-and-statistics.md D.6); the shares are drawn as exact quotas;
* every maternity or adoption leave is planned by `kopir.rules.leave_for`, as
  `leave_episode_open` plans it; childcare leave runs in one or several parts, never past the
  day before the child's third birthday; the status of every episode is what
  `status_on(episode, today)` says;
* a separation of a protected employee (pregnant, or a parent of a child under 3) carries one
  of the legal grounds, as `separation_record` demands;
* the IIN is stored exactly as `employee_create` stores it (`encrypt_iin`, `link_digest`, the
  masked form).

The per-record services are bypassed for speed (they check, log and refresh one record at a
time): rows are built in memory for a chunk of employees and written with `bulk_create`, all in
one transaction. No access-log entries are written. Every random draw comes from one
``random.Random(seed)``, in a fixed order, so the same seed, size and day give the same data
(the ciphertext of the IIN differs, as Fernet adds a random IV and a timestamp).
"""

from kopir.cases.demo.build import (
    DEMO_EMPLOYEES,
    DEMO_PASSWORD,
    DEMO_REFUSED,
    DemoDataRefused,
    DemoSummary,
    DemoUser,
    build_demo,
)
from kopir.cases.demo.writing import DemoDatabaseNotEmpty

__all__ = [
    "DEMO_EMPLOYEES",
    "DEMO_PASSWORD",
    "DEMO_REFUSED",
    "DemoDataRefused",
    "DemoDatabaseNotEmpty",
    "DemoSummary",
    "DemoUser",
    "build_demo",
]
