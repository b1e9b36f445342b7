#!/usr/bin/env python3
"""Vendor the front-end into static/vendor/ from an npm node_modules folder (stdlib only).

    mkdir -p /tmp/npmv && cd /tmp/npmv && npm install htmx.org@2.0.11 sortablejs@1.15.7 \
        @utrecht/component-library-css@9.0.4 \
        @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1
    python tools/vendor_frontend.py --node-modules /tmp/npmv/node_modules

The NL Design System bundles are large (utrecht index.css ~400 KB, the Voorbeeld theme ~200 KB)
and every page loads them, so this keeps only what the app uses:

* utrecht-components-<v>.css: the rules whose `utrecht-*` classes all occur in templates/ or
  static/js/ (or in ALWAYS below), with their states (:hover, :focus, --invalid, ...) and the
  @media/@supports/@container blocks around them. For a class built in a template
  (`utrecht-button--{{ kind }}`) the modifiers are the quoted words in the templates
  (`kind="primary-action"`). Lookups of custom properties that neither the theme nor app.css
  define are replaced by their fallback, and component tokens that the theme only aliases to
  another token (`--utrecht-textbox-color: var(--basis-form-control-color)`) are looked up
  directly, without fallbacks that can never apply. Theming works through the theme's basis
  tokens (`--basis-color-*`, `--basis-text-*` and so on), which app.css or a municipality's
  own stylesheet can override. `--keep-component-tokens` keeps the component token layer
  instead (about 30 KB more).
* utrecht-components-board-<v>.css: the same rules, only for the classes of the board page (the
  templates that templates/boards/board.html and the move dialog's templates/boards/move.html
  extend, include or import, and the scripts they load). The board page loads this one instead
  of the full file, so its first load stays light; every other page loads the full file.
* voorbeeld-theme-<v>.css: only the custom properties that the kept component rules and
  static/css/app.css reference, plus everything those refer to in turn, scoped to
  `.voorbeeld-theme` like the original. The theme's font.css is empty (no font files ship),
  so app.css sets a system font stack.

Run it again after a template starts using a new `utrecht-*` class or app.css a new token;
`--check` exits non-zero when the files on disk differ from what it would write. The first line
of the component file lists the classes it was built for; the browser tests compare that list
with the templates.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"
APP_CSS = ROOT / "static" / "css" / "app.css"
SCAN = [(ROOT / "templates", "*.html"), (ROOT / "static" / "js", "*.js")]
# The board page and the move dialog it loads into itself: the start of the board's own subset.
BOARD_PAGE = ["boards/board.html", "boards/move.html"]

UTRECHT = "@utrecht/component-library-css"
THEME = "@nl-design-system-unstable/voorbeeld-design-tokens"
HTMX = "htmx.org"
SORTABLE = "sortablejs"

# Kept before a template names them: states a form control gets at run time.
ALWAYS = {
    "utrecht-heading-3",
    "utrecht-textbox--invalid",
    "utrecht-select--invalid",
    "utrecht-textarea--invalid",
    "utrecht-button--busy",
    "utrecht-button--disabled",
}

CLASS_IN_SOURCE = re.compile(r"utrecht-[a-zA-Z0-9_-]*")
QUOTED_WORD = re.compile(r"['\"]([a-z][a-z0-9-]*)['\"]")
CLASS_IN_SELECTOR = re.compile(r"\.(utrecht-[a-zA-Z0-9_-]+)")
VAR_REF = re.compile(r"var\(\s*(--[a-zA-Z0-9_-]+)")
DEFINITION = re.compile(r"(--[a-zA-Z0-9_-]+)\s*:")
TEMPLATE_REF = re.compile(
    r"{%-?\s*(?:extends|include|import|from)\s+[\"']([^\"']+)[\"']"
    r"(?:\s+import\s+((?:(?!%}).)*))?"
)
MACRO = re.compile(r"{%-?\s*macro\s+(\w+)\s*\(.*?{%-?\s*endmacro\s*-?%}", re.S)
SCRIPT_REF = re.compile(r"filename=[\"'](js/[a-zA-Z0-9_.-]+\.js)[\"']")


# --------------------------------------------------------------------------- CSS parsing
@dataclass
class Rule:
    """A qualified rule (`selector { declarations }`)."""

    prelude: str
    body: str


@dataclass
class AtRule:
    """An at-rule; `children` is None for a statement (`@charset ...;`)."""

    prelude: str
    children: list[Rule | AtRule] | None = None
    raw_body: str = ""
    nested: bool = True
    extra: dict = field(default_factory=dict)


def strip_comments(css: str) -> str:
    """Remove /* comments */, leaving strings alone."""
    out: list[str] = []
    i, n = 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            j = _string_end(css, i)
            out.append(css[i:j])
            i = j
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _string_end(css: str, i: int) -> int:
    quote, j = css[i], i + 1
    while j < len(css):
        if css[j] == "\\":
            j += 2
            continue
        if css[j] == quote:
            return j + 1
        j += 1
    return j


def _paren_end(text: str, i: int) -> int:
    """Index of the `)` matching the `(` at text[i], or len(text) when there is none."""
    depth, j = 0, i
    while j < len(text):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return j


def _block_end(css: str, i: int) -> int:
    """Index just past the `}` matching the `{` at css[i]."""
    depth, j = 0, i
    while j < len(css):
        c = css[j]
        if c in "\"'":
            j = _string_end(css, j)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise ValueError("unbalanced braces in CSS")


# At-rules whose block holds rules (the rest hold declarations or keyframe steps).
GROUPING = ("@media", "@supports", "@container", "@layer", "@document")


def parse(css: str) -> list[Rule | AtRule]:
    """Parse (comment-free) CSS into rules and at-rules, recursing into grouping blocks."""
    nodes: list[Rule | AtRule] = []
    i, n = 0, len(css)
    while i < n:
        while i < n and css[i] in " \t\r\n;":
            i += 1
        if i >= n:
            break
        j = i
        while j < n and css[j] not in "{;":
            if css[j] in "\"'":
                j = _string_end(css, j)
                continue
            if css[j] == "(":  # `;` can occur inside url(...) or a data URI
                j = _paren_end(css, j)
            j += 1
        prelude = " ".join(css[i:j].split())
        if j >= n or css[j] == ";":
            if prelude.startswith("@"):
                nodes.append(AtRule(prelude))
            i = j + 1
            continue
        end = _block_end(css, j)
        body = css[j + 1 : end - 1]
        if prelude.startswith("@"):
            if prelude.lower().startswith(GROUPING):
                nodes.append(AtRule(prelude, parse(body)))
            else:
                nodes.append(AtRule(prelude, None, raw_body=body, nested=False))
        else:
            nodes.append(Rule(prelude, body))
        i = end
    return nodes


def split_top_level(text: str, sep: str = ",") -> list[str]:
    """Split on `sep` outside parentheses, brackets and strings."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = _string_end(text, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def squeeze(text: str) -> str:
    """Drop the whitespace that carries no meaning in a declaration or selector list."""
    out, i = [], 0
    while i < len(text):
        if text[i] in "\"'":
            j = _string_end(text, i)
            out.append(text[i:j])
            i = j
            continue
        j = i
        while j < len(text) and text[j] not in "\"'":
            j += 1
        chunk = " ".join(text[i:j].split())
        chunk = re.sub(r"\(\s+", "(", chunk)
        chunk = re.sub(r"\s+\)", ")", chunk)
        chunk = re.sub(r"\s*,\s*", ",", chunk)
        out.append(chunk)
        i = j
    return "".join(out).strip()


