"""Builders of the fictional test IEP corpus (see scripts/make_test_ieps.py).

All students, schools and people in these documents are fictional.
"""
