"""A stand-in for Beam's runtime state, to call stateful DoFns' process() directly in unit tests."""

from __future__ import annotations


class FakeState:
    def __init__(self) -> None:
        self.value = None

    def read(self):
        return self.value

    def write(self, value) -> None:
        self.value = value

    def clear(self) -> None:
        self.value = None