def declarations(body: str) -> list[str]:
    """The declarations of a block, each as `name:value`."""
    result = []
    for decl in split_top_level(body, ";"):
        name, _, value = decl.partition(":")
        result.append(f"{name.strip()}:{squeeze(value)}")
    return result


# --------------------------------------------------------------------------- selection
def _macros(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in MACRO.finditer(text)}


def page_sources(entries: list[str]) -> list[str]:
    """The texts that can put something on one page: these templates, what they extend, include
    and import (all the way down; of `{% from x import a, b %}` only the macros a and b and those
    they call), and the own scripts any of them loads."""
    folder, static = ROOT / "templates", ROOT / "static"
    todo: list[tuple[str, tuple[str, ...] | None]] = [(name, None) for name in entries]
    seen: set[tuple[str, str | None]] = set()
    texts, scripts = [], set()
    while todo:
        name, wanted_macros = todo.pop()
        path = folder / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if wanted_macros is not None:
            macros, parts = _macros(text), []
            calls = list(wanted_macros)
            while calls:
                macro = calls.pop()
                if (name, macro) in seen or macro not in macros:
                    continue
                seen.add((name, macro))
                parts.append(macros[macro])
                calls.extend(m for m in macros if re.search(r"\b" + m + r"\(", macros[macro]))
            text = "\n".join(parts)
        elif (name, None) in seen:
            continue
        else:
            seen.add((name, None))
        texts.append(text)
        scripts.update(SCRIPT_REF.findall(text))
        for ref in TEMPLATE_REF.finditer(text):
            imported = ref.group(2)
            if imported:  # "select, submit as send with context -"
                names = re.sub(r"\b(with|without)\s+context\b|-\s*$", "", imported).split(",")
                todo.append((ref.group(1), tuple(n.split()[0] for n in names if n.strip())))
            else:
                todo.append((ref.group(1), None))
    texts.extend((static / n).read_text(encoding="utf-8") for n in sorted(scripts))
    return texts


