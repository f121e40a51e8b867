"""The identity vault: raw identity numbers and names, encrypted at rest with AES-GCM.

One vault file per import holds, for every person named in it, the row it comes from,
the token, the normalised and raw identity number and the name as written. The file is
Parquet encrypted whole with AES-256-GCM under a key derived from the deployment secret;
the import id is authenticated as associated data, so a file cannot be swapped for
another import's. Only re-identification (a permission, with a reason, logged by the
platform) reads it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from rightswatch.errors import RightsWatchError
from rightswatch.identity.secret import derived_key

MAGIC = b"RWVAULT1"
NONCE_BYTES = 12
VAULT_COLUMNS = ("dataset", "record_id", "prefix", "person_token", "id_number", "id_number_raw", "name", "name_normalised")


def write_vault(path: Path, import_id: str, table: pa.Table) -> None:
    buffer = io.BytesIO()
    pq.write_table(table.select(list(VAULT_COLUMNS)), buffer, compression="zstd")
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(derived_key("vault")).encrypt(nonce, buffer.getvalue(), import_id.encode())
    path.write_bytes(MAGIC + nonce + sealed)


def read_vault(path: Path, import_id: str) -> pa.Table:
    data = Path(path).read_bytes()
    if not data.startswith(MAGIC):
        raise RightsWatchError(f"{path}: not a RightsWatch vault file")
    nonce = data[len(MAGIC): len(MAGIC) + NONCE_BYTES]
    try:
        plain = AESGCM(derived_key("vault")).decrypt(nonce, data[len(MAGIC) + NONCE_BYTES:], import_id.encode())
    except Exception:  # InvalidTag: wrong key, wrong import or tampering
        raise RightsWatchError(f"{path}: the vault cannot be decrypted (wrong deployment secret or tampered file)") from None
    return pq.read_table(io.BytesIO(plain))
