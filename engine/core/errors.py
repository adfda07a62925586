"""Every error the engine raises, each with an HTTP status and a message that says how to fix it.

    InsightsError                      base; .status is the HTTP status the service answers with
    ├── SettingsError          (500)   a setting is unsafe or malformed
    ├── InputError             (400)   the caller's input is wrong: empty text, bad encoding, bad row, ...
    │   ├── UnsupportedFileError (415) a file type we cannot read
    │   ├── PersonalDetailsError (400) text meant for everyone (a "you said, we did" response) names a person
    │   └── TooLargeError      (413)   body or upload over the limit
    ├── AuthRequiredError      (401)   no valid token or signed-in session
    ├── ForbiddenError         (403)   signed in, but the role or organisation may not do this (or no CSRF token)
    ├── NotFoundError          (404)   an id, theme or area that does not exist
    ├── RateLimitedError       (429)   too many requests from one token or session; .retry_after seconds
    ├── AnonymisationError     (422)   the anonymiser failed or timed out: the note is rejected, nothing stored
    ├── StoreError             (500)   the database could not be read or written
    └── BatchError             (500)   a batch ingest on Ray could not start or finish (engine/batch/)

Messages never contain note text: they name the line, row or field instead.
"""
from __future__ import annotations


class InsightsError(Exception):
    status = 500
    code = "insights_error"
    fix = "Try again; if it keeps happening, tell whoever runs this service."

    def __init__(self, message: str, *, where: str | None = None, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        if fix:
            self.fix = fix

    def to_dict(self) -> dict:
        """The one error body every HTTP answer uses: {"error": {"code", "message", "fix"[, "where"]}}."""
        body = {"code": self.code, "message": self.message, "fix": self.fix}
        if self.where:
            body["where"] = self.where
        return {"error": body}


class SettingsError(InsightsError):
    status = 500
    code = "bad_setting"


class InputError(InsightsError):
    status = 400
    code = "bad_input"
    fix = "Correct the field or value named in the message and send the request again."


class UnsupportedFileError(InputError):
    status = 415
    code = "unsupported_file"


class TooLargeError(InputError):
    status = 413
    code = "too_large"
    fix = "Send fewer or shorter notes at a time, or split the file into smaller ones."


class PersonalDetailsError(InputError):
    status = 400
    code = "personal_details"
    fix = ("Take out the name, phone number or other detail named in the message (write \"a resident\" or "
           "\"a family\" instead), then save again. Nothing was saved.")


class AuthRequiredError(InsightsError):
    status = 401
    code = "sign_in_required"
    fix = ("Send 'Authorization: Bearer <token>' (make one with `insights tokens create`), or sign in at /login.")


class ForbiddenError(InsightsError):
    status = 403
    code = "forbidden"
    fix = "Ask an admin of your organisation for an account or token with the right role."


class RateLimitedError(InsightsError):
    status = 429
    code = "rate_limited"
    fix = "Wait for the number of seconds in the Retry-After header, then send fewer requests per minute."

    def __init__(self, message: str, *, retry_after: int, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class NotFoundError(InsightsError):
    status = 404
    code = "not_found"
    fix = "Check the id or code; the list route for this kind of thing shows the ones that exist."


class MethodNotAllowedError(InsightsError):
    status = 405
    code = "method_not_allowed"
    fix = "Use one of the methods listed at /docs for this route."


class InvalidRequestError(InputError):
    status = 422
    code = "invalid_request"
    fix = "Correct the fields named, using the examples at /docs, and send it again."


class AnonymisationError(InsightsError):
    status = 422
    code = "anonymisation_failed"
    fix = "Nothing was stored. Check the note is plain text, split very long notes, and send it again."


class StoreError(InsightsError):
    status = 500
    code = "store_error"


class BatchError(InsightsError):
    status = 500
    code = "batch_failed"
    fix = ("Run the same command again: notes already stored are skipped (their dedupe keys exist), so nothing is "
           "added twice. If it fails again, try --workers 1, or check the Ray address.")


def error_for_status(status: int, message: str, fix: str | None = None) -> InsightsError:
    """The error of ours that answers with `status`, for problems the web framework finds before our code runs
    (an unknown route, a wrong method, a body too large or malformed), so every answer has the one body."""
    for cls in (InputError, UnsupportedFileError, TooLargeError, AuthRequiredError, ForbiddenError, NotFoundError,
                MethodNotAllowedError, InvalidRequestError):
        if cls.status == status:
            return cls(message, fix=fix)
    return InsightsError(message, fix=fix)
