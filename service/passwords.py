"""Secrets: random ids and tokens, their sha256, and passwords hashed with scrypt.

Passwords are hashed at OWASP's minimum cost for scrypt (N=2**17, r=8, p=1, Password Storage Cheat Sheet), as
`scrypt$N$r$p$salt$digest`: the parameters travel with each hash, so a hash made at an older, lower cost still
verifies, and `needs_rehash` says when to re-hash it (service/auth.py does on the next successful sign-in).
`dummy_hash` is one no password matches, for checking an email with no account at the same cost."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from engine.core.errors import InputError

SCRYPT_N = 2 ** 17          # OWASP's minimum for scrypt, with r=8 and p=1
SCRYPT_R, SCRYPT_P = 8, 1


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # hashlib's default maxmem (32 MiB) is below the 128 * r * n bytes that N=2**17 needs: allow twice that.
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=2 * 128 * r * n + 2 ** 20)


def hash_password(password: str, n: int = SCRYPT_N) -> str:
    """`scrypt$N$r$p$salt$digest`: the parameters travel with the hash, so a later change of cost never stops an
    old password working. `n` is lowered only by tests (Settings.password_scrypt_n)."""
    if len(password) < 10:
        raise InputError("The password is too short.", fix="Use at least 10 characters, e.g. three random words.")
    salt = secrets.token_bytes(16)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${_scrypt(password, salt, n, SCRYPT_R, SCRYPT_P).hex()}"


def _parse(stored: str | None) -> tuple[int, int, int, bytes, str] | None:
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt" or not (1 < int(n) <= 2 ** 20 and 0 < int(r) <= 32 and 0 < int(p) <= 16):
            return None
        return int(n), int(r), int(p), bytes.fromhex(salt), digest
    except ValueError:
        return None


def check_password(password: str, stored: str | None) -> bool:
    parsed = _parse(stored)
    if parsed is None:
        return False
    n, r, p, salt, digest = parsed
    try:
        got = _scrypt(password, salt, n, r, p)
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def needs_rehash(stored: str | None, n: int = SCRYPT_N) -> bool:
    """True for a hash made at a lower cost than `n` (or other r, p): re-hash it once the password is known."""
    parsed = _parse(stored)
    return parsed is not None and (parsed[0] < n or parsed[1:3] != (SCRYPT_R, SCRYPT_P))


def dummy_hash(n: int = SCRYPT_N) -> str:
    """A hash no password matches, at cost `n`: checking an unknown email against it costs what a real check
    costs, so the time of the answer does not tell which emails have accounts."""
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${'00' * 16}${'00' * 32}"
