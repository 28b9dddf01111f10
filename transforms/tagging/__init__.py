"""Sentence taggers: topics, places, entities and quotes, each a pure class built from config."""
