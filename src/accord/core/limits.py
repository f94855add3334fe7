"""Bounds on what a caller may send, shared by the API and the file format so that both refuse alike.

Each bound is far beyond what a catalogue needs and far below what would hurt the server: Python
parses nesting recursively (a body nested 100,000 levels deep ended in a ``RecursionError``).
"""

MAX_NESTING = 32  # levels of objects and lists in one JSON body or YAML document, the outermost included
