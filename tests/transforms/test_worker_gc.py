"""The steps' setup raises the young generation's GC threshold, and never lowers one set higher or turns it on."""

import gc

import pytest

from transforms.sentences import SplitSentencesFn
from transforms.worker_gc import YOUNG_GENERATION_THRESHOLD, collect_young_objects_less_often


@pytest.fixture(autouse=True)
def restore_thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_the_default_pace_is_slowed_for_the_young_generation_only():
    gc.set_threshold(700, 10, 10)
    collect_young_objects_less_often()
    assert gc.get_threshold() == (YOUNG_GENERATION_THRESHOLD, 10, 10)
    collect_young_objects_less_often()  # a second step's setup changes nothing more
    assert gc.get_threshold() == (YOUNG_GENERATION_THRESHOLD, 10, 10)


@pytest.mark.parametrize("young", [0, YOUNG_GENERATION_THRESHOLD * 5])
def test_a_users_choice_stands(young):
    gc.set_threshold(young, 20, 30)
    collect_young_objects_less_often()
    assert gc.get_threshold() == (young, 20, 30)


def test_a_step_sets_the_pace_when_its_worker_sets_it_up():
    gc.set_threshold(700, 10, 10)
    SplitSentencesFn().setup()
    assert gc.get_threshold()[0] == YOUNG_GENERATION_THRESHOLD
