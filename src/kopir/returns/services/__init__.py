"""Writes of the return plan and the checks at the return; each is one transaction and leaves an audit entry."""
