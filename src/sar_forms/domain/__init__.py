"""The rules of the forms, without I/O: text rules, Thai line breaking, the catalogue, the models, a reviewer's checks."""
