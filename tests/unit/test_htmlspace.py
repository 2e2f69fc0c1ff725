"""Written pages lose their indentation, but not the white space that is content."""

from sec_obligations.htmlspace import without_indentation


def test_indentation_and_blank_lines_become_one_line_break():
    page = '<body>\n    <div class="a">\n\n      <p>Each  User\n        shall</p>\n\t</div>\n</body>\n'
    assert without_indentation(page) == '<body>\n<div class="a">\n<p>Each  User\nshall</p>\n</div>\n</body>\n'


def test_white_space_within_a_line_is_kept():
    assert without_indentation("<p>a  <b>b</b> c</p>") == "<p>a  <b>b</b> c</p>"


def test_pre_and_textarea_keep_every_space():
    code = '<pre><code>./dev build\n    --strict\n\n  done\n</code></pre>'
    area = '<TEXTAREA name="x">\n  one\n    two\n</TEXTAREA >'
    page = f"<div>\n    {code}\n    <p>\n      x</p>\n  {area}\n</div>"
    assert without_indentation(page) == f"<div>\n{code}\n<p>\nx</p>\n{area}\n</div>"
