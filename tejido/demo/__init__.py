"""Realistic synthetic data: the demo set that `make run` loads and the large benchmark set."""
