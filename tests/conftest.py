from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from letopis.models import Models
from letopis.pipeline import Pipeline
from letopis.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or a clean skip where this checkout has none beside it."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: tests that read the shared corpora are skipped")
    return SHARED


@pytest.fixture(scope="session")
def models() -> Models:
    return Models()


@pytest.fixture(scope="session")
def pipeline(models) -> Pipeline:
    return Pipeline(models)


@pytest.fixture(scope="session")
def seed(pipeline) -> Article:
    """The bundled seed article, processed by the full pipeline."""
    from letopis.ingest import read_path
    [article] = [a for a in read_path(ROOT / "samples" / "000_68c99dab9954aa43.txt")]
    return pipeline(article)


@pytest.fixture
def process(pipeline):
    """Run the whole pipeline over one Russian text."""
    def run(text: str, published: str | None = None, id: str = "t") -> Article:
        return pipeline(Article(id=id, text=text, published=published))
    return run


@pytest.fixture(scope="session")
def pristine_chronicle(tmp_path_factory, pipeline) -> tuple[Path, dict[str, str]]:
    """The API tests' chronicle (test_api.build_chronicle), built once a session and never changed:
    each module works on its own copy (`built`)."""
    from test_api import build_chronicle
    db = tmp_path_factory.mktemp("pristine") / "chronicle.duckdb"
    return db, build_chronicle(db, pipeline)


@pytest.fixture(scope="module")
def built(tmp_path_factory, pristine_chronicle) -> tuple[Path, dict[str, str]]:
    """This module's copy of the built chronicle, and its article ids by role."""
    db = tmp_path_factory.mktemp("chronicle") / "chronicle.duckdb"
    shutil.copy(pristine_chronicle[0], db)
    return db, dict(pristine_chronicle[1])


@pytest.fixture
def chronicle(built, tmp_path):
    """A copy of the built chronicle for one test to change, open."""
    from letopis.chronicle import Chronicle
    db = tmp_path / "chronicle.duckdb"
    shutil.copy(built[0], db)
    with Chronicle(db) as c:
        yield c


@pytest.fixture(scope="session")
def bomb(tmp_path_factory) -> Path:
    """A 1 MB .gz of Russian text that expands to 1 GiB, written a chunk at a time."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.txt.gz"
    chunk = "а".encode() * (512 * 1024)
    with gzip.open(path, "wb", compresslevel=9) as out:
        for _ in range(1024 ** 3 // len(chunk)):
            out.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    return path


@pytest.fixture(scope="session")
def ten_weeks_db(tmp_path_factory, pipeline) -> Path:
    """The made-up chronicle of ten weeks (tests/ten_weeks.py), built once through the pipeline;
    a test that serves it or writes to it works on a copy."""
    import ten_weeks
    db = tmp_path_factory.mktemp("ten-weeks") / "chronicle.duckdb"
    ten_weeks.build(db, pipeline)
    return db


@pytest.fixture
def news_site():
    """The fixture news sites on 127.0.0.1 (newssite.py); the slow page answers after 3 s."""
    from newssite import Site
    with Site(slow=3.0) as site:
        yield site


WIKIDATA_DUMP = ROOT / "tests" / "fixtures" / "wikidata" / "dump.json"


@pytest.fixture(scope="session")
def wikidata_kb(tmp_path_factory) -> Path:
    """The KB of the fixture Wikidata dump (tests/fixtures/wikidata/dump.json)."""
    from letopis.kb import wikidata
    path = tmp_path_factory.mktemp("kb") / "wikidata.sqlite"
    wikidata.build(WIKIDATA_DUMP, path)
    return path


@pytest.fixture(scope="session")
def nerel_kb(tmp_path_factory, shared, models) -> Path:
    """The default KB, as `make` builds it: NEREL's links in train and dev."""
    from letopis.kb import Writer, nerel
    path = tmp_path_factory.mktemp("kb") / "nerel.sqlite"
    folders = [shared / "data/nerel/train", shared / "data/nerel/dev"]
    with Writer(path, "nerel train dev") as writer:
        writer.add_all(nerel.entries(nerel.read_all(folders), models.gazetteer))
    return path
