"""Shared fixtures. Tests run offline: no code path may reach a model hub."""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
