"""YAML for the law and the calendar: safe loading that refuses a key written twice
and keeps an impossible date as text for the caller to report.

PyYAML silently keeps the last of two equal keys, so a parameter with two values for the same
date, or a calendar day with two kinds, would lose one without a word. Both Kopir's parameter
files and its production-calendar overrides load through `load_strict` instead.

The text is parsed by libyaml (PyYAML's C parser, shipped in its wheels) where present: the same
safe constructors and resolver, about ten times faster on the law's forty files, which a cold
``kopir calc`` reads (decision 0017).
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _StrictLoader(_SafeLoader):
    """A safe loader that refuses duplicate keys."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


def _date_or_text(loader: _StrictLoader, node: yaml.ScalarNode) -> object:
    """An impossible date (2026-02-30) stays text, so the caller's check can name it."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def load_strict(text: str) -> Any:
    """Parse YAML text safely; raise `yaml.YAMLError` on a duplicate key (with its line)."""
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader is a safe loader
