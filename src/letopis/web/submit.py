"""POST /articles and the jobs it starts. Whatever is posted (an upload in any input format, one
text, or a batch of articles read by `letopis ingest`) is read at once, then queued as an ingest
job (jobs.py); a small text's job is waited for and answered with its result (201, or 200 when
everything was stored before), anything more is answered 202 with the job, which
GET /jobs/{id} follows."""
from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..ingest import ReadError
from ..records import Article
from ..store import jobs as job_table
from . import service as svc
from .api import Service
from .jobs import IngestWorker

router = APIRouter(tags=["api"])

SMALL_TEXT = 32 * 1024  # bytes of text answered within the request; more is answered 202
IN_REQUEST = 30.0  # seconds a small text's job is waited for (a long job may be ahead of it)


class ArticleText(BaseModel):
    text: str = Field(min_length=1, description="the article text")
    published: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None


class ReadArticle(ArticleText):
    id: str = Field(min_length=1, max_length=1000, description="the article's id")
    path: str | None = Field(None, description="where it was read from")
    author: str | None = None
    published_source: str | None = Field(None, description="page, feed, command-line or fetched")
    text_source: str | None = Field(None, description="feed: the text is the feed item's description")
    forwarded_from: str | None = Field(None, description="the channel a Telegram message was forwarded from")


class ReadFailure(BaseModel):
    path: str
    reason: str


class ArticleBatch(BaseModel):
    """Articles read elsewhere (`letopis ingest` sends these to the server that owns the file),
    with the inputs that could not be read, to be kept in `errors`."""
    articles: list[ReadArticle] = Field(default_factory=list)
    errors: list[ReadFailure] = Field(default_factory=list)


def worker(request: Request) -> IngestWorker:
    return request.app.state.jobs


def inline(schema: dict[str, Any]) -> dict[str, Any]:
    """A model's JSON schema with its nested models written in place: a `$defs` inside a
    request body is out of the OpenAPI document's reach."""
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(defs[node["$ref"].rsplit("/", 1)[1]])
            return {k: resolve(v) for k, v in node.items()}
        return [resolve(v) for v in node] if isinstance(node, list) else node
    return resolve(schema)


Worker = Annotated[IngestWorker, Depends(worker)]
UPLOAD_SCHEMA = {"type": "object", "required": ["file"], "properties": {
    "file": {"type": "string", "format": "binary", "description": "any input format of SCHEMA.md"},
    "published": {"type": "string", "description": "date for articles without one"}}}


@router.post("/articles", status_code=201, summary="Run the pipeline over articles and store them",
             responses={200: {"description": "every article was stored before"},
                        202: {"description": "queued as a job: follow it at GET /jobs/{id}"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "multipart/form-data": {"schema": UPLOAD_SCHEMA},
                 "application/json": {"schema": {"oneOf": [inline(ArticleText.model_json_schema()),
                                                           inline(ArticleBatch.model_json_schema())]}}}}})
async def add_articles(request: Request, store: Service, jobs: Worker) -> JSONResponse:
    """A multipart upload in the form field `file` (text with or without a `date` header,
    JSON Lines, .gz; UTF-8, Windows-1251 or KOI8-R), a JSON body {text, published, title,
    outlet, url}, or a batch {articles: [{id, text, ...}], errors: [{path, reason}]}. A small
    text is answered with the stored articles' ids and what was found in them; more with 202
    and the job."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        articles, errors = await read_upload(request, store)
    elif kind == "application/json":
        articles, errors = _read_json(await request.body(), store)  # bounded by limits.BodyLimit
    else:
        raise HTTPException(415, "send multipart/form-data with a field 'file', or application/json "
                                 "with {text, published, title, outlet, url}")
    job_id = await run_in_threadpool(jobs.submit, articles, errors)
    if sum(len(a.text.encode("utf-8")) for a in articles) <= SMALL_TEXT:
        job = await run_in_threadpool(jobs.wait, job_id, IN_REQUEST)
        if job["state"] == "done":
            fresh = job["result"]["added"] > 0
            return JSONResponse(job["result"], status_code=201 if fresh else 200)
        if job["state"] == "failed":
            raise HTTPException(500, f"job {job_id} failed: {job['error']}")
    else:
        job = await run_in_threadpool(store.read, lambda c: job_table.get(c.db, job_id))
    return JSONResponse(ticket(job), status_code=202, headers={"Location": f"/jobs/{job_id}"})


@router.get("/jobs", summary="The latest jobs, newest first")
def list_jobs(store: Service, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
    return [ticket(j) for j in store.read(lambda c: job_table.recent(c.db, limit))]


@router.get("/jobs/{job_id}", summary="A job: its state, progress, and the stored ids or errors")
def get_job(job_id: int, store: Service) -> dict[str, Any]:
    job = store.read(lambda c: job_table.get(c.db, job_id))
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return ticket(job)


def ticket(job: dict[str, Any]) -> dict[str, Any]:
    return {**job, "url": f"/jobs/{job['id']}"}


async def read_upload(request: Request, store: svc.Service) -> tuple[list[Article], list[ReadError]]:
    """The file of a multipart upload (field `file`, optional `published`), read as articles."""
    limit = request.app.state.max_upload
    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=limit)
    except HTTPException:  # a body over the limits
        raise
    except Exception as error:  # the multipart parser's own errors: a malformed body
        raise svc.BadInput(f"malformed multipart body: {getattr(error, 'detail', error)}") from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise svc.BadInput("the form has no file in the field 'file'")
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"file over the limit of {limit} bytes")
    published = form.get("published")
    return await run_in_threadpool(store.read_upload, upload.filename or "upload.txt", data,
                                   published if isinstance(published, str) and published else None)


def _read_json(raw: bytes, store: svc.Service) -> tuple[list[Article], list[ReadError]]:
    try:
        body = json.loads(raw)
        if isinstance(body, dict) and ("articles" in body or "errors" in body):
            batch = ArticleBatch.model_validate(body)
            articles, errors = store.read_batch([a.model_dump() for a in batch.articles])
            if not articles and not batch.errors and not errors:
                raise svc.BadInput("nothing to ingest: no articles and no errors")
            return articles, [ReadError(e.path, e.reason) for e in batch.errors] + errors
        one = ArticleText.model_validate(body)
    except (ValueError, RecursionError) as error:
        raise HTTPException(422, _first_problem(error)) from None
    return store.read_text(one.text, one.published, one.title, one.outlet, one.url), []


def _first_problem(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in error.errors())
    if isinstance(error, json.JSONDecodeError):
        return f"body: invalid JSON ({error.msg} at column {error.colno})"
    return f"body: {error}"
