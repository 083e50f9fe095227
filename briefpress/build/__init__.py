"""Building: which targets, one build session, workers, the cache, and writing files safely."""
