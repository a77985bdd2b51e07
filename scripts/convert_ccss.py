"""Convert the official CCSS XML exports into ``goalcheck/data/ccss.jsonl``.

One JSON object per standard and sub-standard (component), in source order
(ELA/Literacy first, then Mathematics), duplicates and code-less placeholder
items ("RL.K.8 not applicable to literature") dropped. Thirty grade 2-5
Reading: Informational Text standards absent from the XML are added from
``RI_SUPPLEMENT`` (marked ``"origin": "supplement"``). The output is
deterministic: running the script twice gives byte-identical files.

Usage:
    python scripts/convert_ccss.py [--src /work/shared/ccss] [--out goalcheck/data/ccss.jsonl]

Source data: Common Core State Standards (c) 2010 National Governors
Association Center for Best Practices and Council of Chief State School
Officers; see NOTICE.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import logging
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger("convert_ccss")

DEFAULT_SRC = Path("/work/shared/ccss")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "goalcheck" / "data" / "ccss.jsonl"

# Domain titles of the standards (facts from the CCSS documents).
DOMAIN_NAMES: dict[str, str] = {
    "RL": "Reading: Literature",
    "RI": "Reading: Informational Text",
    "RF": "Reading: Foundational Skills",
    "W": "Writing",
    "SL": "Speaking and Listening",
    "L": "Language",
    "RH": "Reading: History/Social Studies",
    "RST": "Reading: Science and Technical Subjects",
    "WHST": "Writing: History/Social Studies, Science and Technical Subjects",
    "CCRA.R": "College and Career Readiness Anchor Standards for Reading",
    "CCRA.W": "College and Career Readiness Anchor Standards for Writing",
    "CCRA.SL": "College and Career Readiness Anchor Standards for Speaking and Listening",
    "CCRA.L": "College and Career Readiness Anchor Standards for Language",
    "CC": "Counting and Cardinality",
    "OA": "Operations and Algebraic Thinking",
    "NBT": "Number and Operations in Base Ten",
    "NF": "Number and Operations: Fractions",
    "MD": "Measurement and Data",
    "G": "Geometry",
    "RP": "Ratios and Proportional Relationships",
    "NS": "The Number System",
    "EE": "Expressions and Equations",
    "F": "Functions",
    "SP": "Statistics and Probability",
    "MP": "Standards for Mathematical Practice",
    "HSN-RN": "The Real Number System",
    "HSN-Q": "Quantities",
    "HSN-CN": "The Complex Number System",
    "HSN-VM": "Vector and Matrix Quantities",
    "HSA-SSE": "Seeing Structure in Expressions",
    "HSA-APR": "Arithmetic with Polynomials and Rational Expressions",
    "HSA-CED": "Creating Equations",
    "HSA-REI": "Reasoning with Equations and Inequalities",
    "HSF-IF": "Interpreting Functions",
    "HSF-BF": "Building Functions",
    "HSF-LE": "Linear, Quadratic, and Exponential Models",
    "HSF-TF": "Trigonometric Functions",
    "HSG-CO": "Congruence",
    "HSG-SRT": "Similarity, Right Triangles, and Trigonometry",
    "HSG-C": "Circles",
    "HSG-GPE": "Expressing Geometric Properties with Equations",
    "HSG-GMD": "Geometric Measurement and Dimension",
    "HSG-MG": "Modeling with Geometry",
    "HSS-ID": "Interpreting Categorical and Quantitative Data",
    "HSS-IC": "Making Inferences and Justifying Conclusions",
    "HSS-CP": "Conditional Probability and the Rules of Probability",
    "HSS-MD": "Using Probability to Make Decisions",
}

# ELA cluster headings by strand and standard number (facts from the CCSS).
_READING = {1: "Key Ideas and Details", 2: "Key Ideas and Details", 3: "Key Ideas and Details",
            4: "Craft and Structure", 5: "Craft and Structure", 6: "Craft and Structure",
            7: "Integration of Knowledge and Ideas", 8: "Integration of Knowledge and Ideas",
            9: "Integration of Knowledge and Ideas",
            10: "Range of Reading and Level of Text Complexity"}
_WRITING = {1: "Text Types and Purposes", 2: "Text Types and Purposes",
            3: "Text Types and Purposes", 4: "Production and Distribution of Writing",
            5: "Production and Distribution of Writing", 6: "Production and Distribution of Writing",
            7: "Research to Build and Present Knowledge", 8: "Research to Build and Present Knowledge",
            9: "Research to Build and Present Knowledge", 10: "Range of Writing"}
ELA_CLUSTERS: dict[str, dict[int, str]] = {
    "R": _READING, "RL": _READING, "RI": _READING, "RH": _READING, "RST": _READING,
    "W": _WRITING, "WHST": _WRITING,
    "RF": {1: "Print Concepts", 2: "Phonological Awareness", 3: "Phonics and Word Recognition",
           4: "Fluency"},
    "SL": {1: "Comprehension and Collaboration", 2: "Comprehension and Collaboration",
           3: "Comprehension and Collaboration", 4: "Presentation of Knowledge and Ideas",
           5: "Presentation of Knowledge and Ideas", 6: "Presentation of Knowledge and Ideas"},
    "L": {1: "Conventions of Standard English", 2: "Conventions of Standard English",
          3: "Knowledge of Language", 4: "Vocabulary Acquisition and Use",
          5: "Vocabulary Acquisition and Use", 6: "Vocabulary Acquisition and Use"},
}

# Titles of the eight Standards for Mathematical Practice (facts from the CCSS).
PRACTICES: dict[str, str] = {
    "MP1": "Make sense of problems and persevere in solving them",
    "MP2": "Reason abstractly and quantitatively",
    "MP3": "Construct viable arguments and critique the reasoning of others",
    "MP4": "Model with mathematics",
    "MP5": "Use appropriate tools strategically",
    "MP6": "Attend to precision",
    "MP7": "Look for and make use of structure",
    "MP8": "Look for and express regularity in repeated reasoning",
}

# Reading: Informational Text standards of grades 2-5 that the XML mirror lacks
# (its items stop at RI.2.6, RI.3.1, RI.4.4, RI.5.1/RI.5.3). Statements as
# published on corestandards.org (ELA-Literacy/RI/2..5); records built from
# these carry "origin": "supplement".
RI_SUPPLEMENT: dict[str, str] = {
    "RI.2.7": "Explain how specific images (e.g., a diagram showing how a machine works) "
    "contribute to and clarify a text.",
    "RI.2.8": "Describe how reasons support specific points the author makes in a text.",
    "RI.2.9": "Compare and contrast the most important points presented by two texts on the "
    "same topic.",
    "RI.2.10": "By the end of year, read and comprehend informational texts, including "
    "history/social studies, science, and technical texts, in the grades 2-3 text complexity "
    "band proficiently, with scaffolding as needed at the high end of the range.",
    "RI.3.2": "Determine the main idea of a text; recount the key details and explain how "
    "they support the main idea.",
    "RI.3.3": "Describe the relationship between a series of historical events, scientific "
    "ideas or concepts, or steps in technical procedures in a text, using language that "
    "pertains to time, sequence, and cause/effect.",
    "RI.3.4": "Determine the meaning of general academic and domain-specific words and "
    "phrases in a text relevant to a grade 3 topic or subject area.",
    "RI.3.5": "Use text features and search tools (e.g., key words, sidebars, hyperlinks) to "
    "locate information relevant to a given topic efficiently.",
    "RI.3.6": "Distinguish their own point of view from that of the author of a text.",
    "RI.3.7": "Use information gained from illustrations (e.g., maps, photographs) and the "
    "words in a text to demonstrate understanding of the text (e.g., where, when, why, and "
    "how key events occur).",
    "RI.3.8": "Describe the logical connection between particular sentences and paragraphs "
    "in a text (e.g., comparison, cause/effect, first/second/third in a sequence).",
    "RI.3.9": "Compare and contrast the most important points and key details presented in "
    "two texts on the same topic.",
    "RI.3.10": "By the end of the year, read and comprehend informational texts, including "
    "history/social studies, science, and technical texts, at the high end of the grades 2-3 "
    "text complexity band independently and proficiently.",
    "RI.4.1": "Refer to details and examples in a text when explaining what the text says "
    "explicitly and when drawing inferences from the text.",
    "RI.4.2": "Determine the main idea of a text and explain how it is supported by key "
    "details; summarize the text.",
    "RI.4.3": "Explain events, procedures, ideas, or concepts in a historical, scientific, or "
    "technical text, including what happened and why, based on specific information in the "
    "text.",
    "RI.4.5": "Describe the overall structure (e.g., chronology, comparison, cause/effect, "
    "problem/solution) of events, ideas, concepts, or information in a text or part of a "
    "text.",
    "RI.4.6": "Compare and contrast a firsthand and secondhand account of the same event or "
    "topic; describe the differences in focus and the information provided.",
    "RI.4.7": "Interpret information presented visually, orally, or quantitatively (e.g., in "
    "charts, graphs, diagrams, time lines, animations, or interactive elements on Web pages) "
    "and explain how the information contributes to an understanding of the text in which it "
    "appears.",
    "RI.4.8": "Explain how an author uses reasons and evidence to support particular points "
    "in a text.",
    "RI.4.9": "Integrate information from two texts on the same topic in order to write or "
    "speak about the subject knowledgeably.",
    "RI.4.10": "By the end of year, read and comprehend informational texts, including "
    "history/social studies, science, and technical texts, in the grades 4-5 text complexity "
    "band proficiently, with scaffolding as needed at the high end of the range.",
    "RI.5.2": "Determine two or more main ideas of a text and explain how they are supported "
    "by key details; summarize the text.",
    "RI.5.4": "Determine the meaning of general academic and domain-specific words and "
    "phrases in a text relevant to a grade 5 topic or subject area.",
    "RI.5.5": "Compare and contrast the overall structure (e.g., chronology, comparison, "
    "cause/effect, problem/solution) of events, ideas, concepts, or information in two or "
    "more texts.",
    "RI.5.6": "Analyze multiple accounts of the same event or topic, noting important "
    "similarities and differences in the point of view they represent.",
    "RI.5.7": "Draw on information from multiple print or digital sources, demonstrating the "
    "ability to locate an answer to a question quickly or to solve a problem efficiently.",
    "RI.5.8": "Explain how an author uses reasons and evidence to support particular points "
    "in a text, identifying which reasons and evidence support which point(s).",
    "RI.5.9": "Integrate information from several texts on the same topic in order to write "
    "or speak about the subject knowledgeably.",
    "RI.5.10": "By the end of the year, read and comprehend informational texts, including "
    "history/social studies, science, and technical texts, at the high end of the grades 4-5 "
    "text complexity band independently and proficiently.",
}

_TAG = re.compile(r"<(/?)(\w+)[^>]*>")
_SPACE = re.compile(r"\s+")
_NUM_LETTER = re.compile(r"^(\d+)([a-z])$")


def clean_statement(raw: str) -> str:
    """Strip the HTML of a statement and normalise its whitespace."""

    def tag(m: re.Match[str]) -> str:
        closing, name = m.group(1), m.group(2).lower()
        if name == "sup" and not closing:
            return "^"
        if name in {"p", "br", "h1", "h2", "h3", "h4", "li"}:
            return " "
        return ""

    text = html.unescape(_TAG.sub(tag, raw))
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def normalise(raw_code: str) -> str:
    """Upper-case dotted form of an official code (``RF.1.3b`` -> ``RF.1.3.B``)."""
    parts = raw_code.split(".")
    m = _NUM_LETTER.match(parts[-1])
    if m:
        parts[-1:] = [m.group(1), m.group(2)]
    return ".".join(parts).upper()


def _grade_label(grades: list[str]) -> str:
    """Short grade label: ``03`` -> ``3``, ``09..12`` -> ``9-12``."""
    nums = ["K" if g == "K" else str(int(g)) for g in grades]
    return nums[0] if len(nums) == 1 else f"{nums[0]}-{nums[-1]}"


def describe(raw_code: str, subject: str) -> dict[str, Any]:
    """Domain, cluster and parent of one official code."""
    code = normalise(raw_code)
    is_sub = bool(_NUM_LETTER.match(raw_code.split(".")[-1]))
    parent_std = code.rsplit(".", 1)[0] if is_sub else None
    if subject == "ela":
        rest = raw_code.split(".", 2)[2]  # e.g. RF.3.4, CCRA.R.1, RH.6-8.2a
        bits = rest.split(".")
        if bits[0] == "CCRA":
            domain, strand = f"CCRA.{bits[1]}", bits[1]
        else:
            domain, strand = bits[0], bits[0]
        number = int(re.match(r"\d+", bits[-1]).group(0))  # type: ignore[union-attr]
        cluster = ELA_CLUSTERS.get(strand, {}).get(number, "")
        group = "CCSS.ELA-LITERACY." + ".".join(bits[:2]).upper()
    else:
        rest = re.sub(r"^CCSS\.Math\.(Content|Practice)\.", "", raw_code)
        bits = rest.split(".")
        if bits[0].startswith("MP"):
            domain, cluster, group = "MP", PRACTICES.get(bits[0], ""), None
        else:
            domain = bits[0] if bits[0].startswith("HS") else bits[1]
            cluster_bits = bits[:2] if bits[0].startswith("HS") else bits[:3]
            cluster = ".".join(cluster_bits)
            group = "CCSS.MATH.CONTENT." + cluster.upper()
    return {
        "code": code,
        "domain": domain,
        "domain_name": DOMAIN_NAMES.get(domain, ""),
        "cluster": cluster,
        "parent": parent_std or group,
    }


def read_items(path: Path, subject: str) -> Iterator[dict[str, Any]]:
    """Yield one record per coded item of one XML file, in source order."""
    root = ET.parse(path).getroot()
    for item in root.iter("LearningStandardItem"):
        raw_code = (item.findtext("StatementCodes/StatementCode") or "").strip()
        if not raw_code:
            continue  # placeholders such as "W.K.4 begins in grade 3"
        statement = clean_statement(item.findtext("Statements/Statement") or "")
        grades = [g.text.strip() for g in item.findall("GradeLevels/GradeLevel") if g.text]
        yield _record(raw_code, subject, grades, statement, "xml")


def _record(raw_code: str, subject: str, grades: list[str], statement: str,
            origin: str) -> dict[str, Any]:
    rec: dict[str, Any] = {"code": "", "raw_code": raw_code, "subject": subject,
                           "grades": grades, "grade": _grade_label(grades) if grades else ""}
    rec.update(describe(raw_code, subject))
    rec["statement"] = statement
    rec["origin"] = origin
    return rec


def supplement_items() -> Iterator[dict[str, Any]]:
    """Records of the RI standards missing from the XML (see RI_SUPPLEMENT)."""
    for short, statement in RI_SUPPLEMENT.items():
        grade = short.split(".")[1]
        yield _record(f"CCSS.ELA-Literacy.{short}", "ela", [f"{int(grade):02d}"], statement,
                      "supplement")


def convert(src: Path) -> list[dict[str, Any]]:
    """Read ``ela.xml`` and ``math.xml`` under ``src`` into de-duplicated records."""
    out: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for name, subject in (("ela.xml", "ela"), ("math.xml", "math")):
        items = read_items(src / name, subject)
        if subject == "ela":
            items = itertools.chain(items, supplement_items())
        for rec in items:
            prev = seen.get(rec["code"])
            if prev is not None:
                if prev["statement"] != rec["statement"]:
                    log.warning("conflicting duplicate %s kept first", rec["code"])
                continue
            seen[rec["code"]] = rec
            out.append(rec)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder with ela.xml, math.xml")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for name in ("ela.xml", "math.xml"):
        if not (args.src / name).is_file():
            log.error("missing %s in %s", name, args.src)
            return 2
    records = convert(args.src)
    keys = ("code", "raw_code", "subject", "grades", "grade", "domain", "domain_name",
            "cluster", "statement", "parent", "origin")
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(json.dumps({k: rec[k] for k in keys}, ensure_ascii=False) + "\n" for rec in records)
    log.info("wrote %d standards to %s", len(records), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
