"""A run's name: <run>/nome.txt when the person renamed it, else the folder name."""

from farense_studio.engine.runs import NAME_FILE, list_runs, run_info, run_name, set_run_name


def _run_folder(treinos, name):
    run = treinos / name
    run.mkdir(parents=True)
    (run / "config.yaml").write_text("preset: Rápido\n", encoding="utf-8")
    return run


def test_run_info_name_follows_nome_txt(tmp_path):
    run = _run_folder(tmp_path, "20261124-120000")
    assert run_info(run).name == "20261124-120000" == run_name(run)

    set_run_name(run, "  Primeiro ensaio \n")
    assert (run / NAME_FILE).read_text(encoding="utf-8") == "Primeiro ensaio\n"
    assert [(i.name, i.path) for i in list_runs(tmp_path)] == [("Primeiro ensaio", run)]

    (run / NAME_FILE).write_text("   \n", encoding="utf-8")  # an empty name falls back
    assert list_runs(tmp_path)[0].name == "20261124-120000"
    (run / NAME_FILE).write_bytes(b"\xff\xfe\x00bad")  # unreadable text falls back too
    assert run_info(run).name == "20261124-120000"
