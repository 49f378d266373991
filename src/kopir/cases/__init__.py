"""Employees, their children, pay and appointments, and the leave episode of each child with its chain."""
