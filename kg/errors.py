"""Typed errors of the geokg library.

Input: nothing. Output: exception classes carrying a stable code ("E101"), the exit code the CLI
uses for them (2 bad input/usage, 3 resource or network failure) and a one-sentence message that
says what was expected, what came, and what to do.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_RESOURCE = 3


class GeokgError(Exception):
    """Base class: `code` is stable across releases, `exit_code` is what the CLI returns."""

    code = "E000"
    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.message = message
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(GeokgError):
    """An input that cannot be read as an article (empty, binary, malformed...)."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class EncodingInputError(InputError):
    code = "E103"


class MalformedInputError(InputError):
    code = "E104"


class MissingInputError(InputError):
    code = "E105"


class UnsupportedInputError(InputError):
    code = "E106"


class TooLargeInputError(InputError):
    code = "E107"


class FetchError(InputError):
    """A URL that could not be fetched (no answer, an HTTP error, a timeout)."""

    code = "E108"


class UsageError(GeokgError):
    """A bad option or argument value (unknown output suffix, unknown query name...)."""

    code = "E200"


class ResourceError(GeokgError):
    """A shipped resource (model, gazetteer, shapes) or a network service is unusable."""

    code = "E300"
    exit_code = EXIT_RESOURCE


class GazetteerError(ResourceError):
    code = "E301"


class ModelError(ResourceError):
    code = "E302"


class NetworkError(ResourceError):
    code = "E303"


class StoreBusyError(ResourceError):
    """The store is open by another process in a conflicting mode (one writer or many readers)."""

    code = "E304"
