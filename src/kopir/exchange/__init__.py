"""Records exchange: a state body's personnel and leave history in, and out again, as JSON Lines.

The format is the contract ``docs/contracts/records-exchange.md``: ``bodies.jsonl`` and
``employees.jsonl``. `parsing` turns lines into `records` (or `problems` naming file, line and
field), `checking` holds them against each other and the database, `importing` writes them in
one transaction, `exporting` writes them back out. The command line (`cli`) and the HTTP API
(`api`) are thin layers over these services.
"""
