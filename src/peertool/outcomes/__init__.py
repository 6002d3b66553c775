"""What the program achieves: outings and the activity fund, the outcomes report, and the weekly prep sheet."""
