"""Accord: the ITIL 4 service relationship model as an application."""

__version__ = '0.1.0'