def classes_in_sources(texts: list[str] | None = None) -> tuple[set[str], set[str]]:
    """(classes written out, classes a template may build) in templates and own scripts."""
    exact, prefixes, literals = set(ALWAYS), set(), set()
    if texts is None:
        texts = [
            path.read_text(encoding="utf-8")
            for folder, pattern in SCAN
            for path in folder.rglob(pattern)
        ]
    for text in texts:
        literals.update(QUOTED_WORD.findall(text))
        for name in CLASS_IN_SOURCE.findall(text):
            if name.startswith("utrecht-components-"):
                continue  # the vendored files' own names in base.html and board.html
            (prefixes if name.endswith("-") else exact).add(name)
    # `utrecht-button--{{ kind }}`: the modifiers are the quoted words the templates pass in
    # (kind="primary-action", 'subtle'), so `utrecht-button--warning` stays out until used.
    built = {prefix + word for prefix in prefixes for word in literals}
    return exact, built - exact


def _without_not(selector: str) -> str:
    """The selector with every :not(...) argument removed (those classes need not be used)."""
    out, i = [], 0
    while i < len(selector):
        if selector.startswith(":not(", i):
            i = _paren_end(selector, i + 4) + 1
            continue
        out.append(selector[i])
        i += 1
    return "".join(out)


def wanted(selector: str, exact: set[str]) -> bool:
    names = CLASS_IN_SELECTOR.findall(_without_not(selector))
    return bool(names) and all(n in exact for n in names)


def select_rules(nodes, exact) -> list[Rule | AtRule]:
    kept: list[Rule | AtRule] = []
    for node in nodes:
        if isinstance(node, Rule):
            selectors = [s for s in split_top_level(node.prelude) if wanted(s, exact)]
            if selectors:
                kept.append(Rule(",".join(selectors), node.body))
        elif node.children is not None:
            children = select_rules(node.children, exact)
            if children:
                kept.append(AtRule(node.prelude, children))
    return kept


def add_keyframes(kept, nodes) -> list[Rule | AtRule]:
    """Add the @keyframes that kept rules animate with."""
    text = render(kept)
    frames = [
        n
        for n in nodes
        if isinstance(n, AtRule)
        and n.prelude.lower().startswith("@keyframes")
        and re.search(r"\b" + re.escape(n.prelude.split()[1]) + r"\b", text)
    ]
    return kept + frames


def render(nodes, indent: str = "") -> str:
    lines: list[str] = []
    for node in nodes:
        if isinstance(node, Rule):
            selector = squeeze(node.prelude)
            lines.append(f"{indent}{selector}{{{';'.join(declarations(node.body))}}}")
        elif node.children is not None:
            lines.append(f"{indent}{node.prelude}{{")
            lines.append(render(node.children, indent + " "))
            lines.append(f"{indent}}}")
        elif node.raw_body:
            inner = parse(node.raw_body)
            lines.append(f"{indent}{node.prelude}{{{render(inner, '')}}}".replace("\n", ""))
    return "\n".join(line for line in lines if line)


def _var_end(text: str, i: int) -> int:
    """Index just past the `)` closing the `var(` at text[i]."""
    j = _paren_end(text, i + 3)
    if j >= len(text):
        raise ValueError("unbalanced var(")
    return j + 1


