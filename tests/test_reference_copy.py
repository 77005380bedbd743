"""The reference kept in docs/reference/ is the shared reference, word for word.

The code and tests cite docs/reference/ (the referat, FORMAT.md, WORDING.md), so a reader
of the repository alone finds what a comment refers to.
"""

from __future__ import annotations

import pytest
from conftest import KEPT_REFERENCE_DIR, SHARED_REFERENCE_DIR

KEPT = ["referat-diu-2025-11-20.txt", "FORMAT.md", "WORDING.md"]


@pytest.mark.parametrize("name", KEPT)
def test_the_kept_copy_is_the_shared_reference(name):
    shared = SHARED_REFERENCE_DIR / name
    if not shared.exists():
        pytest.skip(f"no shared {name} beside the project on this machine")
    assert (KEPT_REFERENCE_DIR / name).read_bytes() == shared.read_bytes()
