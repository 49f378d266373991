"""The return-plan pages, one module per sub-domain of the plan.

`page` holds the HR page and the one shape every form on it is posted through; `plan`, `arrangements`,
`support` and `checks` hold the handlers of each part of the plan; `employee` her own page.
"""
