"""The benchmark's HTTP side: one client per base URL and the measured request patterns
every workload is built from (bulk writes in chunks, paging, repeated reads, threads).

Only NetBox-compatible requests are made, so the same code measures ipamcore and NetBox.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests

from bench.measure import Phase, timed

Params = dict[str, Any] | None
Read = tuple[str, Params]  # (API path, query parameters)
Check = Callable[[Any], str | None]  # a message when an answer is wrong, else None
CheckedRead = tuple[str, Params, Check | None]
MAX_NOTES = 3  # error messages kept per thread; the rest are only counted


class BenchError(Exception):
    """The server answered something the workload cannot go on with."""


class Client:
    """Talks to one server. Sessions are per thread: requests.Session is not thread-safe."""

    def __init__(self, base_url: str, token: str, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        parts = urlsplit(self.base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        # v2 tokens (nbt_<key>.<secret>) go with "Bearer", v1 tokens with "Token";
        # NetBox before 4.5 knows only the latter.
        keyword = "Bearer" if token.startswith("nbt_") else "Token"
        self.headers = {"Authorization": f"{keyword} {token}", "Accept": "application/json"}
        self.timeout = timeout

    def session(self) -> requests.Session:
        session = requests.Session()
        session.headers.update(self.headers)
        return session

    def url(self, path: str) -> str:
        """An API path, or an absolute `next` link re-rooted on our origin.

        Following a server-built link as is could send requests to whatever host the
        server believes it has; the benchmark talks to the given URL only.
        """
        if path.startswith(("http://", "https://")):
            parts = urlsplit(path)
            return f"{self.origin}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        return self.base_url + path

    def call(
        self,
        session: requests.Session,
        method: str,
        path: str,
        *,
        params: Params = None,
        body: Any = None,
        expect: Sequence[int] = (200,),
    ) -> requests.Response:
        response = session.request(
            method, self.url(path), params=params, json=body, timeout=self.timeout
        )
        if response.status_code not in expect:
            raise BenchError(describe_failure(method, path, response))
        return response


def describe_failure(method: str, path: str, response: requests.Response) -> str:
    text = response.text[:300].strip()
    hint = ""
    if response.status_code == 404:
        hint = " (does the server implement this endpoint?)"
    elif response.status_code == 403:
        hint = " (is the token valid, write-enabled and a superuser's?)"
    return f"{method} {path} -> HTTP {response.status_code}{hint}: {text}"


def chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


# --- measured request patterns ---------------------------------------------------


def create_in_chunks(
    phase: Phase | None,
    client: Client,
    session: requests.Session,
    path: str,
    items: Sequence[dict[str, Any]],
    size: int,
) -> list[dict[str, Any]]:
    """Bulk create (a list POST per chunk); returns the created objects in order."""
    created: list[dict[str, Any]] = []
    for chunk in chunks(items, size):

        def post(chunk: Sequence[dict[str, Any]] = chunk) -> requests.Response:
            return client.call(session, "POST", path, body=list(chunk), expect=(201,))

        response = timed(phase, len(chunk), post) if phase else post()
        created.extend(response.json())
    return created


def post_each(
    phase: Phase,
    client: Client,
    session: requests.Session,
    path: str,
    items: Sequence[dict[str, Any]],
) -> list[dict[str, Any]]:
    """One POST per object; returns the created objects."""
    created = []
    for item in items:

        def post(item: dict[str, Any] = item) -> requests.Response:
            return client.call(session, "POST", path, body=item, expect=(201,))

        created.append(timed(phase, 1, post).json())
    return created


def patch_each(
    phase: Phase,
    client: Client,
    session: requests.Session,
    path: str,
    changes: Sequence[dict[str, Any]],
) -> None:
    """One PATCH per object on its detail URL; each change carries the object's id."""
    for change in changes:
        detail = f"{path}{change['id']}/"
        body = {key: value for key, value in change.items() if key != "id"}

        def patch(detail: str = detail, body: dict[str, Any] = body) -> requests.Response:
            return client.call(session, "PATCH", detail, body=body)

        timed(phase, 1, patch)


def update_in_chunks(
    phase: Phase,
    client: Client,
    session: requests.Session,
    path: str,
    changes: Sequence[dict[str, Any]],
    size: int,
) -> None:
    """Bulk PATCH on the list URL, one request per chunk."""
    for chunk in chunks(changes, size):

        def patch(chunk: Sequence[dict[str, Any]] = chunk) -> requests.Response:
            return client.call(session, "PATCH", path, body=list(chunk))

        timed(phase, len(chunk), patch)


def delete_in_chunks(
    phase: Phase | None,
    client: Client,
    session: requests.Session,
    path: str,
    ids: Sequence[int],
    size: int,
) -> None:
    """Bulk DELETE on the list URL, one request per chunk."""
    for chunk in chunks(ids, size):
        body = [{"id": pk} for pk in chunk]

        def delete(body: list[dict[str, int]] = body) -> requests.Response:
            return client.call(session, "DELETE", path, body=body, expect=(204,))

        if phase:
            timed(phase, len(chunk), delete)
        else:
            delete()


