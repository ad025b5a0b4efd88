"""The Dash front end of article6: layout, thin callbacks, figures; no arithmetic of its own."""
