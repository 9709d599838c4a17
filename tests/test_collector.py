"""The garbage collector is held off while a large library is listed, whatever other threads do."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from brief.core import collector


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    """Each test starts and ends with the collector on."""
    gc.enable()
    yield
    collector.resume()
    gc.enable()


def test_a_held_block_turns_the_collector_off_and_back_on() -> None:
    with collector.held():
        assert not gc.isenabled()
        with collector.held():  # nested: still off when the inner block ends
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_start_up_resuming_in_another_thread_waits_for_the_held_block() -> None:
    collector.pause()  # as `brief` does until its first frame
    with collector.held():  # the pack being listed in a worker
        drawn = threading.Thread(target=collector.resume)  # the first frame, meanwhile
        drawn.start()
        drawn.join()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_a_held_block_made_is_out_of_the_collectors_sight() -> None:
    before = gc.get_freeze_count()
    with collector.held():
        made = [[index] for index in range(1000)]
    assert gc.get_freeze_count() >= before + len(made)


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    with collector.held():
        pass
    assert not gc.isenabled()


def test_work_that_makes_garbage_runs_with_the_collector_inside_a_hold() -> None:
    with collector.held():
        with collector.running():
            assert gc.isenabled()
        assert not gc.isenabled()
    with collector.running():  # outside any hold: as it is
        assert gc.isenabled()
