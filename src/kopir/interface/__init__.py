"""What every web app of Kopir shares, so no app borrows it from another.

`api`: the JSON APIs' error envelope, throttle, JSON bodies, language and schemas. `pages`: the
page helpers (the viewer with her role, form errors from a service, today). `language`: the page's
language as the rules know it. `forms`: the date widget. `payment_names`: the payments' and payers'
names on every page. The templates ``interface/field.html``, ``interface/error_summary.html`` and
``interface/form.html`` draw one question, a form's problems, and a whole one-button form.

It imports no web app (import-linter holds it): the apps build on it, never the reverse.
"""
