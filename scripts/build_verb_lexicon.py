"""Writes goalcheck/data/lexicons/verbs.json: observable verbs by domain, vague verbs.

The lists are ours, grouped by the domains of RUBRIC.md section 4. A verb may
suit several domains. Run once after editing the lists below.
"""

from __future__ import annotations

import json
from pathlib import Path

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
]

POSTSECONDARY_VAGUE = ["consider", "explore", "hope to", "think about", "investigate", "look into"]


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
    }
    path = Path(__file__).resolve().parents[1] / "goalcheck/data/lexicons/verbs.json"
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{len(observable)} observable verbs, {len(out['vague'])} vague verbs/phrases -> {path}")


if __name__ == "__main__":
    main()
