"""Fragment lists for composed goals. Markup as in markup.py; {n}-style slots are
filled by composer.py. Codes are short forms expanded by ccss.expand; ``{g}`` is
the grade (K-8) or the high-school band (9-10, 11-12)."""

from __future__ import annotations

ALL_GRADES = ["PK", "K"] + [str(g) for g in range(1, 13)] + ["18-21"]


def G(spec: str) -> list[str]:
    """Grades of a range spec like ``"K-2"``, ``"3-5,9"`` or ``"9-21"`` (21 = 18-21)."""
    out: list[str] = []
    order = ALL_GRADES
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        hi = hi or lo
        lo = "18-21" if lo == "21" else lo
        hi = "18-21" if hi == "21" else hi
        out += order[order.index(lo): order.index(hi) + 1]
    return out


NAMES: list[tuple[str, str]] = [
    ("Maya", "her"), ("Jayden", "his"), ("Sofia", "her"), ("Mateo", "his"), ("Nguyen", "his"),
    ("Linh", "her"), ("Ahmed", "his"), ("Fatima", "her"), ("Hodan", "her"), ("Abdirahman", "his"),
    ("Mai Yer", "her"), ("Tou", "his"), ("Xiong", "his"), ("Valentina", "her"), ("Santiago", "his"),
    ("Guadalupe", "her"), ("José", "his"), ("Ximena", "her"), ("Aaliyah", "her"), ("DeShawn", "his"),
    ("Liam", "his"), ("Emma", "her"), ("Olivia", "her"), ("Noah", "his"), ("Bao", "his"),
    ("Thuy", "her"), ("Minh", "his"), ("Yusuf", "his"), ("Layla", "her"), ("Omar", "his"),
    ("Amina", "her"), ("Ifrah", "her"), ("Mohamed", "his"), ("Pa Nhia", "her"), ("Kou", "his"),
    ("Chloe", "her"), ("Ethan", "his"), ("Priya", "her"), ("Arjun", "his"), ("Wei", "his"),
    ("Mei", "her"), ("Haruto", "his"), ("Yuna", "her"), ("Dmitri", "his"), ("Anastasia", "her"),
    ("Kwame", "his"), ("Ama", "her"), ("Chidi", "his"), ("Ngozi", "her"), ("Tala", "her"),
    ("Kai", "their"), ("River", "their"), ("Alex", "their"), ("Jordan", "their"), ("Sam", "their"),
    ("Camila", "her"), ("Diego", "his"), ("Luis", "his"), ("Ana", "her"), ("Isabella", "her"),
    ("Malik", "his"), ("Zainab", "her"), ("Hamza", "his"), ("Nadia", "her"), ("Tyrone", "his"),
    ("Keisha", "her"), ("Cody", "his"), ("Brianna", "her"), ("Hunter", "his"), ("Kaylee", "her"),
    ("Giovanni", "his"), ("Lucia", "her"), ("Sione", "his"), ("Leilani", "her"), ("Ayasha", "her"),
    ("Dakota", "their"), ("Ji-woo", "her"), ("Min-jun", "his"), ("Farah", "her"), ("Tenzin", "his"),
    ("Oksana", "her"), ("Mateus", "his"), ("Adriana", "her"), ("Kofi", "his"), ("Yaretzi", "her"),
]
GENERIC_LEARNERS: list[tuple[str, str]] = [
    ("The student", "their"), ("[Student]", "their"), ("[Student Name]", "their"),
    ("Student", "their"), ("He", "his"), ("She", "her"), ("They", "their"),
    ("the student", "their"), ("STUDENT", "their"), ("The learner", "their"),
]

