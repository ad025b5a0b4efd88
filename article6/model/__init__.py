"""The model: equations (1)-(12) (usage, methods), the adopted methods, paths, and the resolved question."""
