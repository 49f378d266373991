"""Email notifications: reminders that reach HR officers, heads and employees (issue 18, decision 0021)."""