TIMEFRAMES: list[str] = [
    "by June 2027", "by 5/15/27", "within 36 instructional weeks", "by the annual review",
    "by the end of the IEP period", "in 30 weeks", "by the end of the second trimester",
    "by May 2027", "by the end of the 2026-2027 school year", "within one calendar year",
    "by the next annual IEP review", "by March 12, 2027", "by the end of the third marking period",
    "by 06/01/2027", "within 32 school weeks", "by the end of the first semester",
    "by the end of grading period 4", "by 4/30/2027", "within the IEP year (2/2026-2/2027)",
    "by the end of this IEP", "in 36 weeks", "by January 2027", "by the end of the school year",
    "by the end of the 4th quarter", "within 12 months", "by the IEP annual date",
    "by the close of the IEP term", "by 12/18/26", "by Spring 2027", "by the end of 8th grade",
]
OBJ_TIMEFRAMES: list[str] = [
    "by the first progress report", "by November 2026", "within 9 weeks", "by the end of the first quarter",
    "by the end of the first trimester", "by 12/15/26", "within 18 weeks", "by the second reporting period",
    "by January 2027", "by the end of marking period 2", "by mid-year", "within 12 instructional weeks",
]
MEASUREMENTS: list[str] = [
    "as measured by teacher-charted data", "as measured by work samples", "as measured by running records",
    "as measured by observation data", "as measured by DIBELS probes", "as measured by AIMSweb probes",
    "per SLP data collection", "as documented by frequency counts", "as recorded on a data sheet",
    "based on curriculum-based measurement", "as measured by teacher observation and data sheets",
    "as shown in weekly progress-monitoring probes", "as measured by easyCBM probes",
    "as documented on a task analysis data sheet", "as measured by Acadience Reading probes",
    "according to teacher records", "as measured by biweekly probes", "per staff data collection",
    "as documented in the daily behavior log", "as measured by the classroom point sheet",
    "as measured by OT observation and checklist", "per PT data", "as evaluated by a teacher-made rubric",
    "as measured by informal assessments", "as measured by quarterly benchmark assessments",
    "as tracked on a progress-monitoring graph", "as reported on the job coach checklist",
]
VAGUE: dict[str, list[str]] = {
    # vague verb phrase -> slot kind: "topic" (followed by a noun phrase) or "verb" (followed by "to <verb>")
    "topic": ["improve", "develop", "work on", "increase", "gain", "strengthen", "build",
              "demonstrate an understanding of", "demonstrate knowledge of", "show growth in",
              "make progress in", "be aware of", "grasp", "understand", "enhance", "know"],
    "verb": ["learn", "try", "attempt", "begin", "remember how"],
}

# A skill: (grades, behavior verb(s), rest of the action, topic noun phrase, code template or None,
#           criterion pools, extra skill-specific criteria)
Skill = tuple[list[str], str, str, str, "str | None", tuple[str, ...], tuple[str, ...]]

