"""Output: the only place that prints. Human output with rich (imported on first use), and
`--json` for scripts. Takes the data the services return and runs no queries."""
