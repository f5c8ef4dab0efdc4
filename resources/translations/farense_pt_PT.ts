<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_PT" sourcelanguage="pt_PT">
<context>
    <name>AdvancedSettings</name>
    <message>
        <source>Use -1 (todas) ou um número de 1 para cima.</source>
        <translation>Use -1 (todas) ou um número de 1 para cima.</translation>
    </message>
    <message>
        <source>Escreva um valor.</source>
        <translation>Escreva um valor.</translation>
    </message>
    <message>
        <source>Não é um número.</source>
        <translation>Não é um número.</translation>
    </message>
    <message>
        <source>Tem de ser um número inteiro.</source>
        <translation>Tem de ser um número inteiro.</translation>
    </message>
    <message>
        <source>O mínimo é {minimum}.</source>
        <translation>O mínimo é {minimum}.</translation>
    </message>
    <message>
        <source>O máximo é {maximum}.</source>
        <translation>O máximo é {maximum}.</translation>
    </message>
    <message>
        <source>todas</source>
        <translation>todas</translation>
    </message>
    <message>
        <source>automático</source>
        <translation>automático</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Fechar esta mensagem</source>
        <translation>Fechar esta mensagem</translation>
    </message>
</context>
<context>
    <name>BaseModelChoice</name>
    <message>
        <source>Modelo base</source>
        <translation>Modelo base</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Recomendado para este computador</source>
        <translation>Recomendado para este computador</translation>
    </message>
    <message>
        <source>Uma pasta com um modelo no computador…</source>
        <translation>Uma pasta com um modelo no computador…</translation>
    </message>
    <message>
        <source>Pasta: {name}</source>
        <translation>Pasta: {name}</translation>
    </message>
    <message>
        <source>Escolha a pasta do modelo</source>
        <translation>Escolha a pasta do modelo</translation>
    </message>
    <message>
        <source>Incluído na aplicação, funciona sem internet. Pequeno: serve para experimentar, não para respostas de qualidade.</source>
        <translation>Incluído na aplicação, funciona sem internet. Pequeno: serve para experimentar, não para respostas de qualidade.</translation>
    </message>
    <message>
        <source>{size} GB, já descarregado.</source>
        <translation>{size} GB, já descarregado.</translation>
    </message>
    <message>
        <source>{size} GB, descarregado da internet na primeira utilização.</source>
        <translation>{size} GB, descarregado da internet na primeira utilização.</translation>
    </message>
    <message>
        <source>Precisa de {needed} GB de memória; este computador tem {available} GB.</source>
        <translation>Precisa de {needed} GB de memória; este computador tem {available} GB.</translation>
    </message>
    <message>
        <source>Modelo numa pasta deste computador.</source>
        <translation>Modelo numa pasta deste computador.</translation>
    </message>
    <message>
        <source>A preparar o modelo de demonstração (só da primeira vez)…</source>
        <translation>A preparar o modelo de demonstração (só da primeira vez)…</translation>
    </message>
    <message>
        <source>A descarregar o modelo base…</source>
        <translation>A descarregar o modelo base…</translation>
    </message>
    <message>
        <source>A cancelar… (o que já veio fica guardado para continuar depois)</source>
        <translation>A cancelar… (o que já veio fica guardado para continuar depois)</translation>
    </message>
    <message>
        <source>{done} de {total} GB</source>
        <translation>{done} de {total} GB</translation>
    </message>
</context>
<context>
    <name>ChatDocuments</name>
    <message>
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <source>base com documentos</source>
        <translation>base com documentos</translation>
    </message>
    <message>
        <source>afinado</source>
        <translation>afinado</translation>
    </message>
    <message>
        <source>afinado com documentos</source>
        <translation>afinado com documentos</translation>
    </message>
    <message>
        <source>Factos certos: {columns}</source>
        <translation>Factos certos: {columns}</translation>
    </message>
    <message>
        <source>A pergunta pede {kind}, que a resposta do modelo não dava (respondia a outra coisa), por isso a resposta é «não sei», como a do bot do clube.</source>
        <translation>A pergunta pede {kind}, que a resposta do modelo não dava (respondia a outra coisa), por isso a resposta é «não sei», como a do bot do clube.</translation>
    </message>
    <message>
        <source>O modelo tinha respondido: «{answer}»</source>
        <translation>O modelo tinha respondido: «{answer}»</translation>
    </message>
</context>
<context>
    <name>ChatFeedback</name>
    <message>
        <source>Corrigir</source>
        <translation>Corrigir</translation>
    </message>
    <message>
        <source>Boa resposta</source>
        <translation>Boa resposta</translation>
    </message>
    <message>
        <source>Má resposta</source>
        <translation>Má resposta</translation>
    </message>
    <message>
        <source>Não foi possível guardar a avaliação: {error}</source>
        <translation>Não foi possível guardar a avaliação: {error}</translation>
    </message>
    <message>
        <source>Avaliação guardada.</source>
        <translation>Avaliação guardada.</translation>
    </message>
    <message>
        <source>Avaliação e correção guardadas.</source>
        <translation>Avaliação e correção guardadas.</translation>
    </message>
    <message>
        <source>Não foi possível guardar a correção: {error}</source>
        <translation>Não foi possível guardar a correção: {error}</translation>
    </message>
    <message>
        <source>Não foi possível guardar a pergunta de verificação: {error}</source>
        <translation>Não foi possível guardar a pergunta de verificação: {error}</translation>
    </message>
