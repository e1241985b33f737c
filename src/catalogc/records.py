"""Immutable records that are cheap to build and to send between processes.

A workspace with findings builds each one three times (a rule's ``Finding``, the located
``Located``, the reported ``Diagnostic``) and pickles the located ones back from the workers.
A frozen dataclass pays for its immutability on both counts: its ``__init__`` sets every field
through ``object.__setattr__`` by name, and its pickle is rebuilt through ``__getstate__`` and
``__setstate__`` in Python, field by field. ``cheap`` keeps the dataclass (equality, hashing,
``dataclasses.replace``, ``fields``, ``asdict`` and the frozen ``__setattr__`` are untouched) and
replaces only those two paths.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def cheap(cls: type[T]) -> type[T]:
    """A frozen, slotted dataclass whose ``__init__`` sets the slots through their descriptors (half
    the cost of the frozen one) and whose pickle is its class and its field values in order (loaded
    by calling the class: several times faster than the frozen dataclass's state methods)."""
    fields = [f for f in dataclasses.fields(cls) if f.init]  # type: ignore[arg-type]
    assert fields == list(dataclasses.fields(cls)), "every field is set by __init__"  # type: ignore[arg-type]
    assert cls.__dataclass_params__.frozen and "__slots__" in cls.__dict__  # type: ignore[attr-defined]
    assert not hasattr(cls, "__post_init__"), "the __init__ written here would not call it"
    namespace: dict[str, Any] = {"_FACTORY": object()}
    params, body = [], []
    for f in fields:
        namespace[f"_set_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        if f.default_factory is not dataclasses.MISSING:
            namespace[f"_make_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_FACTORY")
            body.append(f"    _set_{f.name}(self, _make_{f.name}() if {f.name} is _FACTORY else {f.name})")
        else:
            if f.default is not dataclasses.MISSING:
                namespace[f"_default_{f.name}"] = f.default
                params.append(f"{f.name}=_default_{f.name}")
            else:
                params.append(f.name)
            body.append(f"    _set_{f.name}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), namespace)  # noqa: S102
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__  # type: ignore[misc]
    cls.__init__ = init  # type: ignore[misc, method-assign]
    values = attrgetter(*(f.name for f in fields))
    if len(fields) == 1:  # attrgetter of one name gives the value, not a tuple
        def __reduce__(self: Any) -> tuple[Any, ...]:
            return self.__class__, (values(self),)
    else:
        def __reduce__(self: Any) -> tuple[Any, ...]:
            return self.__class__, values(self)
    cls.__reduce__ = __reduce__  # type: ignore[assignment, method-assign]
    return cls
