"""The check pipeline: files in parallel, cross-file facts, policy, the result."""
