"""Exercises and grading: the solution format, ``medialit build``, scoring, batch grading, reports.

Modules: format (reading solution notebooks), build (exercises/ from solutions/), scoring (pure
scoring rules), sandbox (running learner code with limits), running (grading files and batches),
reports (grades.csv, feedback, plots), manual (hand grading of free text), testing (helpers for tests).
"""

from kit.schema import jsonschema as _jsonschema

_jsonschema()  # before any grading module imports nbformat: the cheap way (see kit/schema.py)
