from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy
from postgres import cluster

import sar_forms

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "udon2-1.2.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", help="rewrite tests/golden/ from this run's output")


def pytest_configure(config: pytest.Config) -> None:
    """Prepared templates are kept in a folder of the run's own (the processes the tests start
    inherit it), never in the user's cache (sar_forms.ooxml.prepared)."""
    os.environ["SAR_FORMS_CACHE"] = tempfile.mkdtemp(prefix="sar-forms-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop("SAR_FORMS_CACHE", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def sample() -> sar_forms.Assessment:
    return sar_forms.load_assessment(SAMPLE)


@pytest.fixture(scope="session")
def sample_docx(sample: sar_forms.Assessment, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sar_forms.render_docx(sample, tmp_path_factory.mktemp("docx") / "sample.docx")


@pytest.fixture
def sample_data() -> dict:
    """The sample as plain data, for tests that change a field."""
    from sar_forms.inputs.sources import read_yaml

    return read_yaml(SAMPLE)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice must be installed: scripts/run installs it; tests never skip for it."""
    path = shutil.which("soffice")
    assert path, "LibreOffice is missing: run the tests through scripts/run, which installs it"
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database of the session's own (scripts/run installs PostgreSQL; never skipped)."""
    with cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each test that takes it runs on the embedded SQLite store and on PostgreSQL (a fresh schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workspace.sqlite3'}"
        return
    yield fresh_schema(request.getfixturevalue("postgres_url"))


def fresh_schema(url: str) -> str:
    """The PostgreSQL database at ``url`` emptied (its schema dropped and made again); the URL."""
    engine = sqlalchemy.create_engine("postgresql+psycopg://" + url.split("://", 1)[1])
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()
    return url
