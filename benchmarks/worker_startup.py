"""What a fresh worker pays before its first article in each language, with and without the derived-data cache.

    .venv/bin/python benchmarks/worker_startup.py [--rounds 3]

Each round starts a fresh Python process that imports newsbeam's steps, sets
them up and runs one short article in each of the ten languages with topic
lexicons through language ID, splitting, tagging and topic assignment, as a
Beam worker does on its first bundle. "cold" points NEWSBEAM_CACHE_DIR at an
empty folder (what the first run on a machine pays, and what every worker paid
before the cache); "warm" reuses the folder the cold round filled. Prints the
median of --rounds rounds of each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

FIRST_BUNDLE = r"""
import json, sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from tests.transforms.factories import make_article
from transforms.assign_topic import AssignTopicFn
from transforms.language import DetectArticleLanguageFn, DetectSentenceLanguageFn
from transforms.sentences import SplitSentencesFn
from transforms.tag_sentences import TagSentencesFn
from transforms.tagging.config import load_tagging_config
imported = time.perf_counter()
config = load_tagging_config()
steps = [DetectArticleLanguageFn(), SplitSentencesFn(), DetectSentenceLanguageFn(), TagSentencesFn(config),
         AssignTopicFn(config)]
for step in steps:
    step.setup()
ready = time.perf_counter()
for text in json.loads(sys.argv[2]):
    article = make_article(text)
    for step in steps:
        article = step.apply(article)
done = time.perf_counter()
print(json.dumps({"import": imported - started, "setup": ready - imported, "first_articles": done - ready}))
"""

# One short news sentence pair per language with lexicons: each makes the worker load that language.
TEXTS = [
    "The government announced new taxes on Monday. Parliament will vote next week.",
    "Die Regierung kündigte am Montag neue Steuern an. Der Bundestag stimmt nächste Woche ab.",
    "El Gobierno anunció el lunes nuevos impuestos. El Congreso votará la próxima semana.",
    "Le gouvernement a annoncé lundi de nouveaux impôts. Le Parlement votera la semaine prochaine.",
    "Il governo ha annunciato lunedì nuove tasse. Il Parlamento voterà la prossima settimana.",
    "De regering kondigde maandag nieuwe belastingen aan. Het parlement stemt volgende week.",
    "Rząd ogłosił w poniedziałek nowe podatki. Sejm będzie głosował w przyszłym tygodniu.",
    "O governo anunciou na segunda-feira novos impostos. O Parlamento vota na próxima semana.",
    "Правительство в понедельник объявило о новых налогах. Дума проголосует на следующей неделе.",
    "政府周一宣布了新的税收。议会将于下周投票。",
]


def one_round(cache: Path) -> dict[str, float]:
    environment = {**os.environ, "NEWSBEAM_CACHE_DIR": str(cache)}
    completed = subprocess.run(
        [sys.executable, "-c", FIRST_BUNDLE, str(REPO_ROOT), json.dumps(TEXTS)],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cold: list[dict[str, float]] = []
    warm: list[dict[str, float]] = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="newsbeam-cache-") as cache:
            cold.append(one_round(Path(cache)))
            warm.append(one_round(Path(cache)))
    print(f"{'':6} {'import s':>9} {'setup s':>8} {'first 10 articles s':>20} {'total s':>8}")
    totals = {}
    for label, rounds in (("cold", cold), ("warm", warm)):
        medians = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        totals[label] = statistics.median(sum(r.values()) for r in rounds)
        print(
            f"{label:6} {medians['import']:9.2f} {medians['setup']:8.2f} "
            f"{medians['first_articles']:20.2f} {totals[label]:8.2f}"
        )
    print(f"a warm worker starts {totals['cold'] / totals['warm']:.1f}x faster (median of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
