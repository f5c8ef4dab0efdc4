"""A seeded generator of hostile JSONL files and biography folders, and the checks they must pass.

Each generated line or file carries what the readers must do with it:
  good    kept, with no error on it;
  mended  kept, with a warning on it (a lone surrogate escape replaced by U+FFFD);
  bad     left out, with an error naming its line (or file);
  any     either kept or left out with an error naming it (random damage may or may not break it).
A case fails on any exception, on a line neither kept nor named, on a good line lost, or on text
that does not encode as UTF-8. tests/data/test_data_fuzz.py runs a few thousand cases;
``python scripts/fuzz_data.py --cases 10000`` runs more and prints the figures.
"""

from __future__ import annotations

import json
import os
import random
import string
from dataclasses import dataclass, field
from pathlib import Path

from farense_studio.data import build_corpus, read_biographies
from farense_studio.data import biographies

MAX_BIOGRAPHY_BYTES = getattr(biographies, "MAX_BIOGRAPHY_BYTES", 10 * 1000 * 1000)  # main before issue 16 had none

WORDS = ["Farense", "Faro", "golo", "época", "Estádio de São Luís", "Hassan Nader", "1910", "leões",
         "taça", "«adeptos»", "ção", "Ü", "😀", "\u00a0", "tab\there", "aspas \"duplas\"", "barra \\ final"]


def _text(rng: random.Random, words: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, words)))


def _good_record(rng: random.Random, nonce: str) -> dict:
    question, answer = f"Pergunta {nonce}: {_text(rng)}?", f"Resposta {nonce}: {_text(rng, 12)}."
    shape = rng.randrange(7)
    if shape == 0:
        return {"question": question, "answer": answer}
    if shape == 1:
        return {"prompt": question, "completion": answer}
    if shape == 2:
        return {"instruction": question, "input": _text(rng), "output": answer}
    if shape == 3:
        return {"conversations": [{"from": "human", "value": question}, {"from": "gpt", "value": answer}]}
    if shape == 4:
        return {"text": answer}
    if shape == 5:
        return {"system": "És o assistente do Farense.", "question": question, "answer": answer}
    return {"messages": [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]}


def _dumps(rng: random.Random, record) -> str:
    return json.dumps(record, ensure_ascii=rng.random() < 0.5)


def _lone_surrogate(rng: random.Random) -> str:
    return "\\u" + rng.choice(["d83d", "D800", "dbff", "dc00", "DFFF", "de00"])


def _mutation(rng: random.Random, nonce: str) -> tuple[bytes, str]:
    """One damaged line and what must happen to it."""
    good = _dumps(rng, _good_record(rng, nonce))
    kind = rng.randrange(14)
    if kind == 0:  # a lone surrogate escape inside a value: kept, mended, named
        answer = f"Resposta {nonce} {_lone_surrogate(rng)} fim."
        return f'{{"question": "Pergunta {nonce}?", "answer": "{answer}"}}'.encode(), "mended"
    if kind == 1:  # ... inside a key: an unknown format
        return f'{{"question{_lone_surrogate(rng)}": "q {nonce}", "answer": "a"}}'.encode(), "bad"
    if kind == 2:  # nesting deeper than Python parses (or than any format allows)
        depth = rng.choice([50, 900, 1500, 5000, 100000])
        opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
        return ('{"messages": ' + opener * depth + closer * depth + "}").encode(), "bad"
    if kind == 3:  # cut short
        return good[:rng.randrange(1, len(good) - 1)].encode(), "bad"
    if kind == 4:  # not UTF-8
        data = bytearray(good.encode())
        data[rng.randrange(len(data))] = rng.choice([0xFF, 0xC3, 0x80, 0xED])
        return bytes(data), "any"
    if kind == 5:  # one byte changed anywhere
        data = bytearray(good.encode())
        data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data).replace(b"\n", b" ").replace(b"\r", b" "), "any"
    if kind == 6:  # a JSON value that is not an object
        return _dumps(rng, rng.choice([[1, 2], "texto", 7, None, True, 1.5])).encode(), "bad"
    if kind == 7:  # an empty answer or question
        return _dumps(rng, {"question": rng.choice(["", f"q {nonce}"]), "answer": " "}).encode(), "bad"
    if kind == 8:  # a number too long for Python
        return ('{"question": "q", "answer": ' + "9" * rng.choice([5000, 20000]) + "}").encode(), "bad"
    if kind == 9:  # wrong types in the fields
        return _dumps(rng, {"messages": rng.choice([{"role": "user"}, [1], [{"role": 3, "content": "x"}],
                                                    [{"role": "user", "content": {"a": 1}}]])}).encode(), "bad"
    if kind == 10:  # invisible control characters and NUL inside the text
        return good.encode().replace(b"Resposta", b"Resp\x00\x01osta", 1), "any"
    if kind == 11:  # surrogates written as UTF-8 bytes (CESU) are not UTF-8
        return f'{{"question": "q {nonce}", "answer": "'.encode() + b"\xed\xa0\xbd" + b'"}', "bad"
    if kind == 12:  # an unknown role or order
        return _dumps(rng, {"messages": [{"role": "bot", "content": nonce}, {"role": "user", "content": "x"}]}
                      ).encode(), "bad"
    return (good + " " + good).encode(), "bad"  # two examples on one line


