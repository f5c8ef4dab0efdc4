"""Message texts of the training engine (trainer, checkpoints, runs, estimate, train CLI)."""

MESSAGES = {
    # Failures (Failed events, refused resumes)
    "no_training_data": ("Não há exemplos de treino em {path} (falta train.jsonl ou está vazio).",
                         "No training examples in {path} (train.jsonl missing or empty)."),
    "invalid_training_line": ("Linha {line} de {file} não é um exemplo válido: {detail}",
                              "Line {line} of {file} is not a valid example: {detail}"),
    "nan_loss": ("O erro tornou-se inválido ({value}) no passo {step}. O treino parou e voltou ao "
                 "último ponto de gravação bom ({checkpoint}). Experimente uma taxa de aprendizagem "
                 "mais baixa (por exemplo {suggested_lr}).",
                 "The error became invalid ({value}) at step {step}. Training stopped and went back to "
                 "the last good checkpoint ({checkpoint}). Try a lower learning rate (for example "
                 "{suggested_lr})."),
    "out_of_memory": ("Memória insuficiente mesmo com lotes de 1 exemplo (passo {step}). Reduza o "
                      "comprimento máximo, ative «Poupar memória» (em Avançado) ou escolha um modelo "
                      "mais pequeno.",
                      "Out of memory even with batches of 1 example (step {step}). Lower the maximum "
                      "length, turn on “Save memory” (in Advanced) or choose a smaller model."),
    "disk_full_run": ("O disco está cheio: o treino parou no passo {step} sem conseguir gravar em {path}. "
                      "O último ponto de gravação ({checkpoint}) ficou intacto: liberte espaço no disco "
                      "e retome o treino.",
                      "The disk is full: training stopped at step {step}, unable to write to {path}. "
                      "The last checkpoint ({checkpoint}) is intact: free some disk space and resume "
                      "the run."),
    "run_not_writable": ("Não é possível escrever em {path} (só de leitura ou sem permissão): o treino "
                         "parou no passo {step}. O último ponto de gravação ({checkpoint}) ficou "
                         "intacto: dê permissão de escrita à pasta do treino e retome-o.",
                         "Cannot write to {path} (read-only or no permission): training stopped at "
                         "step {step}. The last checkpoint ({checkpoint}) is intact: make the run "
                         "folder writable and resume it."),
    "nothing_to_learn": ("Nada para aprender: nenhum dos {count} exemplos de treino mantém a resposta "
                         "depois de cortado a {max_tokens} tokens (a pergunta e o prompt de sistema já "
                         "ocupam tudo). Aumente o comprimento máximo ou encurte o prompt de sistema.",
                         "Nothing to learn: none of the {count} training examples keeps its answer "
                         "once cut to {max_tokens} tokens (the question and the system prompt take it "
                         "all). Raise the maximum length or shorten the system prompt."),
    "most_answers_lost": ("{lost} dos {count} exemplos de treino ficam sem resposta depois de cortados a "
                          "{max_tokens} tokens e não ensinam nada. Aumente o comprimento máximo ou "
                          "encurte o prompt de sistema antes de treinar.",
                          "{lost} of the {count} training examples lose their answer once cut to "
                          "{max_tokens} tokens and teach nothing. Raise the maximum length or shorten "
                          "the system prompt before training."),
    "documents_prepared_longer": ("Os dados foram preparados com os documentos do clube para {prepared} tokens, "
                                  "mais do que o comprimento máximo de agora ({max_tokens}): {lost} dos {count} "
                                  "exemplos de treino ficariam sem resposta. Prepare os dados de novo em Dados "
                                  "(os documentos passam a caber) ou volte a {prepared} tokens.",
                                  "The data was prepared with the club's documents for {prepared} tokens, more "
                                  "than the maximum length now ({max_tokens}): {lost} of the {count} training "
                                  "examples would lose their answer. Prepare the data again in Dados (the "
                                  "documents will fit) or go back to {prepared} tokens."),
    "check_out_of_memory": ("Memória insuficiente para as verificações do passo {step}: ficam para as "
                            "próximas e o treino continua. Se voltar a acontecer, feche outras aplicações.",
                            "Not enough memory for the checks at step {step}: they wait for the next ones "
                            "and training goes on. If it happens again, close other applications."),
    "memory_ran_out": ("A memória do computador acabou no passo {step}. O treino está gravado até ao passo "
                       "{saved}: feche outras aplicações e carregue em Continuar treino.",
                       "The computer ran out of memory at step {step}. The run is saved up to step "
                       "{saved}: close other applications and press Continue training."),
    "memory_ran_out_unsaved": ("A memória do computador acabou no passo {step}, antes do primeiro ponto de "
                               "gravação. Feche outras aplicações e comece o treino de novo; se voltar a "
                               "acontecer, ative «Poupar memória» (em Avançado) ou reduza o comprimento máximo.",
                               "The computer ran out of memory at step {step}, before the first checkpoint. "
                               "Close other applications and start the run again; if it happens again, turn "
                               "on “Save memory” (in Advanced) or lower the maximum length."),
    "oom_retry": ("Memória insuficiente no passo {step}: a repetir com lotes de {batch_size} e "
                  "acumulação {grad_accumulation} (o mesmo lote efetivo de {effective}).",
                  "Out of memory at step {step}: retrying with batches of {batch_size} and "
                  "accumulation {grad_accumulation} (the same effective batch of {effective})."),
    "resume_config_changed": ("Não é possível continuar este treino: a configuração mudou ({fields}). "
                              "Comece um treino novo ou reponha a configuração.",
                              "Cannot resume this run: the configuration changed ({fields}). "
                              "Start a new run or restore the configuration."),
    "resume_data_changed": ("Não é possível continuar este treino: os dados preparados mudaram desde "
                            "que começou ({path}). Comece um treino novo com os dados atuais.",
                            "Cannot resume this run: the prepared data changed since it started "
                            "({path}). Start a new run with the current data."),
    "extend_unfinished": ("Este treino ainda não terminou (passo {step} de {total_steps}): continue-o "
                          "primeiro («Continuar treino», ou --resume na linha de comandos); depois "
                          "pode treinar mais.",
                          "This run has not finished yet (step {step} of {total_steps}): resume it "
                          "first (“Continue training”, or --resume on the command line); then you "
                          "can train more."),
    "extend_data_changed": ("Não é possível treinar mais este treino: os dados preparados mudaram "
                            "desde que começou ({path}). Comece um treino novo com os dados atuais.",
                            "Cannot train this run more: the prepared data changed since it started "
                            "({path}). Start a new run with the current data."),
    "extend_config_changed": ("Não é possível treinar mais este treino: a configuração mudou "
                              "({fields}). Comece um treino novo ou reponha a configuração.",
                              "Cannot train this run more: the configuration changed ({fields}). "
                              "Start a new run or restore the configuration."),
    "extend_invalid_passes": ("O número de passagens a mais pelos dados tem de ser 1 ou mais "
                              "(recebido: {passes}).",
                              "The number of extra passes through the data must be 1 or more "
                              "(got {passes})."),
    "run_in_use": ("Este treino já está a correr noutro processo (pid {pid}).",
                   "This run is already running in another process (pid {pid})."),
    "run_exists": ("A pasta {path} já tem um treino: continue-o (--resume) ou escolha outra pasta.",
                   "The folder {path} already holds a run: resume it (--resume) or choose another folder."),
    "nan_no_checkpoint": ("nenhum, o início", "none, the start"),
    "training_error": ("O treino falhou no passo {step}: {detail}",
                       "Training failed at step {step}: {detail}"),
    "invalid_config": ("Configuração inválida: {detail}", "Invalid configuration: {detail}"),
    "unknown_preset": ("Objetivo desconhecido: {name} (use {choices}).",
                       "Unknown goal: {name} (use {choices})."),
    "checkpoint_not_found": ("Não há nenhum ponto de gravação válido em {path}.",
                             "There is no valid checkpoint in {path}."),
    "training_not_running": ("O treino não está a correr.", "Training is not running."),
    # Notices
    "checkpoint_damaged": ("O ponto de gravação {name} está danificado ({detail}); a usar o anterior, "
                           "{fallback}.",
                           "Checkpoint {name} is damaged ({detail}); using the previous one, "
                           "{fallback}."),
    "no_checkpoint_restart": ("Não há ponto de gravação válido para continuar: o treino recomeça do "
                              "início.",
                              "No valid checkpoint to resume from: training starts again from "
                              "the beginning."),
    "resumed_from": ("A continuar do passo {step} (passagem {epoch}), ponto de gravação {name}.",
                     "Resuming from step {step} (pass {epoch}), checkpoint {name}."),
    "already_finished": ("Este treino já terminou ({step|passo|passos}).",
                         "This run has already finished ({step|step|steps})."),
    "lora_layers_clamped": ("O modelo tem só {available} camadas: a afinação usa todas.",
                            "The model has only {available} layers: LoRA uses all of them."),
    "packing_unsupported": ("Este modelo não permite juntar vários exemplos numa linha: o treino "
                            "usa exemplos baralhados.",
                            "This model cannot share one row among several examples: training "
                            "uses shuffled examples."),
    "metrics_rows_skipped": ("{count|linha danificada|linhas danificadas} do registo metrics.jsonl "
                             "{count?foi ignorada|foram ignoradas} (linhas {lines}).",
                             "{count|damaged row|damaged rows} of the metrics.jsonl log "
                             "{count?was|were} skipped (lines {lines})."),
    "examples_truncated": ("{count|exemplo tem|exemplos têm} mais de {max_tokens} tokens e "
                           "{count?foi cortado|foram cortados}.",
                           "{count|example is|examples are} longer than {max_tokens} tokens and "
                           "{count?was|were} cut."),
    "examples_without_answer": ("{count|exemplo ficou|exemplos ficaram} sem resposta depois do "
                                "corte e não {count?conta|contam} para o erro.",
                                "{count|example has|examples have} no answer left after cutting "
                                "and {count?does|do} not count towards the error."),
    "no_validation_data": ("Não há perguntas de verificação: o erro nas perguntas de verificação não é calculado.",
                           "No checking questions: the error on them is not computed."),
    "training_started": ("Treino iniciado: {total_steps|passo|passos} em {epochs|passagem|passagens} "
                         "pelos dados.",
                         "Training started: {total_steps|step|steps} over {epochs|pass|passes} "
                         "through the data."),
    "phase_started": ("Começa a fase {phase} do treino no passo {start_step} (passagens pelos dados "
                      "a mais: {epochs}; taxa de aprendizagem {learning_rate}).",
                      "Phase {phase} of the run begins at step {start_step} (extra passes through "
                      "the data: {epochs}; learning rate {learning_rate})."),
    "training_paused": ("Treino em pausa no passo {step}.", "Training paused at step {step}."),
    "training_resumed": ("Treino retomado no passo {step}.", "Training resumed at step {step}."),
    "training_stopped": ("Treino parado no passo {step}.", "Training stopped at step {step}."),
    "training_finished": ("Treino terminado: {step|passo|passos}, menor erro nas perguntas de "
                          "verificação {best}.",
                          "Training finished: {step|step|steps}, lowest error on the checking "
                          "questions {best}."),
    "eval_report": ("Passo {step}: erro nas perguntas de verificação {val_loss}.",
                    "Step {step}: error on the checking questions {val_loss}."),
    "resume_command": ("Para continuar depois: {command}", "To continue later: {command}"),
    "resume_hint": ("Treino em pausa no passo {step}. Para continuar: {command}",
                    "Training paused at step {step}. To continue: {command}"),
    # Estimate advice
    "advice_reduce_batch": ("Use lotes mais pequenos com mais acumulação.",
                            "Use smaller batches with more accumulation."),
    "advice_grad_checkpoint": ("Ative «Poupar memória» (em Avançado).",
                               "Turn on “Save memory” (in Advanced)."),
    "advice_shorter_length": ("Reduza o comprimento máximo das sequências.",
                              "Lower the maximum sequence length."),
    "advice_smaller_model": ("Escolha um modelo mais pequeno (1,5–3B, 4 bits).",
                             "Choose a smaller model (1.5–3B, 4-bit)."),
    "advice_answers_lost": ("A maior parte dos exemplos fica sem resposta depois de cortada ao comprimento "
                            "máximo e não ensina nada: aumente o comprimento máximo ou encurte o prompt "
                            "de sistema antes de treinar.",
                            "Most examples lose their answer once cut to the maximum length and teach "
                            "nothing: raise the maximum length or shorten the system prompt before "
                            "training."),
    "advice_documents_prepared_shorter": (
        "Os exemplos com os documentos do clube foram preparados para um comprimento menor do que o de agora "
        "(ou antes de o modelo estar neste computador): prepare os dados de novo em Dados para as passagens "
        "aproveitarem o comprimento todo.",
        "The examples with the club's documents were prepared for a shorter length than today's (or before "
        "the model was on this computer): prepare the data again in Dados so the passages use the whole "
        "length."),
    "advice_long_run": ("O treino deve demorar várias horas; o Equilibrado ou o Rápido são mais curtos.",
                        "Training should take several hours; Equilibrado or Rápido are shorter."),
    # What an error on the checking questions means (engine.evaluate.loss_hint)
    "loss_hint_very_good": ("Muito bom: o modelo dá as respostas guardadas quase palavra por palavra.",
                            "Very good: the model gives the stored answers nearly word for word."),
    "loss_hint_good": ("Bom: o modelo já sabe o essencial das respostas.",
                       "Good: the model already knows the gist of the answers."),
    "loss_hint_fair": ("Razoável: o modelo aprendeu alguma coisa; mais passagens ou mais exemplos ajudam.",
                       "Fair: the model learned something; more passes or more examples help."),
    "loss_hint_weak": ("Ainda fraco: o modelo aprendeu pouco destas respostas.",
                       "Still weak: the model has learned little of these answers."),
}
