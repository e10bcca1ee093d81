"""robots.txt, read once per host for as long as a Fetcher lives (one ingest, one watch round),
as RFC 9309 says: a robots.txt that is missing (4xx) allows everything; one that cannot be read
(5xx, a timeout) forbids the host for now."""
from __future__ import annotations

from collections.abc import Callable
from urllib.robotparser import RobotFileParser

from .urls import host_of


class Robots:
    def __init__(self, user_agent: str, get: Callable[[str], tuple[int, bytes]]):
        """`get(url)` → (status, body); 0 for a status means it could not be fetched."""
        self.user_agent = user_agent
        self.get = get
        self.rules: dict[str, RobotFileParser] = {}

    def allowed(self, url: str) -> bool:
        host = host_of(url)
        if host not in self.rules:
            self.rules[host] = self._read(f"{host}/robots.txt")
        return self.rules[host].can_fetch(self.user_agent, url)

    def _read(self, url: str) -> RobotFileParser:
        rules = RobotFileParser(url)
        status, body = self.get(url)
        if 200 <= status < 300:
            rules.parse(body.decode("utf-8", errors="replace").splitlines())
        elif 400 <= status < 500:
            rules.allow_all = True
        else:
            rules.disallow_all = True
        return rules
