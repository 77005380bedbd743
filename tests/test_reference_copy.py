"""The reference minutes kept in tests/reference/ are the shared reference, word for word."""

from __future__ import annotations

import pytest
from conftest import KEPT_REFERENCE, SHARED_REFERENCE


def test_the_kept_copy_is_the_shared_reference():
    if not SHARED_REFERENCE.exists():
        pytest.skip("no shared reference beside the project on this machine")
    assert KEPT_REFERENCE.read_bytes() == SHARED_REFERENCE.read_bytes()
