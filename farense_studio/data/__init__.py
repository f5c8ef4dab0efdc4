"""Reading, validating, deduplicating and splitting the club's examples (no Qt, no MLX)."""

from farense_studio.data.biographies import read_biographies
from farense_studio.data.corpus import Corpus, build_corpus, write_prepared
from farense_studio.data.edits import Edits
from farense_studio.data.formats import Example, Problem, read_jsonl

__all__ = ["Corpus", "Edits", "Example", "Problem", "build_corpus", "read_biographies", "read_jsonl",
           "write_prepared"]
