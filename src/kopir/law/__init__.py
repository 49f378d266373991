"""The law's changes as a page: what changed on which date, and the act that changed it (issue 13, point 5)."""