</context>
<context>
    <name>ChatSettingsPanel</name>
    <message>
        <source>Instruções ao modelo</source>
        <translation>Instruções ao modelo</translation>
    </message>
    <message>
        <source>O texto que o modelo recebe antes de cada conversa (o «prompt de sistema»). Por omissão é o usado no treino; alterar aqui vale só para esta conversa.</source>
        <translation>O texto que o modelo recebe antes de cada conversa (o «prompt de sistema»). Por omissão é o usado no treino; alterar aqui vale só para esta conversa.</translation>
    </message>
    <message>
        <source>Repor as do treino</source>
        <translation>Repor as do treino</translation>
    </message>
    <message>
        <source>Voltar às instruções com que o modelo foi treinado</source>
        <translation>Voltar às instruções com que o modelo foi treinado</translation>
    </message>
    <message>
        <source>Temperatura: 0 dá sempre a mesma resposta (a mais provável); valores mais altos dão respostas mais variadas e criativas, mas com mais erros.</source>
        <translation>Temperatura: 0 dá sempre a mesma resposta (a mais provável); valores mais altos dão respostas mais variadas e criativas, mas com mais erros.</translation>
    </message>
    <message>
        <source>Top-p: só escolhe entre as palavras mais prováveis que juntas somam esta probabilidade; 1 considera todas.</source>
        <translation>Top-p: só escolhe entre as palavras mais prováveis que juntas somam esta probabilidade; 1 considera todas.</translation>
    </message>
    <message>
        <source>Comprimento máximo de cada resposta, em pedaços de palavras (tokens). A resposta acaba antes se o modelo a der por terminada.</source>
        <translation>Comprimento máximo de cada resposta, em pedaços de palavras (tokens). A resposta acaba antes se o modelo a der por terminada.</translation>
    </message>
    <message>
        <source>Penalização de repetição: acima de 1 desencoraja o modelo de repetir as mesmas palavras; 1 não penaliza.</source>
        <translation>Penalização de repetição: acima de 1 desencoraja o modelo de repetir as mesmas palavras; 1 não penaliza.</translation>
    </message>
    <message>
        <source>Valores recomendados</source>
        <translation>Valores recomendados</translation>
    </message>
    <message>
        <source>Temperatura 0,7, top-p 0,9, 256 tokens, penalização 1,1</source>
        <translation>Temperatura 0,7, top-p 0,9, 256 tokens, penalização 1,1</translation>
    </message>
    <message>
        <source>&amp;Temperatura</source>
        <translation>&amp;Temperatura</translation>
    </message>
    <message>
        <source>T&amp;op-p</source>
        <translation>T&amp;op-p</translation>
    </message>
    <message>
        <source>Má&amp;ximo de tokens</source>
        <translation>Má&amp;ximo de tokens</translation>
    </message>
    <message>
        <source>Penalização de &amp;repetição</source>
        <translation>Penalização de &amp;repetição</translation>
    </message>
    <message>
        <source>&amp;Instruções ao modelo (prompt de sistema):</source>
        <translation>&amp;Instruções ao modelo (prompt de sistema):</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <source>&amp;Modelo:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <source>Comparar com o modelo &amp;base</source>
        <translation>Comparar com o modelo &amp;base</translation>
    </message>
    <message>
        <source>Faz cada pergunta também ao modelo base, sem a afinação, e mostra as duas respostas lado a lado.</source>
        <translation>Faz cada pergunta também ao modelo base, sem a afinação, e mostra as duas respostas lado a lado.</translation>
    </message>
    <message>
        <source>&amp;Limpar conversa</source>
        <translation>&amp;Limpar conversa</translation>
    </message>
    <message>
        <source>Modelo base</source>
        <translation>Modelo base</translation>
    </message>
    <message>
        <source>Afinado</source>
        <translation>Afinado</translation>
    </message>
    <message>
        <source>Perguntas de exemplo:</source>
        <translation>Perguntas de exemplo:</translation>
    </message>
    <message>
        <source>Fazer esta pergunta</source>
        <translation>Fazer esta pergunta</translation>
    </message>
    <message>
        <source>Escreva a pergunta… (Ctrl+Enter para enviar)</source>
        <translation>Escreva a pergunta… (Ctrl+Enter para enviar)</translation>
    </message>
    <message>
        <source>Pergunta</source>
        <translation>Pergunta</translation>
    </message>
    <message>
        <source>&amp;Enviar</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Enviar a pergunta (Ctrl+Enter)</source>
        <translation>Enviar a pergunta (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Parar</source>
        <translation>&amp;Parar</translation>
    </message>
    <message>
        <source>Parar a resposta já (Esc)</source>
        <translation>Parar a resposta já (Esc)</translation>
    </message>
    <message>
        <source>Avançado</source>
        <translation>Avançado</translation>
    </message>
    <message>
        <source>Instruções ao modelo e forma de gerar as respostas</source>
        <translation>Instruções ao modelo e forma de gerar as respostas</translation>
    </message>
    <message>
        <source>Resposta copiada.</source>
        <translation>Resposta copiada.</translation>
    </message>
    <message>
        <source>Escolher outra afinação…</source>
        <translation>Escolher outra afinação…</translation>
    </message>
    <message>
        <source>Escolher a pasta de uma afinação</source>
        <translation>Escolher a pasta de uma afinação</translation>
    </message>
    <message>
        <source>Afinação</source>
        <translation>Afinação</translation>
    </message>
    <message>
        <source>Essa pasta não tem uma afinação (adapters.safetensors e adapter_config.json) que diga qual é o seu modelo base.</source>
        <translation>Essa pasta não tem uma afinação (adapters.safetensors e adapter_config.json) que diga qual é o seu modelo base.</translation>
    </message>
    <message>
        <source>Modelo base: {base} (sem afinação)</source>
        <translation>Modelo base: {base} (sem afinação)</translation>
    </message>
    <message>
        <source>Afinado: o modelo do treino em curso</source>
        <translation>Afinado: o modelo do treino em curso</translation>
    </message>
    <message>
        <source>Afinado: {label}</source>
        <translation>Afinado: {label}</translation>
    </message>
    <message>
        <source>Está a decorrer um treino: as perguntas são respondidas pelo modelo que está a aprender, no fim do passo em curso, e o treino continua sem perder nada.</source>
        <translation>Está a decorrer um treino: as perguntas são respondidas pelo modelo que está a aprender, no fim do passo em curso, e o treino continua sem perder nada.</translation>
    </message>
    <message>
        <source>(interrompida)</source>
        <translation>(interrompida)</translation>
    </message>
    <message>
        <source>(resposta cortada no limite de palavras; aumente «Máximo de tokens» em Avançado)</source>
        <translation>(resposta cortada no limite de palavras; aumente «Máximo de tokens» em Avançado)</translation>
    </message>
    <message>
        <source>Não foi possível responder: {error}</source>
        <translation>Não foi possível responder: {error}</translation>
    </message>
    <message>
        <source>O modelo não respondeu: {error}</source>
        <translation>O modelo não respondeu: {error}</translation>
    </message>
    <message>
        <source>Não foi possível carregar o modelo: {error}</source>
        <translation>Não foi possível carregar o modelo: {error}</translation>
    </message>
    <message>
        <source>A carregar o modelo {name}… (a primeira vez pode demorar)</source>
        <translation>A carregar o modelo {name}… (a primeira vez pode demorar)</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Copiar resposta</source>
        <translation>Copiar resposta</translation>
    </message>
    <message>
        <source>Copiar a última resposta deste modelo</source>
        <translation>Copiar a última resposta deste modelo</translation>
    </message>
    <message>
        <source>As respostas aparecem aqui.</source>
        <translation>As respostas aparecem aqui.</translation>
    </message>
    <message>
        <source>(sem resposta)</source>
        <translation>(sem resposta)</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Corrigir a resposta</source>
        <translation>Corrigir a resposta</translation>
    </message>
    <message>
        <source>Escreva a resposta certa. A pergunta e a resposta corrigida passam para os dados do projeto, marcadas como correção (pode revê-las ou anulá-las em Dados); depois de «Preparar dados», o próximo «Treinar mais…» aprende-as.</source>
        <translation>Escreva a resposta certa. A pergunta e a resposta corrigida passam para os dados do projeto, marcadas como correção (pode revê-las ou anulá-las em Dados); depois de «Preparar dados», o próximo «Treinar mais…» aprende-as.</translation>
    </message>
    <message>
        <source>Resposta certa</source>
        <translation>Resposta certa</translation>
    </message>
    <message>
        <source>Usar também como pergunta de verificação dos factos</source>
        <translation>Usar também como pergunta de verificação dos factos</translation>
    </message>
    <message>
        <source>por exemplo: 1910, abril</source>
        <translation>por exemplo: 1910, abril</translation>
    </message>
    <message>
        <source>As palavras que uma resposta certa tem de ter, separadas por vírgulas.</source>
        <translation>As palavras que uma resposta certa tem de ter, separadas por vírgulas.</translation>
    </message>
    <message>
        <source>&amp;Pergunta:</source>
        <translation>&amp;Pergunta:</translation>
    </message>
    <message>
        <source>&amp;Resposta certa:</source>
        <translation>&amp;Resposta certa:</translation>
    </message>
    <message>
        <source>Palavras a &amp;encontrar:</source>
        <translation>Palavras a &amp;encontrar:</translation>
    </message>
    <message>
        <source>Guardar correção</source>
        <translation>Guardar correção</translation>
    </message>
</context>
<context>
    <name>DatasetTab</name>
    <message>
        <source>{n} exemplos lidos</source>
        <translation>{n} exemplos lidos</translation>
    </message>
    <message>
        <source>Algo correu mal: {text}</source>
        <translation>Algo correu mal: {text}</translation>
    </message>
    <message>
        <source>O repetido foi removido; mostra-se o exemplo que ficou.</source>
        <translation>O repetido foi removido; mostra-se o exemplo que ficou.</translation>
    </message>
    <message>
        <source>Passar para treino</source>
        <translation>Passar para treino</translation>
    </message>
    <message>
        <source>Passar para verificação</source>
        <translation>Passar para verificação</translation>
    </message>
    <message>
        <source>Remover</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Editar exemplo</source>
        <translation>Editar exemplo</translation>
    </message>
    <message>
        <source>Acrescentar exemplo</source>
        <translation>Acrescentar exemplo</translation>
    </message>
    <message>
        <source>Acrescentar correção</source>
        <translation>Acrescentar correção</translation>
    </message>
    <message>
        <source>Remover exemplo</source>
        <translation>Remover exemplo</translation>
    </message>
    <message>
        <source>Remover {n} exemplos</source>
        <translation>Remover {n} exemplos</translation>
    </message>
    <message>
        <source>Não foi possível guardar as alterações: {detail}</source>
        <translation>Não foi possível guardar as alterações: {detail}</translation>
    </message>
    <message>
        <source>{n} perguntas geradas entram no treino.</source>
        <translation>{n} perguntas geradas entram no treino.</translation>
    </message>
    <message>
        <source>Abrir a pasta</source>
        <translation>Abrir a pasta</translation>
    </message>
    <message>
        <source>Dados preparados em {path}</source>
        <translation>Dados preparados em {path}</translation>
    </message>
</context>
<context>
    <name>DatasetWork</name>
    <message>
        <source>A ler os exemplos…</source>
        <translation>A ler os exemplos…</translation>
    </message>
    <message>
        <source>A preparar os dados…</source>
        <translation>A preparar os dados…</translation>
    </message>
    <message>
        <source>A preparar: {done} de {total} exemplos verificados</source>
        <translation>A preparar: {done} de {total} exemplos verificados</translation>
    </message>
    <message>
        <source>A ler: {done} de {total} exemplos verificados</source>
        <translation>A ler: {done} de {total} exemplos verificados</translation>
    </message>
</context>
<context>
    <name>DocumentsOption</name>
    <message>
        <source>Consultar os &amp;documentos do clube</source>
        <translation>Consultar os &amp;documentos do clube</translation>
    </message>
    <message>
        <source>Este projeto ainda não tem o índice dos documentos: prepare os dados em Dados («Preparar dados») para o modelo poder consultar as perguntas e as biografias do clube.</source>
        <translation>Este projeto ainda não tem o índice dos documentos: prepare os dados em Dados («Preparar dados») para o modelo poder consultar as perguntas e as biografias do clube.</translation>
    </message>
    <message>
        <source>Procura nos documentos do clube (perguntas e biografias) as passagens que respondem à pergunta e dá-as ao modelo; cada resposta mostra as suas fontes.</source>
        <translation>Procura nos documentos do clube (perguntas e biografias) as passagens que respondem à pergunta e dá-as ao modelo; cada resposta mostra as suas fontes.</translation>
    </message>
</context>
<context>
    <name>DocumentsSwitch</name>
    <message>
        <source>Ensinar a responder com os documentos do clube</source>
        <translation>Ensinar a responder com os documentos do clube</translation>
    </message>
    <message>
        <source>Parte dos exemplos leva os textos do clube que a pesquisa encontra para a pergunta, para o modelo aprender a responder a partir deles e a dizer «não sei» quando não dizem nada. Ligado por omissão: medido, o modelo acerta mais quando responde com os documentos.</source>
        <translation>Parte dos exemplos leva os textos do clube que a pesquisa encontra para a pergunta, para o modelo aprender a responder a partir deles e a dizer «não sei» quando não dizem nada. Ligado por omissão: medido, o modelo acerta mais quando responde com os documentos.</translation>
    </message>
</context>
<context>
    <name>EstimatePanel</name>
    <message>
        <source>Memória e duração</source>
        <translation>Memória e duração</translation>
    </message>
    <message>
        <source>Ainda não medido neste computador.</source>
        <translation>Ainda não medido neste computador.</translation>
    </message>
    <message>
        <source>&amp;Medir neste computador</source>
        <translation>&amp;Medir neste computador</translation>
    </message>
    <message>
        <source>Aplicar a correção</source>
        <translation>Aplicar a correção</translation>
    </message>
    <message>
        <source>Usar um modelo mais pequeno</source>
        <translation>Usar um modelo mais pequeno</translation>
    </message>
    <message>
        <source>Treinar mesmo assim</source>
        <translation>Treinar mesmo assim</translation>
    </message>
    <message>
        <source>Ainda não medido neste computador com estas definições.</source>
        <translation>Ainda não medido neste computador com estas definições.</translation>
    </message>
    <message>
        <source>A medir: passo {done} de {total}</source>
        <translation>A medir: passo {done} de {total}</translation>
    </message>
    <message>
        <source>Treina alguns passos a sério com estes dados para saber quanta memória e quanto tempo o treino vai precisar.</source>
        <translation>Treina alguns passos a sério com estes dados para saber quanta memória e quanto tempo o treino vai precisar.</translation>
    </message>
    <message>
        <source>Cancelar a medição</source>
        <translation>Cancelar a medição</translation>
    </message>
    <message>
        <source>Duração: {duration}, pelo que este modelo já mediu neste computador.</source>
        <translation>Duração: {duration}, pelo que este modelo já mediu neste computador.</translation>
    </message>
    <message>
        <source>Duração: {duration}, pelo que outro modelo mediu neste computador.</source>
        <translation>Duração: {duration}, pelo que outro modelo mediu neste computador.</translation>
    </message>
    <message>
        <source>Primeira estimativa: {duration}, pelo tamanho do modelo e dos dados. «Medir neste computador» dá o valor certo e a memória.</source>
        <translation>Primeira estimativa: {duration}, pelo tamanho do modelo e dos dados. «Medir neste computador» dá o valor certo e a memória.</translation>
    </message>
    <message>
        <source>A medir durante o treino: a duração e a memória reais aparecem no progresso, à direita.</source>
        <translation>A medir durante o treino: a duração e a memória reais aparecem no progresso, à direita.</translation>
    </message>
    <message>
        <source>A medir… (carrega o modelo e treina alguns passos a sério)</source>
        <translation>A medir… (carrega o modelo e treina alguns passos a sério)</translation>
    </message>
    <message>
        <source>Não foi possível medir: {error}</source>
        <translation>Não foi possível medir: {error}</translation>
    </message>
    <message>
        <source>Duração: {duration}.</source>
        <translation>Duração: {duration}.</translation>
    </message>
    <message>
        <source>Memória: {memory} de {available}.</source>
        <translation>Memória: {memory} de {available}.</translation>
    </message>
    <message>
        <source>Cabe na memória.</source>
        <translation>Cabe na memória.</translation>
    </message>
    <message>
        <source>Não cabe na memória deste computador.</source>
        <translation>Não cabe na memória deste computador.</translation>
    </message>
</context>
<context>
    <name>ExampleEditor</name>
    <message>
        <source>Treino</source>
        <translation>Treino</translation>
    </message>
    <message>
        <source>Verificação</source>
        <translation>Verificação</translation>
    </message>
    <message>
        <source>Treino: o modelo aprende com este exemplo. Verificação: fica de parte para ver se o modelo aprendeu sem decorar.</source>
        <translation>Treino: o modelo aprende com este exemplo. Verificação: fica de parte para ver se o modelo aprendeu sem decorar.</translation>
    </message>
    <message>
        <source>A pergunta, como alguém a faria ao chatbot do clube</source>
        <translation>A pergunta, como alguém a faria ao chatbot do clube</translation>
    </message>
    <message>
        <source>A resposta que o modelo deve aprender</source>
        <translation>A resposta que o modelo deve aprender</translation>
    </message>
    <message>
        <source>Guardar alteração</source>
        <translation>Guardar alteração</translation>
    </message>
    <message>
        <source>Guarda no projeto (Ctrl+S). Os ficheiros originais do clube nunca são alterados.</source>
        <translation>Guarda no projeto (Ctrl+S). Os ficheiros originais do clube nunca são alterados.</translation>
    </message>
    <message>
        <source>Repor</source>
        <translation>Repor</translation>
    </message>
    <message>
        <source>Volta ao texto guardado</source>
        <translation>Volta ao texto guardado</translation>
    </message>
    <message>
        <source>Remover</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Tira este exemplo dos dados de treino (pode anular)</source>
        <translation>Tira este exemplo dos dados de treino (pode anular)</translation>
    </message>
    <message>
        <source>Aceitar</source>
        <translation>Aceitar</translation>
    </message>
    <message>
        <source>Esta pergunta gerada está certa: entra no treino (pode anular)</source>
        <translation>Esta pergunta gerada está certa: entra no treino (pode anular)</translation>
    </message>
    <message>
        <source>Rejeitar</source>
        <translation>Rejeitar</translation>
    </message>
    <message>
        <source>Esta pergunta gerada fica de fora do treino (pode anular)</source>
        <translation>Esta pergunta gerada fica de fora do treino (pode anular)</translation>
    </message>
    <message>
        <source>Novo exemplo</source>
        <translation>Novo exemplo</translation>
    </message>
    <message>
        <source>Escrever um exemplo novo, da sua autoria</source>
        <translation>Escrever um exemplo novo, da sua autoria</translation>
    </message>
    <message>
        <source>Origem:</source>
        <translation>Origem:</translation>
    </message>
    <message>
        <source>Conjunto:</source>
        <translation>Conjunto:</translation>
    </message>
    <message>
        <source>Pergunta:</source>
        <translation>Pergunta:</translation>
    </message>
    <message>
        <source>Resposta:</source>
        <translation>Resposta:</translation>
    </message>
    <message>
        <source>Escolha um exemplo na tabela para o ver aqui por inteiro e o editar, ou escreva um novo.</source>
        <translation>Escolha um exemplo na tabela para o ver aqui por inteiro e o editar, ou escreva um novo.</translation>
    </message>
    <message>
        <source>Esta linha não entrou nos dados. Corrija-a no ficheiro original e volte a importar, ou escreva o exemplo de novo aqui.</source>
        <translation>Esta linha não entrou nos dados. Corrija-a no ficheiro original e volte a importar, ou escreva o exemplo de novo aqui.</translation>
    </message>
    <message>
        <source>Exemplo</source>
        <translation>Exemplo</translation>
    </message>
    <message>
        <source>perguntas e respostas</source>
        <translation>perguntas e respostas</translation>
    </message>
    <message>
        <source>biografia</source>
        <translation>biografia</translation>
    </message>
    <message>
        <source>escrito por si</source>
        <translation>escrito por si</translation>
    </message>
    <message>
        <source>Esta conversa tem {n} mensagens; aqui edita-se a primeira pergunta e a última resposta, as outras ficam como estão.</source>
        <translation>Esta conversa tem {n} mensagens; aqui edita-se a primeira pergunta e a última resposta, as outras ficam como estão.</translation>
    </message>
    <message>
        <source>Comprimento: cerca de {n} tokens (estimativa)</source>
        <translation>Comprimento: cerca de {n} tokens (estimativa)</translation>
    </message>
    <message>
        <source>Comprimento: {n} tokens</source>
        <translation>Comprimento: {n} tokens</translation>
    </message>
    <message>
        <source>Pergunta gerada</source>
        <translation>Pergunta gerada</translation>
    </message>
    <message>
        <source>Reformula uma pergunta do clube que está na verificação: fica na verificação com ela, para o erro de verificação não medir uma cópia do treino.</source>
        <translation>Reformula uma pergunta do clube que está na verificação: fica na verificação com ela, para o erro de verificação não medir uma cópia do treino.</translation>
    </message>
    <message>
        <source>Por rever: entra no treino, a não ser que a rejeite.</source>
        <translation>Por rever: entra no treino, a não ser que a rejeite.</translation>
    </message>
    <message>
        <source>Aceite: entra no treino.</source>
        <translation>Aceite: entra no treino.</translation>
    </message>
    <message>
        <source>escrito por si (guardado no projeto)</source>
        <translation>escrito por si (guardado no projeto)</translation>
    </message>
    <message>
        <source>Acrescentar exemplo</source>
        <translation>Acrescentar exemplo</translation>
    </message>
    <message>
        <source>Linha com problema: {where}</source>
        <translation>Linha com problema: {where}</translation>
    </message>
    <message>
        <source>(não foi possível ler a linha)</source>
        <translation>(não foi possível ler a linha)</translation>
    </message>
</context>
<context>
    <name>ExamplesModel</name>
    <message>
        <source>Origem</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Pergunta</source>
        <translation>Pergunta</translation>
    </message>
    <message>
        <source>Resposta</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>Conjunto</source>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>≈ Tokens</source>
        <translation>≈ Tokens</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Problemas</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Ficheiro e linha de onde veio o exemplo, ou o nome da biografia</source>
        <translation>Ficheiro e linha de onde veio o exemplo, ou o nome da biografia</translation>
    </message>
    <message>
        <source>A pergunta que o modelo vai aprender a responder</source>
        <translation>A pergunta que o modelo vai aprender a responder</translation>
    </message>
    <message>
        <source>A resposta que o modelo deve dar</source>
        <translation>A resposta que o modelo deve dar</translation>
    </message>
    <message>
        <source>Treino: o modelo aprende com ele. Verificação: fica de parte para ver se o modelo aprendeu sem decorar.</source>
        <translation>Treino: o modelo aprende com ele. Verificação: fica de parte para ver se o modelo aprendeu sem decorar.</translation>
    </message>
    <message>
        <source>Comprimento do exemplo em tokens (pedaços de palavras). Estimativa de cerca de 1 token por 3 caracteres até escolher um modelo base no Treino.</source>
        <translation>Comprimento do exemplo em tokens (pedaços de palavras). Estimativa de cerca de 1 token por 3 caracteres até escolher um modelo base no Treino.</translation>
    </message>
    <message>
        <source>Comprimento do exemplo em tokens, contado pelo modelo base escolhido</source>
        <translation>Comprimento do exemplo em tokens, contado pelo modelo base escolhido</translation>
    </message>
    <message>
        <source>O que está mal ou merece atenção neste exemplo</source>
        <translation>O que está mal ou merece atenção neste exemplo</translation>
    </message>
    <message>
        <source>{file} §{n}</source>
        <translation>{file} §{n}</translation>
    </message>
    <message>
        <source>rejeitada</source>
        <translation>rejeitada</translation>
    </message>
    <message>
        <source>verificação, por rever</source>
        <translation>verificação, por rever</translation>
    </message>
    <message>
        <source>treino</source>
        <translation>treino</translation>
    </message>
    <message>
        <source>treino, por rever</source>
        <translation>treino, por rever</translation>
    </message>
    <message>
        <source>{file}, parágrafo {n}</source>
        <translation>{file}, parágrafo {n}</translation>
    </message>
    <message>
        <source>{file}, linha {n}</source>
        <translation>{file}, linha {n}</translation>
    </message>
    <message>
        <source>modelo base</source>
        <translation>modelo base</translation>
    </message>
    <message>
        <source>modelo de frase</source>
        <translation>modelo de frase</translation>
    </message>
    <message>
        <source>outra forma da pergunta</source>
        <translation>outra forma da pergunta</translation>
    </message>
    <message>
        <source>facto</source>
        <translation>facto</translation>
    </message>
    <message>
        <source>verificação</source>
        <translation>verificação</translation>
    </message>
    <message>
        <source>fora (erro)</source>
        <translation>fora (erro)</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <source>Leve o modelo afinado para o chatbot do clube: deixe-o a responder num servidor neste computador ou exporte uma pasta com o programa e o guia de integração.</source>
        <translation>Leve o modelo afinado para o chatbot do clube: deixe-o a responder num servidor neste computador ou exporte uma pasta com o programa e o guia de integração.</translation>
    </message>
    <message>
        <source>O treino cuja afinação vai para o chatbot.</source>
        <translation>O treino cuja afinação vai para o chatbot.</translation>
    </message>
    <message>
        <source>melhor ponto de gravação</source>
        <translation>melhor ponto de gravação</translation>
    </message>
    <message>
        <source>ponto de gravação mais recente</source>
        <translation>ponto de gravação mais recente</translation>
    </message>
    <message>
        <source>O melhor é o que menos errou nas perguntas de verificação.</source>
        <translation>O melhor é o que menos errou nas perguntas de verificação.</translation>
    </message>
    <message>
        <source>Ainda não há nenhum treino com pontos de gravação neste projeto. Treine primeiro no separador Treino.</source>
        <translation>Ainda não há nenhum treino com pontos de gravação neste projeto. Treine primeiro no separador Treino.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Para o chatbot do clube:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Para o chatbot do clube:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>O modelo fica carregado e responde depressa a cada mensagem.</source>
        <translation>O modelo fica carregado e responde depressa a cada mensagem.</translation>
    </message>
    <message>
        <source>Mais simples, mas carrega o modelo a cada pergunta.</source>
        <translation>Mais simples, mas carrega o modelo a cada pergunta.</translation>
    </message>
    <message>
        <source>Iniciar</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Copiar</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copiar o endereço do servidor</source>
        <translation>Copiar o endereço do servidor</translation>
    </message>
    <message>
        <source>Incluir modelo completo (fundido)</source>
        <translation>Incluir modelo completo (fundido)</translation>
    </message>
    <message>
        <source>Junta o modelo base e a afinação numa só pasta: ocupa mais espaço, mas não precisa do modelo base.</source>
        <translation>Junta o modelo base e a afinação numa só pasta: ocupa mais espaço, mas não precisa do modelo base.</translation>
    </message>
    <message>
        <source>Modelo fundido sem quantização</source>
        <translation>Modelo fundido sem quantização</translation>
    </message>
    <message>
        <source>Precisão total: cerca de quatro vezes maior que um modelo de 4 bits.</source>
        <translation>Precisão total: cerca de quatro vezes maior que um modelo de 4 bits.</translation>
    </message>
    <message>
        <source>Também em GGUF (llama.cpp, Ollama)</source>
        <translation>Também em GGUF (llama.cpp, Ollama)</translation>
    </message>
    <message>
        <source>Porta do servidor local (só neste computador).</source>
        <translation>Porta do servidor local (só neste computador).</translation>
    </message>
    <message>
        <source>Porta do servidor:</source>
        <translation>Porta do servidor:</translation>
    </message>
    <message>
        <source>&amp;Afinação:</source>
        <translation>&amp;Afinação:</translation>
    </message>
    <message>
        <source>&amp;Servidor local (recomendado)</source>
        <translation>&amp;Servidor local (recomendado)</translation>
    </message>
    <message>
        <source>&amp;Programa de linha de comandos: inference.py</source>
        <translation>&amp;Programa de linha de comandos: inference.py</translation>
    </message>
    <message>
        <source>A&amp;vançado</source>
        <translation>A&amp;vançado</translation>
    </message>
    <message>
        <source>Exportar para a pas&amp;ta…</source>
        <translation>Exportar para a pas&amp;ta…</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Guia de integração (INTEGRATION_GUIDE.md, com os exemplos Node.js)</source>
        <translation>Guia de integração (INTEGRATION_GUIDE.md, com os exemplos Node.js)</translation>
    </message>
    <message>
        <source>erro {value}</source>
        <translation>erro {value}</translation>
    </message>
    <message>
        <source>Parar</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>A carregar o modelo…</source>
        <translation>A carregar o modelo…</translation>
    </message>
    <message>
        <source>Incluir modelo completo (fundido), {size} GB</source>
        <translation>Incluir modelo completo (fundido), {size} GB</translation>
    </message>
    <message>
        <source>Incluir modelo completo (fundido), {size} MB</source>
        <translation>Incluir modelo completo (fundido), {size} MB</translation>
    </message>
    <message>
        <source>O mlx-lm só converte para GGUF modelos llama, mistral e mixtral; este modelo base é «{type}».</source>
        <translation>O mlx-lm só converte para GGUF modelos llama, mistral e mixtral; este modelo base é «{type}».</translation>
    </message>
    <message>
        <source>Um ficheiro GGUF de 16 bits do modelo fundido (implica sem quantização).</source>
        <translation>Um ficheiro GGUF de 16 bits do modelo fundido (implica sem quantização).</translation>
    </message>
    <message>
        <source>&lt;pasta da exportação&gt;</source>
        <translation>&lt;pasta da exportação&gt;</translation>
    </message>
    <message>
        <source>O bot envia POST {url}/v1/chat/completions (compatível com a OpenAI).</source>
        <translation>O bot envia POST {url}/v1/chat/completions (compatível com a OpenAI).</translation>
    </message>
    <message>
        <source>O bot corre: python3 &quot;{path}/inference.py&quot; &quot;Quem foi Hassan Nader?&quot;
e lê uma resposta JSON.</source>
        <translation>O bot corre: python3 &quot;{path}/inference.py&quot; &quot;Quem foi Hassan Nader?&quot;
e lê uma resposta JSON.</translation>
    </message>
    <message>
        <source>Servidor local parado.</source>
        <translation>Servidor local parado.</translation>
    </message>
    <message>
        <source>Servidor local pronto em {url}</source>
        <translation>Servidor local pronto em {url}</translation>
    </message>
    <message>
        <source>O servidor local parou: {reason}</source>
        <translation>O servidor local parou: {reason}</translation>
    </message>
    <message>
        <source>Endereço copiado: {url}</source>
        <translation>Endereço copiado: {url}</translation>
    </message>
    <message>
        <source>Exportar para a pasta</source>
        <translation>Exportar para a pasta</translation>
    </message>
    <message>
        <source>A exportar…</source>
        <translation>A exportar…</translation>
    </message>
    <message>
        <source>Exportação pronta em {path}</source>
        <translation>Exportação pronta em {path}</translation>
    </message>
    <message>
        <source>Abrir a pasta</source>
        <translation>Abrir a pasta</translation>
    </message>
    <message>
        <source>Exportação pronta.</source>
        <translation>Exportação pronta.</translation>
    </message>
    <message>
        <source>A exportação falhou.</source>
        <translation>A exportação falhou.</translation>
    </message>
    <message>
        <source>Exportação cancelada: nada ficou gravado.</source>
        <translation>Exportação cancelada: nada ficou gravado.</translation>
    </message>
</context>
<context>
    <name>FactsView</name>
    <message>
        <source>&lt;b&gt;Verificar factos&lt;/b&gt;</source>
        <translation>&lt;b&gt;Verificar factos&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Resultado da verificação de factos</source>
        <translation>Resultado da verificação de factos</translation>
    </message>
    <message>
        <source>Pergunta que ainda falha</source>
        <translation>Pergunta que ainda falha</translation>
    </message>
    <message>
        <source>O que respondeu</source>
        <translation>O que respondeu</translation>
    </message>
    <message>
        <source>Faltou</source>
        <translation>Faltou</translation>
    </message>
    <message>
        <source>A verificar os factos: as perguntas de verificação ao modelo base e ao afinado…</source>
        <translation>A verificar os factos: as perguntas de verificação ao modelo base e ao afinado…</translation>
    </message>
    <message>
        <source>modelo base</source>
        <translation>modelo base</translation>
    </message>
    <message>
        <source>modelo afinado, com os documentos do clube</source>
        <translation>modelo afinado, com os documentos do clube</translation>
    </message>
    <message>
        <source>modelo afinado</source>
        <translation>modelo afinado</translation>
    </message>
    <message>
        <source>A verificar os factos ({model}): {done} de {total}</source>
        <translation>A verificar os factos ({model}): {done} de {total}</translation>
    </message>
    <message>
        <source>Verificação de factos interrompida.</source>
        <translation>Verificação de factos interrompida.</translation>
    </message>
    <message>
        <source>A pergunta que ainda falha</source>
        <translation>A pergunta que ainda falha</translation>
    </message>
    <message>
        <source>As {n} perguntas que ainda falham</source>
        <translation>As {n} perguntas que ainda falham</translation>
    </message>
    <message>
        <source>Não foi possível verificar os factos: {error}</source>
        <translation>Não foi possível verificar os factos: {error}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Procurar nas perguntas, respostas e origens…</source>
        <translation>Procurar nas perguntas, respostas e origens…</translation>
    </message>
    <message>
        <source>todas</source>
        <translation>todas</translation>
    </message>
    <message>
        <source>perguntas e respostas</source>
        <translation>perguntas e respostas</translation>
    </message>
    <message>
        <source>biografias</source>
        <translation>biografias</translation>
    </message>
    <message>
        <source>escritos por si</source>
        <translation>escritos por si</translation>
    </message>
    <message>
        <source>geradas</source>
        <translation>geradas</translation>
    </message>
    <message>
        <source>todos</source>
        <translation>todos</translation>
    </message>
    <message>
        <source>treino</source>
        <translation>treino</translation>
    </message>
    <message>
        <source>verificação</source>
        <translation>verificação</translation>
    </message>
    <message>
        <source>fora (com erro)</source>
        <translation>fora (com erro)</translation>
    </message>
    <message>
        <source>Treino: o modelo aprende com estes. Verificação: ficam de parte para ver se aprendeu sem decorar.</source>
        <translation>Treino: o modelo aprende com estes. Verificação: ficam de parte para ver se aprendeu sem decorar.</translation>
    </message>
    <message>
        <source>&amp;Só com problemas</source>
        <translation>&amp;Só com problemas</translation>
    </message>
    <message>
        <source>&amp;Procurar:</source>
        <translation>&amp;Procurar:</translation>
    </message>
    <message>
        <source>&amp;Origem:</source>
        <translation>&amp;Origem:</translation>
    </message>
    <message>
        <source>&amp;Conjunto:</source>
        <translation>&amp;Conjunto:</translation>
    </message>
    <message>
        <source>{n} exemplos</source>
        <translation>{n} exemplos</translation>
    </message>
    <message>
        <source>{shown} de {total} exemplos</source>
        <translation>{shown} de {total} exemplos</translation>
    </message>
</context>
<context>
    <name>FirstSteps</name>
    <message>
        <source>Dados</source>
        <translation>Dados</translation>
    </message>
    <message>
        <source>Junte as perguntas e respostas do clube e as biografias: importe os seus ficheiros ou comece com os dados de exemplo.</source>
        <translation>Junte as perguntas e respostas do clube e as biografias: importe os seus ficheiros ou comece com os dados de exemplo.</translation>
    </message>
    <message>
        <source>Preparar</source>
        <translation>Preparar</translation>
    </message>
    <message>
        <source>Reveja os exemplos e carregue em «Preparar dados»: uma parte fica de lado como perguntas de verificação.</source>
        <translation>Reveja os exemplos e carregue em «Preparar dados»: uma parte fica de lado como perguntas de verificação.</translation>
    </message>
    <message>
        <source>Treinar</source>
        <translation>Treinar</translation>
    </message>
    <message>
        <source>No separador Treino escolha o objetivo (Rápido para experimentar) e carregue em «Treinar»; pode pausar e continuar quando quiser.</source>
        <translation>No separador Treino escolha o objetivo (Rápido para experimentar) e carregue em «Treinar»; pode pausar e continuar quando quiser.</translation>
    </message>
    <message>
        <source>Conversar</source>
        <translation>Conversar</translation>
    </message>
    <message>
        <source>Faça perguntas ao modelo afinado e compare-o com o modelo base; «Corrigir» junta a resposta certa aos seus dados.</source>
        <translation>Faça perguntas ao modelo afinado e compare-o com o modelo base; «Corrigir» junta a resposta certa aos seus dados.</translation>
    </message>
    <message>
        <source>Exportar</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Leve o modelo afinado para o chatbot do clube: um servidor local ou um programa de linha de comandos, com o guia de integração.</source>
        <translation>Leve o modelo afinado para o chatbot do clube: um servidor local ou um programa de linha de comandos, com o guia de integração.</translation>
    </message>
    <message>
        <source>« &amp;Anterior</source>
        <translation>« &amp;Anterior</translation>
    </message>
    <message>
        <source>&amp;Seguinte »</source>
        <translation>&amp;Seguinte »</translation>
    </message>
    <message>
        <source>Fechar</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Pode voltar a abrir os primeiros passos no menu Ajuda.</source>
        <translation>Pode voltar a abrir os primeiros passos no menu Ajuda.</translation>
    </message>
    <message>
        <source>Primeiros passos · {n} de {total}: {title}</source>
        <translation>Primeiros passos · {n} de {total}: {title}</translation>
    </message>
    <message>
        <source>&amp;Concluir</source>
        <translation>&amp;Concluir</translation>
    </message>
</context>
<context>
    <name>GeneratedReview</name>
    <message>
        <source>{training} no treino · {checking} na verificação · {pending} por rever · {out} de fora</source>
        <translation>{training} no treino · {checking} na verificação · {pending} por rever · {out} de fora</translation>
    </message>
    <message>
        <source>{total} perguntas geradas: {training} entram no treino e {checking} na verificação, com a pergunta do clube que reformulam ({pending} ainda por rever); {out} ficam de fora (rejeitadas ou repetidas).</source>
        <translation>{total} perguntas geradas: {training} entram no treino e {checking} na verificação, com a pergunta do clube que reformulam ({pending} ainda por rever); {out} ficam de fora (rejeitadas ou repetidas).</translation>
    </message>
    <message>
        <source>{training} no treino · {pending} por rever · {out} de fora</source>
        <translation>{training} no treino · {pending} por rever · {out} de fora</translation>
    </message>
    <message>
        <source>{total} perguntas geradas: {training} entram no treino ({pending} ainda por rever); {out} ficam de fora (rejeitadas ou repetidas).</source>
        <translation>{total} perguntas geradas: {training} entram no treino ({pending} ainda por rever); {out} ficam de fora (rejeitadas ou repetidas).</translation>
    </message>
    <message>
        <source>Aceitar pergunta gerada</source>
        <translation>Aceitar pergunta gerada</translation>
    </message>
    <message>
        <source>Aceitar {n} perguntas geradas</source>
        <translation>Aceitar {n} perguntas geradas</translation>
    </message>
    <message>
        <source>Rejeitar pergunta gerada</source>
        <translation>Rejeitar pergunta gerada</translation>
    </message>
    <message>
        <source>Rejeitar {n} perguntas geradas</source>
        <translation>Rejeitar {n} perguntas geradas</translation>
    </message>
    <message>
        <source>Aceitar</source>
        <translation>Aceitar</translation>
    </message>
    <message>
        <source>Rejeitar</source>
        <translation>Rejeitar</translation>
    </message>
    <message>
        <source>Editar pergunta gerada</source>
        <translation>Editar pergunta gerada</translation>
    </message>
    <message>
        <source>Aceitar todas as perguntas geradas</source>
        <translation>Aceitar todas as perguntas geradas</translation>
    </message>
</context>
<context>
    <name>GenerationBar</name>
    <message>
        <source>&amp;Gerar perguntas das biografias</source>
        <translation>&amp;Gerar perguntas das biografias</translation>
    </message>
    <message>
        <source>Faz perguntas sobre cada facto das biografias (datas, lugares, clubes, golos) e novas formas das perguntas do clube, para o modelo aprender cada facto. Respostas com números ou nomes que não estão no texto ficam rejeitadas, com a razão. Ficam no projeto, nunca nos ficheiros do clube.</source>
        <translation>Faz perguntas sobre cada facto das biografias (datas, lugares, clubes, golos) e novas formas das perguntas do clube, para o modelo aprender cada facto. Respostas com números ou nomes que não estão no texto ficam rejeitadas, com a razão. Ficam no projeto, nunca nos ficheiros do clube.</translation>
    </message>
    <message>
        <source>Usar o modelo base para propor mais perguntas (mais lento)</source>
        <translation>Usar o modelo base para propor mais perguntas (mais lento)</translation>
    </message>
    <message>
        <source>O modelo base escolhido no Treino lê cada parágrafo e propõe mais perguntas. Sem esta opção só se usam modelos de frase, o que é rápido em qualquer computador.</source>
        <translation>O modelo base escolhido no Treino lê cada parágrafo e propõe mais perguntas. Sem esta opção só se usam modelos de frase, o que é rápido em qualquer computador.</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Para depois do parágrafo em curso; o que já está feito fica guardado e a próxima vez continua onde parou.</source>
        <translation>Para depois do parágrafo em curso; o que já está feito fica guardado e a próxima vez continua onde parou.</translation>
    </message>
    <message>
        <source>Aceitar &amp;todas</source>
        <translation>Aceitar &amp;todas</translation>
    </message>
    <message>
        <source>Aceita todas as perguntas geradas ainda por rever (as rejeitadas continuam de fora). Pode anular.</source>
        <translation>Aceita todas as perguntas geradas ainda por rever (as rejeitadas continuam de fora). Pode anular.</translation>
    </message>
</context>
<context>
    <name>GoalPanel</name>
    <message>
        <source>Modelo base</source>
        <translation>Modelo base</translation>
    </message>
    <message>
        <source>Objetivo</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>&amp;Rápido</source>
        <translation>&amp;Rápido</translation>
    </message>
    <message>
        <source>Uma passagem pelos dados: um primeiro ensaio.</source>
        <translation>Uma passagem pelos dados: um primeiro ensaio.</translation>
    </message>
    <message>
        <source>&amp;Equilibrado</source>
        <translation>&amp;Equilibrado</translation>
    </message>
    <message>
        <source>{passes} passagens pelos dados: um primeiro ensaio.</source>
        <translation>{passes} passagens pelos dados: um primeiro ensaio.</translation>
    </message>
    <message>
        <source>{passes} passagens, a aprender mais depressa: o recomendado para um modelo pequeno como este.</source>
        <translation>{passes} passagens, a aprender mais depressa: o recomendado para um modelo pequeno como este.</translation>
    </message>
    <message>
        <source>Três passagens: o recomendado pelo guia do clube.</source>
        <translation>Três passagens: o recomendado pelo guia do clube.</translation>
    </message>
    <message>
        <source>E&amp;specializado</source>
        <translation>E&amp;specializado</translation>
    </message>
    <message>
        <source>{passes} passagens: demora mais; para dados muito próprios do clube.</source>
        <translation>{passes} passagens: demora mais; para dados muito próprios do clube.</translation>
    </message>
    <message>
        <source>Cinco passagens e mais detalhe: demora mais; para dados muito próprios do clube.</source>
        <translation>Cinco passagens e mais detalhe: demora mais; para dados muito próprios do clube.</translation>
    </message>
    <message>
        <source>Definições alteradas em Avançado.</source>
        <translation>Definições alteradas em Avançado.</translation>
    </message>
    <message>
        <source>Avançado</source>
        <translation>Avançado</translation>
    </message>
    <message>
        <source>TREINAR</source>
        <translation>TREINAR</translation>
    </message>
    <message>
        <source>Começa a ensinar o modelo com os dados preparados (Ctrl+Enter).</source>
        <translation>Começa a ensinar o modelo com os dados preparados (Ctrl+Enter).</translation>
    </message>
</context>
<context>
    <name>GroupPanel</name>
    <message>
        <source>Usar outros Macs</source>
        <translation>Usar outros Macs</translation>
    </message>
    <message>
        <source>Treina em vários Macs do clube ao mesmo tempo (camada distribuída do MLX). Cada Mac precisa do Farense Studio na mesma versão, de SSH sem palavra-passe a partir deste, e do modelo, dos dados e da pasta dos treinos nos mesmos caminhos.</source>
        <translation>Treina em vários Macs do clube ao mesmo tempo (camada distribuída do MLX). Cada Mac precisa do Farense Studio na mesma versão, de SSH sem palavra-passe a partir deste, e do modelo, dos dados e da pasta dos treinos nos mesmos caminhos.</translation>
    </message>
    <message>
        <source>Outros Macs</source>
        <translation>Outros Macs</translation>
    </message>
    <message>
        <source>nome ou endereço, por exemplo loja.local</source>
        <translation>nome ou endereço, por exemplo loja.local</translation>
    </message>
    <message>
        <source>Nome ou endereço de um Mac</source>
        <translation>Nome ou endereço de um Mac</translation>
    </message>
    <message>
        <source>Adicionar</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Remover</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>&amp;Verificar</source>
        <translation>&amp;Verificar</translation>
    </message>
    <message>
        <source>Confirma que cada Mac responde, tem a mesma versão, memória suficiente e vê o modelo e os dados.</source>
        <translation>Confirma que cada Mac responde, tem a mesma versão, memória suficiente e vê o modelo e os dados.</translation>
    </message>
    <message>
        <source>Resultado da verificação</source>
        <translation>Resultado da verificação</translation>
    </message>
    <message>
        <source>A verificar 1 Mac…</source>
        <translation>A verificar 1 Mac…</translation>
    </message>
    <message>
        <source>A verificar {count} Macs…</source>
        <translation>A verificar {count} Macs…</translation>
    </message>
    <message>
        <source>A verificação falhou: {error}</source>
        <translation>A verificação falhou: {error}</translation>
    </message>
    <message>
        <source>Treino em {count} Macs: a duração de um grupo não foi medida.</source>
        <translation>Treino em {count} Macs: a duração de um grupo não foi medida.</translation>
    </message>
    <message>
        <source>Treino em {count} Macs: cerca de {duration} se os outros Macs forem do mesmo tipo que este (o tempo de cada passo dividido por {count}; o tempo que passam a comunicar pela rede não está medido).</source>
        <translation>Treino em {count} Macs: cerca de {duration} se os outros Macs forem do mesmo tipo que este (o tempo de cada passo dividido por {count}; o tempo que passam a comunicar pela rede não está medido).</translation>
    </message>
    <message>
        <source>Carregue em Verificar antes de treinar em grupo.</source>
        <translation>Carregue em Verificar antes de treinar em grupo.</translation>
    </message>
    <message>
        <source>Junte os nomes ou endereços dos outros Macs.</source>
        <translation>Junte os nomes ou endereços dos outros Macs.</translation>
    </message>
    <message>
        <source>Num grupo de Macs, pausar é parar no fim do passo num ponto de gravação (os outros Macs ficam livres); o treino continua daí com Continuar treino.</source>
        <translation>Num grupo de Macs, pausar é parar no fim do passo num ponto de gravação (os outros Macs ficam livres); o treino continua daí com Continuar treino.</translation>
    </message>
    <message>
        <source>A treinar em {count} Macs: este e {names}.</source>
        <translation>A treinar em {count} Macs: este e {names}.</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <source>&amp;Importar perguntas (JSONL)…</source>
        <translation>&amp;Importar perguntas (JSONL)…</translation>
    </message>
    <message>
        <source>Acrescentar um ficheiro de perguntas e respostas, uma por linha (JSONL). Também pode arrastá-lo para aqui.</source>
        <translation>Acrescentar um ficheiro de perguntas e respostas, uma por linha (JSONL). Também pode arrastá-lo para aqui.</translation>
    </message>
    <message>
        <source>Importar &amp;biografias (pasta)…</source>
        <translation>Importar &amp;biografias (pasta)…</translation>
    </message>
    <message>
        <source>Acrescentar uma pasta de biografias (.md, .txt ou .json); cada uma vira perguntas e respostas.</source>
        <translation>Acrescentar uma pasta de biografias (.md, .txt ou .json); cada uma vira perguntas e respostas.</translation>
    </message>
    <message>
        <source>Usar dados de e&amp;xemplo</source>
        <translation>Usar dados de e&amp;xemplo</translation>
    </message>
    <message>
        <source>Acrescentar as perguntas e biografias de exemplo que vêm com o Farense Studio</source>
        <translation>Acrescentar as perguntas e biografias de exemplo que vêm com o Farense Studio</translation>
    </message>
    <message>
        <source>Fo&amp;ntes</source>
        <translation>Fo&amp;ntes</translation>
    </message>
    <message>
        <source>Os ficheiros e pastas deste projeto: mostrar onde estão ou retirá-los do projeto</source>
        <translation>Os ficheiros e pastas deste projeto: mostrar onde estão ou retirá-los do projeto</translation>
    </message>
    <message>
        <source>Ainda não há dados neste projeto</source>
        <translation>Ainda não há dados neste projeto</translation>
    </message>
    <message>
        <source>Arraste para aqui o ficheiro de perguntas e respostas (JSONL) ou a pasta das biografias, ou use os botões. Os ficheiros originais nunca são alterados.</source>
        <translation>Arraste para aqui o ficheiro de perguntas e respostas (JSONL) ou a pasta das biografias, ou use os botões. Os ficheiros originais nunca são alterados.</translation>
    </message>
    <message>
        <source>Experimentar com os dados de exemplo</source>
        <translation>Experimentar com os dados de exemplo</translation>
    </message>
    <message>
        <source>Importar perguntas (JSONL)…</source>
        <translation>Importar perguntas (JSONL)…</translation>
    </message>
    <message>
        <source>Importar biografias (pasta)…</source>
        <translation>Importar biografias (pasta)…</translation>
    </message>
    <message>
        <source>Esses dados já estavam no projeto.</source>
        <translation>Esses dados já estavam no projeto.</translation>
    </message>
    <message>
        <source>Os dados de exemplo não foram encontrados nesta instalação.</source>
        <translation>Os dados de exemplo não foram encontrados nesta instalação.</translation>
    </message>
    <message>
        <source>Dados de exemplo acrescentados ao projeto.</source>
        <translation>Dados de exemplo acrescentados ao projeto.</translation>
    </message>
    <message>
        <source>Os dados de exemplo já estão neste projeto.</source>
        <translation>Os dados de exemplo já estão neste projeto.</translation>
    </message>
    <message>
        <source>Não sei importar: {names}. Arraste ficheiros .jsonl ou pastas de biografias.</source>
        <translation>Não sei importar: {names}. Arraste ficheiros .jsonl ou pastas de biografias.</translation>
    </message>
    <message>
        <source>Importar perguntas e respostas</source>
        <translation>Importar perguntas e respostas</translation>
    </message>
    <message>
        <source>Perguntas e respostas (*.jsonl *.json *.ndjson);;Todos os ficheiros (*)</source>
        <translation>Perguntas e respostas (*.jsonl *.json *.ndjson);;Todos os ficheiros (*)</translation>
    </message>
    <message>
        <source>Importar a pasta de biografias</source>
        <translation>Importar a pasta de biografias</translation>
    </message>
    <message>
        <source>(nenhuma fonte)</source>
        <translation>(nenhuma fonte)</translation>
    </message>
    <message>
        <source>Mostrar a pasta</source>
        <translation>Mostrar a pasta</translation>
    </message>
    <message>
        <source>Retirar do projeto</source>
        <translation>Retirar do projeto</translation>
    </message>
    <message>
        <source>Juntar o exemplo de linhas com problemas</source>
        <translation>Juntar o exemplo de linhas com problemas</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>O gráfico do erro aparece aqui quando um treino começar: a linha desce à medida que o modelo aprende.</source>
        <translation>O gráfico do erro aparece aqui quando um treino começar: a linha desce à medida que o modelo aprende.</translation>
    </message>
    <message>
        <source>passos</source>
        <translation>passos</translation>
    </message>
    <message>
        <source>erro</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>treino</source>
        <translation>treino</translation>
    </message>
    <message>
        <source>verificação</source>
        <translation>verificação</translation>
    </message>
    <message>
        <source>O erro mede quanto o modelo se engana a prever as respostas dos exemplos. Quanto mais baixo, melhor. A linha de verificação usa perguntas que o modelo nunca treina: se sobe enquanto a de treino desce, o modelo está a decorar em vez de aprender.</source>
        <translation>O erro mede quanto o modelo se engana a prever as respostas dos exemplos. Quanto mais baixo, melhor. A linha de verificação usa perguntas que o modelo nunca treina: se sobe enquanto a de treino desce, o modelo está a decorar em vez de aprender.</translation>
    </message>
    <message>
        <source>fase {phase}</source>
        <translation>fase {phase}</translation>
    </message>
    <message>
        <source>Aqui começou a fase {phase}: o treino continuou com mais passagens pelos dados.</source>
        <translation>Aqui começou a fase {phase}: o treino continuou com mais passagens pelos dados.</translation>
    </message>
    <message>
        <source>treino: {name}</source>
        <translation>treino: {name}</translation>
    </message>
    <message>
        <source>verificação: {name}</source>
        <translation>verificação: {name}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dados</source>
        <translation>Dados</translation>
    </message>
    <message>
        <source>Treino</source>
        <translation>Treino</translation>
    </message>
    <message>
        <source>Conversar</source>
        <translation>Conversar</translation>
    </message>
    <message>
        <source>Exportar</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>&amp;Novo projeto…</source>
        <translation>&amp;Novo projeto…</translation>
    </message>
    <message>
        <source>&amp;Abrir projeto…</source>
        <translation>&amp;Abrir projeto…</translation>
    </message>
    <message>
        <source>Mostrar a pasta do projeto</source>
        <translation>Mostrar a pasta do projeto</translation>
    </message>
    <message>
        <source>&amp;Sair</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Sobre o Farense Studio</source>
        <translation>&amp;Sobre o Farense Studio</translation>
    </message>
    <message>
        <source>Sobre o &amp;Qt</source>
        <translation>Sobre o &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Primeiros passos</source>
        <translation>&amp;Primeiros passos</translation>
    </message>
    <message>
        <source>Anular</source>
        <translation>Anular</translation>
    </message>
    <message>
        <source>Refazer</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Anular «{what}»</source>
        <translation>Anular «{what}»</translation>
    </message>
    <message>
        <source>Refazer «{what}»</source>
        <translation>Refazer «{what}»</translation>
    </message>
    <message>
        <source>&amp;Ficheiro</source>
        <translation>&amp;Ficheiro</translation>
    </message>
    <message>
        <source>Projetos &amp;recentes</source>
        <translation>Projetos &amp;recentes</translation>
    </message>
    <message>
        <source>&amp;Editar</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Definições</source>
        <translation>&amp;Definições</translation>
    </message>
    <message>
        <source>&amp;Língua</source>
        <translation>&amp;Língua</translation>
    </message>
    <message>
        <source>Aj&amp;uda</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>Não foi possível abrir o projeto</source>
        <translation>Não foi possível abrir o projeto</translation>
    </message>
    <message>
        <source>Não foi possível criar o projeto</source>
        <translation>Não foi possível criar o projeto</translation>
    </message>
    <message>
        <source>Abrir projeto</source>
        <translation>Abrir projeto</translation>
    </message>
    <message>
        <source>Esta pasta ainda não é um projeto do Farense Studio. Criar um projeto novo nela?</source>
        <translation>Esta pasta ainda não é um projeto do Farense Studio. Criar um projeto novo nela?</translation>
    </message>
    <message>
        <source>(nenhum)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <source>Limpar a lista</source>
        <translation>Limpar a lista</translation>
    </message>
    <message>
        <source>Nenhum projeto aberto</source>
        <translation>Nenhum projeto aberto</translation>
    </message>
    <message>
        <source>Projeto: {path}</source>
        <translation>Projeto: {path}</translation>
    </message>
    <message>
        <source>Essa fonte já não está nos dados (a linha foi alterada ou removida); prepare os dados de novo para atualizar os documentos.</source>
        <translation>Essa fonte já não está nos dados (a linha foi alterada ou removida); prepare os dados de novo para atualizar os documentos.</translation>
    </message>
    <message>
        <source>Língua</source>
        <translation>Língua</translation>
    </message>
    <message>
        <source>A nova língua aplica-se quando voltar a abrir o Farense Studio.</source>
        <translation>A nova língua aplica-se quando voltar a abrir o Farense Studio.</translation>
    </message>
    <message>
        <source>Sobre o Farense Studio</source>
        <translation>Sobre o Farense Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Farense Studio {version}&lt;/h3&gt;&lt;p&gt;Ensina um modelo de linguagem, no seu próprio computador, sobre a história do Sporting Clube Farense: prepare as perguntas e as biografias, treine, converse com o modelo e exporte-o para o chatbot do clube.&lt;/p&gt;&lt;p&gt;Nada sai deste computador. Licença Apache-2.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Farense Studio {version}&lt;/h3&gt;&lt;p&gt;Ensina um modelo de linguagem, no seu próprio computador, sobre a história do Sporting Clube Farense: prepare as perguntas e as biografias, treine, converse com o modelo e exporte-o para o chatbot do clube.&lt;/p&gt;&lt;p&gt;Nada sai deste computador. Licença Apache-2.0.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>Novo projeto</source>
        <translation>Novo projeto</translation>
    </message>
    <message>
        <source>Por exemplo: História do Farense</source>
        <translation>Por exemplo: História do Farense</translation>
    </message>
    <message>
        <source>Escolher…</source>
        <translation>Escolher…</translation>
    </message>
    <message>
        <source>Nome:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Guardar em:</source>
        <translation>Guardar em:</translation>
    </message>
    <message>
        <source>Criar projeto</source>
        <translation>Criar projeto</translation>
    </message>
    <message>
        <source>Guardar em</source>
        <translation>Guardar em</translation>
    </message>
    <message>
        <source>Escreva um nome para o projeto.</source>
        <translation>Escreva um nome para o projeto.</translation>
    </message>
    <message>
        <source>Já existe um projeto em {path}.</source>
        <translation>Já existe um projeto em {path}.</translation>
    </message>
    <message>
        <source>A pasta do projeto será {path}</source>
        <translation>A pasta do projeto será {path}</translation>
    </message>
</context>
<context>
    <name>OpenProblems</name>
    <message>
        <source>Abrir a pasta</source>
        <translation>Abrir a pasta</translation>
    </message>
    <message>
        <source>Abrir outro projeto…</source>
        <translation>Abrir outro projeto…</translation>
    </message>
    <message>
        <source>Nenhum projeto aberto.</source>
        <translation>Nenhum projeto aberto.</translation>
    </message>
</context>
<context>
    <name>PrepareRow</name>
    <message>
        <source>Quando os dados estiverem bem, prepare-os para o treino.</source>
        <translation>Quando os dados estiverem bem, prepare-os para o treino.</translation>
    </message>
    <message>
        <source>P&amp;reparar dados  »</source>
        <translation>P&amp;reparar dados  »</translation>
    </message>
    <message>
        <source>Grava os exemplos de treino e as perguntas de verificação na pasta «preparado» do projeto, prontos para o Treino</source>
        <translation>Grava os exemplos de treino e as perguntas de verificação na pasta «preparado» do projeto, prontos para o Treino</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Onde</source>
        <translation>Onde</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>(todos os dados)</source>
        <translation>(todos os dados)</translation>
    </message>
    <message>
        <source>{file}, linha {line}</source>
        <translation>{file}, linha {line}</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Todas as linhas e biografias foram lidas sem problemas.</source>
        <translation>Todas as linhas e biografias foram lidas sem problemas.</translation>
    </message>
    <message>
        <source>Problemas: nenhum</source>
        <translation>Problemas: nenhum</translation>
    </message>
    <message>
        <source>1 erro</source>
        <translation>1 erro</translation>
    </message>
    <message>
        <source>{n} erros</source>
        <translation>{n} erros</translation>
    </message>
    <message>
        <source>1 aviso</source>
        <translation>1 aviso</translation>
    </message>
    <message>
        <source>{n} avisos</source>
        <translation>{n} avisos</translation>
    </message>
    <message>
        <source>Problemas: {errors}, {warnings}</source>
        <translation>Problemas: {errors}, {warnings}</translation>
    </message>
</context>
<context>
    <name>QuestionGeneration</name>
    <message>
        <source>O modelo escolhido no Treino ainda não está neste computador: propõe o modelo de demonstração.</source>
        <translation>O modelo escolhido no Treino ainda não está neste computador: propõe o modelo de demonstração.</translation>
    </message>
    <message>
        <source>O modelo base está ocupado com o treino. Gere sem a opção do modelo base, ou espere que o treino acabe.</source>
        <translation>O modelo base está ocupado com o treino. Gere sem a opção do modelo base, ou espere que o treino acabe.</translation>
    </message>
    <message>
        <source>A carregar o modelo base ({model})…</source>
        <translation>A carregar o modelo base ({model})…</translation>
    </message>
    <message>
        <source>A procurar os parágrafos e as perguntas…</source>
        <translation>A procurar os parágrafos e as perguntas…</translation>
    </message>
    <message>
        <source>A parar depois do parágrafo em curso…</source>
        <translation>A parar depois do parágrafo em curso…</translation>
    </message>
    <message>
        <source>A gerar perguntas: {done} de {total} parágrafos e linhas · faltam cerca de {left}</source>
        <translation>A gerar perguntas: {done} de {total} parágrafos e linhas · faltam cerca de {left}</translation>
    </message>
    <message>
        <source>A gerar perguntas: {done} de {total} parágrafos e linhas · a calcular o tempo que falta</source>
        <translation>A gerar perguntas: {done} de {total} parágrafos e linhas · a calcular o tempo que falta</translation>
    </message>
    <message>
        <source>A geração de perguntas falhou: {text}. O que já estava feito ficou guardado; carregue outra vez para continuar.</source>
        <translation>A geração de perguntas falhou: {text}. O que já estava feito ficou guardado; carregue outra vez para continuar.</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <source>Pronto para treinar.</source>
        <translation>Pronto para treinar.</translation>
    </message>
    <message>
        <source>Estado do treino</source>
        <translation>Estado do treino</translation>
    </message>
    <message>
        <source>&amp;Pausar</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Faz uma pausa e grava um ponto de gravação; o computador fica livre. Retome quando quiser.</source>
        <translation>Faz uma pausa e grava um ponto de gravação; o computador fica livre. Retome quando quiser.</translation>
    </message>
    <message>
        <source>Pa&amp;rar</source>
        <translation>Pa&amp;rar</translation>
    </message>
    <message>
        <source>Termina o treino agora e grava um ponto de gravação: pode continuá-lo mais tarde na lista de treinos.</source>
        <translation>Termina o treino agora e grava um ponto de gravação: pode continuá-lo mais tarde na lista de treinos.</translation>
    </message>
    <message>
        <source>Registo do treino</source>
        <translation>Registo do treino</translation>
    </message>
    <message>
        <source>Registo</source>
        <translation>Registo</translation>
    </message>
    <message>
        <source>a começar…</source>
        <translation>a começar…</translation>
    </message>
    <message>
        <source>A carregar o modelo e os dados…</source>
        <translation>A carregar o modelo e os dados…</translation>
    </message>
    <message>
        <source>Passo {step}: erro nas perguntas de verificação {loss}</source>
        <translation>Passo {step}: erro nas perguntas de verificação {loss}</translation>
    </message>
    <message>
        <source>Ponto de gravação no passo {step} ({duration}).</source>
        <translation>Ponto de gravação no passo {step} ({duration}).</translation>
    </message>
    <message>
        <source>&amp;Retomar</source>
        <translation>&amp;Retomar</translation>
    </message>
    <message>
        <source>O modelo está a aprender.</source>
        <translation>O modelo está a aprender.</translation>
    </message>
    <message>
        <source>Todos os passos feitos: a medir o erro final nas perguntas de verificação e a gravar o resultado…</source>
        <translation>Todos os passos feitos: a medir o erro final nas perguntas de verificação e a gravar o resultado…</translation>
    </message>
    <message>
        <source>Em pausa no passo {step}. O progresso está gravado: pode continuar agora ou mais tarde.</source>
        <translation>Em pausa no passo {step}. O progresso está gravado: pode continuar agora ou mais tarde.</translation>
    </message>
    <message>
        <source>Pausa no passo {step}.</source>
        <translation>Pausa no passo {step}.</translation>
    </message>
    <message>
        <source>Retomado no passo {step}.</source>
        <translation>Retomado no passo {step}.</translation>
    </message>
    <message>
        <source>A treinar mais: fase {phase} do treino.</source>
        <translation>A treinar mais: fase {phase} do treino.</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Nome</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Objetivo</source>
        <translation>Objetivo</translation>
    </message>
    <message>
        <source>Melhor erro (verificação)</source>
        <translation>Melhor erro (verificação)</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Factos certos</source>
        <translation>Factos certos</translation>
    </message>
    <message>
        <source>Personalizado</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>a treinar agora</source>
        <translation>a treinar agora</translation>
    </message>
    <message>
        <source>em pausa agora</source>
        <translation>em pausa agora</translation>
    </message>
    <message>
        <source>por começar</source>
        <translation>por começar</translation>
    </message>
    <message>
        <source>a treinar</source>
        <translation>a treinar</translation>
    </message>
    <message>
        <source>interrompido no passo {step}</source>
        <translation>interrompido no passo {step}</translation>
    </message>
    <message>
        <source>em pausa no passo {step}</source>
        <translation>em pausa no passo {step}</translation>
    </message>
    <message>
        <source>parado no passo {step}</source>
        <translation>parado no passo {step}</translation>
    </message>
    <message>
        <source>concluído</source>
        <translation>concluído</translation>
    </message>
    <message>
        <source>falhou</source>
        <translation>falhou</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Treinos anteriores</source>
        <translation>Treinos anteriores</translation>
    </message>
    <message>
        <source>&lt;b&gt;Treinos anteriores&lt;/b&gt;</source>
        <translation>&lt;b&gt;Treinos anteriores&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Continuar treino</source>
        <translation>Continuar treino</translation>
    </message>
    <message>
        <source>Treinar mais…</source>
        <translation>Treinar mais…</translation>
    </message>
    <message>
        <source>O modelo deste treino concluído ou parado passa mais vezes pelos mesmos dados, a partir do ponto onde ficou.</source>
        <translation>O modelo deste treino concluído ou parado passa mais vezes pelos mesmos dados, a partir do ponto onde ficou.</translation>
    </message>
    <message>
        <source>Comparar no gráfico</source>
        <translation>Comparar no gráfico</translation>
    </message>
    <message>
        <source>Mostra as curvas do treino escolhido, tracejadas, por baixo das do treino atual.</source>
        <translation>Mostra as curvas do treino escolhido, tracejadas, por baixo das do treino atual.</translation>
    </message>
    <message>
        <source>Mudar o nome…</source>
        <translation>Mudar o nome…</translation>
    </message>
    <message>
        <source>Apagar…</source>
        <translation>Apagar…</translation>
    </message>
    <message>
        <source>Ainda não há treinos neste projeto.</source>
        <translation>Ainda não há treinos neste projeto.</translation>
    </message>
    <message>
        <source>Mudar o nome do treino</source>
        <translation>Mudar o nome do treino</translation>
    </message>
    <message>
        <source>Nome:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Apagar treino</source>
        <translation>Apagar treino</translation>
    </message>
    <message>
        <source>Apagar o treino «{label}»? A afinação e os pontos de gravação deste treino são apagados do disco e não podem ser recuperados.</source>
        <translation>Apagar o treino «{label}»? A afinação e os pontos de gravação deste treino são apagados do disco e não podem ser recuperados.</translation>
    </message>
</context>
<context>
    <name>ScorecardDialog</name>
    <message>
        <source>Verificar factos: detalhes</source>
        <translation>Verificar factos: detalhes</translation>
    </message>
    <message>
        <source>Pergunta</source>
        <translation>Pergunta</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Afinado</source>
        <translation>Afinado</translation>
    </message>
    <message>
        <source>Sem perguntas de verificação para medir o erro.</source>
        <translation>Sem perguntas de verificação para medir o erro.</translation>
    </message>
    <message>
        <source>Erro médio nas perguntas de verificação do treino (mais baixo é melhor) e a perplexidade correspondente: quantas palavras, em média, o modelo hesita entre.</source>
        <translation>Erro médio nas perguntas de verificação do treino (mais baixo é melhor) e a perplexidade correspondente: quantas palavras, em média, o modelo hesita entre.</translation>
    </message>
    <message>
        <source>Exportar CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>certo</source>
        <translation>certo</translation>
    </message>
    <message>
        <source>errado</source>
        <translation>errado</translation>
    </message>
    <message>
        <source>Palavras-chave: {keywords}</source>
        <translation>Palavras-chave: {keywords}</translation>
    </message>
    <message>
        <source>faltam: {missing}</source>
        <translation>faltam: {missing}</translation>
    </message>
    <message>
        <source>Exportar CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ScorecardPanel</name>
    <message>
        <source>&amp;Verificar factos</source>
        <translation>&amp;Verificar factos</translation>
    </message>
    <message>
        <source>Faz as perguntas de teste ao modelo base e ao afinado (sempre a resposta mais provável) e conta quantas respostas têm os factos certos; com «Consultar os documentos do clube», pergunta outra vez a cada um com os documentos.</source>
        <translation>Faz as perguntas de teste ao modelo base e ao afinado (sempre a resposta mais provável) e conta quantas respostas têm os factos certos; com «Consultar os documentos do clube», pergunta outra vez a cada um com os documentos.</translation>
    </message>
    <message>
        <source>Ainda não verificado.</source>
        <translation>Ainda não verificado.</translation>
    </message>
    <message>
        <source>Parar verificação</source>
        <translation>Parar verificação</translation>
    </message>
    <message>
        <source>Ver &amp;detalhes</source>
        <translation>Ver &amp;detalhes</translation>
    </message>
    <message>
        <source>Perguntas de teste…</source>
        <translation>Perguntas de teste…</translation>
    </message>
    <message>
        <source>Escolher o ficheiro de perguntas de teste (JSONL com pergunta e palavras-chave); por omissão, as perguntas de exemplo do Farense.</source>
        <translation>Escolher o ficheiro de perguntas de teste (JSONL com pergunta e palavras-chave); por omissão, as perguntas de exemplo do Farense.</translation>
    </message>
    <message>
        <source>Disponível quando o treino terminar ou estiver em pausa.</source>
        <translation>Disponível quando o treino terminar ou estiver em pausa.</translation>
    </message>
    <message>
        <source>A fazer as perguntas de teste…</source>
        <translation>A fazer as perguntas de teste…</translation>
    </message>
    <message>
        <source>A perguntar ao modelo base ({done} de {total})</source>
        <translation>A perguntar ao modelo base ({done} de {total})</translation>
    </message>
    <message>
        <source>Respostas do modelo base guardadas da verificação anterior ({done} de {total})</source>
        <translation>Respostas do modelo base guardadas da verificação anterior ({done} de {total})</translation>
    </message>
    <message>
        <source>A perguntar ao modelo afinado ({done} de {total})</source>
        <translation>A perguntar ao modelo afinado ({done} de {total})</translation>
    </message>
    <message>
        <source>A medir o erro nas perguntas de verificação</source>
        <translation>A medir o erro nas perguntas de verificação</translation>
    </message>
    <message>
        <source>A perguntar ao modelo base com os documentos ({done} de {total})</source>
        <translation>A perguntar ao modelo base com os documentos ({done} de {total})</translation>
    </message>
    <message>
        <source>A perguntar ao modelo afinado com os documentos ({done} de {total})</source>
        <translation>A perguntar ao modelo afinado com os documentos ({done} de {total})</translation>
    </message>
    <message>
        <source>as de exemplo</source>
        <translation>as de exemplo</translation>
    </message>
    <message>
        <source>Perguntas de teste: {name}</source>
        <translation>Perguntas de teste: {name}</translation>
    </message>
    <message>
        <source>Perguntas de teste</source>
        <translation>Perguntas de teste</translation>
    </message>
    <message>
        <source>Perguntas (*.jsonl);;Todos os ficheiros (*)</source>
        <translation>Perguntas (*.jsonl);;Todos os ficheiros (*)</translation>
    </message>
    <message>
        <source>(verificação interrompida)</source>
        <translation>(verificação interrompida)</translation>
    </message>
    <message>
        <source>A verificação falhou: {error}</source>
        <translation>A verificação falhou: {error}</translation>
    </message>
</context>
<context>
    <name>ServerProcess</name>
    <message>
        <source>Não foi possível iniciar o servidor.</source>
        <translation>Não foi possível iniciar o servidor.</translation>
    </message>
</context>
<context>
    <name>SlowComputerNotice</name>
    <message>
        <source>Pelo que foi medido aqui, este computador treina cerca de {times} vezes mais devagar do que um Mac com Apple Silicon.</source>
        <translation>Pelo que foi medido aqui, este computador treina cerca de {times} vezes mais devagar do que um Mac com Apple Silicon.</translation>
    </message>
    <message>
        <source>Este computador deve treinar cerca de {times} vezes mais devagar do que um Mac com Apple Silicon.</source>
        <translation>Este computador deve treinar cerca de {times} vezes mais devagar do que um Mac com Apple Silicon.</translation>
    </message>
    <message>
        <source>Este treino pode demorar {duration}.</source>
        <translation>Este treino pode demorar {duration}.</translation>
    </message>
    <message>
        <source>Para ver primeiro se vale a pena, experimente um treino curto: {examples} exemplos com comprimento máximo {length} (cerca de {duration}).</source>
        <translation>Para ver primeiro se vale a pena, experimente um treino curto: {examples} exemplos com comprimento máximo {length} (cerca de {duration}).</translation>
    </message>
    <message>
        <source>Experimentar o treino curto</source>
        <translation>Experimentar o treino curto</translation>
    </message>
</context>
<context>
    <name>SourceLinks</name>
    <message>
        <source>Os documentos do clube não falam disto, por isso a resposta é «não sei» (o modelo não foi consultado).</source>
        <translation>Os documentos do clube não falam disto, por isso a resposta é «não sei» (o modelo não foi consultado).</translation>
    </message>
    <message>
        <source>Fontes:</source>
        <translation>Fontes:</translation>
    </message>
    <message>
        <source>Mostrar esta linha em Dados: {title}</source>
        <translation>Mostrar esta linha em Dados: {title}</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>máximo</source>
        <translation>máximo</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <source>O comprimento máximo com que o modelo vai treinar (escolhido no separador Treino). Exemplos mais longos são cortados no fim. Mudar aqui só mostra o efeito; o valor do treino muda-se no Treino.</source>
        <translation>O comprimento máximo com que o modelo vai treinar (escolhido no separador Treino). Exemplos mais longos são cortados no fim. Mudar aqui só mostra o efeito; o valor do treino muda-se no Treino.</translation>
    </message>
    <message>
        <source>Comprimento máximo:</source>
        <translation>Comprimento máximo:</translation>
    </message>
    <message>
        <source>{n} exemplos</source>
        <translation>{n} exemplos</translation>
    </message>
    <message>
        <source>{n} exemplo</source>
        <translation>{n} exemplo</translation>
    </message>
    <message>
        <source>{n} treino</source>
        <translation>{n} treino</translation>
    </message>
    <message>
        <source>{n} verificação</source>
        <translation>{n} verificação</translation>
    </message>
    <message>
        <source>{n} repetido removido</source>
        <translation>{n} repetido removido</translation>
    </message>
    <message>
        <source>{n} repetidos removidos</source>
        <translation>{n} repetidos removidos</translation>
    </message>
    <message>
        <source>{n} com erros (deixados de fora)</source>
        <translation>{n} com erros (deixados de fora)</translation>
    </message>
    <message>
        <source>{n} geradas de fora</source>
        <translation>{n} geradas de fora</translation>
    </message>
    <message>
        <source>Biografias ({folder})</source>
        <translation>Biografias ({folder})</translation>
    </message>
    <message>
        <source>Acrescentados por si</source>
        <translation>Acrescentados por si</translation>
    </message>
    <message>
        <source>Perguntas geradas</source>
        <translation>Perguntas geradas</translation>
    </message>
    <message>
        <source>{source}: {total} ({train} treino, {valid} verificação)</source>
        <translation>{source}: {total} ({train} treino, {valid} verificação)</translation>
    </message>
    <message>
        <source>comprimento em tokens (aproximado)</source>
        <translation>comprimento em tokens (aproximado)</translation>
    </message>
    <message>
        <source>comprimento em tokens</source>
        <translation>comprimento em tokens</translation>
    </message>
    <message>
        <source>exemplos</source>
        <translation>exemplos</translation>
    </message>
    <message>
        <source>1 passa do máximo (seria cortado)</source>
        <translation>1 passa do máximo (seria cortado)</translation>
    </message>
    <message>
        <source>{n} passam do máximo (seriam cortados)</source>
        <translation>{n} passam do máximo (seriam cortados)</translation>
    </message>
    <message>
        <source>1 exemplo passa do máximo: seria cortado no treino</source>
        <translation>1 exemplo passa do máximo: seria cortado no treino</translation>
    </message>
    <message>
        <source>{n} exemplos passam do máximo: seriam cortados no treino</source>
        <translation>{n} exemplos passam do máximo: seriam cortados no treino</translation>
    </message>
    <message>
        <source>Nenhum exemplo passa do máximo</source>
        <translation>Nenhum exemplo passa do máximo</translation>
    </message>
</context>
<context>
    <name>TimeLeft</name>
    <message>
        <source>{progress} · faltam cerca de {left}</source>
        <translation>{progress} · faltam cerca de {left}</translation>
    </message>
</context>
<context>
    <name>TrainMoreDialog</name>
    <message>
        <source>Treinar mais</source>
        <translation>Treinar mais</translation>
    </message>
    <message>
        <source>O modelo do treino «{run}» volta a estudar os mesmos dados mais algumas vezes, a partir do ponto onde ficou. Vale a pena quando o erro ainda estava a descer no fim do treino: o modelo aprendeu pouco.</source>
        <translation>O modelo do treino «{run}» volta a estudar os mesmos dados mais algumas vezes, a partir do ponto onde ficou. Vale a pena quando o erro ainda estava a descer no fim do treino: o modelo aprendeu pouco.</translation>
    </message>
    <message>
        <source>Se o erro nas perguntas de verificação já estava a subir, treinar mais não ajuda: o modelo passa a decorar em vez de aprender.</source>
        <translation>Se o erro nas perguntas de verificação já estava a subir, treinar mais não ajuda: o modelo passa a decorar em vez de aprender.</translation>
    </message>
    <message>
        <source>Passagens pelos dados a mais</source>
        <translation>Passagens pelos dados a mais</translation>
    </message>
    <message>
        <source>Uma passagem é o modelo ver uma vez todos os exemplos de treino.</source>
        <translation>Uma passagem é o modelo ver uma vez todos os exemplos de treino.</translation>
    </message>
    <message>
        <source>&amp;Passagens pelos dados a mais:</source>
        <translation>&amp;Passagens pelos dados a mais:</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Este treino já fez uma passagem pelos dados.</source>
        <translation>Este treino já fez uma passagem pelos dados.</translation>
    </message>
    <message>
        <source>Este treino já fez {passes} passagens pelos dados.</source>
        <translation>Este treino já fez {passes} passagens pelos dados.</translation>
    </message>
    <message>
        <source>Mais {steps} passos de treino.</source>
        <translation>Mais {steps} passos de treino.</translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source> · em pausa</source>
        <translation> · em pausa</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{value} MB</source>
        <translation>{value} MB</translation>
    </message>
    <message>
        <source>{value} GB</source>
        <translation>{value} GB</translation>
    </message>
    <message>
        <source>passagem {epoch} de {epochs} · passo {step} de {total}</source>
        <translation>passagem {epoch} de {epochs} · passo {step} de {total}</translation>
    </message>
    <message>
        <source>a medir a velocidade</source>
        <translation>a medir a velocidade</translation>
    </message>
    <message>
        <source>{speed} tokens/s</source>
        <translation>{speed} tokens/s</translation>
    </message>
    <message>
        <source>{speed} · memória máx. {memory}</source>
        <translation>{speed} · memória máx. {memory}</translation>
    </message>
    <message>
        <source>{percent}% · decorrido {elapsed}</source>
        <translation>{percent}% · decorrido {elapsed}</translation>
    </message>
    <message>
        <source> · faltam {remaining}</source>
        <translation> · faltam {remaining}</translation>
    </message>
    <message>
        <source> · a medir o ritmo para dizer quanto falta</source>
        <translation> · a medir o ritmo para dizer quanto falta</translation>
    </message>
    <message>
        <source>O erro nas perguntas de verificação piorou: o modelo pode estar a decorar em vez de aprender. O melhor ponto de gravação fica guardado: pode parar aqui.</source>
        <translation>O erro nas perguntas de verificação piorou: o modelo pode estar a decorar em vez de aprender. O melhor ponto de gravação fica guardado: pode parar aqui.</translation>
    </message>
    <message>
        <source>O erro está a subir: se continuar assim, experimente uma taxa de aprendizagem mais baixa (Avançado).</source>
        <translation>O erro está a subir: se continuar assim, experimente uma taxa de aprendizagem mais baixa (Avançado).</translation>
    </message>
    <message>
        <source>O modelo está a aprender.</source>
        <translation>O modelo está a aprender.</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>A maior parte dos exemplos fica sem resposta no comprimento máximo. Veja o aviso à esquerda.</source>
        <translation>A maior parte dos exemplos fica sem resposta no comprimento máximo. Veja o aviso à esquerda.</translation>
    </message>
    <message>
        <source>Pronto para treinar.</source>
        <translation>Pronto para treinar.</translation>
    </message>
    <message>
        <source>A medir a velocidade de treino neste computador…</source>
        <translation>A medir a velocidade de treino neste computador…</translation>
    </message>
    <message>
        <source>Medição cancelada.</source>
        <translation>Medição cancelada.</translation>
    </message>
    <message>
        <source>A medição falhou: {error}</source>
        <translation>A medição falhou: {error}</translation>
    </message>
    <message>
        <source>Primeiro prepare os dados no separador Dados.</source>
        <translation>Primeiro prepare os dados no separador Dados.</translation>
    </message>
    <message>
        <source> Foram preparados de forma diferente da desta versão: prepare-os de novo no separador Dados para treinar como foi medido.</source>
        <translation> Foram preparados de forma diferente da desta versão: prepare-os de novo no separador Dados para treinar como foi medido.</translation>
    </message>
    <message>
        <source>O treino não está disponível nesta janela.</source>
        <translation>O treino não está disponível nesta janela.</translation>
    </message>
    <message>
        <source>Abra ou crie um projeto primeiro.</source>
        <translation>Abra ou crie um projeto primeiro.</translation>
    </message>
    <message>
        <source>A preparar o modelo base…</source>
        <translation>A preparar o modelo base…</translation>
    </message>
    <message>
        <source>Com estas definições o treino não cabe na memória deste computador. Veja a correção proposta à esquerda.</source>
        <translation>Com estas definições o treino não cabe na memória deste computador. Veja a correção proposta à esquerda.</translation>
    </message>
    <message>
        <source>Descarga cancelada. O que já veio fica guardado: ao carregar de novo em Treinar, continua de onde parou.</source>
        <translation>Descarga cancelada. O que já veio fica guardado: ao carregar de novo em Treinar, continua de onde parou.</translation>
    </message>
    <message>
        <source>A treinar…</source>
        <translation>A treinar…</translation>
    </message>
    <message>
        <source>Treino concluído.</source>
        <translation>Treino concluído.</translation>
    </message>
    <message>
        <source>Treinar mais…</source>
        <translation>Treinar mais…</translation>
    </message>
    <message>
        <source>Treino concluído</source>
        <translation>Treino concluído</translation>
    </message>
    <message>
        <source>Treino parado.</source>
        <translation>Treino parado.</translation>
    </message>
    <message>
        <source>Treino parado</source>
        <translation>Treino parado</translation>
    </message>
    <message>
        <source>erro desconhecido</source>
        <translation>erro desconhecido</translation>
    </message>
    <message>
        <source>O treino não pôde continuar.</source>
        <translation>O treino não pôde continuar.</translation>
    </message>
    <message>
        <source>Treino concluído. Melhor erro nas perguntas de verificação: {loss}. A afinação está pronta: experimente-a no separador Conversar.</source>
        <translation>Treino concluído. Melhor erro nas perguntas de verificação: {loss}. A afinação está pronta: experimente-a no separador Conversar.</translation>
    </message>
    <message>
        <source>Experimentar em Conversar</source>
        <translation>Experimentar em Conversar</translation>
    </message>
    <message>
        <source>Treino parado no passo {step} e gravado. Para continuar, escolha-o na lista de treinos e carregue em Continuar treino.</source>
        <translation>Treino parado no passo {step} e gravado. Para continuar, escolha-o na lista de treinos e carregue em Continuar treino.</translation>
    </message>
    <message>
        <source>Continuar retoma-o no grupo com «Usar outros Macs» ligado, ou só neste Mac com a opção desligada.</source>
        <translation>Continuar retoma-o no grupo com «Usar outros Macs» ligado, ou só neste Mac com a opção desligada.</translation>
    </message>
    <message>
        <source>Continuar</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>O treino parou: falta de memória</source>
        <translation>O treino parou: falta de memória</translation>
    </message>
    <message>
        <source>O treino falhou: {error}</source>
        <translation>O treino falhou: {error}</translation>
    </message>
    <message>
        <source>Este treino não pode continuar: os dados preparados mudaram desde que começou.</source>
        <translation>Este treino não pode continuar: os dados preparados mudaram desde que começou.</translation>
    </message>
    <message>
        <source>Não é possível treinar mais este treino: os dados preparados mudaram desde que começou.</source>
        <translation>Não é possível treinar mais este treino: os dados preparados mudaram desde que começou.</translation>
    </message>
    <message>
        <source>Não é possível treinar mais este treino: as definições que mudam o treino já não são as mesmas.</source>
        <translation>Não é possível treinar mais este treino: as definições que mudam o treino já não são as mesmas.</translation>
    </message>
    <message>
        <source>Este treino não pode continuar: as definições que mudam o treino já não são as mesmas.</source>
        <translation>Este treino não pode continuar: as definições que mudam o treino já não são as mesmas.</translation>
    </message>
    <message>
        <source>Pode começar um treino novo com os dados e as definições de agora.</source>
        <translation>Pode começar um treino novo com os dados e as definições de agora.</translation>
    </message>
    <message>
        <source>O treino de {when} foi interrompido no passo {step} (a aplicação ou o computador desligou-se).</source>
        <translation>O treino de {when} foi interrompido no passo {step} (a aplicação ou o computador desligou-se).</translation>
    </message>
    <message>
        <source>Nada ficou gravado: continuar recomeça do início.</source>
        <translation>Nada ficou gravado: continuar recomeça do início.</translation>
    </message>
    <message>
        <source>O passo {saved} ficou gravado: pode continuar exatamente de onde ficou.</source>
        <translation>O passo {saved} ficou gravado: pode continuar exatamente de onde ficou.</translation>
    </message>
    <message>
        <source>O último ponto de gravação é o passo {saved}: ao continuar, o passo {next} é treinado de novo.</source>
        <translation>O último ponto de gravação é o passo {saved}: ao continuar, o passo {next} é treinado de novo.</translation>
    </message>
    <message>
        <source>O último ponto de gravação é o passo {saved}: ao continuar, os passos {first} a {last} são treinados de novo ({count} passos).</source>
        <translation>O último ponto de gravação é o passo {saved}: ao continuar, os passos {first} a {last} são treinados de novo ({count} passos).</translation>
    </message>
    <message>
        <source>Começar treino novo</source>
        <translation>Começar treino novo</translation>
    </message>
    <message>
        <source>O treino falhou</source>
        <translation>O treino falhou</translation>
    </message>
    <message>
        <source>A retomar…</source>
        <translation>A retomar…</translation>
    </message>
    <message>
        <source>A pausar no fim deste passo…</source>
        <translation>A pausar no fim deste passo…</translation>
    </message>
    <message>
        <source>A parar e a gravar um ponto de gravação…</source>
        <translation>A parar e a gravar um ponto de gravação…</translation>
    </message>
    <message>
        <source>Continuar treino</source>
        <translation>Continuar treino</translation>
    </message>
    <message>
        <source>Ver detalhes</source>
        <translation>Ver detalhes</translation>
    </message>
    <message>
        <source>A gravar um ponto de gravação antes de fechar…</source>
        <translation>A gravar um ponto de gravação antes de fechar…</translation>
    </message>
    <message>
        <source>Treino a decorrer</source>
        <translation>Treino a decorrer</translation>
    </message>
    <message>
        <source>Dados preparados: {train} exemplos de treino e {valid} perguntas de verificação.</source>
        <translation>Dados preparados: {train} exemplos de treino e {valid} perguntas de verificação.</translation>
    </message>
    <message>
        <source> Mudaram no separador Dados desde então.</source>
        <translation> Mudaram no separador Dados desde então.</translation>
    </message>
    <message>
        <source>Correção aplicada: {changes}</source>
        <translation>Correção aplicada: {changes}</translation>
    </message>
    <message>
        <source>Os dados mudaram no separador Dados desde a última preparação: prepare-os de novo («Preparar dados») para o treino aprender as alterações.</source>
        <translation>Os dados mudaram no separador Dados desde a última preparação: prepare-os de novo («Preparar dados») para o treino aprender as alterações.</translation>
    </message>
    <message>
        <source>Corrija em Avançado: {problem}</source>
        <translation>Corrija em Avançado: {problem}</translation>
    </message>
    <message>
        <source>Treino {number}</source>
        <translation>Treino {number}</translation>
    </message>
    <message>
        <source>Início: {run} ({model})</source>
        <translation>Início: {run} ({model})</translation>
    </message>
    <message>
        <source>Modelo base pronto: {path}</source>
        <translation>Modelo base pronto: {path}</translation>
    </message>
    <message>
        <source>Não foi possível preparar o modelo base: {error}</source>
        <translation>Não foi possível preparar o modelo base: {error}</translation>
    </message>
    <message>
        <source>Está a decorrer um treino.</source>
        <translation>Está a decorrer um treino.</translation>
    </message>
    <message>
        <source>Ao fechar, o treino para no fim do passo atual e grava um ponto de gravação. Da próxima vez que abrir a aplicação, pode continuá-lo exatamente de onde ficou.</source>
        <translation>Ao fechar, o treino para no fim do passo atual e grava um ponto de gravação. Da próxima vez que abrir a aplicação, pode continuá-lo exatamente de onde ficou.</translation>
    </message>
    <message>
        <source>Gravar e fechar</source>
        <translation>Gravar e fechar</translation>
    </message>
    <message>
        <source>Continuar a treinar</source>
        <translation>Continuar a treinar</translation>
    </message>
    <message>
        <source>Não foi possível ler as definições deste treino: {error}</source>
        <translation>Não foi possível ler as definições deste treino: {error}</translation>
    </message>
    <message>
        <source>A continuar o treino {run}.</source>
        <translation>A continuar o treino {run}.</translation>
    </message>
    <message>
        <source>Treinar mais o treino {run}: uma passagem pelos dados a mais.</source>
        <translation>Treinar mais o treino {run}: uma passagem pelos dados a mais.</translation>
    </message>
    <message>
        <source>Treinar mais o treino {run}: {passes} passagens pelos dados a mais.</source>
        <translation>Treinar mais o treino {run}: {passes} passagens pelos dados a mais.</translation>
    </message>
</context>
</TS>
