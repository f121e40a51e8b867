"""Errors a user can act on. The CLI prints their message and exits non-zero; no traceback."""

from __future__ import annotations


class RightsWatchError(Exception):
    exit_code = 1


class FatalImportError(RightsWatchError):
    """A file cannot be imported at all. The workspace is left exactly as it was."""

    exit_code = 2

    def __init__(self, file: str, reason: str, *, row: int | None = None, column: str | None = None):
        self.file, self.reason, self.row, self.column = file, reason, row, column
        where = file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {reason}")


class MappingError(RightsWatchError):
    exit_code = 2


class ModelError(RightsWatchError):
    """A supervision model failed; names the model and the step."""

    exit_code = 3

    def __init__(self, model_id: str, step: str, reason: str):
        self.model_id, self.step, self.reason = model_id, step, reason
        super().__init__(f"model {model_id}, step {step}: {reason}")
