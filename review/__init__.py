"""The review an inspector runs, written once for the command line and the window (Qt-free): the
session of opened reports (session), rounds and the archive's records of them (rounds), the year
before (history), the 整改通知 from grouping to their one numbering (notices). If both the command
line and the window do it, it lives here; they only drive it."""
