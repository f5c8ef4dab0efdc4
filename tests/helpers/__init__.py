"""Helpers shared by several test folders (and the bench scripts); importable as ``helpers.*``
because pyproject's pytest ``pythonpath`` puts tests/ on the path."""
