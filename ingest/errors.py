"""The one error type that reaches the user: a single line naming the file and the fix."""


class IngestError(Exception):
    """Bad input or a bad data directory. The CLI prints it as one line and exits non-zero."""
