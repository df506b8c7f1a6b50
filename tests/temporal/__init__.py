"""Helpers for the temporal engine's tests."""
