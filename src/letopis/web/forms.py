"""The pages whose forms change state: signing in, uploading articles. Each form carries a CSRF
token bound to a cookie of the same browser (auth.py); a post without a matching one is refused."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .auth import CSRF_FIELD, csrf_token, csrf_valid, set_csrf_cookie, sign_in
from .pages import error_page, render

router = APIRouter(prefix="/ui", include_in_schema=False, default_response_class=HTMLResponse)


def form_page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page with a form: its CSRF token in the form and in the browser's cookie."""
    token = csrf_token(request)
    response = render(request, template, status=status, csrf=token, csrf_field=CSRF_FIELD, **context)
    set_csrf_cookie(response, token)
    return response


async def posted_form(request: Request) -> tuple[Any, Response | None]:
    """The form of a post, or a 403 page when its CSRF token does not match the browser's."""
    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=64 * 1024)
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
