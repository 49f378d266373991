"""Settings: `base` holds everything, driven by the environment; `dev`, `test`, `production` adjust it."""
