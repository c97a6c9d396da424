"""Errors that reach the user as a one-line reason and exit code 2."""


class InputError(Exception):
    """Bad input from the user (file, config, arguments): nothing was written."""


class RunLockedError(Exception):
    """Another run holds the lock."""
