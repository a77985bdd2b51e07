"""The goalcheck version (recorded in every batch output beside the model hashes)."""

__version__ = "0.1.0"
