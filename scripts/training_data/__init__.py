"""Helpers for scripts/make_training_data.py (the labelled goal corpus)."""
