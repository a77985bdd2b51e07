"""The few exceptions users see. Each message says what is wrong and what to do."""

from __future__ import annotations


class GoalcheckError(Exception):
    """Base class of goalcheck's user-facing errors."""


class PipelineNotInstalled(GoalcheckError):
    """The spaCy English pipeline is missing."""


class UnreadableDocument(GoalcheckError):
    """A file could not be read as an IEP (wrong type, damaged, empty...)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EncryptedDocument(UnreadableDocument):
    """A PDF is protected by a password that was not given or is wrong."""


class DocumentTooLarge(UnreadableDocument):
    """A file exceeds a size or page limit the user can raise by option."""


class ModelArtifactError(GoalcheckError):
    """A model file is missing, altered, or from another scikit-learn version."""