def fetch_all(
    phase: Phase | None,
    client: Client,
    session: requests.Session,
    path: str,
    params: dict[str, Any],
) -> list[dict[str, Any]]:
    """Every object of a list, following `next` links; checks the count adds up."""
    results: list[dict[str, Any]] = []
    link: str | None = path
    query: Params = params
    expected = None
    while link:

        def get(link: str = link, query: Params = query) -> requests.Response:
            return client.call(session, "GET", link, params=query)

        page = (timed(phase, 0, get) if phase else get()).json()
        if phase:
            phase.objects += len(page["results"])
        results.extend(page["results"])
        expected = page["count"] if expected is None else expected
        link, query = page["next"], None  # `next` already carries the parameters
    if expected is not None and len(results) != expected:
        raise BenchError(f"GET {path} {params}: count {expected}, got {len(results)} objects")
    return results


def read_each(
    phase: Phase,
    client: Client,
    session: requests.Session,
    reads: Sequence[CheckedRead],
) -> None:
    """GET each (path, params, check) in turn; a check returns a message for a wrong answer.

    Wrong answers are counted (`wrong`) rather than stopping the run: the figures of a
    phase that answers wrongly are reported, and the run fails at the end.
    """
    for path, params, check in reads:

        def get(path: str = path, params: Params = params) -> requests.Response:
            return client.call(session, "GET", path, params=params)

        body = timed(phase, 1, get).json()
        problem = check(body) if check else None
        if problem:
            phase.count("wrong")
            if len(phase.notes) < MAX_NOTES:
                phase.notes.append(f"GET {path} {params or ''}: {problem}")


def in_threads(count: int, work: Callable[[int], Phase]) -> list[Phase]:
    """Run work(index) in `count` threads that start together; returns their phases.

    An exception in a thread is re-raised here after all threads have finished.
    """
    barrier = threading.Barrier(count)
    outcomes: list[Phase | BaseException | None] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except BaseException as exc:  # handed to the caller below
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return [outcome for outcome in outcomes if isinstance(outcome, Phase)]


def post_in_threads(
    name: str,
    unit: str,
    client: Client,
    path: str,
    bodies: Sequence[Sequence[dict[str, Any]]],
) -> tuple[Phase, list[dict[str, Any]]]:
    """One thread per list of bodies, each POSTing its bodies in turn; returns the phase
    and every created object. 409s are counted as conflicts, other failures as errors.
    """
    created: list[list[dict[str, Any]]] = [[] for _ in bodies]

    def work(index: int) -> Phase:
        mine = Phase(name)
        session = client.session()
        for body in bodies[index]:

            def post(body: dict[str, Any] = body) -> requests.Response:
                return session.post(client.url(path), json=body, timeout=client.timeout)

            response = timed(mine, 0, post)
            if response.status_code == 201:
                mine.objects += 1
                created[index].append(response.json())
            elif response.status_code == 409:
                mine.count("conflicts")
            else:
                mine.count("errors")
                if len(mine.notes) < MAX_NOTES:
                    mine.notes.append(describe_failure("POST", path, response))
        return mine

    phase = Phase(name, unit=unit, counters={"conflicts": 0, "errors": 0})
    started = time.perf_counter()
    for part in in_threads(len(bodies), work):
        phase.merge(part)
    phase.seconds = time.perf_counter() - started
    phase.counters["threads"] = len(bodies)
    return phase, [item for part in created for item in part]


def mixed_reads(
    name: str,
    client: Client,
    reads: Sequence[Read],
    threads: int,
    seconds: float,
    max_requests: int,
) -> Phase:
    """`threads` clients cycling through `reads` until `seconds` pass or `max_requests` are made.

    Unexpected statuses are counted as errors rather than stopping the phase.
    """
    per_thread = max(1, max_requests // threads)
    deadline = time.perf_counter() + seconds

    def work(index: int) -> Phase:
        mine = Phase(name)
        session = client.session()
        for number in range(per_thread):
            if time.perf_counter() >= deadline:
                break
            path, params = reads[(index * 7 + number) % len(reads)]
            url = client.url(path)

            def get(url: str = url, params: Params = params) -> requests.Response:
                return session.get(url, params=params, timeout=client.timeout)

            response = timed(mine, 1, get)
            if response.status_code != 200:
                mine.count("errors")
                if len(mine.notes) < MAX_NOTES:
                    mine.notes.append(describe_failure("GET", path, response))
        return mine

    phase = Phase(name, unit="req", counters={"errors": 0})
    started = time.perf_counter()
    for part in in_threads(threads, work):
        phase.merge(part)
    phase.seconds = time.perf_counter() - started
    phase.counters["threads"] = threads
    return phase
