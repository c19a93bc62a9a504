"""Models of this section are added by its own issue."""
