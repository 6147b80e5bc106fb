"""The web page end to end in headless Chromium against `kehou serve` on a loopback port.

Debian's chromium (/usr/bin/chromium) driven by Playwright; nothing downloads a browser.
Screenshots of the main pages go to test-artifacts/web/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from api._display import yuan
from catalog import Kind, Settings, open_store
from tests.api.conftest import OTHER, SCHOOL, Tokens, demo_settings, make_tokens

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "web"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HEADER = "school_id,respondent_id,respondent,grade,interests,preferred_domains,preferred_days\n"
GOOD = HEADER + "".join(
    f"{SCHOOL},W{n:03d},学生,{3 + n % 3},篮球和航模,体、智,周二\n" for n in range(12)
)
#: row 3: 老师 is not a respondent type; row 4: grade 30 and domain 文 do not exist
BAD = (
    HEADER
    + f"{SCHOOL},B1,学生,3,篮球,体,周一\n{SCHOOL},B2,老师,3,篮球,体,周一\n"
    + f"{SCHOOL},B3,学生,30,篮球,文,周一\n"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed"),
]


@dataclass(frozen=True)
class Server:
    url: str
    settings: Settings
    tokens: Tokens


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`kehou serve` (tfidf backend) over a fresh demo database of its own."""
    settings = demo_settings(tmp_path_factory.mktemp("web"))
    tokens = make_tokens(settings)
    port = _free_port()
    env = os.environ | {"KEHOU_HMAC_SECRET": "test-secret", "KEHOU_API_BACKEND": "tfidf"}
    command = [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--db"]
    proc = subprocess.Popen([*command, settings.db], env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc)
        yield Server(url, settings, tokens)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _wait_until_up(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "kehou serve exited early"
        try:
            if httpx.get(f"{url}/web/login", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise AssertionError("kehou serve did not start within 60 s")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile folder; one browser for the module."""
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


def _shot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _sign_in(page: Page, url: str, token: str) -> None:
    page.goto(f"{url}/web/login")
    page.fill("#token", token)
    page.click("#signin")


def _survey_rows(settings: Settings) -> int:
    with open_store(settings) as store:
        return len(store.records(Kind.SURVEY))


def _expected_swap(settings: Settings) -> tuple[str, str, dict[str, object]]:
    """A swap (old, new) that changes the costs, and the programme it gives, computed in-process
    from the same stored programme the server serves (its draft, version 1)."""
    from api import ApiConfig
    from api._programmes import compute
    from api._state import AppState, TokenBucket
    from api.web import alternatives_for
    from catalog import School
    from matcher import Changes, programme_json, replan

    with open_store(settings) as store:
        state = AppState(settings, ApiConfig(backend="tfidf"), store, TokenBucket(1.0, 1))
        school = store.get(Kind.SCHOOL, SCHOOL)
        assert isinstance(school, School)
        base, _ = compute(state, school, None, [])
        pool = list(base.context.candidates) if base.context is not None else []
        before = programme_json(base)
        for old, alts in alternatives_for(base.items, pool).items():
            for alt in alts:
                doc = programme_json(replan(base, Changes(swap=((old, alt.id),))))
                if doc["cost"] != before["cost"]:
                    return old, alt.id, json.loads(json.dumps(doc, default=str))
    raise AssertionError("no alternative changes the costs")


def test_planner_signs_in_sees_programme_and_swaps(server: Server, browser: BrowserContext) -> None:
    page = browser.new_page()
    _sign_in(page, server.url, "not-a-token")
    assert "令牌无效" in page.inner_text("#login-error")
    _shot(page, "login")
    _sign_in(page, server.url, server.tokens.planner)
    assert page.url.endswith(f"/web/schools/{SCHOOL}")
    assert page.inner_text("#signature").strip()
    assert page.locator("#themes .bar").count() > 0
    assert page.locator("#excluded tr").count() > 1
    _shot(page, "programme")  # docs/screenshots/programme.png is a copy of this one
    cookie = next(c for c in browser.cookies() if c["name"] == "kehou_session")
    assert cookie["httpOnly"] and page.evaluate("document.cookie") == ""

    old, new, expected = _expected_swap(server.settings)
    row = page.locator(f"#items tr[data-id='{old}']")
    row.locator("select").select_option(new)
    row.locator("input[name=reason]").fill("家长更想要这一项")
    row.locator("button").click()
    page.wait_for_selector("#versions")
    assert "家长更想要这一项" in page.inner_text("#versions")  # saved server-side, not in the URL
    assert "swaps" not in page.url and page.inner_text("#programme-state") == "草稿"
    ids = page.locator("#items tr[data-id]").evaluate_all("rs => rs.map(r => r.dataset.id)")
    assert new in ids and old not in ids
    cost = expected["cost"]
    assert isinstance(cost, dict)
    shown = page.inner_text("#cost-per-student")
    assert shown == yuan(cost["cost_per_student_semester"])
    assert page.inner_text("#subsidy") == yuan(cost["subsidy_needed"])
    # the daily service charges per 课时 whatever the club, so a swap may leave the fees as they
    # were; what must hold is that the page shows the replanned programme's own figures (above)
    _shot(page, "programme-swapped")

    with page.expect_download() as info:
        page.click("#dl-html")
    report = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"（{SCHOOL}）" in report and "课后服务方案" in report and f"<td>{new}</td>" in report
    with page.expect_download() as info:
        page.click("#dl-xlsx")
    assert Path(info.value.path()).read_bytes()[:2] == b"PK"
    page.close()


def test_upload_bad_file_shows_problems_and_changes_nothing(
    server: Server, browser: BrowserContext, tmp_path: Path
) -> None:
    page = browser.new_page()
    _sign_in(page, server.url, server.tokens.planner)
    before = _survey_rows(server.settings)
    bad = tmp_path / "surveys.csv"
    bad.write_text(BAD, encoding="utf-8")
    page.goto(f"{server.url}/web/schools/{SCHOOL}/upload")
    page.set_input_files("#file", str(bad))
    page.click("#upload")
    rows = page.locator("#problems tr").all_inner_texts()[1:]
    assert len(rows) == 3
    assert "3" in rows[0] and "respondent" in rows[0] and "老师" in rows[0]
    assert any("grade" in r and "30" in r for r in rows)
    _shot(page, "upload-refused")
    assert _survey_rows(server.settings) == before

    good = tmp_path / "问卷.csv"
    good.write_text(GOOD, encoding="utf-8-sig")
    page.set_input_files("#file", str(good))
    page.fill("#semester", "2027春")
    page.click("#upload")
    assert "12" in page.inner_text("#upload-ok")
    _shot(page, "upload-ok")
    assert _survey_rows(server.settings) == before + 12
    page.close()


def test_planner_cannot_open_another_school_and_signs_out(
    server: Server, browser: BrowserContext
) -> None:
    page = browser.new_page()
    _sign_in(page, server.url, server.tokens.planner)
    for path in (f"/web/schools/{OTHER}", f"/web/schools/{OTHER}/upload", "/web/bureau"):
        response = page.goto(server.url + path)
        assert response is not None and response.status == 403
        assert "403" in page.inner_text("#error-title")
        assert page.locator("#items").count() == 0
    _shot(page, "refused")
    page.click("#logout")
    assert page.url.endswith("/web/login")
    page.goto(f"{server.url}/web/schools/{SCHOOL}")
    assert page.url.endswith("/web/login")
    page.close()


def test_programme_fits_a_phone(server: Server, browser: BrowserContext) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, server.url, server.tokens.planner)
    assert page.url.endswith(f"/web/schools/{SCHOOL}")
    page.wait_for_load_state()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    _shot(page, "programme-phone")
    page.close()


def test_bureau_sees_all_schools_allocation_and_flagged_items(
    server: Server, browser: BrowserContext
) -> None:
    page = browser.new_page()
    page.set_default_timeout(120_000)
    _sign_in(page, server.url, server.tokens.bureau)
    page.wait_for_selector("#schools tr", state="attached")  # the first view computes the city
    assert page.url.endswith("/web/bureau")
    assert page.locator("#schools tr").count() == 1 + 74
    assert page.locator("#districts tr").count() == 1 + 9
    assert page.locator("#district-map .tile").count() == 9
    page.click("#run-allocation")
    page.wait_for_selector("#allocations", state="attached")
    assert page.locator("#allocations tr").count() > 1
    assert page.inner_text("#served").endswith("%")
    _shot(page, "bureau")
    page.goto(f"{server.url}/web/bureau/catalogue")
    assert page.locator("#flagged tr").count() > 1
    _shot(page, "catalogue")
    page.close()


def test_the_bare_address_opens_the_sign_in_page(server: Server, browser: BrowserContext) -> None:
    browser.clear_cookies()  # signed out
    page = browser.new_page()
    page.goto(server.url + "/")
    assert page.url.endswith("/web/login") and page.locator("#token").count() == 1
    page.close()


def _boxes_overlap(page: Page, selector: str) -> list[tuple[int, int]]:
    boxes = [b for b in (e.bounding_box() for e in page.locator(selector).all()) if b]
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1)
        if a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
    ]  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
def test_bureau_charts_per_1000_students_and_where_resources_go(
    server: Server, browser: BrowserContext, width: int
) -> None:
    """Desktop and phone: per-1,000 bars by district and area, the resource → school → days
    table and the map from longitude/latitude; on a phone no district box overlaps another,
    long tables are folded away and the page stays short."""
    page = browser.new_page()
    page.set_default_timeout(120_000)
    page.set_viewport_size({"width": width, "height": 900})
    _sign_in(page, server.url, server.tokens.bureau)
    page.click("#run-allocation")
    page.wait_for_selector("#rate-district")
    assert page.locator("#rate-district .bar").count() == 9
    assert page.locator("#rate-area .bar").count() == 3
    assert page.inner_text("#alloc-status") in ("最优", "可行")
    assert page.locator("#alloc-map line").count() == page.locator("#allocations tr").count() - 1
    assert page.locator("#alloc-map circle").count() == 74
    assert not page.locator("#allocations").is_visible()  # folded until asked for
    page.click("#given-details summary")
    first = page.locator("#allocations tr").nth(1).inner_text()
    assert "周" in first or "按" in first  # the days the resource comes
    page.click("#given-details summary")
    assert _boxes_overlap(page, "#district-map .tile") == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < (9000 if width < 500 else 6000), height
    _shot(page, "bureau" if width > 500 else "bureau-phone")
    page.close()


def test_school_report_prints_on_a4_with_sign_off(server: Server, browser: BrowserContext) -> None:
    page = browser.new_page()
    _sign_in(page, server.url, server.tokens.planner)
    page.goto(f"{server.url}/web/schools/{SCHOOL}")
    with page.expect_download() as info:
        page.click("#dl-html")
    page.set_content(Path(info.value.path()).read_text(encoding="utf-8"))
    text = page.inner_text("body")
    for words in ("校长签字", "公章", "家委会", "公示", "学期"):
        assert words in text, words
    assert "检索来源" not in text and "GRADE_MISMATCH" not in text
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf[:4] == b"%PDF"
    assert page.locator("#signoff").is_visible()  # the sign-off block is printed too
    _shot(page, "report")


def _bureau_to_reviews(page: Page, server: Server) -> None:
    """Sign the bureau in without waiting for the overview it lands on (its first view computes
    every school once), then open the review list."""
    signed = page.request.post(
        f"{server.url}/web/login", form={"token": server.tokens.bureau}, max_redirects=0
    )
    assert signed.status == 303
    page.goto(f"{server.url}/web/bureau/reviews?semester=")


def test_planner_submits_and_the_bureau_approves(server: Server, browser: BrowserContext) -> None:
    """家委会 and 公示 dates on submission; the bureau returns with a comment, then approves."""
    page = browser.new_page()
    _sign_in(page, server.url, server.tokens.planner)
    assert page.url.endswith(f"/web/schools/{SCHOOL}")
    page.fill("#consulted-on", "2026-09-01")
    page.fill("#notice-on", "2026-09-03")
    page.click("#submit-programme")
    page.wait_for_selector("#programme-state[data-state=submitted]")
    assert page.locator("form.swap").count() == 0  # a submitted programme is not edited
    page.click("#logout")

    _bureau_to_reviews(page, server)
    row = page.locator(f"#waiting tr[data-school='{SCHOOL}']")
    assert "2026-09-03" in row.inner_text()
    row.locator("input[name=comment]").fill("请补充劳育项目")
    row.locator("button.return").click()
    page.wait_for_selector(f"#others tr[data-school='{SCHOOL}']")
    _shot(page, "reviews")
    page.click("#logout")

    _sign_in(page, server.url, server.tokens.planner)
    assert "请补充劳育项目" in page.inner_text("#review-comment")
    page.fill("#consulted-on", "2026-09-05")
    page.fill("#notice-on", "2026-09-06")
    page.click("#submit-programme")
    page.wait_for_selector("#programme-state[data-state=submitted]")
    page.click("#logout")

    _bureau_to_reviews(page, server)
    page.locator(f"#waiting tr[data-school='{SCHOOL}'] button.approve").click()
    page.wait_for_selector(f"#others tr[data-school='{SCHOOL}']")
    assert "已备案" in page.inner_text(f"#others tr[data-school='{SCHOOL}']")
    page.goto(f"{server.url}/web/schools/{SCHOOL}")
    assert page.get_attribute("#programme-state", "data-state") == "approved"
    page.close()
