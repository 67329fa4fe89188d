"""Helpers of corpus/generate.py: random facts, templates that render them, and format writers."""
