"""The Django project: settings, root URLs, base templates, static files and formatting filters."""
