"""Management commands of case management."""
