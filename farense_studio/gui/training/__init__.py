"""The Treino tab (TrainingTab in tab.py, which lays it out); goal_panel, run_view, start_flow,
resume and endings do one part each; fields, estimate, status, model_choice, more_dialog and
settings_store are its smaller pieces."""
