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


class MissingDependency(GoalcheckError):
    """An optional package needed for what was asked is not installed."""


def require(module: str, *, purpose: str, install: str) -> None:
    """Import ``module`` now, or raise MissingDependency naming the install command.

    Called before any work starts, so that a run never fails at its end for
    want of a writer (e.g. pyarrow for Parquet).

    Example:
        >>> require("json", purpose="reading JSON", install="(part of Python)")
    """
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingDependency(
            f"{purpose} needs the Python package {module.split('.')[0]}, which is not installed; "
            f"install it with: {install}"
        ) from None


def display_name(name: str) -> str:
    """A file name fit for a one-line message: control characters (a newline) escaped.

    Example:
        >>> display_name("plan\\nnew.pdf")
        'plan\\\\nnew.pdf'
    """
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)
