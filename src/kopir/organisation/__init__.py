"""State bodies and their positions: the organisation every other record hangs on."""