def drop_undefined_vars(text: str, defined: set[str]) -> str:
    """Replace `var(--x, fallback)` by `fallback` when nothing defines --x.

    The components look up long chains (`var(--_hint, var(--_appearance, var(--token, 44px)))`)
    of which this theme sets only a few; an undefined property always yields its fallback, so
    the shorter text computes to the same value.
    """
    out, i = [], 0
    while i < len(text):
        if text.startswith("var(", i):
            end = _var_end(text, i)
            name, comma, fallback = text[i + 4 : end - 1].partition(",")
            name = name.strip()
            fallback = drop_undefined_vars(fallback, defined)
            if comma and name not in defined:
                out.append(fallback.strip())
            else:
                out.append(f"var({name}{',' + fallback if comma else ''})")
            i = end
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def drop_dead_fallbacks(text: str, always_set: set[str]) -> str:
    """`var(--x, fallback)` → `var(--x)` when the theme sets --x on the root for every element.

    The fallback could only show if --x were missing, which it never is.
    """
    out, i = [], 0
    while i < len(text):
        if text.startswith("var(", i):
            end = _var_end(text, i)
            name, comma, fallback = text[i + 4 : end - 1].partition(",")
            name = name.strip()
            if comma and name not in always_set:
                out.append(f"var({name},{drop_dead_fallbacks(fallback, always_set)})")
            else:
                out.append(f"var({name})")
            i = end
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# --------------------------------------------------------------------------- theme
def theme_properties(theme_css: str) -> tuple[str, list[tuple[str, str]]]:
    """(scope selector, [(name, value)]) of the theme's single custom-property block."""
    nodes = parse(strip_comments(theme_css))
    rules = [n for n in nodes if isinstance(n, Rule)]
    if len(rules) != 1 or any(isinstance(n, AtRule) for n in nodes):
        raise SystemExit(f"theme.css is no longer one block ({len(rules)} rules); update this")
    props = []
    for decl in declarations(rules[0].body):
        name, _, value = decl.partition(":")
        props.append((name.strip(), value.strip()))
    return rules[0].prelude, props


def needed_properties(props: list[tuple[str, str]], sources: list[str]) -> list[tuple[str, str]]:
    values = dict(props)
    todo = [ref for text in sources for ref in VAR_REF.findall(text)]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(VAR_REF.findall(values.get(name, "")))
    return [(n, v) for n, v in props if n in seen]


# --------------------------------------------------------------------------- main
def package(node_modules: Path, name: str) -> tuple[Path, str, str]:
    folder = node_modules / name
    meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    return folder, meta["version"], meta.get("license", "?")


def inline_aliases(css: str, props: dict[str, str], local: set[str]) -> str:
    """Look up `--utrecht-*` tokens that the theme only aliases at the token they point to.

    A token that a component rule or app.css sets itself stays, as does every non-utrecht token
    (the basis tokens are where a theme is changed).
    """

    def target(name: str) -> str:
        seen = set()
        while name.startswith("--utrecht-") and name not in local and name not in seen:
            seen.add(name)
            alias = re.fullmatch(r"var\((--[a-zA-Z0-9_-]+)\)", props.get(name, ""))
            if not alias:
                break
            name = alias.group(1)
        return name

    return VAR_REF.sub(lambda m: f"var({target(m.group(1))}", css)


def components_css(
    nodes, classes: set[str], props: list[tuple[str, str]], app_css: str, keep_tokens: bool
) -> str:
    """The component rules for these classes, their token look-ups resolved (see the top)."""
    components = render(add_keyframes(select_rules(nodes, classes), nodes))
    local = set(DEFINITION.findall(components + app_css))
    components = drop_undefined_vars(components, local | {name for name, _ in props})
    if not keep_tokens:
        components = inline_aliases(components, dict(props), local)
        components = drop_dead_fallbacks(components, {n for n, _ in props} - local)
    return components


def components_file(classes: str, what: str, version: str, license_: str, css: str) -> bytes:
    return (
        f"/* built-for: {classes} */\n"
        f"/* {UTRECHT}@{version} dist/index.css, only the rules for the classes above{what}. "
        f"@license {license_} Copyright (c) Gemeente Utrecht, Frameless B.V. and the NL Design "
        f"System community. Made by tools/vendor_frontend.py; do not edit. */\n"
        f"{css}\n"
    ).encode()


