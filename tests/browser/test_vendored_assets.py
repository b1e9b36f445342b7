"""The vendored NL Design System CSS is trimmed to the classes the templates use
(tools/vendor_frontend.py); a template that starts using another class needs a new build."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor"
TOOL = ROOT / "tools" / "vendor_frontend.py"


def _built_for(kind: str = "") -> set[str]:
    """The classes the full component file (or the board page's, kind="board-") was built for."""
    (css,) = VENDOR.glob(f"utrecht-components-{kind}[0-9]*.css")
    first_line = css.read_text(encoding="utf-8").split("\n", 1)[0]
    match = re.match(r"/\* built-for: (.*) \*/$", first_line)
    assert match, f"{css.name} was not made by tools/vendor_frontend.py"
    return set(match.group(1).split())


def test_every_utrecht_class_in_the_templates_has_its_css():
    built = _built_for()
    missing = {}
    for template in (ROOT / "templates").rglob("*.html"):
        for name in re.findall(r"utrecht-[a-z0-9_-]*[a-z0-9_]", template.read_text("utf-8")):
            if not name.startswith("utrecht-components-") and name not in built:
                missing.setdefault(name, template.relative_to(ROOT).as_posix())
    assert not missing, (
        f"no CSS for {missing}: run `python tools/vendor_frontend.py` again, and if it warns "
        "that a class does not exist in the component library, fix its name"
    )


def _vendor_tool():
    spec = importlib.util.spec_from_file_location("vendor_frontend", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_the_board_page_has_the_css_of_every_utrecht_class_it_can_show():
    """The board page loads a smaller component file: the classes of the templates it is made
    of (and the move dialog it loads), nothing for tables or text areas it never shows."""
    tool = _vendor_tool()
    on_board = {
        name
        for text in tool.page_sources(tool.BOARD_PAGE)
        for name in re.findall(r"utrecht-[a-z0-9_-]*[a-z0-9_]", text)
        if not name.startswith("utrecht-components-")
    }
    board = _built_for("board-")
    assert "utrecht-select" in on_board and "utrecht-button--primary-action" in on_board
    missing = on_board - board
    assert not missing, f"no CSS on the board page for {missing}: run tools/vendor_frontend.py"
    assert board <= _built_for()
    assert "utrecht-table" not in board and "utrecht-textarea" not in board


def test_vendored_files_are_listed_with_their_origin():
    index = (VENDOR / "README.md").read_text(encoding="utf-8")
    for path in VENDOR.iterdir():
        if path.name != "README.md":
            assert path.name in index, f"{path.name} is not described in static/vendor/README.md"
