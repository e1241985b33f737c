"""Name the encoding of a file that is not UTF-8, so the message can say how to convert it."""

from __future__ import annotations

# Government offices mostly produce GBK/GB18030 (Excel and WPS on Chinese Windows), then Big5.
_CANDIDATES = ("gb18030", "big5")
_LABELS = {"gb18030": "GBK/GB18030", "gbk": "GBK/GB18030", "gb2312": "GBK/GB18030", "big5": "Big5"}


def _mostly_cjk(text: str) -> bool:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= max(1, len([ch for ch in text if ord(ch) > 127]) // 2)


def guess_encoding(data: bytes) -> str:
    """A human label for the likely encoding, or 'binary' for data that is no text at all."""
    for codec in _CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _mostly_cjk(text):
            return _LABELS[codec]
    from charset_normalizer import from_bytes  # costly to import; only files that are not UTF-8 get here

    best = from_bytes(data[:65536]).best()
    if best is None:
        return "binary"
    return _LABELS.get(best.encoding, best.encoding)
