"""The sealed ballot box: the few pure functions the election services build on.

While voting is open a ballot is kept only sealed: a libsodium sealed box (X25519 and
XSalsa20-Poly1305, through PyNaCl) to the election's public key, padded to one size for
the whole election so its length says nothing about how many people it ranks.

The private key is never stored. It is worked out (Argon2id) from an opening key that the
returning officer is shown once, writes down and types in when voting has closed, and a
random salt that the database keeps only until then. The database alone, or any copy of
it, can open nothing: it would have to guess a 20-character key (about 92 bits).

A receipt code is 10 characters (about 46 bits) of the SHA-256 of the sealed ballot: it proves that
this sealed ballot was in the box when it was opened, and says nothing about the vote.
Codes and keys use an alphabet with no look-alike characters (no 0/O, 1/I/L, 8/B, 5/S, 2/Z).
"""

import hashlib
import json
import secrets

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.pwhash import argon2id

__all__ = [
    "ALPHABET",
    "KEY_GROUPS",
    "RECEIPT_LENGTH",
    "Unsealable",
    "keypair_from",
    "opening_key_new",
    "opening_key_normalise",
    "padded_size_for",
    "receipt_for",
    "receipt_normalise",
    "salt_new",
    "seal",
    "unseal",
]

# 25 characters, none of which looks like another (no 0 O 1 I L 8 B 5 S 2 Z).
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
KEY_GROUPS = 4  # of 5 characters: "ACD3F-..."
GROUP = 5
RECEIPT_LENGTH = 10  # two groups of 5


class Unsealable(Exception):
    """A sealed ballot that this key cannot open, or whose contents are not a ballot."""


def _code(raw: bytes, length: int) -> str:
    number = int.from_bytes(raw, "big")
    chars = []
    for _ in range(length):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    text = "".join(chars)
    return "-".join(text[i : i + GROUP] for i in range(0, length, GROUP))


def _normalise(text: str, length: int) -> str | None:
    """The code as we write it, or None when it cannot be one: spaces and dashes do not
    matter, nor do small letters."""
    plain = "".join(text.split()).replace("-", "").upper()
    if len(plain) != length or any(ch not in ALPHABET for ch in plain):
        return None
    return "-".join(plain[i : i + GROUP] for i in range(0, length, GROUP))


def opening_key_new() -> str:
    """A new opening key: 20 characters in 4 groups, like "HX4CQ-9MNTE-..."."""
    return _code(secrets.token_bytes(16), KEY_GROUPS * GROUP)


def opening_key_normalise(text: str) -> str | None:
    return _normalise(text, KEY_GROUPS * GROUP)


def receipt_normalise(text: str) -> str | None:
    return _normalise(text, RECEIPT_LENGTH)


def salt_new() -> bytes:
    return secrets.token_bytes(argon2id.SALTBYTES)


def keypair_from(key: str, salt: bytes, *, ops: int, mem: int) -> PrivateKey:
    """The box's key pair, worked out from the opening key and the box's salt."""
    seed = argon2id.kdf(32, key.encode(), salt, opslimit=ops, memlimit=mem)
    return PrivateKey.from_seed(seed)


def padded_size_for(candidate_ids: list[int]) -> int:
    """One size for every sealed ballot of an election: room for a ranking of everyone
    standing, rounded up to 256 bytes."""
    longest = len(json.dumps(sorted(candidate_ids), separators=(",", ":")).encode())
    return 256 * (1 + (longest + 16) // 256)


def seal(public_key: bytes, ranking: list[int], size: int) -> bytes:
    plain = json.dumps(ranking, separators=(",", ":")).encode()
    if len(plain) > size:
        raise ValueError("ranking longer than the box's padded size")
    return SealedBox(PublicKey(public_key)).encrypt(plain.ljust(size, b" "))


def unseal(private_key: PrivateKey, sealed: bytes) -> list[int]:
    try:
        plain = SealedBox(private_key).decrypt(bytes(sealed))
        ranking = json.loads(plain.decode())
    except (CryptoError, UnicodeDecodeError, ValueError) as error:
        raise Unsealable(str(error)) from None
    if not isinstance(ranking, list) or not all(
        isinstance(pk, int) and not isinstance(pk, bool) for pk in ranking
    ):
        raise Unsealable("not a ranking")
    return ranking


def receipt_for(sealed: bytes) -> str:
    return _code(hashlib.sha256(bytes(sealed)).digest()[:8], RECEIPT_LENGTH)
