"""``manage.py demo``: build the demo data."""
