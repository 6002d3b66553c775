"""The program's 12-month focal-theme schedule, as Mental Health America defines it.

Kept in its own tiny module so `peertool schedule` and the config defaults can
use it without importing anything else.
"""

PROGRAM_THEMES = (
    "Introduction & Goal Setting",
    "Self-Care",
    "Social Interaction",
    "Communication",
    "Coping Strategies",
    "Thoughts & Beliefs",
    "Social Interaction",
    "Self-Care",
    "Coping Strategies",
    "Social Interaction",
    "Communication",
    "Coping Skills & Goal Setting (Transitioning Out)",
)
