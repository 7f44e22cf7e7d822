"""Measurement: scoring tables against gold, the speed benchmark, and offset-only label sets."""
