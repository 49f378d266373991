"""Policy costing by microsimulation (issue 6): the law over a synthetic national population.

Pure Python and numpy, no Django: `population` draws the persons, `calibration` checks them
against public figures, `reforms` reads reform files, `simulate` runs a reform against the
baseline chunk by chunk, `results` turns the sums into tables, JSON and charts.
"""
