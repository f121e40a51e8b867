"""The per-deployment secret: created on first use, kept outside the workspace.

Every token and the vault key derive from it (HKDF with a purpose label), so one file
backs up the whole deployment's pseudonyms. Location: $RIGHTSWATCH_SECRET_FILE, else
$XDG_CONFIG_HOME/rightswatch/deployment.key (default ~/.config/rightswatch/deployment.key).
"""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from rightswatch.errors import RightsWatchError

SECRET_BYTES = 32


def secret_path() -> Path:
    explicit = os.environ.get("RIGHTSWATCH_SECRET_FILE")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "rightswatch" / "deployment.key"


def _load_or_create(path: Path) -> bytes:
    if path.exists():
        data = path.read_bytes()
        if len(data) != SECRET_BYTES:
            raise RightsWatchError(f"{path}: the deployment secret must be {SECRET_BYTES} bytes; it is {len(data)}")
        return data
    path.parent.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(SECRET_BYTES)
    # Written whole under a private name, then linked into place: two first uses at once
    # (parallel ingest workers) never see a half-written secret, and the loser reads the
    # winner's instead of failing.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)
    except FileExistsError:
        return _load_or_create(path)
    finally:
        os.unlink(tmp)
    return data


@cache
def _secret_at(path: str) -> bytes:
    return _load_or_create(Path(path))


def deployment_secret() -> bytes:
    return _secret_at(str(secret_path()))


def derived_key(purpose: str) -> bytes:
    """A 32-byte key for one purpose (`person-token`, `name-key`, `vault`, `record-id`)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(deployment_secret())
