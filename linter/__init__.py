"""copydesk: an editorial content-quality linter."""

__version__ = "0.1.0"
