"""The indicator form: its options, context, renderer, properties, file names, producer and Word import."""
