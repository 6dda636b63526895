"""WordprocessingML, knowing nothing of the domain: .docx packages, compiled templates, composing documents, reading a Word page."""
