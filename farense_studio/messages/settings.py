"""Labels and help of the training settings (engine.config field metadata): the Avançado form and
`farense-studio train --help` show them. Codes: setting_<name> (label), setting_<name>_help,
setting_<name>_<value> (a choice)."""

MESSAGES = {
    "setting_epochs": ('Passagens pelos dados', 'Passes over the data'),
    "setting_epochs_help": (
        'Quantas vezes o modelo lê todos os exemplos de treino (epochs, em linguagem '
        'técnica). Mais passagens aprendem mais, mas podem decorar.',
        'How many times the model reads every training example (epochs, in technical '
        'terms). More passes learn more, but may learn by heart.'),
    "setting_batch_size": ('Exemplos por lote', 'Examples per batch'),
    "setting_batch_size_help": (
        'Quantos exemplos o modelo processa de uma vez (batch size). Mais exemplos usam '
        'mais memória.',
        'How many examples the model processes at once (batch size). More examples use '
        'more memory.'),
    "setting_grad_accumulation": ('Lotes por passo', 'Batches per step'),
    "setting_grad_accumulation_help": (
        'Quantos lotes se somam antes de cada atualização (acumulação de gradientes): '
        'lotes pequenos com acumulação poupam memória sem mudar o resultado.',
        'How many batches add up before each update (gradient accumulation): small '
        'batches with accumulation save memory without changing the result.'),
    "setting_learning_rate": ('Taxa de aprendizagem', 'Learning rate'),
    "setting_learning_rate_help": (
        'O tamanho de cada correção (learning rate). Demasiado alta torna o treino '
        'instável; demasiado baixa aprende devagar. Típico: 1e-4.',
        'The size of each correction (learning rate). Too high makes training unstable; '
        'too low learns slowly. Typical: 1e-4.'),
    "setting_warmup_steps": ('Passos de aquecimento', 'Warm-up steps'),
    "setting_warmup_steps_help": (
        'Passos iniciais em que a taxa de aprendizagem sobe aos poucos (warmup). Vazio: '
        '5% dos passos.',
        'First steps during which the learning rate rises gradually (warmup). Empty: 5% '
        'of the steps.'),
    "setting_lr_schedule": ('Evolução da taxa', 'Rate schedule'),
    "setting_lr_schedule_help": (
        'Como a taxa de aprendizagem desce ao longo do treino (schedule).',
        'How the learning rate goes down during training (schedule).'),
    "setting_lr_schedule_cosine": ('cosseno (recomendado)', 'cosine (recommended)'),
    "setting_lr_schedule_linear": ('linear', 'linear'),
    "setting_lr_schedule_constant": ('constante', 'constant'),
    "setting_min_lr_ratio": ('Taxa final (fração)', 'Final rate (fraction)'),
    "setting_min_lr_ratio_help": (
        'No fim do treino a taxa de aprendizagem vale esta fração da inicial (0 a 1).',
        'At the end of training the learning rate is this fraction of the initial one (0 '
        'to 1).'),
    "setting_optimizer": ('Otimizador', 'Optimizer'),
    "setting_optimizer_help": (
        'O método que corrige os pesos (optimizer). Adam é o habitual.',
        'The method that corrects the weights (optimizer). Adam is the usual one.'),
    "setting_optimizer_adam": ('Adam', 'Adam'),
    "setting_optimizer_adamw": ('AdamW', 'AdamW'),
    "setting_weight_decay": ('Decaimento dos pesos', 'Weight decay'),
    "setting_weight_decay_help": (
        'Só com AdamW: puxa os pesos da afinação para zero, contra o decorar (weight '
        'decay).',
        'AdamW only: pulls the fine-tuning weights towards zero, against learning by '
        'heart (weight decay).'),
    "setting_max_grad_norm": ('Limite dos gradientes', 'Gradient limit'),
    "setting_max_grad_norm_help": (
        'Corta correções demasiado grandes (gradient clipping). Vazio ou 0: sem limite.',
        'Cuts corrections that are too large (gradient clipping). Empty or 0: no limit.'),
    "setting_max_seq_length": ('Comprimento máximo (tokens)', 'Maximum length (tokens)'),
    "setting_max_seq_length_help": (
        'Exemplos mais longos são cortados. Mais curto poupa memória e tempo.',
        'Longer examples are cut. Shorter saves memory and time.'),
    "setting_lora_rank": ('LoRA: rank', 'LoRA: rank'),
    "setting_lora_rank_help": (
        'O tamanho da afinação (rank). Maior aprende mais detalhes e ocupa mais memória.',
        'The size of the fine-tuning (rank). Larger learns more detail and takes more '
        'memory.'),
    "setting_lora_alpha": ('LoRA: alpha', 'LoRA: alpha'),
    "setting_lora_alpha_help": (
        'A força da afinação sobre o modelo base (alpha; escala = alpha / rank). Costuma '
        'ser o dobro do rank.',
        'How strongly the fine-tuning acts on the base model (alpha; scale = alpha / '
        'rank). Usually twice the rank.'),
    "setting_lora_dropout": ('LoRA: dropout', 'LoRA: dropout'),
    "setting_lora_dropout_help": (
        'Fração da afinação desligada ao acaso em cada passo, contra o decorar (0 a 0,9).',
        'Fraction of the fine-tuning switched off at random at each step, against '
        'learning by heart (0 to 0.9).'),
    "setting_lora_num_layers": ('LoRA: camadas afinadas', 'LoRA: tuned layers'),
    "setting_lora_num_layers_help": (
        'Quantas das últimas camadas do modelo recebem afinação; -1: todas.',
        "How many of the model's last layers are fine-tuned; -1: all of them."),
    "setting_lora_keys": ('LoRA: camadas internas', 'LoRA: inner layers'),
    "setting_lora_keys_help": (
        'Que projeções de cada bloco recebem afinação, separadas por vírgulas (por '
        'exemplo self_attn.q_proj, self_attn.v_proj). Vazio: todas as camadas lineares.',
        'Which projections of each block are fine-tuned, separated by commas (for example'
        ' self_attn.q_proj, self_attn.v_proj). Empty: every linear layer.'),
    "setting_mask_prompt": ('Aprender só as respostas', 'Learn the answers only'),
    "setting_mask_prompt_help": (
        'O erro conta só nas respostas, não nas perguntas (prompt masking). Recomendado.',
        'The error counts on the answers only, not on the questions (prompt masking). '
        'Recommended.'),
    "setting_grad_checkpoint": ('Poupar memória (mais lento)', 'Save memory (slower)'),
    "setting_grad_checkpoint_help": (
        'Recalcula partes do modelo em vez de as guardar (gradient checkpointing): menos '
        'memória, cerca de 30% mais lento.',
        'Recomputes parts of the model instead of keeping them (gradient checkpointing): '
        'less memory, about 30% slower.'),
    "setting_eval_every": ('Verificar a cada (passos)', 'Check every (steps)'),
    "setting_eval_every_help": (
        'De quantos em quantos passos se mede o erro nas perguntas de verificação; 0: só '
        'no fim de cada passagem.',
        'How often, in steps, the error on the checking questions is measured; 0: only at'
        ' the end of each pass.'),
    "setting_checkpoint_every": ('Gravar a cada (passos)', 'Save every (steps)'),
    "setting_checkpoint_every_help": (
        'De quantos em quantos passos se grava um ponto de gravação (checkpoint) para '
        'poder continuar depois; 0: só no fim de cada passagem.',
        'How often, in steps, a save point (checkpoint) is written so training can '
        'continue later; 0: only at the end of each pass.'),
    "setting_checkpoint_minutes": ('Gravar pelo menos a cada (minutos)', 'Save at least every (minutes)'),
    "setting_checkpoint_minutes_help": (
        'Grava também pelo tempo, para uma falha perder poucos minutos: no máximo este intervalo '
        '(menos quando gravar é rápido, sem passar de cerca de 2% do tempo de treino); 0: só '
        'pelos passos.',
        'Also saves by time, so a crash loses only a few minutes: at most this interval (less '
        'when saving is quick, staying near 2% of the training time); 0: by steps only.'),
    "setting_keep_last": ('Pontos de gravação guardados', 'Save points kept'),
    "setting_keep_last_help": (
        'Quantos dos pontos de gravação mais recentes se guardam (o melhor fica sempre).',
        'How many of the newest save points are kept (the best one always stays).'),
    "setting_seed": ('Semente', 'Seed'),
    "setting_seed_help": (
        'Fixa o acaso (seed): a mesma semente com os mesmos dados dá o mesmo treino.',
        'Fixes the randomness: the same seed with the same data gives the same training.'),
    "setting_batching": ('Agrupamento dos exemplos', 'Grouping of examples'),
    "setting_batching_help": (
        'Como os exemplos se juntam em passos em cada passagem: vários exemplos curtos numa só '
        'linha, sem se verem uns aos outros (recomendado, mais rápido), baralhados, por grupos de '
        'comprimento, ou ordenados como no mlx-lm.',
        'How examples are grouped into steps in each pass: several short examples in one row, '
        'kept from seeing each other (recommended, faster), shuffled, by length groups, or sorted '
        'as in mlx-lm.'),
    "setting_batching_pack": ('juntos numa linha (recomendado)', 'packed into rows (recommended)'),
    "setting_batching_shuffle": ('baralhados', 'shuffled'),
    "setting_batching_bucket": ('por comprimento', 'by length'),
    "setting_batching_sorted": ('ordenados', 'sorted'),
    "setting_split_cost": ('Custo de dividir um lote', 'Cost of splitting a batch'),
    "setting_split_cost_help": (
        'Os exemplos de cada passo são repartidos em lotes de comprimentos parecidos '
        'quando isso poupa enchimento; este número (em tokens) é o custo de cada lote a '
        'mais. Vazio: lotes fixos. O resultado é o mesmo.',
        "Each step's examples are split into batches of similar lengths when that saves "
        'padding; this number (in tokens) is the cost of each extra batch. Empty: fixed '
        'batches. The result is the same.'),
    "setting_pad_multiple": ('Arredondar lotes a', 'Round batches to'),
    "setting_pad_multiple_help": (
        'Os lotes são completados até um múltiplo deste número de tokens (menos '
        'recompilações).',
        'Batches are padded up to a multiple of this number of tokens (fewer '
        'recompilations).'),
    "setting_system_prompt": ('Instrução de sistema', 'System instruction'),
    "setting_system_prompt_help": (
        'O texto que diz ao modelo quem ele é; usado no treino e depois na conversa e no '
        'servidor.',
        'The text that tells the model who it is; used in training and then in chat and '
        'in the server.'),
}
