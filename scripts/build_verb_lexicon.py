"""Writes goalcheck/data/lexicons/verbs.json: observable verbs by domain, vague verbs.

The lists are ours, grouped by the domains of RUBRIC.md section 4. A verb may
suit several domains. Run once after editing the lists below.

It also writes ``near_lexicon_words``: English words one typing slip away from a
verb of our lists ("lean" / "learn"), taken from the word index of the installed
spaCy English pipeline; goalcheck reads a word near a listed verb as that verb
misspelt ("dmeonstrate" -> "demonstrate"), unless it is one of these real words.
"""

from __future__ import annotations

import json
from pathlib import Path

from goalcheck.components.measurability import typing_slips

OBSERVABLE = {
    "reading": """read decode blend segment sound pronounce identify name answer retell summarize
        sequence predict infer locate highlight underline circle match sort point track recite
        preview annotate paraphrase cite compare contrast distinguish define describe list explain
        recognize isolate substitute delete rhyme syllabify chunk scan skim""",
    "writing": """write compose spell copy trace print type draft revise edit proofread punctuate
        capitalize outline brainstorm organize construct dictate produce generate record cite
        paraphrase summarize describe list label journal transcribe format""",
    "math": """solve compute calculate add subtract multiply divide count estimate measure round
        compare order graph plot tally identify match sort name write represent model regroup
        convert simplify evaluate factor classify complete tell skip-count subitize partition
        compose decompose show recall create correct fix check""",
    "communication": """say state ask request answer respond name label describe produce articulate
        use point sign gesture vocalize imitate repeat verbalize initiate comment greet
        retell tell explain express follow select activate touch indicate nod share converse
        paraphrase""",
    "social_emotional": """use initiate request ask take share wait raise remain stay return
        transition follow comply complete identify name label select choose apologize greet join
        respond walk sit participate engage accept seek tell report record reduce decrease
        display demonstrate practice employ refrain keep self-monitor""",
    "motor": """cut trace copy draw write grasp hold catch throw kick jump hop skip gallop climb
        balance walk run navigate pedal button zip snap tie stack string reach release carry
        lift push pull manipulate squeeze roll crawl stand march swing assemble fold""",
    "adaptive": """wash brush comb dress undress put fasten button zip tie toilet feed pour spread
        prepare cook clean wipe sort fold purchase pay count select order make set use
        complete follow locate ride cross pack unpack store hang carry check shop open""",
    "transition": """enroll attend apply complete obtain work live rent budget register enlist
        graduate earn participate interview schedule contact request advocate identify research
        submit fill volunteer secure maintain manage travel commute open deposit""",
    "general": """arrive begin determine suppress restore clock answer finish turn bring
        deliver give hand""",
}

#: Regular expressions tried on the words at the action (after "will" and its
#: skipped words), before the lexicons: observable states and counts that a
#: vague verb word would otherwise hide (RUBRIC 7.2, 7.19).
OBSERVABLE_PATTERNS = [
    r"be\s+(?:\w+ly\s+)?(?:engaged|seated|on[-\s]task|on\s+time|present|in\s+attendance|"
    r"in\s+(?:his|her|their|the|an?)\s+(?:assigned\s+)?(?:seat|area|spot|place|line))\b",
    r"have\s+(?:no\s+more\s+than|fewer\s+than|less\s+than|at\s+most|zero|no|only|"
    r"\d+(?:\s+or\s+(?:fewer|less))?)\s+(?:[\w-]+\s+){0,2}?(?:incidents?|episodes?|"
    r"occurrences?|instances?|outbursts?|tantrums?|absences?|tardies|referrals?|errors?|"
    r"accidents?|refusals?)\b",
    r"job[-\s]shadow\b",
    # Postsecondary outcomes worded with "get", "have", "be" (RUBRIC 2, Indicator 13).
    r"(?:get|have|hold|find)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:job|employment|position|career|degree|certificate|diploma|license|apartment)\b",
    r"be\s+(?:self[-\s]employed|employed|hired|enrolled|accepted|admitted)\b",
    r"be\s+an?\s+(?:self[-\s]employed|full[-\s]time|part[-\s]time|certified|licensed)\b",
]
#: Phrases whose verb alone would look observable but which name no action (7.15).
VAGUE_PATTERNS = [
    r"reach\s+(?:the|a|an|his|her|their)?\s*(?:[\w-]+\s+){0,3}?(?:benchmark|goal|level|mastery|"
    r"target|proficiency|standard|potential)s?\b",
    r"(?:demonstrate|show|display)\s+(?:(?:an?|more|greater|improved|increased|appropriate|"
    r"age[-\s]appropriate|better)\s+)*(?:independence|confidence|responsibility|respect|"
    r"awareness|competence|mastery|proficiency|growth|progress|improvement|maturity|readiness|"
    r"skills?|abilit(?:y|ies)|knowledge|understanding|comprehension|interest)\b"
    r"(?:\s+(?:of|in|with|for))?",
    r"(?:is|are|am|be)\s+(?:more\s+|very\s+|really\s+)?(?:interested\s+in|successful|happy|"
    r"independent|confident|prepared|ready|responsible|aware|motivated|comfortable)\b",
]
#: RUBRIC 7.19: "increase/decrease <a named action>" is observable; "increase
#: <a skill or quality>" is not. The verb's own lexicon entry decides otherwise.
COUNTED = {
    "verbs": ["increase", "decrease", "reduce", "raise", "lower", "minimize", "maximize",
              "incr", "decr"],
    "measure_of": r"^(?:(?:his|her|their|the|its|an?)\s+)?(?:(?:total|average|daily|weekly|overall)\s+)?"
                  r"(?:use|number|frequency|rate|percentage|percent|amount|duration|length|count|"
                  r"occurrences?|instances?|incidences?|initiations?|production|completion|"
                  r"latency)\s+of\b",
    "actions": ["request", "requests", "greeting", "greetings", "initiation", "initiations",
                "response", "responses", "comment", "comments", "question", "questions", "bid",
                "bids", "exchange", "exchanges", "turn", "turns", "utterance", "utterances",
                "word", "words", "call-out", "call-outs", "callout", "callouts", "outburst",
                "outbursts", "tantrum", "tantrums", "refusal", "refusals", "elopement",
                "aggression", "participation", "attendance", "engagement", "compliance",
                "completion", "eye contact", "hand-raising", "hand raising", "time on task",
                "on-task behavior", "on-task behaviour", "off-task behavior", "interruptions",
                "episodes", "incidents", "absences", "tardies", "bites", "steps", "laps",
                "noncompliance", "non-compliance", "disruption", "disruptions", "self-injury",
                "hitting", "biting", "kicking", "spitting", "swearing", "crying", "screaming"],
    "not_actions": ["skill", "skills", "ability", "abilities", "independence", "knowledge",
                    "understanding", "awareness", "confidence", "vocabulary", "fluency",
                    "comprehension", "proficiency", "performance", "achievement", "level",
                    "levels", "orf", "self-esteem", "anxiety", "stress", "frustration",
                    "impulsivity", "attention", "focus", "motivation", "competence", "grades",
                    "grade", "scores", "score", "strength", "endurance", "tolerance",
                    "self-confidence", "self-control", "awareness", "success"],
}

