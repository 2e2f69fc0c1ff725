"""Every built page is valid HTML according to the Nu Html Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from browser import require

pytestmark = pytest.mark.build

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# mkdocs-material writes autocomplete="off" on its own checkbox toggles (two a page); nothing else
# is allowed.
ALLOWED = ('Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, '
           '“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.')


def invalid(site: Path) -> list[str]:
    """Every Nu Html Checker error on the pages of a built site, but the theme's own one."""
    require(VNU, "the Nu Html Checker (npm vnu-jar)")
    if not shutil.which("java"):
        pytest.fail("java is needed to run the Nu Html Checker")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(site)], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert len(list(site.rglob("*.html"))) > 20
    allowed = [m for m in messages if m["message"] == ALLOWED]
    assert all('autocomplete="off"' in m.get("extract", "") and 'type="checkbox"' in m.get("extract", "") for m in allowed)
    return [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
            if m["message"] != ALLOWED]


def test_every_page_is_valid_html(real_site):
    assert invalid(real_site.site) == []


def test_every_page_of_the_code_as_written_is_valid_html(fixture_site):
    """Nested provisions, tables, "[Not used]", definition histories, whole sections as at a version,
    a proposed modification: the fixture's site."""
    assert invalid(fixture_site.site) == []
