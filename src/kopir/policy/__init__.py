"""Policy costing for analysts: pick a reform, run the microsimulation, read the result (issue 6)."""
