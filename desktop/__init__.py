"""The application: command line, main window wiring, background workers."""
__version__ = "0.1.0"