@dataclass
class JsonlCase:
    """One JSONL file's bytes and, per line number, what must happen."""

    data: bytes
    expect: dict[int, str] = field(default_factory=dict)


def jsonl_case(rng: random.Random, lines: int = 10) -> JsonlCase:
    rows: list[bytes] = []
    expect: dict[int, str] = {}
    for number in range(1, rng.randint(1, lines) + 1):
        nonce = f"{number}-{rng.getrandbits(48):012x}"
        roll = rng.random()
        if roll < 0.08:
            rows.append(rng.choice([b"", b"   ", b"\t"]))  # blank: neither kept nor named
            continue
        if roll < 0.5:
            rows.append(_dumps(rng, _good_record(rng, nonce)).encode())
            expect[number] = "good"
        else:
            row, what = _mutation(rng, nonce)
            rows.append(row)
            if row.strip():
                expect[number] = what
    ending = rng.choice([b"\n", b"\r\n"])
    data = ending.join(rows) + rng.choice([b"", ending])
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    return JsonlCase(data, expect)


def _encodes(text: str) -> None:
    text.encode("utf-8")  # raises on a lone surrogate


def check_jsonl(path: Path, case: JsonlCase) -> list[str]:
    """What went wrong with one file (empty when all is well)."""
    path.write_bytes(case.data)
    corpus = build_corpus([path], [], split=False)
    kept = {e.line for e in corpus.examples}
    errors = {p.line for p in corpus.problems if p.is_error and p.line is not None}
    warned = {p.line for p in corpus.problems if not p.is_error and p.line is not None}
    failures = []
    for number, what in case.expect.items():
        if what == "good" and number not in kept:
            failures.append(f"good line {number} lost: {case.data.splitlines()[number - 1][:80]!r}")
        elif what == "mended" and not (number in kept and number in warned):
            failures.append(f"line {number} with a lone surrogate not kept and named")
        elif what == "bad" and not (number in errors and number not in kept):
            failures.append(f"bad line {number} not named: {case.data.splitlines()[number - 1][:80]!r}")
        elif what == "any" and (number in kept) == (number in errors):
            failures.append(f"line {number} neither kept nor named (or both)")
    unexpected = (kept | errors) - set(case.expect)
    if unexpected:
        failures.append(f"lines {sorted(unexpected)} are not in the file")
    for example in corpus.examples:
        _encodes(example.id + json.dumps(example.to_row(), ensure_ascii=False))
    for problem in corpus.problems:
        _encodes(json.dumps(problem.to_json("pt"), ensure_ascii=False) + problem.text("en"))
    return failures


# ---------------------------------------------------------------------- biography folders
def _good_bio(rng: random.Random, nonce: str) -> tuple[str, bytes]:
    name = f"Jogador {nonce}"
    body = " ".join(f"{_text(rng)} {rng.choice(['.', '!', '?', '…'])}" for _ in range(rng.randint(1, 8)))
    body = f"O Sr. {name} jogou no Farense. {body}"
    if rng.random() < 0.3:
        record = {"nome": name, "texto": body}
        return ".json", json.dumps(record, ensure_ascii=rng.random() < 0.5).encode()
    text = f"# {name}\n\n{body}\n"
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    return rng.choice([".md", ".txt"]), text.encode()


def _bad_bio(rng: random.Random, folder: Path, stem: str) -> tuple[Path | None, str]:
    """Makes one bad entry in folder; (its path or None when it is not made, what must happen)."""
    kind = rng.randrange(9)
    if kind == 0:
        path = folder / f"{stem}.md"
        path.write_bytes(b"# Nome\n\nTexto \xff\xfe partido.")
        return path, "bad"
    if kind == 1:
        path = folder / f"{stem}.json"
        path.write_text('{"texto": ' + "[" * rng.choice([2000, 50000]) + "}", encoding="utf-8")
        return path, "bad"
    if kind == 2:
        path = folder / f"{stem}.json"
        path.write_text(f'{{"nome": "Ana {_lone_surrogate(rng)}", "texto": "Jogou. Marcou {stem}."}}',
                        encoding="utf-8")
        return path, "mended"
    if kind == 3:
        path = folder / f"{stem}.md"
        with open(path, "wb") as handle:
            handle.truncate(MAX_BIOGRAPHY_BYTES + rng.randint(1, 10**6))
        return path, "bad"
    if kind == 4:
        path = folder / f"{stem}.md"
        os.symlink(rng.choice(["/etc/passwd", "/dev/zero", "/etc", "/nonexistent/x.md"]), path)
        return path, "bad"
    if kind == 5 and hasattr(os, "mkfifo"):
        path = folder / f"{stem}.md"
        os.mkfifo(path)
        return path, "bad"
    if kind == 6:
        path = folder / f"{stem}.md"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 300))))
        return path, "any"
    if kind == 7:
        path = folder / f"{stem}.json"
        path.write_text(json.dumps(rng.choice([[1], {"nome": "x"}, "texto", {"texto": ""}])), encoding="utf-8")
        return path, "bad"
    path = folder / f"{stem}.md"
    path.write_text("# Só o título\n\n", encoding="utf-8")
    return path, "bad"


