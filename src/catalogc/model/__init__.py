"""The data models: catalogs, list rows, the bundle, and their validation and schemas."""
