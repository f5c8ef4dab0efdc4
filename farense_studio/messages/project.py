"""Message texts of the project folder: creating, opening, locking, and why a file is damaged."""

MESSAGES = {
    "project_exists": ("Já existe um projeto nesta pasta: {path}", "There is already a project in this folder: {path}"),
    "project_not_folder": ("Não é uma pasta: {path}", "Not a folder: {path}"),
    "project_missing": ("Esta pasta não é um projeto do Farense Studio (falta o projeto.json): {path}",
                        "This folder is not a Farense Studio project (projeto.json is missing): {path}"),
    "project_invalid": ("O ficheiro do projeto está danificado: {path} ({detail})",
                        "The project file is damaged: {path} ({detail})"),
    "project_too_new": ("Este projeto foi gravado por uma versão mais recente do Farense Studio ({version}): {path}",
                        "This project was saved by a newer Farense Studio ({version}): {path}"),
    "permission_denied": ("Sem permissão para ler ou escrever: {path}", "Permission denied: {path}"),
    "project_locked": ("O projeto {path} já está aberto noutro Farense Studio (processo {pid}). Um projeto só "
                       "pode estar aberto num de cada vez, para que nenhuma edição se perca: feche o outro ou "
                       "abra outro projeto.",
                       "The project {path} is already open in another Farense Studio (process {pid}). A project "
                       "can be open in only one at a time, so that no edit is lost: close the other one or open "
                       "another project."),
    "edits_damaged": ("O ficheiro das edições está danificado: {path} ({detail})",
                      "The edits file is damaged: {path} ({detail})"),
    "run_file_damaged": ("Um ficheiro de um treino está danificado: {path} ({detail})",
                         "A file of a training run is damaged: {path} ({detail})"),
    "app_settings_damaged": ("As definições do Farense Studio tinham valores inválidos: {path} ({detail})",
                             "The Farense Studio settings had invalid values: {path} ({detail})"),
    "project_open_failed": ("Não foi possível mostrar o projeto {path} ({detail}). O Farense Studio abriu sem "
                            "projeto; nenhum ficheiro foi alterado.",
                            "The project {path} could not be shown ({detail}). Farense Studio opened without a "
                            "project; no file was changed."),
    # Why a file is damaged (the ``detail`` of project_invalid and of the damaged-file notices).
    "damage_empty": ("está vazio", "it is empty"),
    "damage_not_utf8": ("não é texto UTF-8", "it is not UTF-8 text"),
    "damage_json": ("JSON inválido na linha {line}, coluna {column}", "invalid JSON at line {line}, column {column}"),
    "damage_yaml": ("YAML inválido na linha {line}", "invalid YAML at line {line}"),
    "damage_not_object": ("não contém um objeto JSON", "it does not hold a JSON object"),
    "damage_wrong_type": ("«{field}» devia ser {expected}", "“{field}” should be {expected}"),
    "damage_bad_setting": ("«{field}» não é válido: {error}", "“{field}” is not valid: {error}"),
    "damage_shape": ("o conteúdo não tem a forma esperada: {error}", "the content is not shaped as expected: {error}"),
    "damage_unreadable": ("não se consegue ler ({error})", "it cannot be read ({error})"),
    "type_object": ("um objeto", "an object"),
    "type_list": ("uma lista", "a list"),
    "type_text": ("texto", "text"),
    "type_number": ("um número", "a number"),
    "type_bool": ("verdadeiro ou falso", "true or false"),
}
