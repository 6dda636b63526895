"""Many forms to files: batches (plan, scheduler, manifest, summary) and offices' books."""
