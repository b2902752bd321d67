"""The demo store's size guides (resources/demo/size_guides.json), checked on first use: a broken file stops the
demo store with a message naming the file and the guide."""

from __future__ import annotations

import functools

from kiosk.backends.demo import vocab
from kiosk.backends.demo.data import DemoDataError, Node, data_file, load_json
from kiosk.core.size_guide import SizeGuide, SizeGuideError, parse_size_guide


def parse_size_guides(file_name: str, raw: object) -> dict[str, SizeGuide]:
    """Item type code -> its guide."""
    file = data_file(file_name)
    top = Node(file, raw)
    by_item: dict[str, SizeGuide] = {}
    for node in top.key("guides").items():
        try:
            guide = parse_size_guide(node.value)
        except SizeGuideError as exc:
            raise node.fail(str(exc)) from None
        for item_node in node.key("item_types").items():
            code = item_node.text()
            if code not in vocab.ITEM_TYPE_BY_CODE:
                raise item_node.fail(f"unknown item type {code!r}")
            if code in by_item:
                raise item_node.fail(f"item type {code!r} already has a size guide")
            by_item[code] = guide
    return by_item


@functools.cache
def size_guides() -> dict[str, SizeGuide]:
    """resources/demo/size_guides.json, read and checked once per process."""
    name = "size_guides.json"
    return parse_size_guides(name, load_json(data_file(name)))


__all__ = ["DemoDataError", "parse_size_guides", "size_guides"]
