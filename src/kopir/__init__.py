"""Kopir: maternity and childcare payments and the return to work in Kazakhstan."""

__version__ = "0.1.0"
