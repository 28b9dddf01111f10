"""Bundled YAML configuration (topics, places, entity cues, sources); a package only so it ships with newsbeam."""
