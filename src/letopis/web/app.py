"""The FastAPI application: the JSON API, the server-rendered pages, local assets, typed errors."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import owner
from .auth import Access
from .jobs import IngestWorker
from ..ingest.limits import MAX_BODY_BYTES
from .limits import BodyLimit
from .service import BadInput, Service
from .watching import WatchSettings, WatchThread

HERE = Path(__file__).resolve().parent
# web/node_modules of the checkout, filled by `npm ci --prefix web` from web/package-lock.json.
NODE_MODULES = HERE.parents[2] / "web" / "node_modules"
VENDOR = ("htmx.org", "vis-timeline", "leaflet", "leaflet.markercluster", "world-atlas", "topojson-client", "cytoscape",
          "swagger-ui-dist", "uplot")
# Pages load only what 127.0.0.1 serves; article text never runs as script.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
               "form-action 'self'; frame-ancestors 'none'")

log = logging.getLogger("letopis.web")

ERROR_NAMES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
               422: "invalid_request"}


def create_app(db_path: str | Path, pipeline: Any = None, max_upload: int = MAX_BODY_BYTES,
               assets: Path = NODE_MODULES, access: Access = Access(), url: str | None = None,
               workers: int = 1, watch: WatchSettings | None = None) -> FastAPI:
    """The app over one chronicle file. `pipeline` replaces the pipeline the ingest jobs run on
    (by default `workers` processes, started on the first job); `max_upload` caps a request body
    in bytes; `access` holds the token, if any, and whether reads need it too (auth.py); `url`,
    the address it is served at, goes into the file beside the database that lets commands on it
    go through this server (owner.py), for as long as it runs; `watch` runs a watcher of feeds
    and pages inside it (watching.py)."""
    service = Service(db_path, pipeline, workers)
    worker = IngestWorker(service)
    watcher = WatchThread(service, worker, watch) if watch else None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        worker.start()
        if watcher:
            watcher.start()
        if url:
            owner.claim(db_path, url, access.token)
        try:
            yield
        finally:
            if url:
                owner.release(db_path)
            if watcher:
                watcher.stop()
            worker.stop()
            service.close()

    app = FastAPI(title="letopis", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Хроника событий из русскоязычных новостей: статьи, события, "
                              "сущности, цитаты, поиск и выгрузки.")
    app.state.service = service
    app.state.jobs = worker
    app.state.max_upload = max_upload
    app.state.access = access

    from .api import router as api_router
    from .forms import router as forms_router
    from .pages import router as pages_router
    from .review import router as review_router
    from .reviewpages import router as review_pages
    from .submit import router as submit_router
    from .trends import pages as trends_pages
    from .trends import router as trends_router
    app.include_router(api_router)
    app.include_router(trends_router)
    app.include_router(trends_pages)
    app.include_router(submit_router)
    app.include_router(review_router)
    app.include_router(pages_router)
    app.include_router(review_pages)
    app.include_router(forms_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if not assets.is_dir():
        log.warning("front-end libraries are missing (%s): run `npm ci --prefix web`", assets)
    for package in VENDOR:
        app.mount(f"/vendor/{package}", StaticFiles(directory=assets / package, check_dir=False),
                  name=f"vendor-{package}")

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/ui/")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="letopis API",
            swagger_js_url="/vendor/swagger-ui-dist/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui-dist/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui-dist/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None})  # the validator badge is fetched from outside

    app.add_middleware(BodyLimit, error=_error, max_body=max_upload)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        refusal = access.refusal(request)
        if refusal and refusal[0] == 401 and request.url.path.startswith("/ui"):  # a browser: sign in
            if request.method == "GET":
                return RedirectResponse(f"/ui/login?{urlencode({'next': request.url.path})}", 303)
            refusal = 401, "Сначала войдите на странице /ui/login."
        if refusal:
            response = _error(request, *refusal)
            if refusal[0] == 401:
                response.headers["WWW-Authenticate"] = "Bearer"
            return response
        response = await call_next(request)
        if request.url.path.startswith("/ui"):
            response.headers["Content-Security-Policy"] = PAGE_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    @app.exception_handler(BadInput)
    async def bad_input(request: Request, error: BadInput) -> Response:
        return _error(request, 400, str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'] if p != 'body') or 'body'}: {e['msg']}"
                             for e in error.errors())
        return _error(request, 422, problems or "invalid request")

    @app.exception_handler(Exception)
    async def failure(request: Request, error: Exception) -> Response:
        log.exception("request failed: %s %s", request.method, request.url.path)
        return _error(request, 500, f"internal error ({type(error).__name__})")

    return app


def _error(request: Request, status: int, message: str) -> Response:
    """A typed error: JSON for the API, a Russian page for /ui; never a stack trace."""
    kind = ERROR_NAMES.get(status, "client_error" if status < 500 else "internal_error")
    if request.url.path.startswith("/ui"):
        from .pages import error_page
        return error_page(request, status, message)
    return JSONResponse({"error": kind, "status": status, "message": message}, status_code=status)