VAGUE = [
    "understand", "know", "learn", "improve", "be aware of", "appreciate", "develop", "increase",
    "increase skills in", "work on", "gain", "grasp the concept of", "show respect", "show growth", "show improvement", "show understanding", "show interest", "show knowledge", "show progress", "show an understanding of", "dream of", "wish to", "want to", "would like to", "grasp concepts", "demonstrate knowledge of",
    "demonstrate understanding of", "demonstrate an understanding of", "demonstrate awareness of",
    "feel", "remember", "believe", "try", "try to", "become", "be", "have", "get", "enhance",
    "strengthen", "build", "master", "comprehend", "realize", "grow", "progress", "work toward",
    "work towards", "be exposed to", "experience", "be familiar with", "acquire",
    "think about", "consider", "explore", "hope", "hope to", "continue to learn", "begin to", "start to", "want",
    "wish", "enjoy", "like", "internalize", "value", "be able", "attempt", "benefit",
    "expand", "refine", "address", "incr", "impr", "focus on", "make progress", "make gains", "show growth",
    "show understanding of", "show knowledge of", "show an interest in", "show interest in",
]

POSTSECONDARY_VAGUE = ["consider", "explore", "hope to", "think about", "investigate", "look into",
                       "plan to", "plans to", "wants to", "hopes to", "would like to",
                       "be interested in", "is interested in", "are interested in",
                       "continue to explore", "try to find", "continue to learn"]


def _near(word: str) -> set[str]:
    """Strings one slip from ``word`` (the measurability component's own definition)."""
    return typing_slips(word) - {word}


def near_lexicon_words(verbs: set[str]) -> list[str]:
    """English words (spaCy's word index) one slip from a listed verb, but not listed."""
    import spacy

    from goalcheck.pipeline import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        raise SystemExit("no spaCy English pipeline installed")
    lookups = nlp.get_pipe("lemmatizer").lookups
    words: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        t = lookups.get_table(table)
        for pos in ("verb", "noun", "adj", "adv"):
            entries = t.get(pos, {})
            words |= {w for w in entries if isinstance(w, str) and w.isalpha()}
            if table == "lemma_exc":
                words |= {w for forms in entries.values() for w in forms if w.isalpha()}
    close = set()
    for verb in verbs:
        if " " not in verb and len(verb) >= 4:
            close |= _near(verb) & words
    return sorted(close - verbs)


def main() -> None:
    observable: dict[str, list[str]] = {}
    for domain, words in OBSERVABLE.items():
        for verb in words.split():
            observable.setdefault(verb, [])
            if domain not in observable[verb]:
                observable[verb].append(domain)
    vague_single = {v for v in VAGUE if " " not in v}
    clash = vague_single & set(observable)
    if clash:
        raise SystemExit(f"verbs both observable and vague: {sorted(clash)}")
    out = {
        "_about": "Observable verbs (lemma -> domains they suit) and vague verbs/phrases, "
        "per RUBRIC.md sections 2 and 7. Written by the goalcheck team.",
        "observable": dict(sorted(observable.items())),
        "vague": sorted(set(VAGUE)),
        "postsecondary_vague": sorted(set(POSTSECONDARY_VAGUE)),
        "observable_patterns": OBSERVABLE_PATTERNS,
        "vague_patterns": VAGUE_PATTERNS,
        "counted": COUNTED,
        "near_lexicon_words": near_lexicon_words(set(observable) | vague_single),
    }
    path = Path(__file__).resolve().parents[1] / "goalcheck/data/lexicons/verbs.json"
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{len(observable)} observable verbs, {len(out['vague'])} vague verbs/phrases -> {path}")


if __name__ == "__main__":
    main()
