"""Errors that carry a one-line message meant for the person using the app."""


class UserError(Exception):
    """Something the user can fix; `str(err)` is a plain, one-line message."""


class ValidationError(UserError):
    """Input that breaks a planning rule (a duplicate outcome, an impossible date, …)."""


class ReadOnlyError(UserError):
    """A write to a café that is closed or imported."""


class NotFoundError(UserError):
    """A café, note or other item that does not exist (any more)."""


class Cancelled(UserError):
    """The person asked to stop; nothing was written."""