SKILLS: dict[str, list[Skill]] = {
    "reading": [
        (G("K"), "name", "all 26 uppercase and lowercase letters", "letter identification", "RF.K.1.D", ("acc",), ("{R:52 of 52}",)),
        (G("PK"), "point to", "letters of the alphabet when named", "letter recognition", "RF.K.1.D", ("acc", "prompt"), ("{R:at least 15 letters}",)),
        (G("K"), "produce", "the most common sound for each consonant", "letter-sound knowledge", "RF.K.3.A", ("acc",), ("{R:for 18 of 21 consonants}",)),
        (G("K"), "identify", "rhyming word pairs", "rhyming", "RF.K.2.A", ("acc",), ()),
        (G("K"), "isolate and pronounce", "the initial, medial and final sounds in CVC words", "phonemic awareness", "RF.K.2.D", ("acc",), ()),
        (G("K"), "read", "high-frequency words by sight", "sight word reading", "RF.K.3.C", ("acc",), ("{R:at least 20 words}", "{R:30 of 40 words}")),
        (G("1"), "blend", "spoken sounds into single-syllable words", "phoneme blending", "RF.1.2.B", ("acc",), ()),
        (G("1"), "decode", "regularly spelled one-syllable words", "decoding", "RF.1.3.B", ("acc",), ("{R:18 of 20 words}",)),
        (G("2"), "decode", "words with common vowel teams", "vowel team decoding", "RF.2.3.B", ("acc",), ()),
        (G("3"), "identify", "the meaning of common prefixes and suffixes", "prefixes and suffixes", "RF.3.3.A", ("acc",), ()),
        (G("1-5"), "read aloud", "a {gl} passage", "reading fluency", "RF.{g}.4", ("fluency",), ()),
        (G("1-5"), "orally read", "{gl} text", "oral reading fluency", "RF.{g}.4", ("fluency",), ()),
        (G("1"), "retell", "a story including key details", "retelling", "RL.1.2", ("acc", "count"), ("{R:including at least 3 key details}",)),
        (G("K"), "answer", "questions about key details in a story", "comprehension", "RL.K.1", ("acc", "prompt"), ()),
        (G("2-3"), "describe", "the characters in a story", "character analysis", "RL.{g}.3", ("acc", "rubric"), ()),
        (G("4"), "describe in depth", "a character, setting, or event from a story", "story elements", "RL.4.3", ("acc", "rubric"), ()),
        (G("3-8"), "answer", "literal and inferential comprehension questions", "reading comprehension", "RL.{g}.1", ("acc",), ("{R:answering at least 4 of 5 questions}",)),
        (G("5"), "quote accurately", "from a text when explaining what it says", "citing text", "RL.5.1", ("acc", "rubric"), ()),
        (G("4-5"), "state", "the theme of a story", "identifying theme", "RL.{g}.2", ("acc",), ()),
        (G("6-8"), "determine", "the central idea of an informational text", "main idea", "RI.{g}.2", ("acc", "rubric"), ()),
        (G("2"), "identify", "the main topic of a multiparagraph text", "main idea", "RI.{g}.2", ("acc",), ()),
        (G("6-8"), "cite", "textual evidence to support an analysis of the text", "text evidence", "RI.{g}.1", ("acc", "rubric"), ("{R:citing at least 2 pieces of evidence}",)),
        (G("9-12"), "cite", "strong textual evidence from a grade-level article", "citing evidence", "RI.{g}.1", ("acc", "rubric"), ()),
        (G("9-12"), "determine and summarize", "the central idea of a nonfiction text", "central idea", "RI.{g}.2", ("rubric", "acc"), ()),
        (G("9-12"), "identify", "the theme of a literary text and explain how it develops", "theme", "RL.{g}.2", ("rubric", "acc"), ()),
        (G("4-5"), "use", "context clues to determine the meaning of unknown words", "vocabulary", "L.{g}.4.A", ("acc",), ()),
        (G("2-5"), "sequence", "the events of a story", "sequencing", "RL.{g}.5", ("acc",), ()),
        (G("3-12"), "read and answer", "comprehension questions about an instructional-level story", "reading comprehension", "RL.{g}.10", ("acc",), ()),
        (G("6-12"), "summarize", "a grade-level informational passage", "summarizing", "RI.{g}.2", ("rubric", "acc"), ("{R:including 3 key details}",)),
    ],
    "writing": [
        (G("K"), "write", "the letter for consonant and short-vowel sounds", "letter-sound writing", "L.K.2.C", ("acc",), ()),
        (G("K"), "capitalize", "the first word of a sentence and the pronoun I", "capitalization", "L.K.2.A", ("acc",), ()),
        (G("1"), "use", "end punctuation in written sentences", "punctuation", "L.1.2.B", ("acc",), ()),
        (G("1"), "write", "an opinion piece that names a topic and states an opinion", "opinion writing", "W.1.1", ("rubric",), ()),
        (G("2"), "write", "a narrative that recounts a short sequence of events", "narrative writing", "W.2.3", ("rubric", "count"), ("{R:containing at least 5 sentences}",)),
        (G("3"), "write", "an informative paragraph with a topic sentence and supporting facts", "paragraph writing", "W.3.2", ("rubric", "count"), ("{R:with at least 3 supporting details}",)),
        (G("3"), "produce", "simple, compound and complex sentences", "sentence writing", "L.3.1.I", ("acc",), ()),
        (G("3"), "spell", "high-frequency words", "spelling", "L.3.2.E", ("acc",), ("{R:18 of 20 words}",)),
        (G("5"), "spell", "grade-level words in written work", "spelling", "L.5.2.E", ("acc",), ()),
        (G("4-5"), "write", "an opinion essay supported by reasons", "opinion writing", "W.{g}.1", ("rubric",), ("{R:with at least 3 supporting reasons}",)),
        (G("6-8"), "write", "an informative essay on a content-area topic", "informative writing", "W.{g}.2", ("rubric",), ()),
        (G("7-8"), "compose", "an argument essay with a claim supported by evidence", "argument writing", "W.{g}.1", ("rubric",), ()),
        (G("9-12"), "write", "an argumentative essay on a substantive topic", "argument writing", "W.{g}.1", ("rubric",), ()),
        (G("9-12"), "edit", "a draft for capitalization, punctuation and spelling", "editing", "L.{g}.2", ("acc", "count"), ("{R:correcting at least 8 of 10 errors}",)),
        (G("2-5"), "edit", "sentences for capitalization and punctuation", "editing", "L.{g}.2", ("acc",), ()),
        (G("6-12"), "revise", "a written draft", "revising", "W.{g}.5", ("rubric",), ("{R:making at least 3 meaningful changes}",)),
        (G("K"), "draw, dictate and write", "about a topic", "informative writing", "W.K.2", ("prompt", "rubric"), ()),
        (G("PK"), "trace", "the letters of {pos} first name", "name writing", None, ("acc", "prompt"), ()),
        (G("K-1"), "write", "{pos} first and last name", "name writing", "L.{g}.2", ("acc",), ()),
        (G("2-12"), "type", "a paragraph", "keyboarding", None, ("count",), ("{R:at 15 words per minute}", "{R:at 20 words per minute with 90% accuracy}")),
        (G("3-12"), "complete", "a graphic organizer before writing", "planning", "W.{g}.5", ("acc", "prompt"), ()),
        (G("3-12"), "complete", "written assignments", "writing", None, ("acc", "freq"), ()),
    ],
    "math": [
        (G("PK"), "count", "objects", "counting", "K.CC.B.5", ("acc",), ("{R:up to 10 objects}",)),
        (G("K"), "count", "to 100 by ones and by tens", "rote counting", "K.CC.A.1", ("acc",), ()),
        (G("K"), "count", "objects to answer 'how many?' questions", "counting objects", "K.CC.B.5", ("acc",), ("{R:up to 20 objects}",)),
        (G("K"), "name", "shapes regardless of orientation or size", "shape identification", "K.G.A.2", ("acc",), ()),
        (G("K"), "add and subtract", "within 5", "addition and subtraction", "K.OA.A.5", ("acc", "speed"), ()),
        (G("1"), "add and subtract", "within 20", "addition and subtraction facts", "1.OA.C.6", ("acc", "speed"), ()),
        (G("1"), "read and write", "numerals to 120", "number sense", "1.NBT.A.1", ("acc",), ()),
        (G("1"), "tell", "time to the hour and half hour", "telling time", "1.MD.B.3", ("acc",), ()),
        (G("2"), "add and subtract", "within 100", "two-digit addition and subtraction", "2.NBT.B.5", ("acc",), ()),
        (G("2"), "tell and write", "time to the nearest five minutes", "telling time", "2.MD.C.7", ("acc",), ()),
        (G("2"), "solve", "word problems involving coins and bills", "money skills", "2.MD.C.8", ("acc",), ()),
        (G("3"), "multiply and divide", "within 100", "multiplication and division", "3.OA.C.7", ("acc", "speed"), ()),
        (G("3"), "add and subtract", "within 1000", "multi-digit computation", "3.NBT.A.2", ("acc",), ()),
        (G("3"), "tell and write", "time to the nearest minute", "telling time", "3.MD.A.1", ("acc",), ()),
        (G("3"), "identify", "unit fractions on a number line", "fractions", "3.NF.A.2.A", ("acc",), ()),
        (G("4"), "add and subtract", "multi-digit whole numbers using the standard algorithm", "computation", "4.NBT.B.4", ("acc",), ()),
        (G("4"), "multiply", "a four-digit number by a one-digit number", "multiplication", "4.NBT.B.5", ("acc",), ()),
        (G("4"), "add", "fractions with like denominators", "fractions", "4.NF.B.3", ("acc",), ()),
        (G("5"), "multiply", "multi-digit whole numbers using the standard algorithm", "multiplication", "5.NBT.B.5", ("acc",), ()),
        (G("5"), "add and subtract", "fractions with unlike denominators", "fractions", "5.NF.A.1", ("acc",), ()),
        (G("6"), "compute", "with multi-digit decimals", "decimal operations", "6.NS.B.3", ("acc",), ()),
        (G("6"), "solve", "unit rate problems", "ratios and rates", "6.RP.A.3", ("acc",), ()),
        (G("6"), "evaluate", "expressions with variables", "algebraic expressions", "6.EE.A.2", ("acc",), ()),
        (G("7"), "add and subtract", "positive and negative rational numbers", "integers", "7.NS.A.1", ("acc",), ()),
        (G("7"), "solve", "two-step equations from word problems", "equations", "7.EE.B.4", ("acc",), ()),
        (G("8"), "solve", "linear equations in one variable", "linear equations", "8.EE.C.7", ("acc",), ()),
        (G("9-12"), "solve", "linear equations and inequalities in one variable", "algebra", "HSA-REI.B.3", ("acc",), ()),
        (G("9-12"), "create", "dot plots and histograms from a data set", "data displays", "HSS-ID.A.1", ("acc", "rubric"), ()),
        (G("9-12"), "evaluate", "functions written in function notation", "functions", "HSF-IF.A.2", ("acc",), ()),
        (G("2-12"), "solve", "math problems", "math skills", None, ("acc",), ()),
        (G("3-12"), "complete", "math assignments", "math", None, ("acc", "freq"), ()),
    ],
    "communication": [
        (G("PK-2"), "produce", "/s/ in the initial position of words", "articulation", None, ("acc",), ()),
        (G("K-5"), "produce", "/r/ in all word positions in structured sentences", "articulation of /r/", None, ("acc",), ()),
        (G("1-8"), "produce", "/l/ blends at the conversation level", "speech sound production", None, ("acc",), ()),
        (G("PK-12,21"), "request", "preferred items using {pos} AAC device", "requesting", None, ("acc", "prompt", "freq"), ()),
        (G("PK-3"), "follow", "two-step directions", "following directions", None, ("acc", "prompt"), ()),
        (G("3-12"), "follow", "multi-step oral directions", "following directions", None, ("acc",), ()),
        (G("PK-K"), "label", "common objects and pictures", "expressive vocabulary", None, ("acc", "count"), ("{R:at least 25 objects}",)),
        (G("K-5"), "answer", "wh- questions about a short story read aloud", "answering questions", "SL.{g}.2", ("acc",), ()),
        (G("2-5"), "recount", "key details from a text read aloud", "listening comprehension", "SL.{g}.2", ("acc", "rubric"), ()),
        (G("1-5"), "use", "regular plural nouns in sentences", "grammar", None, ("acc",), ()),
        (G("K-8"), "use", "fluency-enhancing strategies during conversation", "fluency", None, ("acc", "freq"), ()),
        (G("K-2"), "take", "turns in a conversation", "conversation skills", "SL.{g}.1", ("count", "freq"), ("{R:for at least 4 exchanges}",)),
        (G("6-12"), "participate", "in a class discussion by contributing relevant comments", "discussion skills", "SL.{g}.1", ("freq", "count"), ("{R:at least 2 times per discussion}",)),
        (G("4-8"), "report", "on a topic in an organized manner", "oral presentation", "SL.{g}.4", ("rubric",), ()),
        (G("9-12"), "present", "information and evidence to the class", "oral presentation", "SL.{g}.4", ("rubric",), ()),
        (G("PK-12,21"), "initiate", "a greeting with a peer", "social communication", None, ("freq", "count"), ()),
        (G("K-12"), "define", "curriculum vocabulary words", "vocabulary", None, ("acc",), ()),
        (G("3-12"), "ask", "a clarifying question when a message is unclear", "clarification", None, ("freq", "prompt"), ()),
        (G("PK-2"), "combine", "3-4 words into utterances", "utterance length", None, ("freq", "count"), ()),
        (G("1-12,21"), "describe", "a picture using complete sentences", "expressive language", None, ("acc", "count"), ("{R:using at least 3 details}",)),
    ],
    "social_emotional": [
        (G("PK-12"), "use", "a calming strategy when frustrated", "self-regulation", None, ("freq", "prompt"), ()),
        (G("K-8"), "raise", "{pos} hand and wait to be called on", "classroom participation", None, ("freq",), ()),
        (G("K-12"), "request", "a break using a break card", "coping skills", None, ("freq", "prompt"), ()),
        (G("PK-5"), "share", "materials with peers", "sharing", None, ("freq",), ()),
        (G("K-12"), "remain", "in {pos} assigned area", "staying in area", None, ("duration", "freq"), ()),
        (G("1-12"), "identify", "{pos} emotions using a feelings chart", "emotional awareness", None, ("acc", "prompt"), ()),
        (G("3-12"), "begin", "assigned tasks within 2 minutes of a direction", "task initiation", None, ("freq",), ()),
        (G("PK-3"), "transition", "between activities", "transitions", None, ("freq", "prompt", "speed"), ()),
        (G("4-12"), "accept", "feedback from adults without arguing", "accepting feedback", None, ("freq",), ()),
        (G("K-12"), "follow", "adult directions", "compliance", None, ("freq", "speed"), ()),
        (G("6-12"), "self-monitor", "{pos} on-task behavior with a checklist", "self-monitoring", None, ("freq",), ()),
        (G("2-12"), "work", "cooperatively in a small group", "cooperation", None, ("duration", "freq"), ()),
        (G("K-12"), "stay", "on task during independent work", "attention", None, ("duration", "freq"), ()),
        (G("6-12,21"), "resolve", "conflicts with peers by using problem-solving steps", "conflict resolution", None, ("freq",), ()),
        (G("PK-2"), "play", "a structured game with a peer", "play skills", None, ("duration",), ()),
        (G("3-12"), "state", "a positive comment about a peer's work", "positive peer interactions", None, ("freq", "count"), ()),
    ],
    "motor": [
        (G("PK-1"), "cut", "along a 6-inch straight line", "cutting", None, ("acc",), ("{R:staying within 1/4 inch of the line}",)),
        (G("PK-K"), "use", "a tripod grasp on a pencil", "grasp", None, ("freq", "duration"), ()),
        (G("K-2"), "copy", "uppercase and lowercase letters", "handwriting", None, ("acc",), ("{R:with correct formation of 20 of 26 letters}",)),
        (G("1-5"), "write", "a sentence with correct spacing between words", "handwriting legibility", None, ("acc",), ()),
        (G("PK-2"), "catch", "an 8-inch ball tossed from 5 feet", "ball skills", None, ("acc",), ()),
        (G("K-5"), "hop", "on one foot", "balance", None, ("count",), ("{R:for 10 consecutive hops}",)),
        (G("PK-5"), "navigate", "the school hallway with {pos} walker", "mobility", None, ("speed", "prompt"), ()),
        (G("K-12"), "climb", "the stairs using alternating feet", "stair climbing", None, ("prompt", "freq"), ()),
        (G("PK-3"), "button", "three buttons on a shirt", "fasteners", None, ("speed", "acc"), ()),
        (G("3-12"), "type", "on a keyboard using both hands", "keyboarding", None, ("count",), ("{R:at 12 words per minute}",)),
        (G("PK-12,21"), "maintain", "an upright seated posture", "postural control", None, ("duration",), ()),
        (G("K-12"), "open", "containers in {pos} lunch", "hand strength", None, ("acc", "prompt"), ()),
        (G("2-12"), "write", "{pos} name legibly on the line", "handwriting", None, ("acc",), ()),
        (G("PK-5"), "jump", "forward with both feet together", "jumping", None, ("count",), ("{R:a distance of 24 inches}",)),
        (G("6-12,21"), "propel", "{pos} wheelchair between classes", "wheelchair mobility", None, ("speed", "prompt"), ()),
    ],
    "adaptive": [
        (G("PK-3"), "wash", "{pos} hands following a visual sequence", "hygiene", None, ("prompt", "acc"), ()),
        (G("PK-2"), "put on", "{pos} coat and zip it", "dressing", None, ("prompt", "speed"), ()),
        (G("K-12,21"), "follow", "{pos} visual schedule to move between activities", "independence", None, ("prompt", "freq"), ()),
        (G("4-12,21"), "prepare", "a simple snack", "cooking skills", None, ("prompt", "acc"), ()),
        (G("6-12,21"), "count", "coins and bills to pay for an item", "money skills", None, ("acc",), ()),
        (G("9-12,21"), "use", "a debit card to make a purchase", "community skills", None, ("acc", "prompt"), ()),
        (G("PK-K"), "use", "the toilet", "toileting", None, ("freq", "prompt"), ()),
        (G("K-5"), "unpack", "{pos} backpack and turn in homework", "morning routine", None, ("prompt", "freq"), ()),
        (G("6-12,21"), "state", "{pos} phone number and address", "personal information", None, ("acc",), ()),
        (G("9-12,21"), "ride", "the city bus to a familiar destination", "travel training", None, ("prompt", "acc"), ()),
        (G("K-12,21"), "brush", "{pos} teeth", "self-care", None, ("prompt",), ()),
        (G("6-12,21"), "sort", "laundry by color", "household skills", None, ("acc",), ()),
        (G("PK-5"), "eat", "lunch using a spoon and fork", "feeding", None, ("prompt", "freq"), ()),
        (G("9-12,21"), "complete", "a 10-step cleaning routine", "vocational routines", None, ("prompt", "acc"), ()),
        (G("4-12,21"), "read", "a digital clock to find when the next activity begins", "time management", None, ("acc",), ()),
        (G("9-12,21"), "locate", "items on a grocery list in a store", "shopping", None, ("acc", "prompt"), ()),
    ],
    "transition": [
        (G("8-12,21"), "identify", "three careers that match {pos} interests", "career awareness", None, ("acc", "count"), ()),
        (G("8-12,21"), "state", "{pos} disability and one accommodation that helps {pos} learn", "self-advocacy", None, ("acc", "prompt"), ()),
        (G("9-12,21"), "complete", "a job application", "job readiness", None, ("acc",), ("{R:filling 100% of required fields}",)),
        (G("9-12,21"), "request", "an accommodation from a teacher", "self-advocacy", None, ("freq",), ()),
        (G("10-12,21"), "participate", "in a mock job interview", "interview skills", None, ("rubric",), ()),
        (G("9-12,21"), "lead", "part of {pos} IEP meeting", "self-determination", None, ("prompt", "rubric"), ()),
        (G("10-12,21"), "arrive", "at {pos} work-based learning site on time", "work habits", None, ("freq",), ()),
        (G("11-12,21"), "research", "admission requirements for two postsecondary programs", "postsecondary planning", None, ("count", "rubric"), ()),
        (G("9-12,21"), "create", "a weekly budget", "financial literacy", None, ("acc",), ()),
        (G("10-12,21"), "complete", "assigned job tasks at a community work site", "vocational skills", None, ("prompt", "acc"), ()),
        (G("8-12"), "set", "a personal goal and track progress toward it", "goal setting", None, ("freq",), ()),
        (G("11-12,21"), "schedule", "{pos} own appointments using a phone calendar", "independent living", None, ("acc", "prompt"), ()),
    ],
}

