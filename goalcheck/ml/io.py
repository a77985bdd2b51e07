"""Saving and loading model artifacts, with integrity checks.

Only the bundled artifacts are loaded: the files named in :data:`ARTIFACTS`
in ``models/`` at the repository root, or in the directory named by the
environment variable ``GOALCHECK_MODELS``. Before ``joblib.load`` (which runs
pickle, i.e. code) each file's sha256 and the scikit-learn version it was
saved with are checked against the ``.meta.json`` beside it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

import joblib
import sklearn

from ..errors import ModelArtifactError

log = logging.getLogger(__name__)

#: The artifacts ``goalcheck train`` writes and goalcheck loads.
ARTIFACTS: tuple[str, ...] = ("goal_models", "line_model")
ENV_VAR = "GOALCHECK_MODELS"
TRAIN_HINT = "run `goalcheck train` to build them from training_data/"


def models_dir() -> Path:
    """The directory of the artifacts.

    ``$GOALCHECK_MODELS`` if set; else ``models/`` of the checkout the package
    runs from; else the copy an installed wheel puts in ``<prefix>/share/goalcheck/models``.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2] / "models"
    installed = Path(sys.prefix) / "share" / "goalcheck" / "models"
    return checkout if checkout.is_dir() or not installed.is_dir() else installed


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def artifact_paths(name: str, directory: Path | None = None) -> tuple[Path, Path]:
    """The ``.joblib`` and ``.meta.json`` paths of artifact ``name``."""
    if name not in ARTIFACTS:
        raise ModelArtifactError(
            f"unknown model artifact {name!r}; goalcheck loads only {', '.join(ARTIFACTS)}"
        )
    d = directory if directory is not None else models_dir()
    return d / f"{name}.joblib", d / f"{name}.meta.json"


def save_artifact(obj: Any, name: str, meta: dict[str, Any], directory: Path) -> dict[str, Any]:
    """Dump ``obj`` with joblib and write its meta (sha256 and versions added). Returns the meta."""
    directory.mkdir(parents=True, exist_ok=True)
    path, meta_path = artifact_paths(name, directory)
    joblib.dump(obj, path, compress=3)
    full = {
        "artifact": path.name,
        "sha256": sha256_file(path),
        "bytes": path.stat().st_size,
        "sklearn_version": sklearn.__version__,
        **meta,
    }
    meta_path.write_text(json.dumps(full, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return full


def read_meta(name: str, directory: Path | None = None) -> dict[str, Any]:
    """The ``.meta.json`` of an artifact, or ModelArtifactError when missing/unreadable."""
    path, meta_path = artifact_paths(name, directory)
    if not path.exists() or not meta_path.exists():
        raise ModelArtifactError(
            f"model artifact {path.name} (or its .meta.json) is missing in {path.parent}: {TRAIN_HINT}"
        )
    try:
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelArtifactError(f"{meta_path}: unreadable meta file ({exc}); {TRAIN_HINT}") from exc
    return meta


def load_artifact(name: str, directory: Path | None = None) -> Any:
    """Load a bundled artifact after checking its sha256 and scikit-learn version.

    Raises:
        ModelArtifactError: the file is missing, altered, or saved by another scikit-learn.

    Example:
        >>> bundle = load_artifact("goal_models")  # doctest: +SKIP
    """
    path, meta_path = artifact_paths(name, directory)
    meta = read_meta(name, directory)
    digest = sha256_file(path)
    if digest != meta.get("sha256"):
        raise ModelArtifactError(
            f"{path}: sha256 {digest[:12]}... does not match {meta_path.name} "
            f"({str(meta.get('sha256'))[:12]}...): the file was altered or replaced; {TRAIN_HINT}"
        )
    saved = meta.get("sklearn_version")
    if saved != sklearn.__version__:
        raise ModelArtifactError(
            f"{path}: saved with scikit-learn {saved}, but {sklearn.__version__} is installed; "
            f"install scikit-learn=={saved} or {TRAIN_HINT}"
        )
    try:
        obj = joblib.load(path)
    except Exception as exc:
        raise ModelArtifactError(f"{path}: could not be loaded ({exc}); {TRAIN_HINT}") from exc
    log.debug("loaded model artifact %s", path)
    return obj
