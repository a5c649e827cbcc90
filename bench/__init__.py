"""Benchmarks: a generator of realistic databases and a runner that times whole commands."""
