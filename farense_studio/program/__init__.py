"""What an export carries for the club's bot: the stdlib-only inference program and its guide.

A neutral layer: engine/ (the export writes these files), serve/ (farense-infer and the local
server run the program's code) and the exported inference.py itself all use it; it imports
nothing from farense_studio, so a copied inference.py starts under any python3.
"""

from pathlib import Path

# name in an export -> the file of this package copied there
PROGRAM_FILES = {"inference.py": Path(__file__).with_name("inference_program.py"),
                 "inference_core.py": Path(__file__).with_name("inference_core.py")}
