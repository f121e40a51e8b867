"""Where a workspace lives: a local path or a `file://` URI (issue 6).

Both engines read a workspace's Parquet files by local path (DuckDB `read_parquet`, Spark
`spark.read.parquet`; Spark would also take the `file://` URI itself), and the catalogue,
the vault, the clue store and the linkage database are DuckDB files on the machine that
runs `rightswatch`. So a `file://` URI is turned into its path here, once, wherever a
workspace is named. Object storage (`s3://`, `s3a://`, `hdfs://`, `oss://` …) is not a
workspace location yet: docs/scale.md ("Storage") says what it takes and what was tested.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

from rightswatch.errors import RightsWatchError


def workspace_path(location: Path | str) -> Path:
    """A workspace given as a path or a `file://` URI, as a local path.

    `click.Path` has already collapsed `file:///srv/ws` to `file:/srv/ws`; both forms
    are accepted, as is `file://localhost/srv/ws`.
    """
    text = str(location)
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme == "file":
        parsed = urllib.parse.urlparse(text)
        if parsed.netloc not in ("", "localhost"):
            raise RightsWatchError(f"{text}: a file:// workspace must be on this machine (file:///path)")
        return Path(urllib.request.url2pathname(parsed.path))
    # Any other scheme (`s3://`; `s3:/` once click.Path has collapsed it); not `C:/`.
    if len(scheme) > 1 and scheme.isalnum() and text[len(scheme) + 1:].startswith("/"):
        raise RightsWatchError(
            f"{text}: a workspace on object storage ({scheme}://) is not supported yet; use a local path, "
            "a file:// URI or a shared mount (docs/scale.md, Storage)")
    return Path(location)
