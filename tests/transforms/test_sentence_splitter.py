"""sentence_splitter.split: boundaries, abbreviations, numbers, scripts, lists and exact trimmed spans."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.sentence_splitter import split

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN_FIXTURE = REPO_ROOT / "tests" / "fixtures" / "sbd" / "golden_rules.jsonl"
GOLDEN_SHARED = REPO_ROOT.parent / "shared" / "data" / "sbd" / "golden_rules.jsonl"


def sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Spanish: titles, "p. m.", "EE. UU.", "etc.", numbers with both decimal conventions
        ("es", "El Sr. García llegó a las 5 p. m. con la Dra. Ruiz. Luego se fueron.",
         ["El Sr. García llegó a las 5 p. m. con la Dra. Ruiz.", "Luego se fueron."]),
        ("es", "Viajó a EE. UU. en marzo. Allí vendió 1.5 millones de copias, un 3,5 % más.",
         ["Viajó a EE. UU. en marzo.", "Allí vendió 1.5 millones de copias, un 3,5 % más."]),
        ("es", "Trajo frutas, verduras, etc. Después cocinó.", ["Trajo frutas, verduras, etc.", "Después cocinó."]),
        ("es", "Llegó a las 9 a. m. El presidente habló después.",
         ["Llegó a las 9 a. m.", "El presidente habló después."]),
        ("es", "La versión v2.0 salió el 12.03.2024 a las 10:30. Funciona bien.",
         ["La versión v2.0 salió el 12.03.2024 a las 10:30.", "Funciona bien."]),
        # English: titles, U.S., numbers after abbreviations, initials, ellipsis inside a sentence
        ("en", "Mr. Smith met Dr. Jones in the U.S. last year. They talked.",
         ["Mr. Smith met Dr. Jones in the U.S. last year.", "They talked."]),
        ("en", "See No. 5 and p. 55 for details. It is there.", ["See No. 5 and p. 55 for details.", "It is there."]),
        ("en", "J. K. Rowling wrote it. She is British.", ["J. K. Rowling wrote it.", "She is British."]),
        ("en", "He waited... and waited. Then he left.", ["He waited... and waited.", "Then he left."]),
        ("en", "I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
        # French, German, Portuguese, Italian
        ("fr", "M. Dupont est arrivé. Il a vu Mme Martin à 14 h. Elle partait.",
         ["M. Dupont est arrivé.", "Il a vu Mme Martin à 14 h.", "Elle partait."]),
        ("fr", "Le taux est de 3,5 %. La hausse continue.", ["Le taux est de 3,5 %.", "La hausse continue."]),
        ("de", "Das ist z. B. ein Test, vgl. Abs. 3. Wir treffen uns am 12. Juni in Berlin.",
         ["Das ist z. B. ein Test, vgl. Abs. 3.", "Wir treffen uns am 12. Juni in Berlin."]),
        ("de", "Er wurde am 3. Oktober gewählt. Dr. Müller gratulierte.",
         ["Er wurde am 3. Oktober gewählt.", "Dr. Müller gratulierte."]),
        ("pt", "O Sr. Silva e a Dra. Costa chegaram. Eles vieram de São Paulo.",
         ["O Sr. Silva e a Dra. Costa chegaram.", "Eles vieram de São Paulo."]),
        ("pt", "Pagou R$ 1.500,00 pelo art. 5 da lei. Ficou satisfeito.",
         ["Pagou R$ 1.500,00 pelo art. 5 da lei.", "Ficou satisfeito."]),
        ("it", "Il Sig. Rossi e il dott. Bianchi sono arrivati. Poi sono partiti.",
         ["Il Sig. Rossi e il dott. Bianchi sono arrivati.", "Poi sono partiti."]),
        ("it", "La casa costa 170.500.000,00€! Molto cara.", ["La casa costa 170.500.000,00€!", "Molto cara."]),
    ],
)
def test_abbreviations_and_numbers_do_not_end_sentences(lang, text, expected):
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", 'He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("en", 'She turned to him, "This is great." she said.', ['She turned to him, "This is great." she said.']),
        ("de", "Sie sagte: „Und auch keine Lust.“ Wir gingen.", ["Sie sagte: „Und auch keine Lust.“", "Wir gingen."]),
        ("sk", "„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič.",
         ["„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič."]),
        ("es", "«Nadie está exento.», dijo Aristóteles. Fin.", ["«Nadie está exento.», dijo Aristóteles.", "Fin."]),
        ("es", "¿Cómo está hoy? ¡Muy bien! Gracias.", ["¿Cómo está hoy?", "¡Muy bien!", "Gracias."]),
    ],
)
def test_quotes_and_brackets_after_terminators(lang, text, expected):
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("zh", "你好。今天天气很好！我们走吧。", ["你好。", "今天天气很好！", "我们走吧。"]),
        ("zh", "我们明天一起去看《摔跤吧！爸爸》好吗？好！", ["我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"]),
        ("ja", "これはペンです。それは何ですか？", ["これはペンです。", "それは何ですか？"]),
        ("ar", "ماذا حدث بعد الانتخابات؟ طرح الكثير من الأسئلة.",
         ["ماذا حدث بعد الانتخابات؟", "طرح الكثير من الأسئلة."]),
        ("ur", "کیا حال ہے؟ ميرا نام ___ ەے۔ میں ٹھیک ہوں۔", ["کیا حال ہے؟", "ميرا نام ___ ەے۔", "میں ٹھیک ہوں۔"]),
        ("hi", "इसे कोई नहीं जानता। हो सकता है।", ["इसे कोई नहीं जानता।", "हो सकता है।"]),
        ("hy", "Ի՞նչ ես մտածում: Ոչինչ:", ["Ի՞նչ ես մտածում:", "Ոչինչ:"]),
        ("am", "እንደምን አለህ፧መልካም ቀን ይሁንልህ።", ["እንደምን አለህ፧", "መልካም ቀን ይሁንልህ።"]),
        ("el", "πού είναι οι τουαλέτες; Τις Κυριακές.", ["πού είναι οι τουαλέτες;", "Τις Κυριακές."]),
        ("my", "ခင္ဗ်ားနာမည္ဘယ္လိုေခၚလဲ။၇ွင္ေနေကာင္းလား။", ["ခင္ဗ်ားနာမည္ဘယ္လိုေခၚလဲ။", "၇ွင္ေနေကာင္းလား။"]),
    ],
)
def test_scripts_and_their_terminators(lang, text, expected):
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        ("1) The first item. 2) The second item.", ["1) The first item.", "2) The second item."]),
        ("• 9. The first item • 10. The second item", ["• 9. The first item", "• 10. The second item"]),
        ("a. The first item b. The second item", ["a. The first item", "b. The second item"]),
        # a lone number before a period is a sentence end, not a list
        ("The score was 3. The team lost.", ["The score was 3.", "The team lost."]),
    ],
)
def test_numbered_and_lettered_lists(text, expected):
    assert sentences(text, "en") == expected


def test_line_breaks_end_headlines_but_not_soft_wrapped_lines():
    text = "Kim arrives in Russia\nThe leader travelled by train. It took a day.\n\nA second paragraph\nwrapped here."
    assert sentences(text, "en") == [
        "Kim arrives in Russia",
        "The leader travelled by train.",
        "It took a day.",
        "A second paragraph\nwrapped here.",
    ]


def test_unknown_languages_use_the_generic_rules():
    assert sentences("Dr. Foo ate. Bar left! Baz?", "xx") == ["Dr. Foo ate.", "Bar left!", "Baz?"]
    assert sentences("Dr. Foo ate. Bar left.", "pt-BR") == ["Dr. Foo ate.", "Bar left."]


def test_empty_and_blank_texts_have_no_sentences():
    assert split("", "en") == []
    assert split("  \n\n\t ", "en") == []


text_pieces = st.sampled_from(
    ["Mr.", "Dr.", "U.S.", "p. m.", "etc.", "1.5", "3.", "a.", "1)", "•", "...", ". . .", "!", "?", "。", "؟", "«", "»",
     '"', "„", "“", "(", ")", "Hello", "world", "El", "la", "\n", "\n\n", " ", "  ", "\t", "x", "Ünïcode", "你好"]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(text_pieces, max_size=40), lang=st.sampled_from(["en", "es", "de", "zh", "ar", "xx"]))
def test_spans_are_ordered_disjoint_trimmed_and_cover_every_non_space_character(pieces, lang):
    text = " ".join(pieces)
    spans = split(text, lang)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert not text[previous_end:start].strip()  # nothing but whitespace between sentences
        previous_end = end
    assert not text[previous_end:].strip()


def load_golden(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_golden_rules_pass_rate_is_at_least_95_percent():
    cases = load_golden(GOLDEN_FIXTURE)
    passed = sum(sentences(case["text"], case["lang"]) == case["expected"] for case in cases)
    # pySBD passes 98.8% of these, sentencex 87.8%; the failures left are listed by
    # benchmarks/eval_sentence_splitter.py.
    assert passed / len(cases) >= 0.95, f"{passed}/{len(cases)}"


@pytest.mark.skipif(not GOLDEN_SHARED.exists(), reason="needs ../shared/data (not in a user's clone)")
def test_golden_fixture_is_the_shared_reference_file():
    assert GOLDEN_FIXTURE.read_bytes() == GOLDEN_SHARED.read_bytes()
