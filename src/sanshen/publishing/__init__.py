"""Publishing (发布): channels — website columns and new-media accounts — and, later, publications."""
