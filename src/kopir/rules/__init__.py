"""The law as code: dated parameters, the payment formulas and the calculation of contract v1.

The public surface::

    calculate(document, lang="en")  -> the response document (money as Decimal tenge)
    error_document(error, lang)     -> the contract's error object for an InvalidRequest
    default_law()                   -> every parameter, read and checked once
    leave_for(event)                -> the maternity or adoption leave of an event (for HR cases)

Everything else is an implementation detail of the package.
"""

from kopir.rules.contract import calculate, error_document, leave_for
from kopir.rules.errors import InvalidRequest, KopirError, ParameterFileError, RulesNotKnown
from kopir.rules.law_files import default_law

__all__ = [
    "InvalidRequest",
    "KopirError",
    "ParameterFileError",
    "RulesNotKnown",
    "calculate",
    "default_law",
    "error_document",
    "leave_for",
]
