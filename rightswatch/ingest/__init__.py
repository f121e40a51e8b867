"""Ingest: agency files → normalised, pseudonymised datasets in a workspace."""

from rightswatch.ingest.mapping import load_mapping
from rightswatch.ingest.pipeline import IngestResult, ingest_path
from rightswatch.ingest.workspace import Workspace

__all__ = ["IngestResult", "Workspace", "ingest_path", "load_mapping"]
