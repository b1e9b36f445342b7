"""The vendored NL Design System CSS is trimmed to the classes the templates use
(tools/vendor_frontend.py); a template that starts using another class needs a new build."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor"


def _built_for() -> set[str]:
    (css,) = VENDOR.glob("utrecht-components-*.css")
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


def test_vendored_files_are_listed_with_their_origin():
    index = (VENDOR / "README.md").read_text(encoding="utf-8")
    for path in VENDOR.iterdir():
        if path.name != "README.md":
            assert path.name in index, f"{path.name} is not described in static/vendor/README.md"