CRITERIA: dict[str, list[str]] = {
    "acc": [
        "{R:with 80% accuracy}", "{R:with 90% accuracy in 4 out of 5 trials}", "{R:in 4 of 5 trials}",
        "{R:in 4/5 opportunities}", "{R:with at least 85% accuracy across 3 consecutive sessions}",
        "{R:with 90% accuracy across 3 consecutive {M:data probes}}", "{R:in 8 out of 10 opportunities}",
        "{R:on 3 of 4 consecutive {M:probes}}", "{R:with 75% accuracy on 4 consecutive weekly {M:probes}}",
        "{R:with 100% accuracy on 2 consecutive days}", "{R:with no more than 2 errors}",
        "{R:in 3 out of 4 trials}", "{R:with 70% accuracy}", "{R:at 80% or higher}", "{R:in 9 of 10 attempts}",
        "{R:with 4/5 accuracy}", "{R:at 85% accuracy over 3 data days}", "{R:in 80% of opportunities}",
    ],
    "fluency": [
        "{R:at {wcpm} words correct per minute}", "{R:at a rate of {wcpm} wcpm with 95% accuracy}",
        "{R:at {wcpm} wcpm on 3 consecutive {M:weekly probes}}", "{R:at {wcpm} correct words per minute with no more than 3 errors}",
        "{R:at {wcpm} WCPM}", "{R:with a median score of {wcpm} words correct per minute across 3 {M:probes}}",
    ],
    "rubric": [
        "{R:scoring 3 or higher on {M:the district writing rubric}}", "{R:earning a score of 3 out of 4 on {M:a teacher-made rubric}}",
        "{R:with a rubric score of at least 12/16}", "{R:a score of 3 on {M:the district rubric}}",
        "{R:scoring at least 80% on {M:a 5-point rubric}}", "{R:earning 4 of 5 points on {M:the class checklist}}",
    ],
    "prompt": [
        "{R:with no more than 1 verbal prompt}", "{R:with no more than 2 prompts}", "{R:given one visual cue or less}",
        "{R:with fading to gestural prompts only in 4 of 5 trials}", "{R:independently in 4 of 5 opportunities}",
        "{R:with no more than 2 adult reminders per session}", "{R:with minimal prompting (1 or fewer) on 3 consecutive days}",
    ],
    "duration": [
        "{R:for 10 minutes}", "{R:for at least 15 consecutive minutes}", "{R:for 20 minutes on 4 of 5 days}",
        "{R:for 5 minutes without adult redirection}", "{R:for the full 30-minute work period}",
    ],
    "freq": [
        "{R:on 4 of 5 school days}", "{R:in 80% of observed intervals}", "{R:at least 3 times per day}",
        "{R:in 4 out of 5 observed opportunities}", "{R:in 90% of opportunities across 2 weeks}",
        "{R:on 8 of 10 consecutive school days}", "{R:in 3 of 4 weekly observations}",
        "{R:at least 5 times during a school day}", "{R:during 85% of intervals across 5 days}",
    ],
    "speed": [
        "{R:within 2 minutes}", "{R:within 30 seconds of a direction}", "{R:in under 5 minutes}",
        "{R:within 60 seconds}", "{R:within 3 minutes in 4 of 5 trials}",
    ],
    "count": [
        "{R:at least 5 times per session}", "{R:on at least 3 occasions per week}", "{R:in 4 of 5 sessions}",
    ],
}
WCPM: dict[str, int] = {"1": 53, "2": 89, "3": 107, "4": 123, "5": 139}

