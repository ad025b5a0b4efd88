"""The app's panels: each module owns its ids, its layout, its callbacks and its texts."""
