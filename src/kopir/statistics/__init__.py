"""Statistics nobody collects today: the indicators I1-I16 computed from the case records (issue 5)."""
