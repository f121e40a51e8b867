"""Clue records: building them from model output, summaries, the clue store, export.

No Django and no analysis engine here: the engine hands over rows, this package turns
them into the records of docs/clue-record.md and keeps them.
"""

from rightswatch.clues.build import build_clues
from rightswatch.clues.export import export_clues
from rightswatch.clues.store import ClueStore

__all__ = ["ClueStore", "build_clues", "export_clues"]
