"""Every way peertool prints: JSON, rich tables, Markdown, CSV and iCalendar.

The library returns plain data; only this layer turns it into text for a
person or a file. It imports rich, never typer.
"""
