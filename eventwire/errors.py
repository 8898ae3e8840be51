"""Exception hierarchy. The library raises these; only the CLI and HTTP edges translate them.

Every message says what is wrong and how to fix it, on one line.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class for every error eventwire raises on purpose."""

    code = "EW000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(EventwireError):
    """A document or input file cannot be read or is not usable."""

    code = "EW100"


class ConfigError(EventwireError):
    """A setting or option has an invalid value."""

    code = "EW200"


class ResourceError(EventwireError):
    """A model or the gazetteer is missing or damaged."""

    code = "EW300"


class StageError(EventwireError):
    """A pipeline stage failed on one document."""

    code = "EW400"

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed on document {doc_id!r}: {cause}")
        self.stage = stage
        self.doc_id = doc_id


class StoreError(EventwireError):
    """The event store cannot be opened, migrated or written."""

    code = "EW500"