CONDITIONS: dict[str, list[str]] = {
    "reading": ["given a {gl} passage", "when presented with a {gl} text", "given an instructional-level passage",
                "after listening to a short story", "using a graphic organizer",
                "when given a cold read", "during small-group reading instruction", "with a highlighter and guiding questions",
                "given a decodable text", "when reading independently", "given picture supports", "with text read aloud",
                "using a finger to track print", "when shown flash cards"],
    "writing": ["given a writing prompt", "using a graphic organizer", "given a sentence starter", "with access to a word bank",
                "using speech-to-text software", "given a {gl} prompt", "with a checklist", "given 15 minutes",
                "during journal time", "when given a picture prompt", "using a word processor", "with a model paragraph"],
    "math": ["using a number line", "given manipulatives", "given 20 mixed problems", "with a multiplication chart",
             "using a calculator", "given a worksheet of 10 two-digit problems", "when presented with real-world word problems",
             "given visual models", "using base-ten blocks", "during math centers", "given a {gl} assessment", "using a hundreds chart"],
    "communication": ["during structured therapy activities", "during classroom conversation", "given visual cues",
                      "using {pos} AAC device", "during snack time", "given a picture card", "in the speech room",
                      "during small-group instruction", "when presented with a model", "during unstructured time",
                      "across 2 school settings", "with a peer partner"],
    "social_emotional": ["during recess", "during unstructured time", "with a visual schedule", "given a token board",
                         "during whole-group instruction", "when presented with a non-preferred task", "during transitions",
                         "when upset", "given a social story", "in the general education classroom", "during lunch",
                         "with a visual timer", "during group work", "when given a verbal reminder"],
    "motor": ["using adaptive scissors", "given a slant board", "with a pencil grip", "in the gym", "during PE class",
              "on the playground", "with stand-by assistance", "given verbal cues", "using raised-line paper",
              "with hand-over-hand fading support", "during OT sessions", "in the classroom"],
    "adaptive": ["with a visual task analysis", "given a picture schedule", "in the school restroom", "in the cafeteria",
                 "with a checklist", "during community outings", "in the life skills kitchen", "given a timer",
                 "with verbal prompts", "at the school store", "during morning arrival", "using a picture recipe"],
    "transition": ["during career class", "given an interest inventory", "with a job coach present", "using an online search",
                   "during {pos} work experience", "at a community job site", "given a sample form", "during advisory",
                   "with a mentor", "during transition class", "using a planner", "in a mock interview setting"],
}

