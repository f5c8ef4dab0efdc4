"""Questions a template can ask of a biography's sentences, and rephrasings of the club's questions.

The model-free half of "Gerar perguntas das biografias": fast on any computer, deterministic, and
grounded by construction (answers are the biography's own sentence, or a short sentence built from
words matched in it). Each rule looks for one kind of fact in a sentence (where someone was born,
when, how many goals, which clubs, a nickname, a year...) and asks it in several ways, so that a
fact in the middle of a long biography is asked of the model on its own, not only inside a
500-token answer. Which facts a template cannot see is left to the model-based proposer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from farense_studio.data.biographies import sentence_ends
from farense_studio.data.grounding import FUNCTION_WORDS, NUMBER_WORDS, fold

_NAME = r"[A-ZÀ-Ý][\w'’-]+(?:\s+(?:de|da|do|dos|das|del)?\s*[A-ZÀ-Ý][\w'’-]+)*"
_YEAR = r"\b(?:1[89]\d\d|20\d\d)(?:\s*[-–]\s*\d{2,4})?\b"
_NATIONALITIES = (
    "marroquin|portugues|brasileir|espanhol|frances|angolan|mocambican|cabo-verdian|guineense|"
    "argentin|ingles|italian|alema|holandes|belga|nigerian|senegales|camarones|argelin|tunisin|"
    "egipci|russ|ucranian|croat|romen|bulgar|polac|sueco|dinamarques|american|mexican|colombian|"
    "uruguai|paraguai|chilen|venezuelan|peruan|ganes|marfinense|sao-tomense|timorense|irlandes|escoces")


@dataclass(frozen=True)
class Subject:
    """Whom (or what) a biography is about: its name and how to refer to it in a question."""

    name: str
    article: str = ""  # "o " for "o Troféu Hassan", "" for a person

    @property
    def ref(self) -> str:
        return f"{self.article}{self.name}"

    @property
    def is_person(self) -> bool:
        """Default biographies are of people; profiles ("do Troféu Hassan") have an article."""
        return not self.article

    @classmethod
    def from_questions(cls, short: str | None, long: str | None, fallback: str) -> "Subject":
        """From a biography's two questions: 'Quem é José Mota?' -> José Mota; 'O que é o Troféu
        Hassan?' or 'Conta-me a história do Troféu Hassan.' -> Troféu Hassan, article 'o '."""
        patterns = ((short, r"Quem (?:é|foi|era|são|foram|eram) (?:(o|a|os|as) )?(.+?)\s*\?$"),
                    (short, r"O que (?:é|foi|era|são|foram) (o|a|os|as) (.+?)\s*\?$"),
                    (long, r"Conta-me a história (?:de |(d)(o|a|os|as) )(.+?)\s*[.?!]?$"))
        for text, pattern in patterns:
            match = re.match(pattern, (text or "").strip())
            if match:
                groups = [g for g in match.groups() if g != "d"]
                article, name = (groups[0], groups[1]) if len(groups) == 2 else (None, groups[-1])
                return cls(name, f"{article} " if article else "")
        return cls(fallback)


