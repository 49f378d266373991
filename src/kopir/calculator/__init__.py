"""The public calculator: pages for a person and ``POST /api/v1/calculations`` for programs.

No business logic lives here: both doors call `kopir.rules.calculate` through `services`.
"""