TOPIC_VAGUE_GENERAL: dict[str, list[str]] = {
    "reading": ["reading skills", "reading", "literacy skills", "{pos} reading level"],
    "writing": ["writing skills", "written expression", "{pos} writing"],
    "math": ["math skills", "math", "numeracy", "{pos} math level"],
    "communication": ["communication skills", "language skills", "speech"],
    "social_emotional": ["social skills", "behavior", "coping skills", "self-control"],
    "motor": ["fine motor skills", "gross motor skills", "motor skills", "coordination"],
    "adaptive": ["daily living skills", "self-help skills", "independence", "life skills"],
    "transition": ["transition skills", "job skills", "self-advocacy skills", "career awareness"],
}
BECOME: dict[str, list[str]] = {
    "reading": ["a more fluent reader", "a better reader", "a confident reader"],
    "writing": ["a stronger writer", "a more independent writer"],
    "math": ["more confident in math", "a stronger math student"],
    "communication": ["a more effective communicator", "easier to understand"],
    "social_emotional": ["more respectful", "a better friend", "more responsible"],
    "motor": ["more coordinated", "stronger"],
    "adaptive": ["more independent", "more self-sufficient"],
    "transition": ["more prepared for adult life", "career ready"],
}
# Deficit framings placed before the goal: {L}=learner name, {neg}=negative skill clause.
DEFICIT_PREFIX: list[str] = [
    "{L0} {D:cannot} {verb} {rest}. ",
    "{L0} {D:is unable to} {verb} {rest}. ",
    "Currently {L0} {D:fails to} {verb} {rest}. ",
    "{L0} {D:struggles with} {topic}. ",
    "{L0} {D:lacks} {topic} skills. ",
    "{L0} {D:does not know} how to {verb} {rest}. ",
    "Because {L0} {D:is low} in {topic}, ",
    "{L0} {D:can't} {verb} {rest} yet. ",
]
LABEL_DEFICITS: list[str] = ["is lazy", "is defiant", "is non-compliant", "is a behavior problem",
                             "is attention seeking", "is manipulative", "is low functioning", "refuses to work"]
