"""From files to data: workspace discovery, documents with positions, suppressions, list files, settings."""
