"""Writes and workflows of case management; each is one transaction and leaves an audit entry."""
