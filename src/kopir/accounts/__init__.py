"""Users, their roles and the body they work for, and the append-only log of access to personal data."""
