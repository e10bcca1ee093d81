"""The pages whose forms change state: signing in, uploading articles. Each form carries a CSRF
token bound to a cookie of the same browser (auth.py); a post without a matching one is refused."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..store import jobs
from .auth import CSRF_FIELD, csrf_valid, sign_in
from .pages import error_page, form_page, render
from .service import BadInput
from .terms import CYRILLIC

router = APIRouter(prefix="/ui", include_in_schema=False, default_response_class=HTMLResponse)


async def posted_form(request: Request, max_fields: int = 10) -> tuple[Any, Response | None]:
    """The form of a post, or a 403 page when its CSRF token does not match the browser's."""
    try:
        form = await request.form(max_files=1, max_fields=max_fields, max_part_size=64 * 1024)
    except HTTPException:  # a body over the limits: answered by the app's handler
        raise
    except Exception:  # a body the multipart parser refuses
        return None, error_page(request, 400, "Форма не прочитана.")
    if not csrf_valid(request, form.get(CSRF_FIELD)):
        return None, error_page(request, 403, "Форма устарела или отправлена с другого сайта: "
                                              "откройте страницу заново.")
    return form, None


def _next(value: object) -> str:
    """Where to go after signing in: a page of this site only."""
    return value if isinstance(value, str) and value.startswith("/ui/") and "//" not in value else "/ui/"


@router.get("/login")
def login_page(request: Request, next: str = "/ui/") -> Response:
    if request.app.state.access.token is None:
        return RedirectResponse(_next(next), 303)
    return form_page(request, "login.html", next=_next(next))


@router.post("/login")
async def login(request: Request) -> Response:
    access = request.app.state.access
    form, refused = await posted_form(request)
    if refused:
        return refused
    if access.token is None:
        return RedirectResponse("/ui/", 303)
    if not access.matches(form.get("token")):
        return form_page(request, "login.html", status=401, next=_next(form.get("next")),
                         message="Неверный токен.")
    response = RedirectResponse(_next(form.get("next")), 303)
    sign_in(response, access)
    return response


@router.get("/upload")
def upload_page(request: Request) -> Response:
    return form_page(request, "upload.html", page_key="upload")


@router.post("/upload")
async def upload(request: Request) -> Response:
    """The upload form: the file is read at once, then queued as an ingest job whose page shows
    its progress."""
    form, refused = await posted_form(request)
    if refused:
        return refused
    file, published = form.get("file"), form.get("published")
    limit = request.app.state.max_upload
    data = await file.read(limit + 1) if isinstance(file, UploadFile) else b""
    try:
        if not data:
            raise BadInput("Выберите файл.")
        if len(data) > limit:
            raise BadInput(f"Файл больше {limit // 2**20} МБ.")
        articles, errors = await run_in_threadpool(
            request.app.state.service.read_upload, file.filename or "upload.txt", data,
            published if isinstance(published, str) and published else None)
    except BadInput as error:
        reason = error.ru if error.ru != str(error) or CYRILLIC.search(str(error)) else f"Файл не прочитан. Подробности: {error}"
        return form_page(request, "upload.html", status=400, page_key="upload", message=reason)
    job_id = await run_in_threadpool(request.app.state.jobs.submit, articles, errors)
    return RedirectResponse(f"/ui/jobs/{job_id}", 303)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: int) -> Response:
    job = request.app.state.service.read(lambda c: jobs.get(c.db, job_id))
    if job is None:
        return error_page(request, 404, f"Задание {job_id} не найдено.")
    ids = [a["id"] for a in (job.get("result") or {}).get("articles", [])]
    articles = {a["id"]: a for a in request.app.state.service.read(lambda c: c.articles(ids=ids))} if ids else {}
    return render(request, "job.html", page_key="upload", job=job, articles=articles)
