"""``manage.py demo``: build the demo data, the return plans and the analyst's runs."""
