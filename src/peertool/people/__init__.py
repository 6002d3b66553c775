"""People and their groups: enrollment, membership, goals, contact notes and reviews."""
