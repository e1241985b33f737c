"""From a checked workspace to published outputs: bundle, site, Excel, manifest."""
