"""Logging filters used by ``LOGGING`` in the settings."""

import logging
import time


class OncePerInterval(logging.Filter):
    """Let one record through per ``seconds`` (per process), as a one-line warning without its traceback.

    django-redis logs every cache call it ignores while Redis is unreachable (``Exception ignored`` with a
    traceback); during an outage that is every request. One line a minute says the same thing.
    """

    def __init__(self, seconds=60, message="", name=""):
        super().__init__(name)
        self.seconds = seconds
        self.message = message
        self._last = None

    def filter(self, record):
        now = time.monotonic()
        if self._last is not None and now - self._last < self.seconds:
            return False
        self._last = now
        error = record.exc_info[1] if record.exc_info else None
        cause = getattr(error, "__cause__", None) or error
        if self.message:
            record.msg = f"{self.message} ({type(cause).__name__}: {cause})" if cause else self.message
            record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
