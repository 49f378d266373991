"""Protecting the IIN: encrypted at rest, linked by a keyed hash, shown masked.

The IIN encodes date of birth and sex and is restricted personal data (Law No. 94-V): the
database holds only its Fernet ciphertext and an HMAC digest (for finding and linking records,
also by the statistics warehouse, without the IIN). The keys come from the environment
(`KOPIR_FIELD_KEY`, `KOPIR_LINK_KEY`); production refuses to start without them.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet
from django.conf import settings

from kopir.reference import iin_digest


@cache
def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def encrypt_iin(iin: str) -> str:
    return _fernet(settings.KOPIR_FIELD_KEY).encrypt(iin.encode()).decode()


def decrypt_iin(token: str) -> str:
    return _fernet(settings.KOPIR_FIELD_KEY).decrypt(token.encode()).decode()


def link_digest(iin: str) -> str:
    """The keyed hash that links an employee's records without the IIN."""
    return iin_digest(iin, settings.KOPIR_LINK_KEY.encode())
