"""Request bodies counted as they arrive: over the limit on the wire, or once a gzip
Content-Encoding is undone, a request gets a typed 413; a gzip bomb uploaded to a real
`letopis serve` is refused in bounded time and memory."""
from __future__ import annotations

import gzip
import json
import time
import zlib

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from letopis.web import create_app
from letopis.ingest.limits import MAX_EXPANDED_BYTES
from processes import peak_memory, serving

TEXT = "Президент Казахстана Касым-Жомарт Токаев 11 января назначил Алихана Смаилова премьер-министром."


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("limits") / "c.duckdb"
    with TestClient(create_app(db, pipeline=pipeline), raise_server_exceptions=False) as client:
        yield client


def _gzip_json(body: dict) -> bytes:
    return gzip.compress(json.dumps(body, ensure_ascii=False).encode("utf-8"))


def test_gzip_encoded_body_is_read(client):
    answer = client.post("/articles", content=_gzip_json({"text": TEXT, "published": "2022-01-11"}),
                         headers={"content-type": "application/json", "content-encoding": "gzip"})
    assert answer.status_code == 201, answer.text
    [stored] = answer.json()["articles"]
    assert client.get(f"/articles/{stored['id']}").json()["text"] == TEXT


def test_body_past_its_limit_once_decompressed_is_413(client):
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = packer.compress(b'{"text": "') + b"".join(
        packer.compress(b"a" * 2**20) for _ in range(MAX_EXPANDED_BYTES // 2**20 + 1)) + packer.flush()
    assert len(body) < 2**20
    answer = client.post("/articles", content=body,
                         headers={"content-type": "application/json", "content-encoding": "gzip"})
    assert answer.status_code == 413 and "once decompressed" in answer.json()["message"]


def test_body_without_length_is_counted(client):
    def chunks():
        for _ in range(3):
            yield b"x" * 2**20
    answer = client.post("/articles", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413 and answer.json()["error"] == "too_large"


@pytest.mark.parametrize("encoding, body, status", [
    ("gzip", b"\x1f\x8b\x08\x00garbage", 400),
    ("gzip", gzip.compress(b'{"text": "cut short"}')[:-9], 400),
    ("br", b"{}", 415),
])
def test_bad_encodings(client, encoding, body, status):
    answer = client.post("/articles", content=body,
                         headers={"content-type": "application/json", "content-encoding": encoding})
    assert answer.status_code == status, answer.text


def test_gzip_bomb_upload_to_a_real_server(bomb, tmp_path):
    with serving(tmp_path / "c.duckdb") as (url, server):
        started = time.monotonic()
        with open(bomb, "rb") as data:
            answer = httpx.post(f"{url}/articles", files={"file": ("bomb.txt.gz", data, "application/gzip")},
                                timeout=60)
        seconds = time.monotonic() - started
        assert answer.status_code == 400 and "too large" in answer.json()["message"], answer.text
        assert seconds < 5, f"took {seconds:.1f} s"
        assert peak_memory(server.pid) < 500 * 2**20
