"""Building blocks of `newsbeam stream`: polling feeds, watching folders, keyed dedup state, windowed writes.

They are written for Beam's streaming model and tested on the local FnApiRunner
in streaming mode, whose limits shaped them (see pipelines/stream.py).
"""
