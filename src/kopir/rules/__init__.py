"""The law as code: parameters, payment formulas and the calculation of contract v1."""
