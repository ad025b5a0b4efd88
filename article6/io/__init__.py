"""Files in and out: bounded reading, atomic writing, strict JSON, spreadsheets, IAMC, tables and figures."""
