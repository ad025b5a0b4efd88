"""The scenario file: reading it, checking it, and the one table of inputs."""
