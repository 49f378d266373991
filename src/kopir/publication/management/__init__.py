"""Management commands of the publication app (the whole demo: `demo`)."""
