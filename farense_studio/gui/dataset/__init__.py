"""The Dados tab: import the club's examples, look through them, fix them, prepare them for training.

tab.DatasetTab puts the pieces together; the edit logic itself is Qt-free (data.edits.EditSession).
"""
