"""A .docx to PDF, knowing nothing of forms: converters, fonts, the PDF recipe, pagination, post-processing."""
