"""Reading one long biography: time against size, ours and the quadratic reading it replaced.

    python bench/biography_read.py [--sizes 122,488,50000] [--old-up-to 488]

Sizes in KB of a generated Portuguese text (sentences with abbreviations like "Sr." and
initials). Each size is read by data.biographies.read_biography with the size limit lifted (a
file above MAX_BIOGRAPHY_BYTES is refused by name in the app; this measures the reading itself),
and, up to --old-up-to KB, by the earlier reading (every sentence end found by copying the whole
text before it) as the peer. Prints seconds and the ratio old / ours.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "data"))

from data_helpers import old_sentence_ends  # noqa: E402  (the quadratic reading, as the peer)

from farense_studio.data import biographies as bio  # noqa: E402

SENTENCES = ("O Sr. Hassan Nader marcou três golos ao Benfica em 1994.",
             "Jogou no Estádio de São Luís durante sete épocas!",
             "Segundo A. Bola, foi o melhor marcador do campeonato?",
             "Mais tarde treinou os juniores do clube… e ganhou a taça.")


def make_text(kilobytes: int) -> str:
    parts, size, index = ["# Hassan Nader", ""], 0, 0
    while size < kilobytes * 1000:
        sentence = SENTENCES[index % len(SENTENCES)]
        parts.append(sentence + ("\n" if index % 7 == 6 else " "))
        size += len(sentence.encode()) + 1
        index += 1
    return "\n".join(parts[:2]) + "\n" + "".join(parts[2:])


def timed(path: Path) -> float:
    started = time.perf_counter()
    examples, problems = bio.read_biography(path)
    seconds = time.perf_counter() - started
    assert len(examples) == 2 and not problems, problems
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="122,488,50000")
    parser.add_argument("--old-up-to", type=int, default=488)
    args = parser.parse_args()
    bio.MAX_BIOGRAPHY_BYTES = 1 << 40
    ours_iter = bio.iter_sentence_ends
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'KB':>8} {'ours s':>9} {'old s':>9} {'old/ours':>9}")
        for kilobytes in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / "hassan-nader.md"
            path.write_text(make_text(kilobytes), encoding="utf-8")
            ours = timed(path)
            old = None
            if kilobytes <= args.old_up_to:
                bio.iter_sentence_ends = old_sentence_ends
                try:
                    old = timed(path)
                finally:
                    bio.iter_sentence_ends = ours_iter
            ratio = f"{old / ours:9.1f}" if old else f"{'-':>9}"
            print(f"{kilobytes:8d} {ours:9.3f} {(f'{old:9.3f}' if old else '-'):>9} {ratio}", flush=True)


if __name__ == "__main__":
    main()
