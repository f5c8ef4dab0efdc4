"""The Qt desktop front end: workers adapt the engine to signals, widgets show and ask."""
