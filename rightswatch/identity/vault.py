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

MAGIC = b"RWVAULT2"
NONCE_BYTES = 12
LENGTH_BYTES = 8
VAULT_COLUMNS = ("dataset", "record_id", "prefix", "person_token", "id_number", "id_number_raw", "name", "name_normalised")


class VaultWriter:
    """Writes one import's vault as a sequence of sealed segments (one per chunk of rows).

    Each segment is Parquet sealed with AES-256-GCM; its associated data names the import
    and the segment's position, so segments cannot be swapped between imports or reordered.
    """

    def __init__(self, path: Path, import_id: str):
        self.path, self.import_id, self.segments = Path(path), import_id, 0
        self._key = AESGCM(derived_key("vault"))
        self._fh = self.path.open("wb")
        self._fh.write(MAGIC)

    def write(self, table: pa.Table) -> None:
        buffer = io.BytesIO()
        pq.write_table(table.select(list(VAULT_COLUMNS)), buffer, compression="zstd")
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._key.encrypt(nonce, buffer.getvalue(), self._aad(self.segments))
        self._fh.write(len(sealed).to_bytes(LENGTH_BYTES, "big") + nonce + sealed)
        self.segments += 1

    def close(self) -> None:
        self._fh.close()

    def _aad(self, segment: int) -> bytes:
        return f"{self.import_id}#{segment}".encode()


def write_vault(path: Path, import_id: str, table: pa.Table) -> None:
    writer = VaultWriter(path, import_id)
    try:
        writer.write(table)
    finally:
        writer.close()


def iter_vault(path: Path, import_id: str):
    """The vault's segments one at a time, as Arrow tables: a reader that aggregates as it
    goes holds one segment's plaintext at once, not the whole import's."""
    key, segment = AESGCM(derived_key("vault")), 0
    with Path(path).open("rb") as fh:
        if fh.read(len(MAGIC)) != MAGIC:
            raise RightsWatchError(f"{path}: not a RightsWatch vault file")
        while header := fh.read(LENGTH_BYTES + NONCE_BYTES):
            length = int.from_bytes(header[:LENGTH_BYTES], "big")
            body = fh.read(length)
            if len(header) < LENGTH_BYTES + NONCE_BYTES or len(body) < length:
                raise RightsWatchError(f"{path}: the vault is truncated at segment {segment}")
            try:
                plain = key.decrypt(header[LENGTH_BYTES:], body, f"{import_id}#{segment}".encode())
            except Exception:  # InvalidTag: wrong key, wrong import, reordering or tampering
                raise RightsWatchError(f"{path}: the vault cannot be decrypted (wrong deployment secret or tampered file)") from None
            yield pq.read_table(io.BytesIO(plain))
            segment += 1


def read_vault(path: Path, import_id: str) -> pa.Table:
    tables = list(iter_vault(path, import_id))
    if not tables:
        return pa.table({c: pa.array([], pa.string()) for c in VAULT_COLUMNS})
    return pa.concat_tables(tables)


def vault_files(workspace: Path) -> list[tuple[str, Path]]:
    """(import id, file) of every vault in a workspace, withdrawn imports included: a clue
    raised while an import was active may still need its person re-identified."""
    return [(p.stem, p) for p in sorted((Path(workspace) / "vault").glob("*.vault"))]


def reidentify(person_id: str, workspace: Path | str | None = None) -> dict[str, str]:
    """The identity number and name behind a person id of the person index.

    `T:<token>` / `D:<token>` name a person by their token; `U:<dataset>/<record_id>[/<prefix>]`
    names one unlinked row. The caller (the platform) checks the permission, asks for the
    reason and writes the audit entry before calling; nothing here logs or keeps the result.
    Raises KeyError when the vault holds no such person.
    """
    import pyarrow.compute as pc

    root = Path(workspace or os.environ.get("RIGHTSWATCH_WORKSPACE", "workspace"))
    kind, _, rest = person_id.partition(":")
    for import_id, path in reversed(vault_files(root)):  # the newest spelling first
        table = read_vault(path, import_id)
        if kind in ("T", "D"):
            hit = table.filter(pc.equal(table["person_token"], rest))
        elif kind == "U":
            dataset, _, tail = rest.partition("/")
            record_id, _, prefix = tail.partition("/")
            hit = table.filter(pc.and_(pc.equal(table["dataset"], dataset), pc.equal(table["record_id"], record_id)))
            hit = hit.filter(pc.equal(hit["prefix"], f"{prefix}_" if prefix else ""))
        else:
            raise KeyError(person_id)
        if hit.num_rows:
            row = hit.slice(0, 1).to_pylist()[0]
            return {"id_number": row["id_number"] or "", "name": row["name"] or ""}
    raise KeyError(person_id)