def build(node_modules: Path, keep_component_tokens: bool = False) -> dict[str, bytes]:
    """Every vendored file name → its content."""
    files: dict[str, bytes] = {}
    utrecht_dir, utrecht_v, utrecht_lic = package(node_modules, UTRECHT)
    theme_dir, theme_v, theme_lic = package(node_modules, THEME)
    htmx_dir, htmx_v, _ = package(node_modules, HTMX)
    sortable_dir, sortable_v, _ = package(node_modules, SORTABLE)
    theme_css = (theme_dir / "dist" / "theme.css").read_text(encoding="utf-8")
    # Tokens used by app.css and by the per-area stylesheets next to it (ideas.css, …).
    app_css = "\n".join(
        path.read_text(encoding="utf-8") for path in sorted(APP_CSS.parent.glob("*.css"))
    )
    scope, props = theme_properties(theme_css)

    written, built = classes_in_sources()
    nodes = parse(strip_comments((utrecht_dir / "dist" / "index.css").read_text(encoding="utf-8")))
    components = components_css(nodes, written | built, props, app_css, keep_component_tokens)
    library = set(CLASS_IN_SELECTOR.findall(render(nodes)))
    for name in sorted(written - library):
        print(f"warning: {name} is not a class of {UTRECHT}@{utrecht_v}; check the spelling")
    built_for = " ".join(sorted((written | built) & library))
    files[f"utrecht-components-{utrecht_v}.css"] = components_file(
        built_for, "", utrecht_v, utrecht_lic, components
    )
    on_board = set().union(*classes_in_sources(page_sources(BOARD_PAGE))) & library
    files[f"utrecht-components-board-{utrecht_v}.css"] = components_file(
        " ".join(sorted(on_board)),
        " (those of the board page)",
        utrecht_v,
        utrecht_lic,
        components_css(nodes, on_board, props, app_css, keep_component_tokens),
    )

    font_css = strip_comments((theme_dir / "dist" / "font.css").read_text(encoding="utf-8")).strip()
    if font_css and ("url(" in font_css or "@import" in font_css):
        print("note: the theme's font.css loads font files; left out, app.css sets a font stack")
        font_css = ""
    needed = needed_properties(props, [components, app_css])
    body = "\n".join(f"{n}:{squeeze(v)};" for n, v in needed)
    files[f"voorbeeld-theme-{theme_v}.css"] = (
        f"/* {THEME}@{theme_v} dist/theme.css, only the custom properties used by "
        f"utrecht-components-{utrecht_v}.css and css/app.css ({len(needed)} of {len(props)}). "
        f"@license {theme_lic} Copyright (c) NL Design System community. "
        f"Made by tools/vendor_frontend.py; do not edit. */\n"
        + (f"{font_css}\n" if font_css else "")
        + f"{scope}{{\n{body}\n}}\n"
    ).encode()

    files[f"htmx-{htmx_v}.min.js"] = (htmx_dir / "dist" / "htmx.min.js").read_bytes()
    files[f"sortable-{sortable_v}.min.js"] = (sortable_dir / "Sortable.min.js").read_bytes()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--node-modules",
        type=Path,
        default=Path(os.environ.get("NODE_MODULES", ROOT / "node_modules")),
        help="folder with the installed npm packages (default: $NODE_MODULES or ./node_modules)",
    )
    parser.add_argument("--check", action="store_true", help="only report differences")
    parser.add_argument(
        "--keep-component-tokens",
        action="store_true",
        help="keep the --utrecht-* token layer in the theme instead of looking up what it aliases",
    )
    args = parser.parse_args(argv)
    if not (args.node_modules / UTRECHT).is_dir():
        print(f"{args.node_modules / UTRECHT} not found; npm install the packages (see --help)")
        return 2
    files = build(args.node_modules, args.keep_component_tokens)
    stale = [
        name
        for name, data in files.items()
        if not (VENDOR / name).exists() or (VENDOR / name).read_bytes() != data
    ]
    if args.check:
        for name in stale:
            print(f"out of date: static/vendor/{name}")
        return 1 if stale else 0
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (VENDOR / name).write_bytes(data)
        print(f"static/vendor/{name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
