"""Texts for training on a group of computers (engine.distributed, train --hosts)."""

MESSAGES = {
    "hosts_file_missing": ("O ficheiro de computadores {path} não existe.",
                           "The hosts file {path} does not exist."),
    "hosts_file_invalid": ("O ficheiro de computadores {path} não está no formato do MLX ({detail}).",
                           "The hosts file {path} is not in MLX's format ({detail})."),
    "hosts_too_few": ("O ficheiro {path} tem {count|computador|computadores}; um grupo precisa de pelo menos dois.",
                      "The file {path} lists {count|computer|computers}; a group needs at least two."),
    "hosts_without_address": ("Falta o endereço IP de: {names} (o anel do MLX liga-se por IP).",
                              "The IP address is missing for: {names} (MLX's ring connects by IP)."),
    "group_not_joined": ("Este processo não conseguiu juntar-se ao grupo de computadores.",
                         "This process could not join the group of computers."),
    "group_starting": ("A treinar em {count} computadores; pasta do treino: {run_dir}",
                       "Training on {count} computers; run folder: {run_dir}"),
    "group_stopping": ("A parar o grupo no fim do passo atual… (Ctrl+C outra vez para já)",
                       "Stopping the group after the current step… (Ctrl+C again stops at once)"),
    "group_failed": ("Um dos computadores do grupo parou antes do fim. O último ponto de gravação "
                     "(passo {step}) continua o treino, num só computador ou no grupo: {command}",
                     "One of the group's computers stopped before the end. The last checkpoint (step "
                     "{step}) resumes the run, on one computer or on the group: {command}"),
    "host_ready": ("{host}: pronto ({memory} GB de memória).", "{host}: ready ({memory} GB of memory)."),
    "host_unreachable": ("{host}: não responde. Confirme que está ligado, na mesma rede, e que este "
                         "Mac lhe pode aceder por SSH sem palavra-passe (chave SSH).",
                         "{host}: does not answer. Check it is on, on the same network, and that this "
                         "Mac can reach it over SSH without a password (SSH key)."),
    "host_no_app": ("{host}: responde, mas não tem o Farense Studio instalado.",
                    "{host}: answers, but Farense Studio is not installed there."),
    "host_other_version": ("{host}: tem o Farense Studio {theirs}; este tem {ours}. Instale a mesma versão.",
                           "{host}: has Farense Studio {theirs}; this one has {ours}. Install the same version."),
    "host_missing_paths": ("{host}: não encontra {paths}. Todos os computadores precisam do modelo, dos "
                           "dados e da pasta do treino nos mesmos caminhos (por exemplo uma pasta partilhada).",
                           "{host}: cannot find {paths}. Every computer needs the model, the data and the "
                           "run folder at the same paths (for example a shared folder)."),
    "host_low_memory": ("{host}: tem {memory} GB de memória; este treino precisa de pelo menos {needed} GB.",
                        "{host}: has {memory} GB of memory; this training needs at least {needed} GB."),
}