@dataclass
class BioCase:
    """A biography folder and, per file path, what must happen."""

    folder: Path
    expect: dict[Path, str] = field(default_factory=dict)


def bio_case(rng: random.Random, folder: Path, files: int = 6) -> BioCase:
    folder.mkdir(parents=True)
    (folder / "sub").mkdir()
    case = BioCase(folder)
    for index in range(rng.randint(1, files)):
        where = folder / "sub" if rng.random() < 0.3 else folder
        stem = "".join(rng.choice(string.ascii_lowercase) for _ in range(6)) + f"-{index}"
        if rng.random() < 0.5:
            suffix, data = _good_bio(rng, f"{index}{stem}")
            name = os.fsencode(stem + suffix)
            if rng.random() < 0.15:
                name = b"\xff" + name  # a file name that is not UTF-8
            path = Path(os.fsdecode(os.path.join(os.fsencode(where), name)))
            path.write_bytes(data)
            case.expect[path] = "good"
        else:
            path, what = _bad_bio(rng, where, stem)
            if path is not None:
                case.expect[path] = what
    if rng.random() < 0.3:
        (folder / ".escondido.md").write_text("# X\n\nNão se lê.\n", encoding="utf-8")
    return case


def check_bios(case: BioCase) -> list[str]:
    """What went wrong with one folder (empty when all is well)."""
    from farense_studio.data import formats

    safe_text = getattr(formats, "safe_text", str)  # (main before issue 16 had none: for figures)
    examples, problems = read_biographies(case.folder)
    source = {path: safe_text(f"{case.folder.name}/{path.relative_to(case.folder).as_posix()}")
              for path in case.expect}
    kept: dict[str, int] = {}
    for example in examples:
        kept[example.source] = kept.get(example.source, 0) + 1
    errors = {p.file for p in problems if p.is_error}
    warned = {p.file for p in problems if not p.is_error}
    failures = []
    for path, what in case.expect.items():
        name = source[path]
        if what == "good" and (kept.get(name) != 2 or name in errors):
            failures.append(f"good biography {name!r} lost")
        elif what == "mended" and not (kept.get(name) == 2 and name in warned):
            failures.append(f"biography {name!r} with a lone surrogate not kept and named")
        elif what == "bad" and not (name in errors and name not in kept):
            failures.append(f"bad file {name!r} not named")
        elif what == "any" and (name in kept) == (name in errors):
            failures.append(f"file {name!r} neither read nor named")
    if any(".escondido" in e.source for e in examples):
        failures.append("a hidden file was read")
    for example in examples:
        _encodes(example.id + json.dumps(example.to_row(), ensure_ascii=False))
        if example.format == "bio_full" and "root:" in example.answer:
            failures.append("a file outside the folder was read")
    for problem in problems:
        _encodes(json.dumps(problem.to_json("pt"), ensure_ascii=False) + problem.text("en"))
    return failures


def run_cases(tmp: Path, seed: int, jsonl_cases: int, bio_cases: int) -> dict[str, object]:
    """Runs the cases; returns the figures: cases, lines, files, crashes, failures (first few)."""
    rng = random.Random(seed)
    figures: dict[str, object] = {"jsonl_files": 0, "lines": 0, "bio_folders": 0, "bio_files": 0,
                                  "crashes": 0, "failures": []}
    failures: list[str] = figures["failures"]  # type: ignore[assignment]
    for index in range(jsonl_cases):
        case = jsonl_case(rng)
        figures["jsonl_files"] += 1
        figures["lines"] += len(case.expect)
        try:
            failures += [f"jsonl case {index}: {f}" for f in check_jsonl(tmp / "fuzz.jsonl", case)]
        except Exception as exc:  # noqa: BLE001 - a crash is what the fuzzing looks for
            figures["crashes"] += 1
            failures.append(f"jsonl case {index}: {type(exc).__name__}: {exc}")
    for index in range(bio_cases):
        case = bio_case(rng, tmp / f"bios-{seed}-{index}")
        figures["bio_folders"] += 1
        figures["bio_files"] += len(case.expect)
        try:
            failures += [f"bio case {index}: {f}" for f in check_bios(case)]
        except Exception as exc:  # noqa: BLE001
            figures["crashes"] += 1
            failures.append(f"bio case {index}: {type(exc).__name__}: {exc}")
    return figures
