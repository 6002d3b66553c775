"""The program year: its dated schedule, the lesson library, recurring threads and weekly meetings."""
