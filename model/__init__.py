"""The shared model at the bottom of every layer: what a file was read into (Document), what the
recogniser made of it (Report), the national format as data (standard) and text normalisation."""
