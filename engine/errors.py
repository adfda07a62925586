"""Every error the engine raises, each with an HTTP status and a message that says how to fix it.

    InsightsError                      base; .status is the HTTP status the service answers with
    ├── SettingsError          (500)   a setting is unsafe or malformed
    ├── InputError             (400)   the caller's input is wrong: empty text, bad encoding, bad row, ...
    │   ├── UnsupportedFileError (415) a file type we cannot read
    │   └── TooLargeError      (413)   body or upload over the limit
    ├── NotFoundError          (404)   an id, theme or area that does not exist
    ├── AnonymisationError     (422)   the anonymiser failed or timed out: the note is rejected, nothing stored
    └── StoreError             (500)   the database could not be read or written

Messages never contain note text: they name the line, row or field instead.
"""
from __future__ import annotations


class InsightsError(Exception):
    status = 500
    code = "insights_error"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def to_dict(self) -> dict:
        body = {"error": self.code, "message": self.message}
        if self.where:
            body["where"] = self.where
        return body


class SettingsError(InsightsError):
    status = 500
    code = "bad_setting"


class InputError(InsightsError):
    status = 400
    code = "bad_input"


class UnsupportedFileError(InputError):
    status = 415
    code = "unsupported_file"


class TooLargeError(InputError):
    status = 413
    code = "too_large"


class NotFoundError(InsightsError):
    status = 404
    code = "not_found"


class AnonymisationError(InsightsError):
    status = 422
    code = "anonymisation_failed"


class StoreError(InsightsError):
    status = 500
    code = "store_error"
