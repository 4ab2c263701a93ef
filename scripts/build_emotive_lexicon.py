"""Build kit/readers/data/emotive_words.json from the VADER sentiment lexicon (MIT licence).

Usage: pip install --target /tmp/vader --no-deps vaderSentiment==3.3.2
       python scripts/build_emotive_lexicon.py /tmp/vader/vaderSentiment/vader_lexicon.txt

Keeps single words (letters only, 4 or more) whose mean valence is at least THRESHOLD away from
neutral on VADER's -4..+4 scale, and writes them with their score. The kit does not depend on
vaderSentiment at run time: the derived file is shipped with its provenance and licence.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

VERSION = "3.3.2"
THRESHOLD = 2.5
OUT = Path(__file__).resolve().parents[1] / "kit" / "readers" / "data" / "emotive_words.json"
# VADER scores these as strongly negative or positive because the events are sad or happy, but news
# reports them plainly: they describe what happened and judge nobody (seen in the development sets).
NOT_JUDGEMENTS = sorted(
    """kill killed kills killing killer killers attack attacked attacks attackers fire fired fires riot riots
    destruction destroyed bomb bombs bombing prison jailed dead death deaths died dies murder murdered
    war wars wins winner winners win won peace injured injury injuries crash crashed abuse cancer
    terrorist terrorists terrorism terror enemy enemies victim victims disaster disasters rape raped
    suicide violence violent weapon weapons hurt love loved friend friends free freedom abduction
    assassination assassinations assault assaults attacker award awards bankrupt best crisis crises""".split()
    # issue #15: results, crimes, conditions and everyday feelings that news also reports plainly
    # ("a fatal crash", "tested positive", "the worst floods since 1998", "was found guilty of fraud")
    + """worst fatal fatalities fatality fatally illegal prisoner killings drowned strangled starved torture
    tortured fraud felony felonies harassment harassed depression harm tragedy poorest racism slavery
    stealing robber rapist rapists murderers murders crime criminals positive negative fail success
    successes successful celebrate celebrated celebrates celebrating champion reward bonus bonuses winnings
    great heart hearts laugh smiled happy happily honour honored loves loving super superior supreme
    rich prizewinning blessed grim chaos corpse rejection suffer weep sobs poison poisons destroy destroys
    destroying loyalty optimism excellence
    excellency suicidal fraudster abuser abusers harming cruelty stab molesting molests
    molestations""".split()
    # issue #15 precision: pleasant things and plain states, scored high for what they name, not for a
    # verdict ("her childhood sweetheart", "pleasure boats", "in perfect condition", "praised the crew")
    + """sweetheart sweethearts lover soulmate romance kissing pleasure perfect perfectly perfected
    perfection praise praising thankful""".split()
)


def _licence_text(lexicon: Path) -> str:
    """The MIT notice shipped with vaderSentiment, which must travel with any substantial part of it."""
    for info in lexicon.parent.parent.glob("vaderSentiment-*.dist-info/LICENSE*"):
        return info.read_text("utf-8").strip()
    raise SystemExit("Could not find vaderSentiment's LICENSE file next to the lexicon; install the package.")


def build(lexicon: Path) -> dict:
    words: dict[str, float] = {}
    for line in lexicon.read_text("utf-8").splitlines():
        token, mean, *_rest = line.split("\t")
        if token.isalpha() and len(token) >= 4 and abs(float(mean)) >= THRESHOLD:
            if token.lower() not in NOT_JUDGEMENTS:
                words[token.lower()] = float(mean)
    return {
        "about": "Strongly emotional words and their VADER valence (-4 very negative .. +4 very positive), "
        "for kit.find_loaded_language: one in the writer's own voice pushes a feeling. Built by "
        "scripts/build_emotive_lexicon.py; do not edit by hand.",
        "source": {
            "name": "VADER sentiment lexicon (vader_lexicon.txt)",
            "package": f"vaderSentiment {VERSION} (PyPI)",
            "licence": "MIT License (PyPI classifier and the project's README; checked 2026-12-01)",
            "url": "https://github.com/cjhutto/vaderSentiment",
            "citation": "Hutto, C.J. and Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for "
            "Sentiment Analysis of Social Media Text. ICWSM-14.",
            "licence_text": _licence_text(lexicon),
        },
        "threshold": THRESHOLD,
        "not_judgements": {
            "provenance": "medialit-kit: words for events, pleasant things and plain states that news "
            "reports plainly (left out of the list)",
            "words": NOT_JUDGEMENTS,
        },
        "words": dict(sorted(words.items())),
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    data = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {OUT} with {len(data['words'])} words")