# Social-emotional negative-only targets and their replacement behaviors.
NEGATIVES: list[tuple[str, str, str]] = [
    # (negative-only target marked, object for neutral "instead of" form, replacement marked)
    ("{D:will not} {B:hit} peers", "hitting peers", "{B:use} words to express frustration"),
    ("{D:will stop} {B:calling out} in class", "calling out", "{B:raise} {pos} hand to speak"),
    ("will {D:{B:reduce} tantrums}", "tantrums", "{B:request} a break"),
    ("{D:will not} {B:leave} the classroom without permission", "leaving the room", "{B:ask} for a pass"),
    ("will {D:{B:decrease} off-task behavior}", "off-task behavior", "{B:return} to work after one reminder"),
    ("will {D:{B:eliminate} verbal aggression}", "yelling at staff", "{B:state} {pos} need in a calm voice"),
    ("{D:will refrain from} {B:throwing} objects", "throwing objects", "{B:squeeze} a stress ball"),
    ("{D:will not} {B:run} in the hallway", "running in the hallway", "{B:walk} beside {pos} line partner"),
    ("will {D:{B:reduce} elopement}", "eloping", "{B:go} to the designated calm area"),
    ("{D:will stop} {B:arguing} with adults", "arguing with adults", "{B:accept} the direction and {B:ask} a question later"),
    ("{D:will not} {B:interrupt} peers", "interrupting", "{B:wait} for a pause before speaking"),
    ("will {D:{B:decrease} refusals}", "refusing tasks", "{B:choose} between two task options"),
]
NEG_CRITERIA: list[str] = ["{R:to 2 or fewer incidents per week}", "{R:to fewer than 3 times per day}",
                           "{R:in 4 of 5 school days}", "{R:on 90% of school days}", "{R:for 4 consecutive weeks}",
                           "{R:by 50% from baseline}", "{R:to zero incidents per day for 10 consecutive days}"]
