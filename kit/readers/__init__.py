"""Pure text analysis: each reader returns a pandas DataFrame with exact offsets into article.text."""
