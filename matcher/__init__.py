"""matcher layer of kehou (see DESIGN.md, Layers)."""