@dataclass(frozen=True)
class QA:
    """One proposed question and its answer."""

    question: str
    answer: str
    rule: str


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, verbatim."""
    text = " ".join(text.split())
    cuts = [0] + sentence_ends(text) + [len(text)]
    return [s for s in (text[a:b].strip() for a, b in zip(cuts, cuts[1:])) if s]


# A rule: (name, regex on the folded sentence or None, builder(subject, sentence, match) -> QAs)
Rule = tuple[str, "re.Pattern[str] | None", Callable[[Subject, str, "re.Match[str]"], list[QA]]]


def _birth_place(s: Subject, sentence: str, _m) -> list[QA]:
    match = re.search(r"nasc(?:ido|ida|eu)\s+em\s+(" + _NAME + ")", sentence)
    if not match:
        return []
    place = re.split(r"\s+em\s+", match.group(1))[0]
    short = f"{s.name} nasceu em {place}."
    return [QA(f"Onde nasceu {s.ref}?", short, "birth_place"),
            QA(f"Em que cidade nasceu {s.ref}?", sentence, "birth_place"),
            QA(f"Qual é a terra natal de {s.ref}?", short, "birth_place")]


def _birth_year(s: Subject, sentence: str, _m) -> list[QA]:
    match = re.search(r"nasc\w*\b[^.]{0,40}?\b(1[89]\d\d|20\d\d)\b", sentence)
    if not match:
        return []
    short = f"{s.name} nasceu em {match.group(1)}."
    return [QA(f"Em que ano nasceu {s.ref}?", short, "birth_year"),
            QA(f"Quando nasceu {s.ref}?", sentence, "birth_year")]


def _asks(rule: str, *questions: str) -> Callable[[Subject, str, "re.Match[str]"], list[QA]]:
    """A rule whose questions are answered by the whole sentence ({ref}: whom it is about,
    {Ref}: the same opening a question)."""
    def build(s: Subject, sentence: str, _m) -> list[QA]:
        ref = s.ref
        return [QA(q.format(ref=ref, Ref=ref[:1].upper() + ref[1:], when=_when(sentence)), sentence, rule)
                for q in questions]
    return build


_nationality = _asks("nationality", "Qual é a nacionalidade de {ref}?", "De que país é {ref}?")


_VERB_OPENERS = {"foi", "era", "e", "jogou", "marcou", "chegou", "passou", "nasceu", "venceu", "ganhou",
                 "terminou", "voltou", "regressou", "esteve", "fez", "tem", "teve", "conquistou", "treinou",
                 "levou", "representou", "alinhou", "vestiu", "acabou", "deixou", "ficou"}


def with_subject(subject: Subject, sentence: str) -> str:
    """'Foi o melhor marcador...' -> 'Hassan Nader foi o melhor marcador...' (the sentence's own words,
    its unstated subject made explicit, so the answer also says whom it is about)."""
    first = sentence.split(" ", 1)[0]
    if not subject.is_person or fold(first) not in _VERB_OPENERS:
        return sentence
    ref = subject.ref[:1].upper() + subject.ref[1:]
    return f"{ref} {sentence[:1].lower()}{sentence[1:]}"


def _when(sentence: str) -> str:
    match = re.search(_YEAR, sentence)
    return f" em {match.group()}" if match else ""


_goals = _asks("goals", "Quantos golos marcou {ref}{when}?", "Quantos golos fez {ref}{when}?")
_top_scorer = _asks("top_scorer", "Quando foi {ref} o melhor marcador?",
                    "{Ref} foi alguma vez o melhor marcador do campeonato?")


def _clubs(s: Subject, sentence: str, _m) -> list[QA]:
    own = {fold(w) for w in s.name.split()}
    others = [n for n in re.findall(_NAME, sentence) if fold(n.split()[0]) not in own | FUNCTION_WORDS]
    if not others:
        return []
    return [QA(f"Em que clubes jogou {s.ref}?", sentence, "clubs"),
            QA(f"Por que equipas passou {s.ref}?", sentence, "clubs")]


def _arrival(s: Subject, sentence: str, _m) -> list[QA]:
    match = re.search(r"(chegou|voltou|regressou)\s+(ao|à|a)\s+(" + _NAME + r")\s+em\s+(\d{4})", sentence)
    if not match:
        return []
    verb, prep, club, year = match.groups()
    short = f"{s.name} {verb} {prep} {club} em {year}."
    return [QA(f"Em que ano {verb} {s.ref} {prep} {club}?", short, "arrival"),
            QA(f"Quando {verb} {s.ref} {prep} {club}?", sentence, "arrival")]


def _career_end(s: Subject, sentence: str, _m) -> list[QA]:
    match = re.search(r"terminou a carreira\D{0,40}?(\d{4})", sentence)
    if not match:
        return []
    return [QA(f"Quando terminou {s.ref} a carreira?", f"{s.name} terminou a carreira em {match.group(1)}.",
               "career_end"),
            QA(f"Em que ano deixou {s.ref} de jogar?", sentence, "career_end")]


_nickname = _asks("nickname", "Que alcunha tem {ref}?", "Como chamam os adeptos a {ref}?")
_coach = _asks("coach", "De que equipa foi {ref} treinador?", "O que fez {ref} como treinador?")
_awards = _asks("awards", "Que prémios ganhou {ref}?", "Que troféus conquistou {ref}?")
_national_team = _asks("national_team", "O que fez {ref} pela seleção?", "{Ref} jogou num Mundial?")


def _years(s: Subject, sentence: str, _m) -> list[QA]:
    found = []
    for year in dict.fromkeys(m.group() for m in re.finditer(_YEAR, sentence)):
        found += [QA(f"O que se passou com {s.ref} em {year}?", sentence, "year"),
                  QA(f"Fala-me {_of(s.ref)} em {year}.", sentence, "year")]
    return found


def _seasons_at(s: Subject, sentence: str, _m) -> list[QA]:
    match = re.search(r"(\w+)\s+(épocas|temporadas|anos)\s+(no|na|pelo|pela|em)\s+(" + _NAME + ")", sentence)
    if not match:
        return []
    unit, prep, place = match.group(2), match.group(3), match.group(4)
    word = "Quantas" if unit != "anos" else "Quantos"
    return [QA(f"{word} {unit} passou {s.ref} {prep} {place}?", sentence, "seasons"),
            QA(f"Quanto tempo esteve {s.ref} {prep} {place}?", sentence, "seasons")]


RULES: list[Rule] = [
    ("birth_place", re.compile(r"\bnasc(ido|ida|eu)\s+em\s"), _birth_place),
    ("birth_year", re.compile(r"\bnasc\w*\b"), _birth_year),
    ("nationality", re.compile(r"\b(" + _NATIONALITIES + r")\w*"), _nationality),
    ("goals", re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")\s+golos\b"), _goals),
    ("top_scorer", re.compile(r"melhor marcador"), _top_scorer),
    ("clubs", re.compile(r"\b(jogou|passou|representou|alinhou|vestiu)\b"), _clubs),
    ("arrival", re.compile(r"\b(chegou|voltou|regressou)\s+(ao|a)\s"), _arrival),
    ("career_end", re.compile(r"terminou a carreira"), _career_end),
    ("nickname", re.compile(r"(chamam-lhe|alcunha|conhecid[oa] (como|por))"), _nickname),
    ("coach", re.compile(r"\btreinador\b"), _coach),
    ("awards", re.compile(r"\b(bola de prata|bola de ouro|bota de ouro|premios?|galardao)\b"), _awards),
    ("national_team", re.compile(r"\b(selecao|mundial|campeonato do mundo)\b"), _national_team),
    ("seasons", re.compile(r"\b(epocas|temporadas|anos)\s+(no|na|pelo|pela|em)\b"), _seasons_at),
    ("year", re.compile(_YEAR), _years),
]


THING_RULES = {"year"}  # the only rule that reads well for a profile ("o Troféu Hassan")


def sentence_questions(subject: Subject, sentence: str) -> list[QA]:
    """Every question the rules ask of one sentence (repeats removed, first kept)."""
    folded = fold(sentence)
    found: dict[str, QA] = {}
    for name, pattern, build in RULES:
        if not subject.is_person and name not in THING_RULES:
            continue
        match = pattern.search(folded) if pattern is not None else None
        if pattern is not None and match is None:
            continue
        for index, qa in enumerate(build(subject, sentence, match)):
            if index % 2 and qa.answer == sentence:
                # Two wordings of the same knowledge: verbatim, and with its subject said.
                qa = QA(qa.question, with_subject(subject, sentence), qa.rule)
            found.setdefault(fold(qa.question), qa)
    return list(found.values())


# ---- the names a sentence mentions, asked in both directions ------------------------------------

_NAMED = re.compile(_NAME + r"(?:\s+(?:de\s+)?" + _YEAR + ")?")  # "Euro 2004", "Taça de Portugal de 1990"
_ARTICLE_OF = {"o": "o", "a": "a", "os": "os", "as": "as", "do": "o", "da": "a", "dos": "os", "das": "as",
               "no": "o", "na": "a", "nos": "os", "nas": "as", "ao": "o", "aos": "os",
               "pelo": "o", "pela": "a", "pelos": "os", "pelas": "as"}  # folded: "à" -> "a"
_NOT_NAMES = FUNCTION_WORDS | _VERB_OPENERS


def sentence_names(sentence: str) -> list[tuple[str, str]]:
    """The proper names a sentence mentions, each with the article the sentence gives it:
    'perdida para o Atlético de Madrid' -> ('o ', 'Atlético de Madrid'), 'Na Taça UEFA' ->
    ('a ', 'Taça UEFA'), 'em Casablanca' -> ('', 'Casablanca'). A capitalised common word opening the
    sentence ('Depois', 'Foi') is no name; a single word opening it is left out too (it may be one)."""
    found: dict[str, tuple[str, str]] = {}
    for match in _NAMED.finditer(sentence):
        words = match.group().split()
        before = [w for w in (t.strip("\"«»“”'") for t in sentence[:match.start()].split()) if w][-1:]
        if match.start() == 0:  # capitalised because it opens the sentence: 'Na Taça UEFA', 'Depois'
            if len(words) == 1:
                continue
            while words and fold(words[0]) in _NOT_NAMES:
                before = [words.pop(0)]
        if not words or not words[0][:1].isupper() or len(words[0]) < 3:
            continue
        name = " ".join(words)
        article = _ARTICLE_OF.get(fold(before[0]), "") if before else ""
        found.setdefault(fold(name), (f"{article} " if article else "", name))
    return list(found.values())


def topic_names(paragraphs_by_source: dict[str, list[str]]) -> frozenset[str]:
    """Folded names the project is about as a whole (the club): those found in more than half of
    the biography files, and in three at least. A question pairing one with a biography's subject
    would have a different answer in every paragraph, so name questions leave them out."""
    files: dict[str, int] = {}
    for paragraphs in paragraphs_by_source.values():
        names = {key for p in paragraphs for s in sentences(p) for key in map(fold, (n for _, n in sentence_names(s)))}
        for key in names:
            files[key] = files.get(key, 0) + 1
    return frozenset(k for k, n in files.items() if n >= 3 and n * 2 > len(paragraphs_by_source))


def name_questions(subject: Subject, sentence: str, topic: frozenset[str] = frozenset()) -> list[QA]:
    """Each other name a sentence mentions, asked with whom the biography is about, both ways round
    ('O que tem o Atlético de Madrid a ver com Hassan Nader?', 'Fala-me de Hassan Nader e do Atlético
    de Madrid.'): a fact asked from the names around it, not only from its subject."""
    own = {fold(w) for w in subject.name.split()} - FUNCTION_WORDS
    answer = with_subject(subject, sentence)
    found = []
    for article, name in sentence_names(sentence):
        key = fold(name)
        if key in topic or set(key.split()) - FUNCTION_WORDS <= own:
            continue
        thing = f"{article}{name}"
        verb = "têm" if article in ("os ", "as ") else "tem"
        found += [QA(f"O que {verb} {thing} a ver com {subject.ref}?", answer, "name"),
                  QA(f"Fala-me {_of(subject.ref)} e {_of(thing)}.", answer, "name")]
    return found


def paragraph_questions(subject: Subject, paragraph: str, topic: frozenset[str] | None = None) -> Iterator[QA]:
    """The template questions of a paragraph, sentence by sentence; with ``topic`` (the names the
    project shares, topic_names) also its name questions, none asked twice in the paragraph."""
    asked: set[str] = set()
    for sentence in sentences(paragraph):
        yield from sentence_questions(subject, sentence)
        for qa in name_questions(subject, sentence, topic) if topic is not None else ():
            if fold(qa.question) not in asked:
                asked.add(fold(qa.question))
                yield qa


# ---- rephrasing the club's own questions -------------------------------------------------------

def _lower_first(question: str) -> str:
    """'Em que ano...' -> 'em que ano...', but a name opening the question keeps its capital."""
    first = question.split(" ", 1)[0]
    return question[:1].lower() + question[1:] if fold(first) in FUNCTION_WORDS else question


_INTERROGATIVE = re.compile(r"^(que|qual|quais|quem|quando|onde|como|quant[oa]s?|porque|em que|por que|de que|"
                            r"contra que|com que|a que|para que|desde quando|ate quando)\b")


def _of(rest: str) -> str:
    """'de' before a phrase, contracted as Portuguese writes it: 'de o melhor' -> 'do melhor'."""
    for article, contracted in (("o ", "do "), ("a ", "da "), ("os ", "dos "), ("as ", "das ")):
        if rest.startswith(article):
            return contracted + rest[len(article):]
    return "de " + rest


_REPHRASINGS: list[tuple[re.Pattern[str], list[str]]] = [
    (re.compile(r"^Em que ano (.+)\?$"), ["Quando {0}?", "Sabes em que ano {0}?"]),
    (re.compile(r"^Quando (.+)\?$"), ["Em que altura {0}?", "Sabes quando {0}?"]),
    (re.compile(r"^Qual (é|foi|era) (.+)\?$"), ["Diz-me qual {0} {1}.", "Sabes qual {0} {1}?"]),
    (re.compile(r"^Quem (é|foi|era) (.+)\?$"), ["Fala-me {of1}.", "Sabes quem {0} {1}?"]),
    (re.compile(r"^Quant(os|as) (.+)\?$"), ["Diz-me quant{0} {1}.", "Sabes quant{0} {1}?"]),
]


# Words a question can say another way, each group read in order (European Portuguese, football).
# Only lowercase words change: a name ("Estádio Algarve") never does.
_SYNONYMS = [("fundado", "criado"), ("fundada", "criada"), ("fundação", "criação"), ("fundou", "criou"),
             ("venceu", "ganhou", "conquistou"), ("vencer", "ganhar", "conquistar"), ("treinador", "técnico"),
             ("treinadores", "técnicos"), ("época", "temporada"), ("épocas", "temporadas"),
             ("jogou", "atuou", "alinhou"), ("marcou", "apontou"), ("jogador", "futebolista"),
             ("jogadores", "futebolistas"), ("terminou", "acabou"), ("adeptos", "apoiantes"),
             ("morreu", "faleceu")]
_SYNONYM_OF = {fold(word): group[(i + 1) % len(group)] for group in _SYNONYMS for i, word in enumerate(group)}


def synonym_rephrasing(question: str) -> str | None:
    """The question with its first word that has a synonym said with it ('Em que ano foi fundado o
    Farense?' -> 'Em que ano foi criado o Farense?'), or None when no word has one."""
    for match in re.finditer(r"[^\W\d_]+", question):
        word = match.group()
        other = _SYNONYM_OF.get(fold(word)) if word[:1].islower() else None
        if other:
            return question[:match.start()] + other + question[match.end():]
    return None


def rephrasings(question: str) -> list[str]:
    """Other ways to ask the same question (never adding a name or a number)."""
    question = " ".join(question.split())
    found: list[str] = []
    for pattern, templates in _REPHRASINGS:
        match = pattern.match(question)
        if match:
            found += [t.format(*match.groups(), of1=_of(match.groups()[-1])) for t in templates]
            break
    if question.endswith("?") and _INTERROGATIVE.match(fold(question)):
        found.append(f"Podes dizer-me {_lower_first(question)}")
    return [q for q in dict.fromkeys(found) if fold(q) != fold(question)]
