"""Qt widgets and models over the engine's results. Reads Reports, Findings and Documents; never
parses a file or decides a rule itself."""
