"""CjkEntityFinder: Chinese persons after titles, organisations and events by suffix, works in 《》."""

import pytest

from transforms.tagging.cjk_entities import CjkEntityFinder
from transforms.tagging.config import load_tagging_config


@pytest.fixture(scope="module")
def finder():
    return CjkEntityFinder(load_tagging_config().entities["cjk"])


def found(finder, text):
    return sorted((e.text, e.type) for e in finder.find(text, ["zh"]) if text[e.start : e.end] == e.text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title before a name; the name ends at a verb or particle.
        ("外交部发言人毛宁表示，中方反对制裁。", [("外交部", "ORG"), ("毛宁", "PER")]),
        ("總統賴清德在總統府接見訪問團。", [("賴清德", "PER")]),  # '總統府' is a building, not a name
        # Organisations reach back from their suffix to a boundary, country names included.
        ("俄罗斯国防部称，俄军控制了两个村庄。", [("俄罗斯国防部", "ORG")]),
        ("华为技术有限公司发布新手机。", [("华为技术有限公司", "ORG")]),
        # A suffix that is part of another word is no suffix: '部长' is a title, '部分' a word.
        ("部分地区降雨。", []),
        # Events by suffix, holidays by name, works in book-title marks.
        ("上海队夺得本赛季中超联赛冠军。", [("上海队", "ORG"), ("中超联赛", "MISC")]),
        ("春节假期出游人数创新高。", [("春节", "MISC")]),
        ("动画电影《哪吒之魔童闹海》票房突破纪录。", [("哪吒之魔童闹海", "MISC")]),
    ],
)
def test_chinese_substring_rules(finder, text, expected):
    assert found(finder, text) == sorted(expected)


def test_other_languages_are_left_alone(finder):
    assert finder.find("外交部发言人毛宁表示", ["en"]) == []
