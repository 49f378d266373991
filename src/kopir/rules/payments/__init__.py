"""The four payments of contract v1, one module each."""
