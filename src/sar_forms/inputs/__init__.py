"""Files in: YAML and JSON data, workbooks and CSV files, folders; the empty workbook offices fill."""
