"""Parts of the header written once per build as scripts (inserts.py), in-process."""

from __future__ import annotations

import json
import re

from sec_obligations.inserts import Inserts


def test_a_part_is_rendered_once_and_each_page_gets_a_script_in_its_place(tmp_path):
    inserts, calls = Inserts(), []

    def dialog():
        calls.append(1)
        return '<div class="md-search" role="dialog">\n    <input name="query">\n</div>\n'

    assert inserts.tag("search", "../..", caller=dialog) == '<script src="../../assets/sec-obligations/insert-search.js"></script>'
    assert inserts.tag("search", ".", caller=dialog) == '<script src="./assets/sec-obligations/insert-search.js"></script>'
    # the 404 page's base is the site's path: its address, not "//assets/..." (another host)
    assert inserts.tag("search", "/", caller=dialog) == '<script src="/assets/sec-obligations/insert-search.js"></script>'
    assert calls == [1]
    inserts.write(str(tmp_path))
    script = (tmp_path / "assets/sec-obligations/insert-search.js").read_text(encoding="utf-8")
    (written,) = re.findall(r'^document\.currentScript\.insertAdjacentHTML\("beforebegin", (".*")\);$', script, re.M)
    assert json.loads(written) == '<div class="md-search" role="dialog">\n<input name="query">\n</div>'  # without indentation


def test_the_html_is_a_json_string_whatever_it_holds():
    inserts = Inserts()
    inserts.tag("palette", ".", caller=lambda: '<p title="a &quot;b&quot;">"</script><script>x()</script></p>')
    (content,) = inserts.files().values()
    literal = content.split("insertAdjacentHTML(\"beforebegin\", ", 1)[1].rsplit(");", 1)[0]
    assert json.loads(literal) == '<p title="a &quot;b&quot;">"</script><script>x()</script></p>'
