<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="pt_PT">
<context>
    <name>AdvancedSettings</name>
    <message>
        <source>Use -1 (todas) ou um número de 1 para cima.</source>
        <translation>Use -1 (all) or a number from 1 up.</translation>
    </message>
    <message>
        <source>Escreva um valor.</source>
        <translation>Enter a value.</translation>
    </message>
    <message>
        <source>Não é um número.</source>
        <translation>Not a number.</translation>
    </message>
    <message>
        <source>Tem de ser um número inteiro.</source>
        <translation>Must be a whole number.</translation>
    </message>
    <message>
        <source>O mínimo é {minimum}.</source>
        <translation>The minimum is {minimum}.</translation>
    </message>
    <message>
        <source>O máximo é {maximum}.</source>
        <translation>The maximum is {maximum}.</translation>
    </message>
    <message>
        <source>todas</source>
        <translation>all</translation>
    </message>
    <message>
        <source>automático</source>
        <translation>automatic</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Fechar esta mensagem</source>
        <translation>Close this message</translation>
    </message>
</context>
<context>
    <name>BaseModelChoice</name>
    <message>
        <source>Modelo base</source>
        <translation>Base model</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Recomendado para este computador</source>
        <translation>Recommended for this computer</translation>
    </message>
    <message>
        <source>Uma pasta com um modelo no computador…</source>
        <translation>A folder with a model on this computer…</translation>
    </message>
    <message>
        <source>Pasta: {name}</source>
        <translation>Folder: {name}</translation>
    </message>
    <message>
        <source>Escolha a pasta do modelo</source>
        <translation>Choose the model&apos;s folder</translation>
    </message>
    <message>
        <source>Incluído na aplicação, funciona sem internet. Pequeno: serve para experimentar, não para respostas de qualidade.</source>
        <translation>Included with the app, works offline. Small: good for trying things out, not for quality answers.</translation>
    </message>
    <message>
        <source>{size} GB, já descarregado.</source>
        <translation>{size} GB, already downloaded.</translation>
    </message>
    <message>
        <source>{size} GB, descarregado da internet na primeira utilização.</source>
        <translation>{size} GB, downloaded from the internet on first use.</translation>
    </message>
    <message>
        <source>Precisa de {needed} GB de memória; este computador tem {available} GB.</source>
        <translation>Needs {needed} GB of memory; this computer has {available} GB.</translation>
    </message>
    <message>
        <source>Modelo numa pasta deste computador.</source>
        <translation>Model in a folder on this computer.</translation>
    </message>
    <message>
        <source>A preparar o modelo de demonstração (só da primeira vez)…</source>
        <translation>Preparing the demo model (first time only)…</translation>
    </message>
    <message>
        <source>A descarregar o modelo base…</source>
        <translation>Downloading the base model…</translation>
    </message>
    <message>
        <source>A cancelar… (o que já veio fica guardado para continuar depois)</source>
        <translation>Cancelling… (what has arrived is kept, to continue later)</translation>
    </message>
    <message>
        <source>{done} de {total} GB</source>
        <translation>{done} of {total} GB</translation>
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
        <translation>base with documents</translation>
    </message>
    <message>
        <source>afinado</source>
        <translation>fine-tuned</translation>
    </message>
    <message>
        <source>afinado com documentos</source>
        <translation>fine-tuned with documents</translation>
    </message>
    <message>
        <source>Factos certos: {columns}</source>
        <translation>Facts correct: {columns}</translation>
    </message>
    <message>
        <source>A pergunta pede {kind}, que a resposta do modelo não dava (respondia a outra coisa), por isso a resposta é «não sei», como a do bot do clube.</source>
        <translation>The question asks for {kind}, which the model&apos;s answer did not give (it answered something else), so the answer is «não sei», as the club&apos;s bot answers.</translation>
    </message>
    <message>
        <source>O modelo tinha respondido: «{answer}»</source>
        <translation>The model had answered: «{answer}»</translation>
    </message>
</context>
<context>
    <name>ChatFeedback</name>
    <message>
        <source>Corrigir</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>Boa resposta</source>
        <translation>Good answer</translation>
    </message>
    <message>
        <source>Má resposta</source>
        <translation>Bad answer</translation>
    </message>
    <message>
        <source>Não foi possível guardar a avaliação: {error}</source>
        <translation>Could not save the rating: {error}</translation>
    </message>
    <message>
        <source>Avaliação guardada.</source>
        <translation>Rating saved.</translation>
    </message>
    <message>
        <source>Avaliação e correção guardadas.</source>
        <translation>Rating and correction saved.</translation>
    </message>
    <message>
        <source>Não foi possível guardar a correção: {error}</source>
        <translation>Could not save the correction: {error}</translation>
    </message>
    <message>
        <source>Não foi possível guardar a pergunta de verificação: {error}</source>
        <translation>Could not save the checking question: {error}</translation>
    </message>
</context>
<context>
    <name>ChatSettingsPanel</name>
    <message>
        <source>Instruções ao modelo</source>
        <translation>Instructions to the model</translation>
    </message>
    <message>
        <source>O texto que o modelo recebe antes de cada conversa (o «prompt de sistema»). Por omissão é o usado no treino; alterar aqui vale só para esta conversa.</source>
        <translation>The text the model receives before each conversation (the &quot;system prompt&quot;). By default it is the one used in training; a change here applies to this conversation only.</translation>
    </message>
    <message>
        <source>Repor as do treino</source>
        <translation>Back to training&apos;s</translation>
    </message>
    <message>
        <source>Voltar às instruções com que o modelo foi treinado</source>
        <translation>Go back to the instructions the model was trained with</translation>
    </message>
    <message>
        <source>Temperatura: 0 dá sempre a mesma resposta (a mais provável); valores mais altos dão respostas mais variadas e criativas, mas com mais erros.</source>
        <translation>Temperature: 0 always gives the same answer (the most likely one); higher values give more varied, creative answers, with more mistakes.</translation>
    </message>
    <message>
        <source>Top-p: só escolhe entre as palavras mais prováveis que juntas somam esta probabilidade; 1 considera todas.</source>
        <translation>Top-p: chooses only among the likeliest words that together add up to this probability; 1 considers them all.</translation>
    </message>
    <message>
        <source>Comprimento máximo de cada resposta, em pedaços de palavras (tokens). A resposta acaba antes se o modelo a der por terminada.</source>
        <translation>Longest answer, in pieces of words (tokens). The answer ends sooner when the model considers it finished.</translation>
    </message>
    <message>
        <source>Penalização de repetição: acima de 1 desencoraja o modelo de repetir as mesmas palavras; 1 não penaliza.</source>
        <translation>Repetition penalty: above 1 discourages the model from repeating the same words; 1 does not penalise.</translation>
    </message>
    <message>
        <source>Valores recomendados</source>
        <translation>Recommended values</translation>
    </message>
    <message>
        <source>Temperatura 0,7, top-p 0,9, 256 tokens, penalização 1,1</source>
        <translation>Temperature 0.7, top-p 0.9, 256 tokens, penalty 1.1</translation>
    </message>
    <message>
        <source>&amp;Temperatura</source>
        <translation>&amp;Temperature</translation>
    </message>
    <message>
        <source>T&amp;op-p</source>
        <translation>T&amp;op-p</translation>
    </message>
    <message>
        <source>Má&amp;ximo de tokens</source>
        <translation>Ma&amp;ximum tokens</translation>
    </message>
    <message>
        <source>Penalização de &amp;repetição</source>
        <translation>&amp;Repetition penalty</translation>
    </message>
    <message>
        <source>&amp;Instruções ao modelo (prompt de sistema):</source>
        <translation>&amp;Instructions to the model (system prompt):</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <source>&amp;Modelo:</source>
        <translation>&amp;Model:</translation>
    </message>
    <message>
        <source>Comparar com o modelo &amp;base</source>
        <translation>Compare with the &amp;base model</translation>
    </message>
    <message>
        <source>Faz cada pergunta também ao modelo base, sem a afinação, e mostra as duas respostas lado a lado.</source>
        <translation>Also asks each question to the base model, without the fine-tuning, and shows both answers side by side.</translation>
    </message>
    <message>
        <source>&amp;Limpar conversa</source>
        <translation>C&amp;lear conversation</translation>
    </message>
    <message>
        <source>Modelo base</source>
        <translation>Base model</translation>
    </message>
    <message>
        <source>Afinado</source>
        <translation>Fine-tuned</translation>
    </message>
    <message>
        <source>Perguntas de exemplo:</source>
        <translation>Example questions:</translation>
    </message>
    <message>
        <source>Fazer esta pergunta</source>
        <translation>Ask this question</translation>
    </message>
    <message>
        <source>Escreva a pergunta… (Ctrl+Enter para enviar)</source>
        <translation>Type the question… (Ctrl+Enter to send)</translation>
    </message>
    <message>
        <source>Pergunta</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>&amp;Enviar</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>Enviar a pergunta (Ctrl+Enter)</source>
        <translation>Send the question (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Parar</source>
        <translation>Sto&amp;p</translation>
    </message>
    <message>
        <source>Parar a resposta já (Esc)</source>
        <translation>Stop the answer now (Esc)</translation>
    </message>
    <message>
        <source>Avançado</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <source>Instruções ao modelo e forma de gerar as respostas</source>
        <translation>Instructions to the model and how answers are generated</translation>
    </message>
    <message>
        <source>Resposta copiada.</source>
        <translation>Answer copied.</translation>
    </message>
    <message>
        <source>Escolher outra afinação…</source>
        <translation>Choose another fine-tuning…</translation>
    </message>
    <message>
        <source>Escolher a pasta de uma afinação</source>
        <translation>Choose a fine-tuning folder</translation>
    </message>
    <message>
        <source>Afinação</source>
        <translation>Fine-tuning</translation>
    </message>
    <message>
        <source>Essa pasta não tem uma afinação (adapters.safetensors e adapter_config.json) que diga qual é o seu modelo base.</source>
        <translation>That folder holds no fine-tuning (adapters.safetensors and adapter_config.json) that names its base model.</translation>
    </message>
    <message>
        <source>Modelo base: {base} (sem afinação)</source>
        <translation>Base model: {base} (no fine-tuning)</translation>
    </message>
    <message>
        <source>Afinado: o modelo do treino em curso</source>
        <translation>Fine-tuned: the model being trained</translation>
    </message>
    <message>
        <source>Afinado: {label}</source>
        <translation>Fine-tuned: {label}</translation>
    </message>
    <message>
        <source>Está a decorrer um treino: as perguntas são respondidas pelo modelo que está a aprender, no fim do passo em curso, e o treino continua sem perder nada.</source>
        <translation>Training is running: questions are answered by the model that is learning, at the end of the current step, and training goes on losing nothing.</translation>
    </message>
    <message>
        <source>(interrompida)</source>
        <translation>(stopped)</translation>
    </message>
    <message>
        <source>(resposta cortada no limite de palavras; aumente «Máximo de tokens» em Avançado)</source>
        <translation>(answer cut at the word limit; raise «Maximum tokens» under Advanced)</translation>
    </message>
    <message>
        <source>Não foi possível responder: {error}</source>
        <translation>Could not answer: {error}</translation>
    </message>
    <message>
        <source>O modelo não respondeu: {error}</source>
        <translation>The model did not answer: {error}</translation>
    </message>
    <message>
        <source>Não foi possível carregar o modelo: {error}</source>
        <translation>Could not load the model: {error}</translation>
    </message>
    <message>
        <source>A carregar o modelo {name}… (a primeira vez pode demorar)</source>
        <translation>Loading the model {name}… (the first time may take a while)</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Copiar resposta</source>
        <translation>Copy answer</translation>
    </message>
    <message>
        <source>Copiar a última resposta deste modelo</source>
        <translation>Copy this model&apos;s last answer</translation>
    </message>
    <message>
        <source>As respostas aparecem aqui.</source>
        <translation>Answers appear here.</translation>
    </message>
    <message>
        <source>(sem resposta)</source>
        <translation>(no answer)</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Corrigir a resposta</source>
        <translation>Correct the answer</translation>
    </message>
    <message>
        <source>Escreva a resposta certa. A pergunta e a resposta corrigida passam para os dados do projeto, marcadas como correção (pode revê-las ou anulá-las em Dados); depois de «Preparar dados», o próximo «Treinar mais…» aprende-as.</source>
        <translation>Write the right answer. The question and the corrected answer go into the project&apos;s data, marked as a correction (you can review or undo them in Data); after «Prepare data», the next «Train more…» learns them.</translation>
    </message>
    <message>
        <source>Resposta certa</source>
        <translation>Right answer</translation>
    </message>
    <message>
        <source>Usar também como pergunta de verificação dos factos</source>
        <translation>Also use it as a fact-check question</translation>
    </message>
    <message>
        <source>por exemplo: 1910, abril</source>
        <translation>for example: 1910, April</translation>
    </message>
    <message>
        <source>As palavras que uma resposta certa tem de ter, separadas por vírgulas.</source>
        <translation>The words a right answer must contain, separated by commas.</translation>
    </message>
    <message>
        <source>&amp;Pergunta:</source>
        <translation>&amp;Question:</translation>
    </message>
    <message>
        <source>&amp;Resposta certa:</source>
        <translation>&amp;Right answer:</translation>
    </message>
    <message>
        <source>Palavras a &amp;encontrar:</source>
        <translation>Words to &amp;find:</translation>
    </message>
    <message>
        <source>Guardar correção</source>
        <translation>Save correction</translation>
    </message>
</context>
<context>
    <name>DatasetTab</name>
    <message>
        <source>{n} exemplos lidos</source>
        <translation>{n} examples read</translation>
    </message>
    <message>
        <source>Algo correu mal: {text}</source>
        <translation>Something went wrong: {text}</translation>
    </message>
    <message>
        <source>O repetido foi removido; mostra-se o exemplo que ficou.</source>
        <translation>The repeat was removed; showing the example that was kept.</translation>
    </message>
    <message>
        <source>Passar para treino</source>
        <translation>Move to training</translation>
    </message>
    <message>
        <source>Passar para verificação</source>
        <translation>Move to the checking questions</translation>
    </message>
    <message>
        <source>Remover</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Editar exemplo</source>
        <translation>Edit example</translation>
    </message>
    <message>
        <source>Acrescentar exemplo</source>
        <translation>Add example</translation>
    </message>
    <message>
        <source>Acrescentar correção</source>
        <translation>Add correction</translation>
    </message>
    <message>
        <source>Remover exemplo</source>
        <translation>Remove example</translation>
    </message>
    <message>
        <source>Remover {n} exemplos</source>
        <translation>Remove {n} examples</translation>
    </message>
    <message>
        <source>Não foi possível guardar as alterações: {detail}</source>
        <translation>Could not save the changes: {detail}</translation>
    </message>
    <message>
        <source>{n} perguntas geradas entram no treino.</source>
        <translation>{n} generated questions go into training.</translation>
    </message>
    <message>
        <source>Abrir a pasta</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>Dados preparados em {path}</source>
        <translation>Data prepared in {path}</translation>
    </message>
</context>
<context>
    <name>DatasetWork</name>
    <message>
        <source>A ler os exemplos…</source>
        <translation>Reading the examples…</translation>
    </message>
    <message>
        <source>A preparar os dados…</source>
        <translation>Preparing the data…</translation>
    </message>
    <message>
        <source>A preparar: {done} de {total} exemplos verificados</source>
        <translation>Preparing: {done} of {total} examples checked</translation>
    </message>
    <message>
        <source>A ler: {done} de {total} exemplos verificados</source>
        <translation>Reading: {done} of {total} examples checked</translation>
    </message>
</context>
<context>
    <name>DocumentsOption</name>
    <message>
        <source>Consultar os &amp;documentos do clube</source>
        <translation>Consult the club&apos;s &amp;documents</translation>
    </message>
    <message>
        <source>Este projeto ainda não tem o índice dos documentos: prepare os dados em Dados («Preparar dados») para o modelo poder consultar as perguntas e as biografias do clube.</source>
        <translation>This project has no index of its documents yet: prepare the data in Data (“Prepare data”) so the model can consult the club&apos;s questions and biographies.</translation>
    </message>
    <message>
        <source>Procura nos documentos do clube (perguntas e biografias) as passagens que respondem à pergunta e dá-as ao modelo; cada resposta mostra as suas fontes.</source>
        <translation>Looks up the passages of the club&apos;s documents (questions and biographies) that answer the question and gives them to the model; each answer shows its sources.</translation>
    </message>
</context>
<context>
    <name>DocumentsSwitch</name>
    <message>
        <source>Ensinar a responder com os documentos do clube</source>
        <translation>Teach it to answer from the club&apos;s documents</translation>
    </message>
    <message>
        <source>Parte dos exemplos leva os textos do clube que a pesquisa encontra para a pergunta, para o modelo aprender a responder a partir deles e a dizer «não sei» quando não dizem nada. Ligado por omissão: medido, o modelo acerta mais quando responde com os documentos.</source>
        <translation>Some examples carry the club&apos;s texts that the search finds for the question, so the model learns to answer from them and to say &quot;I don&apos;t know&quot; when they say nothing. On by default: measured, the model answers more questions right with the documents.</translation>
    </message>
</context>
<context>
    <name>EstimatePanel</name>
    <message>
        <source>Memória e duração</source>
        <translation>Memory and duration</translation>
    </message>
    <message>
        <source>Ainda não medido neste computador.</source>
        <translation>Not measured on this computer yet.</translation>
    </message>
    <message>
        <source>&amp;Medir neste computador</source>
        <translation>&amp;Measure on this computer</translation>
    </message>
    <message>
        <source>Aplicar a correção</source>
        <translation>Apply the fix</translation>
    </message>
    <message>
        <source>Usar um modelo mais pequeno</source>
        <translation>Use a smaller model</translation>
    </message>
    <message>
        <source>Treinar mesmo assim</source>
        <translation>Train anyway</translation>
    </message>
    <message>
        <source>Ainda não medido neste computador com estas definições.</source>
        <translation>Not measured on this computer with these settings yet.</translation>
    </message>
    <message>
        <source>A medir: passo {done} de {total}</source>
        <translation>Measuring: step {done} of {total}</translation>
    </message>
    <message>
        <source>Treina alguns passos a sério com estes dados para saber quanta memória e quanto tempo o treino vai precisar.</source>
        <translation>Trains a few real steps on this data to find out how much memory and time training will need.</translation>
    </message>
    <message>
        <source>Cancelar a medição</source>
        <translation>Cancel measuring</translation>
    </message>
    <message>
        <source>Duração: {duration}, pelo que este modelo já mediu neste computador.</source>
        <translation>Duration: {duration}, from what this model measured on this computer before.</translation>
    </message>
    <message>
        <source>Duração: {duration}, pelo que outro modelo mediu neste computador.</source>
        <translation>Duration: {duration}, from what another model measured on this computer.</translation>
    </message>
    <message>
        <source>Primeira estimativa: {duration}, pelo tamanho do modelo e dos dados. «Medir neste computador» dá o valor certo e a memória.</source>
        <translation>First estimate: {duration}, from the size of the model and the data. “Measure on this computer” gives the exact figure and the memory.</translation>
    </message>
    <message>
        <source>A medir durante o treino: a duração e a memória reais aparecem no progresso, à direita.</source>
        <translation>Measuring during training: the real duration and memory appear in the progress, on the right.</translation>
    </message>
    <message>
        <source>A medir… (carrega o modelo e treina alguns passos a sério)</source>
        <translation>Measuring… (loads the model and trains a few real steps)</translation>
    </message>
    <message>
        <source>Não foi possível medir: {error}</source>
        <translation>Could not measure: {error}</translation>
    </message>
    <message>
        <source>Duração: {duration}.</source>
        <translation>Duration: {duration}.</translation>
    </message>
    <message>
        <source>Memória: {memory} de {available}.</source>
        <translation>Memory: {memory} of {available}.</translation>
    </message>
    <message>
        <source>Cabe na memória.</source>
        <translation>Fits in memory.</translation>
    </message>
    <message>
        <source>Não cabe na memória deste computador.</source>
        <translation>Does not fit in this computer&apos;s memory.</translation>
    </message>
</context>
<context>
    <name>ExampleEditor</name>
    <message>
        <source>Treino</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Verificação</source>
        <translation>Checking</translation>
    </message>
    <message>
        <source>Treino: o modelo aprende com este exemplo. Verificação: fica de parte para ver se o modelo aprendeu sem decorar.</source>
        <translation>Training: the model learns from this example. Checking: set aside to see whether the model learnt rather than memorised.</translation>
    </message>
    <message>
        <source>A pergunta, como alguém a faria ao chatbot do clube</source>
        <translation>The question, as someone would ask the club&apos;s chatbot</translation>
    </message>
    <message>
        <source>A resposta que o modelo deve aprender</source>
        <translation>The answer the model should learn</translation>
    </message>
    <message>
        <source>Guardar alteração</source>
        <translation>Save change</translation>
    </message>
    <message>
        <source>Guarda no projeto (Ctrl+S). Os ficheiros originais do clube nunca são alterados.</source>
        <translation>Saves into the project (Ctrl+S). The club&apos;s original files are never changed.</translation>
    </message>
    <message>
        <source>Repor</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>Volta ao texto guardado</source>
        <translation>Back to the saved text</translation>
    </message>
    <message>
        <source>Remover</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Tira este exemplo dos dados de treino (pode anular)</source>
        <translation>Takes this example out of the training data (can be undone)</translation>
    </message>
    <message>
        <source>Aceitar</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Esta pergunta gerada está certa: entra no treino (pode anular)</source>
        <translation>This generated question is right: it goes into training (can be undone)</translation>
    </message>
    <message>
        <source>Rejeitar</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Esta pergunta gerada fica de fora do treino (pode anular)</source>
        <translation>This generated question stays out of training (can be undone)</translation>
    </message>
    <message>
        <source>Novo exemplo</source>
        <translation>New example</translation>
    </message>
    <message>
        <source>Escrever um exemplo novo, da sua autoria</source>
        <translation>Write a new example of your own</translation>
    </message>
    <message>
        <source>Origem:</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>Conjunto:</source>
        <translation>Set:</translation>
    </message>
    <message>
        <source>Pergunta:</source>
        <translation>Question:</translation>
    </message>
    <message>
        <source>Resposta:</source>
        <translation>Answer:</translation>
    </message>
    <message>
        <source>Escolha um exemplo na tabela para o ver aqui por inteiro e o editar, ou escreva um novo.</source>
        <translation>Choose an example in the table to see it here in full and edit it, or write a new one.</translation>
    </message>
    <message>
        <source>Esta linha não entrou nos dados. Corrija-a no ficheiro original e volte a importar, ou escreva o exemplo de novo aqui.</source>
        <translation>This line did not get into the data. Fix it in the original file and import again, or write the example anew here.</translation>
    </message>
    <message>
        <source>Exemplo</source>
        <translation>Example</translation>
    </message>
    <message>
        <source>perguntas e respostas</source>
        <translation>questions and answers</translation>
    </message>
    <message>
        <source>biografia</source>
        <translation>biography</translation>
    </message>
    <message>
        <source>escrito por si</source>
        <translation>written by you</translation>
    </message>
    <message>
        <source>Esta conversa tem {n} mensagens; aqui edita-se a primeira pergunta e a última resposta, as outras ficam como estão.</source>
        <translation>This conversation has {n} messages; here you edit the first question and the last answer, the others stay as they are.</translation>
    </message>
    <message>
        <source>Comprimento: cerca de {n} tokens (estimativa)</source>
        <translation>Length: about {n} tokens (estimate)</translation>
    </message>
    <message>
        <source>Comprimento: {n} tokens</source>
        <translation>Length: {n} tokens</translation>
    </message>
    <message>
        <source>Pergunta gerada</source>
        <translation>Generated question</translation>
    </message>
    <message>
        <source>Reformula uma pergunta do clube que está na verificação: fica na verificação com ela, para o erro de verificação não medir uma cópia do treino.</source>
        <translation>Rephrases a club question that is in the checking set: it checks with it, so that the checking error does not measure a copy of the training.</translation>
    </message>
    <message>
        <source>Por rever: entra no treino, a não ser que a rejeite.</source>
        <translation>To review: it goes into training unless you reject it.</translation>
    </message>
    <message>
        <source>Aceite: entra no treino.</source>
        <translation>Accepted: it goes into training.</translation>
    </message>
    <message>
        <source>escrito por si (guardado no projeto)</source>
        <translation>written by you (kept in the project)</translation>
    </message>
    <message>
        <source>Acrescentar exemplo</source>
        <translation>Add example</translation>
    </message>
    <message>
        <source>Linha com problema: {where}</source>
        <translation>Line with a problem: {where}</translation>
    </message>
    <message>
        <source>(não foi possível ler a linha)</source>
        <translation>(the line could not be read)</translation>
    </message>
</context>
<context>
    <name>ExamplesModel</name>
    <message>
        <source>Origem</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Pergunta</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Resposta</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Conjunto</source>
        <translation>Set</translation>
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
        <translation>Problems</translation>
    </message>
    <message>
        <source>Ficheiro e linha de onde veio o exemplo, ou o nome da biografia</source>
        <translation>File and line the example came from, or the biography&apos;s name</translation>
    </message>
    <message>
        <source>A pergunta que o modelo vai aprender a responder</source>
        <translation>The question the model will learn to answer</translation>
    </message>
    <message>
        <source>A resposta que o modelo deve dar</source>
        <translation>The answer the model should give</translation>
    </message>
    <message>
        <source>Treino: o modelo aprende com ele. Verificação: fica de parte para ver se o modelo aprendeu sem decorar.</source>
        <translation>Training: the model learns from it. Checking: set aside to see whether the model learnt rather than memorised.</translation>
    </message>
    <message>
        <source>Comprimento do exemplo em tokens (pedaços de palavras). Estimativa de cerca de 1 token por 3 caracteres até escolher um modelo base no Treino.</source>
        <translation>Length of the example in tokens (pieces of words). Estimated at about 1 token per 3 characters until you choose a base model under Training.</translation>
    </message>
    <message>
        <source>Comprimento do exemplo em tokens, contado pelo modelo base escolhido</source>
        <translation>Length of the example in tokens, counted by the chosen base model</translation>
    </message>
    <message>
        <source>O que está mal ou merece atenção neste exemplo</source>
        <translation>What is wrong with this example or deserves attention</translation>
    </message>
    <message>
        <source>{file} §{n}</source>
        <translation>{file} §{n}</translation>
    </message>
    <message>
        <source>rejeitada</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>verificação, por rever</source>
        <translation>checking, to review</translation>
    </message>
    <message>
        <source>treino</source>
        <translation>training</translation>
    </message>
    <message>
        <source>treino, por rever</source>
        <translation>training, to review</translation>
    </message>
    <message>
        <source>{file}, parágrafo {n}</source>
        <translation>{file}, paragraph {n}</translation>
    </message>
    <message>
        <source>{file}, linha {n}</source>
        <translation>{file}, line {n}</translation>
    </message>
    <message>
        <source>modelo base</source>
        <translation>base model</translation>
    </message>
    <message>
        <source>modelo de frase</source>
        <translation>sentence template</translation>
    </message>
    <message>
        <source>outra forma da pergunta</source>
        <translation>another wording of the question</translation>
    </message>
    <message>
        <source>facto</source>
        <translation>fact</translation>
    </message>
    <message>
        <source>verificação</source>
        <translation>checking</translation>
    </message>
    <message>
        <source>fora (erro)</source>
        <translation>left out (error)</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <source>Leve o modelo afinado para o chatbot do clube: deixe-o a responder num servidor neste computador ou exporte uma pasta com o programa e o guia de integração.</source>
        <translation>Take the fine-tuned model to the club&apos;s chatbot: keep it answering on a server on this computer, or export a folder with the program and the integration guide.</translation>
    </message>
    <message>
        <source>O treino cuja afinação vai para o chatbot.</source>
        <translation>The training run whose fine-tuning goes to the chatbot.</translation>
    </message>
    <message>
        <source>melhor ponto de gravação</source>
        <translation>best checkpoint</translation>
    </message>
    <message>
        <source>ponto de gravação mais recente</source>
        <translation>latest checkpoint</translation>
    </message>
    <message>
        <source>O melhor é o que menos errou nas perguntas de verificação.</source>
        <translation>The best one made the fewest mistakes on the checking questions.</translation>
    </message>
    <message>
        <source>Ainda não há nenhum treino com pontos de gravação neste projeto. Treine primeiro no separador Treino.</source>
        <translation>This project has no training run with checkpoints yet. Train first in the Training tab.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Para o chatbot do clube:&lt;/b&gt;</source>
        <translation>&lt;b&gt;For the club&apos;s chatbot:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>O modelo fica carregado e responde depressa a cada mensagem.</source>
        <translation>The model stays loaded and answers each message quickly.</translation>
    </message>
    <message>
        <source>Mais simples, mas carrega o modelo a cada pergunta.</source>
        <translation>Simpler, but it loads the model for every question.</translation>
    </message>
    <message>
        <source>Iniciar</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Copiar</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copiar o endereço do servidor</source>
        <translation>Copy the server&apos;s address</translation>
    </message>
    <message>
        <source>Incluir modelo completo (fundido)</source>
        <translation>Include the complete (fused) model</translation>
    </message>
    <message>
        <source>Junta o modelo base e a afinação numa só pasta: ocupa mais espaço, mas não precisa do modelo base.</source>
        <translation>Merges the base model and the fine-tuning into one folder: it takes more space but needs no base model.</translation>
    </message>
    <message>
        <source>Modelo fundido sem quantização</source>
        <translation>Fused model without quantization</translation>
    </message>
    <message>
        <source>Precisão total: cerca de quatro vezes maior que um modelo de 4 bits.</source>
        <translation>Full precision: about four times larger than a 4-bit model.</translation>
    </message>
    <message>
        <source>Também em GGUF (llama.cpp, Ollama)</source>
        <translation>Also as GGUF (llama.cpp, Ollama)</translation>
    </message>
    <message>
        <source>Porta do servidor local (só neste computador).</source>
        <translation>Port of the local server (this computer only).</translation>
    </message>
    <message>
        <source>Porta do servidor:</source>
        <translation>Server port:</translation>
    </message>
    <message>
        <source>&amp;Afinação:</source>
        <translation>&amp;Fine-tuning:</translation>
    </message>
    <message>
        <source>&amp;Servidor local (recomendado)</source>
        <translation>&amp;Local server (recommended)</translation>
    </message>
    <message>
        <source>&amp;Programa de linha de comandos: inference.py</source>
        <translation>&amp;Command-line program: inference.py</translation>
    </message>
    <message>
        <source>A&amp;vançado</source>
        <translation>Ad&amp;vanced</translation>
    </message>
    <message>
        <source>Exportar para a pas&amp;ta…</source>
        <translation>Export to &amp;folder…</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Guia de integração (INTEGRATION_GUIDE.md, com os exemplos Node.js)</source>
        <translation>Integration guide (INTEGRATION_GUIDE.md, with the Node.js examples)</translation>
    </message>
    <message>
        <source>erro {value}</source>
        <translation>error {value}</translation>
    </message>
    <message>
        <source>Parar</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>A carregar o modelo…</source>
        <translation>Loading the model…</translation>
    </message>
    <message>
        <source>Incluir modelo completo (fundido), {size} GB</source>
        <translation>Include the complete (fused) model, {size} GB</translation>
    </message>
    <message>
        <source>Incluir modelo completo (fundido), {size} MB</source>
        <translation>Include the complete (fused) model, {size} MB</translation>
    </message>
    <message>
        <source>O mlx-lm só converte para GGUF modelos llama, mistral e mixtral; este modelo base é «{type}».</source>
        <translation>mlx-lm converts only llama, mistral and mixtral models to GGUF; this base model is “{type}”.</translation>
    </message>
    <message>
        <source>Um ficheiro GGUF de 16 bits do modelo fundido (implica sem quantização).</source>
        <translation>A 16-bit GGUF file of the fused model (implies no quantization).</translation>
    </message>
    <message>
        <source>&lt;pasta da exportação&gt;</source>
        <translation>&lt;export folder&gt;</translation>
    </message>
    <message>
        <source>O bot envia POST {url}/v1/chat/completions (compatível com a OpenAI).</source>
        <translation>The bot sends POST {url}/v1/chat/completions (OpenAI-compatible).</translation>
    </message>
    <message>
        <source>O bot corre: python3 &quot;{path}/inference.py&quot; &quot;Quem foi Hassan Nader?&quot;
e lê uma resposta JSON.</source>
        <translation>The bot runs: python3 &quot;{path}/inference.py&quot; &quot;Who was Hassan Nader?&quot;
and reads one JSON answer.</translation>
    </message>
    <message>
        <source>Servidor local parado.</source>
        <translation>Local server stopped.</translation>
    </message>
    <message>
        <source>Servidor local pronto em {url}</source>
        <translation>Local server ready at {url}</translation>
    </message>
    <message>
        <source>O servidor local parou: {reason}</source>
        <translation>The local server stopped: {reason}</translation>
    </message>
    <message>
        <source>Endereço copiado: {url}</source>
        <translation>Address copied: {url}</translation>
    </message>
    <message>
        <source>Exportar para a pasta</source>
        <translation>Export to folder</translation>
    </message>
    <message>
        <source>A exportar…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Exportação pronta em {path}</source>
        <translation>Export ready in {path}</translation>
    </message>
    <message>
        <source>Abrir a pasta</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>Exportação pronta.</source>
        <translation>Export ready.</translation>
    </message>
    <message>
        <source>A exportação falhou.</source>
        <translation>The export failed.</translation>
    </message>
    <message>
        <source>Exportação cancelada: nada ficou gravado.</source>
        <translation>Export cancelled: nothing was written.</translation>
    </message>
</context>
<context>
    <name>FactsView</name>
    <message>
        <source>&lt;b&gt;Verificar factos&lt;/b&gt;</source>
        <translation>&lt;b&gt;Check facts&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Resultado da verificação de factos</source>
        <translation>Result of the fact check</translation>
    </message>
    <message>
        <source>Pergunta que ainda falha</source>
        <translation>Question it still gets wrong</translation>
    </message>
    <message>
        <source>O que respondeu</source>
        <translation>What it answered</translation>
    </message>
    <message>
        <source>Faltou</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>A verificar os factos: as perguntas de verificação ao modelo base e ao afinado…</source>
        <translation>Checking the facts: the checking questions to the base model and the fine-tuned one…</translation>
    </message>
    <message>
        <source>modelo base</source>
        <translation>base model</translation>
    </message>
    <message>
        <source>modelo afinado, com os documentos do clube</source>
        <translation>fine-tuned model, with the club&apos;s documents</translation>
    </message>
    <message>
        <source>modelo afinado</source>
        <translation>fine-tuned model</translation>
    </message>
    <message>
        <source>A verificar os factos ({model}): {done} de {total}</source>
        <translation>Checking the facts ({model}): {done} of {total}</translation>
    </message>
    <message>
        <source>Verificação de factos interrompida.</source>
        <translation>Fact check interrupted.</translation>
    </message>
    <message>
        <source>A pergunta que ainda falha</source>
        <translation>The question it still gets wrong</translation>
    </message>
    <message>
        <source>As {n} perguntas que ainda falham</source>
        <translation>The {n} questions it still gets wrong</translation>
    </message>
    <message>
        <source>Não foi possível verificar os factos: {error}</source>
        <translation>Could not check the facts: {error}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Procurar nas perguntas, respostas e origens…</source>
        <translation>Search questions, answers and sources…</translation>
    </message>
    <message>
        <source>todas</source>
        <translation>all</translation>
    </message>
    <message>
        <source>perguntas e respostas</source>
        <translation>questions and answers</translation>
    </message>
    <message>
        <source>biografias</source>
        <translation>biographies</translation>
    </message>
    <message>
        <source>escritos por si</source>
        <translation>written by you</translation>
    </message>
    <message>
        <source>geradas</source>
        <translation>generated</translation>
    </message>
    <message>
        <source>todos</source>
        <translation>all</translation>
    </message>
    <message>
        <source>treino</source>
        <translation>training</translation>
    </message>
    <message>
        <source>verificação</source>
        <translation>checking</translation>
    </message>
    <message>
        <source>fora (com erro)</source>
        <translation>left out (error)</translation>
    </message>
    <message>
        <source>Treino: o modelo aprende com estes. Verificação: ficam de parte para ver se aprendeu sem decorar.</source>
        <translation>Training: the model learns from these. Checking: set aside to see whether it learnt rather than memorised.</translation>
    </message>
    <message>
        <source>&amp;Só com problemas</source>
        <translation>Only &amp;with problems</translation>
    </message>
    <message>
        <source>&amp;Procurar:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>&amp;Origem:</source>
        <translation>&amp;Source:</translation>
    </message>
    <message>
        <source>&amp;Conjunto:</source>
        <translation>S&amp;et:</translation>
    </message>
    <message>
        <source>{n} exemplos</source>
        <translation>{n} examples</translation>
    </message>
    <message>
        <source>{shown} de {total} exemplos</source>
        <translation>{shown} of {total} examples</translation>
    </message>
</context>
<context>
    <name>FirstSteps</name>
    <message>
        <source>Dados</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Junte as perguntas e respostas do clube e as biografias: importe os seus ficheiros ou comece com os dados de exemplo.</source>
        <translation>Gather the club&apos;s questions and answers and the biographies: import your own files or start with the sample data.</translation>
    </message>
    <message>
        <source>Preparar</source>
        <translation>Prepare</translation>
    </message>
    <message>
        <source>Reveja os exemplos e carregue em «Preparar dados»: uma parte fica de lado como perguntas de verificação.</source>
        <translation>Review the examples and press «Prepare data»: a share is set aside as checking questions.</translation>
    </message>
    <message>
        <source>Treinar</source>
        <translation>Train</translation>
    </message>
    <message>
        <source>No separador Treino escolha o objetivo (Rápido para experimentar) e carregue em «Treinar»; pode pausar e continuar quando quiser.</source>
        <translation>In the Training tab choose the goal (Quick to try it out) and press «Train»; you can pause and carry on whenever you like.</translation>
    </message>
    <message>
        <source>Conversar</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Faça perguntas ao modelo afinado e compare-o com o modelo base; «Corrigir» junta a resposta certa aos seus dados.</source>
        <translation>Ask the fine-tuned model questions and compare it with the base model; «Correct» adds the right answer to your data.</translation>
    </message>
    <message>
        <source>Exportar</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Leve o modelo afinado para o chatbot do clube: um servidor local ou um programa de linha de comandos, com o guia de integração.</source>
        <translation>Take the fine-tuned model to the club&apos;s chatbot: a local server or a command-line program, with the integration guide.</translation>
    </message>
    <message>
        <source>« &amp;Anterior</source>
        <translation>« &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Seguinte »</source>
        <translation>&amp;Next »</translation>
    </message>
    <message>
        <source>Fechar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Pode voltar a abrir os primeiros passos no menu Ajuda.</source>
        <translation>You can open the first steps again from the Help menu.</translation>
    </message>
    <message>
        <source>Primeiros passos · {n} de {total}: {title}</source>
        <translation>First steps · {n} of {total}: {title}</translation>
    </message>
    <message>
        <source>&amp;Concluir</source>
        <translation>&amp;Finish</translation>
    </message>
</context>
<context>
    <name>GeneratedReview</name>
    <message>
        <source>{training} no treino · {checking} na verificação · {pending} por rever · {out} de fora</source>
        <translation>{training} training · {checking} checking · {pending} to review · {out} left out</translation>
    </message>
    <message>
        <source>{total} perguntas geradas: {training} entram no treino e {checking} na verificação, com a pergunta do clube que reformulam ({pending} ainda por rever); {out} ficam de fora (rejeitadas ou repetidas).</source>
        <translation>{total} generated questions: {training} go into training and {checking} into checking, with the club question they rephrase ({pending} still to review); {out} are left out (rejected or repeated).</translation>
    </message>
    <message>
        <source>{training} no treino · {pending} por rever · {out} de fora</source>
        <translation>{training} in training · {pending} to review · {out} left out</translation>
    </message>
    <message>
        <source>{total} perguntas geradas: {training} entram no treino ({pending} ainda por rever); {out} ficam de fora (rejeitadas ou repetidas).</source>
        <translation>{total} generated questions: {training} go into training ({pending} still to review); {out} are left out (rejected or repeated).</translation>
    </message>
    <message>
        <source>Aceitar pergunta gerada</source>
        <translation>Accept generated question</translation>
    </message>
    <message>
        <source>Aceitar {n} perguntas geradas</source>
        <translation>Accept {n} generated questions</translation>
    </message>
    <message>
        <source>Rejeitar pergunta gerada</source>
        <translation>Reject generated question</translation>
    </message>
    <message>
        <source>Rejeitar {n} perguntas geradas</source>
        <translation>Reject {n} generated questions</translation>
    </message>
    <message>
        <source>Aceitar</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Rejeitar</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Editar pergunta gerada</source>
        <translation>Edit generated question</translation>
    </message>
    <message>
        <source>Aceitar todas as perguntas geradas</source>
        <translation>Accept all generated questions</translation>
    </message>
</context>
<context>
    <name>GenerationBar</name>
    <message>
        <source>&amp;Gerar perguntas das biografias</source>
        <translation>&amp;Generate questions from the biographies</translation>
    </message>
    <message>
        <source>Faz perguntas sobre cada facto das biografias (datas, lugares, clubes, golos) e novas formas das perguntas do clube, para o modelo aprender cada facto. Respostas com números ou nomes que não estão no texto ficam rejeitadas, com a razão. Ficam no projeto, nunca nos ficheiros do clube.</source>
        <translation>Asks about each fact of the biographies (dates, places, clubs, goals) and rewords the club&apos;s questions, so the model learns each fact. Answers with numbers or names that are not in the text are rejected, with the reason. Everything stays in the project, never in the club&apos;s files.</translation>
    </message>
    <message>
        <source>Usar o modelo base para propor mais perguntas (mais lento)</source>
        <translation>Use the base model to propose more questions (slower)</translation>
    </message>
    <message>
        <source>O modelo base escolhido no Treino lê cada parágrafo e propõe mais perguntas. Sem esta opção só se usam modelos de frase, o que é rápido em qualquer computador.</source>
        <translation>The base model chosen in Training reads each paragraph and proposes more questions. Without this option only sentence templates are used, which is fast on any computer.</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Para depois do parágrafo em curso; o que já está feito fica guardado e a próxima vez continua onde parou.</source>
        <translation>Stops after the paragraph in hand; what is done is kept and the next time carries on where it stopped.</translation>
    </message>
    <message>
        <source>Aceitar &amp;todas</source>
        <translation>Accept a&amp;ll</translation>
    </message>
    <message>
        <source>Aceita todas as perguntas geradas ainda por rever (as rejeitadas continuam de fora). Pode anular.</source>
        <translation>Accepts every generated question still to review (the rejected ones stay out). Can be undone.</translation>
    </message>
</context>
<context>
    <name>GoalPanel</name>
    <message>
        <source>Modelo base</source>
        <translation>Base model</translation>
    </message>
    <message>
        <source>Objetivo</source>
        <translation>Goal</translation>
    </message>
    <message>
        <source>&amp;Rápido</source>
        <translation>&amp;Quick</translation>
    </message>
    <message>
        <source>Uma passagem pelos dados: um primeiro ensaio.</source>
        <translation>One pass over the data: a first try.</translation>
    </message>
    <message>
        <source>&amp;Equilibrado</source>
        <translation>&amp;Balanced</translation>
    </message>
    <message>
        <source>{passes} passagens pelos dados: um primeiro ensaio.</source>
        <translation>{passes} passes over the data: a first try.</translation>
    </message>
    <message>
        <source>{passes} passagens, a aprender mais depressa: o recomendado para um modelo pequeno como este.</source>
        <translation>{passes} passes, learning faster: recommended for a small model like this one.</translation>
    </message>
    <message>
        <source>Três passagens: o recomendado pelo guia do clube.</source>
        <translation>Three passes: what the club&apos;s guide recommends.</translation>
    </message>
    <message>
        <source>E&amp;specializado</source>
        <translation>&amp;Specialised</translation>
    </message>
    <message>
        <source>{passes} passagens: demora mais; para dados muito próprios do clube.</source>
        <translation>{passes} passes: takes longer; for data very specific to the club.</translation>
    </message>
    <message>
        <source>Cinco passagens e mais detalhe: demora mais; para dados muito próprios do clube.</source>
        <translation>Five passes and more detail: takes longer; for data very specific to the club.</translation>
    </message>
    <message>
        <source>Definições alteradas em Avançado.</source>
        <translation>Settings changed under Advanced.</translation>
    </message>
    <message>
        <source>Avançado</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <source>TREINAR</source>
        <translation>TRAIN</translation>
    </message>
    <message>
        <source>Começa a ensinar o modelo com os dados preparados (Ctrl+Enter).</source>
        <translation>Starts teaching the model with the prepared data (Ctrl+Enter).</translation>
    </message>
</context>
<context>
    <name>GroupPanel</name>
    <message>
        <source>Usar outros Macs</source>
        <translation>Use other Macs</translation>
    </message>
    <message>
        <source>Treina em vários Macs do clube ao mesmo tempo (camada distribuída do MLX). Cada Mac precisa do Farense Studio na mesma versão, de SSH sem palavra-passe a partir deste, e do modelo, dos dados e da pasta dos treinos nos mesmos caminhos.</source>
        <translation>Trains on several of the club&apos;s Macs at once (MLX&apos;s distributed layer). Each Mac needs the same Farense Studio version, password-less SSH from this one, and the model, the data and the runs folder at the same paths.</translation>
    </message>
    <message>
        <source>Outros Macs</source>
        <translation>Other Macs</translation>
    </message>
    <message>
        <source>nome ou endereço, por exemplo loja.local</source>
        <translation>name or address, for example shop.local</translation>
    </message>
    <message>
        <source>Nome ou endereço de um Mac</source>
        <translation>Name or address of a Mac</translation>
    </message>
    <message>
        <source>Adicionar</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remover</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>&amp;Verificar</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>Confirma que cada Mac responde, tem a mesma versão, memória suficiente e vê o modelo e os dados.</source>
        <translation>Confirms that each Mac answers, has the same version and enough memory, and sees the model and the data.</translation>
    </message>
    <message>
        <source>Resultado da verificação</source>
        <translation>Result of the check</translation>
    </message>
    <message>
        <source>A verificar 1 Mac…</source>
        <translation>Checking 1 Mac…</translation>
    </message>
    <message>
        <source>A verificar {count} Macs…</source>
        <translation>Checking {count} Macs…</translation>
    </message>
    <message>
        <source>A verificação falhou: {error}</source>
        <translation>The check failed: {error}</translation>
    </message>
    <message>
        <source>Treino em {count} Macs: a duração de um grupo não foi medida.</source>
        <translation>Training on {count} Macs: the duration of a group was not measured.</translation>
    </message>
    <message>
        <source>Treino em {count} Macs: cerca de {duration} se os outros Macs forem do mesmo tipo que este (o tempo de cada passo dividido por {count}; o tempo que passam a comunicar pela rede não está medido).</source>
        <translation>Training on {count} Macs: about {duration} if the other Macs are of the same kind as this one (each step&apos;s time divided by {count}; the time they spend talking over the network is not measured).</translation>
    </message>
    <message>
        <source>Carregue em Verificar antes de treinar em grupo.</source>
        <translation>Click Check before training as a group.</translation>
    </message>
    <message>
        <source>Junte os nomes ou endereços dos outros Macs.</source>
        <translation>Add the names or addresses of the other Macs.</translation>
    </message>
    <message>
        <source>Num grupo de Macs, pausar é parar no fim do passo num ponto de gravação (os outros Macs ficam livres); o treino continua daí com Continuar treino.</source>
        <translation>On a group of Macs, pausing stops at the end of the step into a checkpoint (the other Macs are freed); the run continues from there with Continue training.</translation>
    </message>
    <message>
        <source>A treinar em {count} Macs: este e {names}.</source>
        <translation>Training on {count} Macs: this one and {names}.</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <source>&amp;Importar perguntas (JSONL)…</source>
        <translation>&amp;Import questions (JSONL)…</translation>
    </message>
    <message>
        <source>Acrescentar um ficheiro de perguntas e respostas, uma por linha (JSONL). Também pode arrastá-lo para aqui.</source>
        <translation>Add a file of questions and answers, one per line (JSONL). You can also drag it here.</translation>
    </message>
    <message>
        <source>Importar &amp;biografias (pasta)…</source>
        <translation>Import &amp;biographies (folder)…</translation>
    </message>
    <message>
        <source>Acrescentar uma pasta de biografias (.md, .txt ou .json); cada uma vira perguntas e respostas.</source>
        <translation>Add a folder of biographies (.md, .txt or .json); each becomes questions and answers.</translation>
    </message>
    <message>
        <source>Usar dados de e&amp;xemplo</source>
        <translation>Use sa&amp;mple data</translation>
    </message>
    <message>
        <source>Acrescentar as perguntas e biografias de exemplo que vêm com o Farense Studio</source>
        <translation>Add the sample questions and biographies that come with Farense Studio</translation>
    </message>
    <message>
        <source>Fo&amp;ntes</source>
        <translation>So&amp;urces</translation>
    </message>
    <message>
        <source>Os ficheiros e pastas deste projeto: mostrar onde estão ou retirá-los do projeto</source>
        <translation>This project&apos;s files and folders: show where they are or remove them from the project</translation>
    </message>
    <message>
        <source>Ainda não há dados neste projeto</source>
        <translation>This project has no data yet</translation>
    </message>
    <message>
        <source>Arraste para aqui o ficheiro de perguntas e respostas (JSONL) ou a pasta das biografias, ou use os botões. Os ficheiros originais nunca são alterados.</source>
        <translation>Drag the questions-and-answers file (JSONL) or the biographies folder here, or use the buttons. The original files are never changed.</translation>
    </message>
    <message>
        <source>Experimentar com os dados de exemplo</source>
        <translation>Try it with the sample data</translation>
    </message>
    <message>
        <source>Importar perguntas (JSONL)…</source>
        <translation>Import questions (JSONL)…</translation>
    </message>
    <message>
        <source>Importar biografias (pasta)…</source>
        <translation>Import biographies (folder)…</translation>
    </message>
    <message>
        <source>Esses dados já estavam no projeto.</source>
        <translation>That data was already in the project.</translation>
    </message>
    <message>
        <source>Os dados de exemplo não foram encontrados nesta instalação.</source>
        <translation>The sample data was not found in this installation.</translation>
    </message>
    <message>
        <source>Dados de exemplo acrescentados ao projeto.</source>
        <translation>Sample data added to the project.</translation>
    </message>
    <message>
        <source>Os dados de exemplo já estão neste projeto.</source>
        <translation>The sample data is already in this project.</translation>
    </message>
    <message>
        <source>Não sei importar: {names}. Arraste ficheiros .jsonl ou pastas de biografias.</source>
        <translation>Cannot import: {names}. Drag .jsonl files or biography folders.</translation>
    </message>
    <message>
        <source>Importar perguntas e respostas</source>
        <translation>Import questions and answers</translation>
    </message>
    <message>
        <source>Perguntas e respostas (*.jsonl *.json *.ndjson);;Todos os ficheiros (*)</source>
        <translation>Questions and answers (*.jsonl *.json *.ndjson);;All files (*)</translation>
    </message>
    <message>
        <source>Importar a pasta de biografias</source>
        <translation>Import the biographies folder</translation>
    </message>
    <message>
        <source>(nenhuma fonte)</source>
        <translation>(no sources)</translation>
    </message>
    <message>
        <source>Mostrar a pasta</source>
        <translation>Show the folder</translation>
    </message>
    <message>
        <source>Retirar do projeto</source>
        <translation>Remove from the project</translation>
    </message>
    <message>
        <source>Juntar o exemplo de linhas com problemas</source>
        <translation>Add the example file of lines with problems</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>O gráfico do erro aparece aqui quando um treino começar: a linha desce à medida que o modelo aprende.</source>
        <translation>The error plot appears here when a training starts: the line goes down as the model learns.</translation>
    </message>
    <message>
        <source>passos</source>
        <translation>steps</translation>
    </message>
    <message>
        <source>erro</source>
        <translation>error</translation>
    </message>
    <message>
        <source>treino</source>
        <translation>training</translation>
    </message>
    <message>
        <source>verificação</source>
        <translation>checking</translation>
    </message>
    <message>
        <source>O erro mede quanto o modelo se engana a prever as respostas dos exemplos. Quanto mais baixo, melhor. A linha de verificação usa perguntas que o modelo nunca treina: se sobe enquanto a de treino desce, o modelo está a decorar em vez de aprender.</source>
        <translation>The error measures how wrong the model is when predicting the examples&apos; answers. Lower is better. The checking line uses questions the model never trains on: if it rises while the training line falls, the model is learning by heart instead of learning.</translation>
    </message>
    <message>
        <source>fase {phase}</source>
        <translation>phase {phase}</translation>
    </message>
    <message>
        <source>Aqui começou a fase {phase}: o treino continuou com mais passagens pelos dados.</source>
        <translation>Phase {phase} began here: the run went on with more passes through the data.</translation>
    </message>
    <message>
        <source>treino: {name}</source>
        <translation>training: {name}</translation>
    </message>
    <message>
        <source>verificação: {name}</source>
        <translation>checking: {name}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dados</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Treino</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Conversar</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Exportar</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>&amp;Novo projeto…</source>
        <translation>&amp;New project…</translation>
    </message>
    <message>
        <source>&amp;Abrir projeto…</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <source>Mostrar a pasta do projeto</source>
        <translation>Show the project folder</translation>
    </message>
    <message>
        <source>&amp;Sair</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Sobre o Farense Studio</source>
        <translation>&amp;About Farense Studio</translation>
    </message>
    <message>
        <source>Sobre o &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Primeiros passos</source>
        <translation>&amp;First steps</translation>
    </message>
    <message>
        <source>Anular</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Refazer</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Anular «{what}»</source>
        <translation>Undo “{what}”</translation>
    </message>
    <message>
        <source>Refazer «{what}»</source>
        <translation>Redo “{what}”</translation>
    </message>
    <message>
        <source>&amp;Ficheiro</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Projetos &amp;recentes</source>
        <translation>&amp;Recent projects</translation>
    </message>
    <message>
        <source>&amp;Editar</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Definições</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Língua</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Aj&amp;uda</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Não foi possível abrir o projeto</source>
        <translation>Could not open the project</translation>
    </message>
    <message>
        <source>Não foi possível criar o projeto</source>
        <translation>Could not create the project</translation>
    </message>
    <message>
        <source>Abrir projeto</source>
        <translation>Open project</translation>
    </message>
    <message>
        <source>Esta pasta ainda não é um projeto do Farense Studio. Criar um projeto novo nela?</source>
        <translation>This folder is not a Farense Studio project yet. Create a new project in it?</translation>
    </message>
    <message>
        <source>(nenhum)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Limpar a lista</source>
        <translation>Clear the list</translation>
    </message>
    <message>
        <source>Nenhum projeto aberto</source>
        <translation>No project open</translation>
    </message>
    <message>
        <source>Projeto: {path}</source>
        <translation>Project: {path}</translation>
    </message>
    <message>
        <source>Essa fonte já não está nos dados (a linha foi alterada ou removida); prepare os dados de novo para atualizar os documentos.</source>
        <translation>That source is no longer in the data (the row was changed or removed); prepare the data again to bring the documents up to date.</translation>
    </message>
    <message>
        <source>Língua</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>A nova língua aplica-se quando voltar a abrir o Farense Studio.</source>
        <translation>The new language applies the next time you open Farense Studio.</translation>
    </message>
    <message>
        <source>Sobre o Farense Studio</source>
        <translation>About Farense Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Farense Studio {version}&lt;/h3&gt;&lt;p&gt;Ensina um modelo de linguagem, no seu próprio computador, sobre a história do Sporting Clube Farense: prepare as perguntas e as biografias, treine, converse com o modelo e exporte-o para o chatbot do clube.&lt;/p&gt;&lt;p&gt;Nada sai deste computador. Licença Apache-2.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Farense Studio {version}&lt;/h3&gt;&lt;p&gt;Teaches a language model, on your own computer, about the history of Sporting Clube Farense: prepare the questions and biographies, train, chat with the model and export it to the club&apos;s chatbot.&lt;/p&gt;&lt;p&gt;Nothing leaves this computer. Apache-2.0 licence.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <source>Novo projeto</source>
        <translation>New project</translation>
    </message>
    <message>
        <source>Por exemplo: História do Farense</source>
        <translation>For example: Farense history</translation>
    </message>
    <message>
        <source>Escolher…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Nome:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Guardar em:</source>
        <translation>Save in:</translation>
    </message>
    <message>
        <source>Criar projeto</source>
        <translation>Create project</translation>
    </message>
    <message>
        <source>Guardar em</source>
        <translation>Save in</translation>
    </message>
    <message>
        <source>Escreva um nome para o projeto.</source>
        <translation>Type a name for the project.</translation>
    </message>
    <message>
        <source>Já existe um projeto em {path}.</source>
        <translation>There is already a project in {path}.</translation>
    </message>
    <message>
        <source>A pasta do projeto será {path}</source>
        <translation>The project folder will be {path}</translation>
    </message>
</context>
<context>
    <name>OpenProblems</name>
    <message>
        <source>Abrir a pasta</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>Abrir outro projeto…</source>
        <translation>Open another project…</translation>
    </message>
    <message>
        <source>Nenhum projeto aberto.</source>
        <translation>No project open.</translation>
    </message>
</context>
<context>
    <name>PrepareRow</name>
    <message>
        <source>Quando os dados estiverem bem, prepare-os para o treino.</source>
        <translation>When the data looks right, prepare it for training.</translation>
    </message>
    <message>
        <source>P&amp;reparar dados  »</source>
        <translation>P&amp;repare data  »</translation>
    </message>
    <message>
        <source>Grava os exemplos de treino e as perguntas de verificação na pasta «preparado» do projeto, prontos para o Treino</source>
        <translation>Writes the training examples and the checking questions into the project&apos;s «preparado» folder, ready for Treino</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Onde</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>(todos os dados)</source>
        <translation>(all the data)</translation>
    </message>
    <message>
        <source>{file}, linha {line}</source>
        <translation>{file}, line {line}</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Todas as linhas e biografias foram lidas sem problemas.</source>
        <translation>Every line and biography was read without problems.</translation>
    </message>
    <message>
        <source>Problemas: nenhum</source>
        <translation>Problems: none</translation>
    </message>
    <message>
        <source>1 erro</source>
        <translation>1 error</translation>
    </message>
    <message>
        <source>{n} erros</source>
        <translation>{n} errors</translation>
    </message>
    <message>
        <source>1 aviso</source>
        <translation>1 warning</translation>
    </message>
    <message>
        <source>{n} avisos</source>
        <translation>{n} warnings</translation>
    </message>
    <message>
        <source>Problemas: {errors}, {warnings}</source>
        <translation>Problems: {errors}, {warnings}</translation>
    </message>
</context>
<context>
    <name>QuestionGeneration</name>
    <message>
        <source>O modelo escolhido no Treino ainda não está neste computador: propõe o modelo de demonstração.</source>
        <translation>The model chosen in Training is not on this computer yet: the demo model proposes.</translation>
    </message>
    <message>
        <source>O modelo base está ocupado com o treino. Gere sem a opção do modelo base, ou espere que o treino acabe.</source>
        <translation>The base model is busy training. Generate without the base model option, or wait for the training to end.</translation>
    </message>
    <message>
        <source>A carregar o modelo base ({model})…</source>
        <translation>Loading the base model ({model})…</translation>
    </message>
    <message>
        <source>A procurar os parágrafos e as perguntas…</source>
        <translation>Finding the paragraphs and questions…</translation>
    </message>
    <message>
        <source>A parar depois do parágrafo em curso…</source>
        <translation>Stopping after the paragraph in hand…</translation>
    </message>
    <message>
        <source>A gerar perguntas: {done} de {total} parágrafos e linhas · faltam cerca de {left}</source>
        <translation>Generating questions: {done} of {total} paragraphs and lines · about {left} left</translation>
    </message>
    <message>
        <source>A gerar perguntas: {done} de {total} parágrafos e linhas · a calcular o tempo que falta</source>
        <translation>Generating questions: {done} of {total} paragraphs and lines · working out the time left</translation>
    </message>
    <message>
        <source>A geração de perguntas falhou: {text}. O que já estava feito ficou guardado; carregue outra vez para continuar.</source>
        <translation>Generating questions failed: {text}. What was done is kept; click again to carry on.</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <source>Pronto para treinar.</source>
        <translation>Ready to train.</translation>
    </message>
    <message>
        <source>Estado do treino</source>
        <translation>Training state</translation>
    </message>
    <message>
        <source>&amp;Pausar</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Faz uma pausa e grava um ponto de gravação; o computador fica livre. Retome quando quiser.</source>
        <translation>Pauses and writes a save point; the computer is free meanwhile. Resume whenever you like.</translation>
    </message>
    <message>
        <source>Pa&amp;rar</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>Termina o treino agora e grava um ponto de gravação: pode continuá-lo mais tarde na lista de treinos.</source>
        <translation>Ends the training now and writes a save point: you can continue it later from the list of trainings.</translation>
    </message>
    <message>
        <source>Registo do treino</source>
        <translation>Training log</translation>
    </message>
    <message>
        <source>Registo</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>a começar…</source>
        <translation>starting…</translation>
    </message>
    <message>
        <source>A carregar o modelo e os dados…</source>
        <translation>Loading the model and the data…</translation>
    </message>
    <message>
        <source>Passo {step}: erro nas perguntas de verificação {loss}</source>
        <translation>Step {step}: error on the checking questions {loss}</translation>
    </message>
    <message>
        <source>Ponto de gravação no passo {step} ({duration}).</source>
        <translation>Save point at step {step} ({duration}).</translation>
    </message>
    <message>
        <source>&amp;Retomar</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <source>O modelo está a aprender.</source>
        <translation>The model is learning.</translation>
    </message>
    <message>
        <source>Todos os passos feitos: a medir o erro final nas perguntas de verificação e a gravar o resultado…</source>
        <translation>All steps done: measuring the final error on the checking questions and saving the result…</translation>
    </message>
    <message>
        <source>Em pausa no passo {step}. O progresso está gravado: pode continuar agora ou mais tarde.</source>
        <translation>Paused at step {step}. Progress is saved: you can continue now or later.</translation>
    </message>
    <message>
        <source>Pausa no passo {step}.</source>
        <translation>Paused at step {step}.</translation>
    </message>
    <message>
        <source>Retomado no passo {step}.</source>
        <translation>Resumed at step {step}.</translation>
    </message>
    <message>
        <source>A treinar mais: fase {phase} do treino.</source>
        <translation>Training more: phase {phase} of the run.</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Objetivo</source>
        <translation>Goal</translation>
    </message>
    <message>
        <source>Melhor erro (verificação)</source>
        <translation>Best error (checking)</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Factos certos</source>
        <translation>Facts right</translation>
    </message>
    <message>
        <source>Personalizado</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>a treinar agora</source>
        <translation>training now</translation>
    </message>
    <message>
        <source>em pausa agora</source>
        <translation>paused now</translation>
    </message>
    <message>
        <source>por começar</source>
        <translation>not started</translation>
    </message>
    <message>
        <source>a treinar</source>
        <translation>training</translation>
    </message>
    <message>
        <source>interrompido no passo {step}</source>
        <translation>interrupted at step {step}</translation>
    </message>
    <message>
        <source>em pausa no passo {step}</source>
        <translation>paused at step {step}</translation>
    </message>
    <message>
        <source>parado no passo {step}</source>
        <translation>stopped at step {step}</translation>
    </message>
    <message>
        <source>concluído</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>falhou</source>
        <translation>failed</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Treinos anteriores</source>
        <translation>Previous training runs</translation>
    </message>
    <message>
        <source>&lt;b&gt;Treinos anteriores&lt;/b&gt;</source>
        <translation>&lt;b&gt;Previous training runs&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Continuar treino</source>
        <translation>Continue training</translation>
    </message>
    <message>
        <source>Treinar mais…</source>
        <translation>Train more…</translation>
    </message>
    <message>
        <source>O modelo deste treino concluído ou parado passa mais vezes pelos mesmos dados, a partir do ponto onde ficou.</source>
        <translation>The model of this finished or stopped run goes through the same data more times, from where it left off.</translation>
    </message>
    <message>
        <source>Comparar no gráfico</source>
        <translation>Compare on the plot</translation>
    </message>
    <message>
        <source>Mostra as curvas do treino escolhido, tracejadas, por baixo das do treino atual.</source>
        <translation>Shows the chosen training&apos;s curves, dashed, under those of the current training.</translation>
    </message>
    <message>
        <source>Mudar o nome…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Apagar…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Ainda não há treinos neste projeto.</source>
        <translation>There are no trainings in this project yet.</translation>
    </message>
    <message>
        <source>Mudar o nome do treino</source>
        <translation>Rename the training</translation>
    </message>
    <message>
        <source>Nome:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Apagar treino</source>
        <translation>Delete training</translation>
    </message>
    <message>
        <source>Apagar o treino «{label}»? A afinação e os pontos de gravação deste treino são apagados do disco e não podem ser recuperados.</source>
        <translation>Delete the training “{label}”? Its fine-tuning and save points are deleted from the disk and cannot be recovered.</translation>
    </message>
</context>
<context>
    <name>ScorecardDialog</name>
    <message>
        <source>Verificar factos: detalhes</source>
        <translation>Check facts: details</translation>
    </message>
    <message>
        <source>Pergunta</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Afinado</source>
        <translation>Fine-tuned</translation>
    </message>
    <message>
        <source>Sem perguntas de verificação para medir o erro.</source>
        <translation>No checking questions to measure the error on.</translation>
    </message>
    <message>
        <source>Erro médio nas perguntas de verificação do treino (mais baixo é melhor) e a perplexidade correspondente: quantas palavras, em média, o modelo hesita entre.</source>
        <translation>Average error on the training run&apos;s checking questions (lower is better) and the matching perplexity: how many words, on average, the model hesitates between.</translation>
    </message>
    <message>
        <source>Exportar CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>certo</source>
        <translation>right</translation>
    </message>
    <message>
        <source>errado</source>
        <translation>wrong</translation>
    </message>
    <message>
        <source>Palavras-chave: {keywords}</source>
        <translation>Keywords: {keywords}</translation>
    </message>
    <message>
        <source>faltam: {missing}</source>
        <translation>missing: {missing}</translation>
    </message>
    <message>
        <source>Exportar CSV</source>
        <translation>Export CSV</translation>
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
        <translation>Check &amp;facts</translation>
    </message>
    <message>
        <source>Faz as perguntas de teste ao modelo base e ao afinado (sempre a resposta mais provável) e conta quantas respostas têm os factos certos; com «Consultar os documentos do clube», pergunta outra vez a cada um com os documentos.</source>
        <translation>Asks the test questions to the base model and the fine-tuned one (always the most likely answer) and counts how many answers have the right facts; with “Consult the club&apos;s documents”, asks each one again with the documents.</translation>
    </message>
    <message>
        <source>Ainda não verificado.</source>
        <translation>Not checked yet.</translation>
    </message>
    <message>
        <source>Parar verificação</source>
        <translation>Stop checking</translation>
    </message>
    <message>
        <source>Ver &amp;detalhes</source>
        <translation>See &amp;details</translation>
    </message>
    <message>
        <source>Perguntas de teste…</source>
        <translation>Test questions…</translation>
    </message>
    <message>
        <source>Escolher o ficheiro de perguntas de teste (JSONL com pergunta e palavras-chave); por omissão, as perguntas de exemplo do Farense.</source>
        <translation>Choose the test questions file (JSONL with question and keywords); by default, Farense&apos;s sample questions.</translation>
    </message>
    <message>
        <source>Disponível quando o treino terminar ou estiver em pausa.</source>
        <translation>Available when training ends or is paused.</translation>
    </message>
    <message>
        <source>A fazer as perguntas de teste…</source>
        <translation>Asking the test questions…</translation>
    </message>
    <message>
        <source>A perguntar ao modelo base ({done} de {total})</source>
        <translation>Asking the base model ({done} of {total})</translation>
    </message>
    <message>
        <source>Respostas do modelo base guardadas da verificação anterior ({done} de {total})</source>
        <translation>Base model answers kept from the previous check ({done} of {total})</translation>
    </message>
    <message>
        <source>A perguntar ao modelo afinado ({done} de {total})</source>
        <translation>Asking the fine-tuned model ({done} of {total})</translation>
    </message>
    <message>
        <source>A medir o erro nas perguntas de verificação</source>
        <translation>Measuring the error on the checking questions</translation>
    </message>
    <message>
        <source>A perguntar ao modelo base com os documentos ({done} de {total})</source>
        <translation>Asking the base model with the documents ({done} of {total})</translation>
    </message>
    <message>
        <source>A perguntar ao modelo afinado com os documentos ({done} de {total})</source>
        <translation>Asking the fine-tuned model with the documents ({done} of {total})</translation>
    </message>
    <message>
        <source>as de exemplo</source>
        <translation>the sample ones</translation>
    </message>
    <message>
        <source>Perguntas de teste: {name}</source>
        <translation>Test questions: {name}</translation>
    </message>
    <message>
        <source>Perguntas de teste</source>
        <translation>Test questions</translation>
    </message>
    <message>
        <source>Perguntas (*.jsonl);;Todos os ficheiros (*)</source>
        <translation>Questions (*.jsonl);;All files (*)</translation>
    </message>
    <message>
        <source>(verificação interrompida)</source>
        <translation>(check stopped)</translation>
    </message>
    <message>
        <source>A verificação falhou: {error}</source>
        <translation>The check failed: {error}</translation>
    </message>
</context>
<context>
    <name>ServerProcess</name>
    <message>
        <source>Não foi possível iniciar o servidor.</source>
        <translation>Could not start the server.</translation>
    </message>
</context>
<context>
    <name>SlowComputerNotice</name>
    <message>
        <source>Pelo que foi medido aqui, este computador treina cerca de {times} vezes mais devagar do que um Mac com Apple Silicon.</source>
        <translation>From what was measured here, this computer trains about {times} times slower than a Mac with Apple Silicon.</translation>
    </message>
    <message>
        <source>Este computador deve treinar cerca de {times} vezes mais devagar do que um Mac com Apple Silicon.</source>
        <translation>This computer should train about {times} times slower than a Mac with Apple Silicon.</translation>
    </message>
    <message>
        <source>Este treino pode demorar {duration}.</source>
        <translation>This training may take {duration}.</translation>
    </message>
    <message>
        <source>Para ver primeiro se vale a pena, experimente um treino curto: {examples} exemplos com comprimento máximo {length} (cerca de {duration}).</source>
        <translation>To see first whether it is worth it, try a short training: {examples} examples with maximum length {length} (about {duration}).</translation>
    </message>
    <message>
        <source>Experimentar o treino curto</source>
        <translation>Try the short training</translation>
    </message>
</context>
<context>
    <name>SourceLinks</name>
    <message>
        <source>Os documentos do clube não falam disto, por isso a resposta é «não sei» (o modelo não foi consultado).</source>
        <translation>The club&apos;s documents do not cover this, so the answer is «não sei» (I don&apos;t know); the model was not asked.</translation>
    </message>
    <message>
        <source>Fontes:</source>
        <translation>Sources:</translation>
    </message>
    <message>
        <source>Mostrar esta linha em Dados: {title}</source>
        <translation>Show this row in Data: {title}</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>máximo</source>
        <translation>maximum</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <source>O comprimento máximo com que o modelo vai treinar (escolhido no separador Treino). Exemplos mais longos são cortados no fim. Mudar aqui só mostra o efeito; o valor do treino muda-se no Treino.</source>
        <translation>The maximum length the model will train with (chosen in the Training tab). Longer examples are cut at the end. Changing it here only shows the effect; the training value is changed under Training.</translation>
    </message>
    <message>
        <source>Comprimento máximo:</source>
        <translation>Maximum length:</translation>
    </message>
    <message>
        <source>{n} exemplos</source>
        <translation>{n} examples</translation>
    </message>
    <message>
        <source>{n} exemplo</source>
        <translation>{n} example</translation>
    </message>
    <message>
        <source>{n} treino</source>
        <translation>{n} training</translation>
    </message>
    <message>
        <source>{n} verificação</source>
        <translation>{n} for checking</translation>
    </message>
    <message>
        <source>{n} repetido removido</source>
        <translation>{n} repeat removed</translation>
    </message>
    <message>
        <source>{n} repetidos removidos</source>
        <translation>{n} repeats removed</translation>
    </message>
    <message>
        <source>{n} com erros (deixados de fora)</source>
        <translation>{n} with errors (left out)</translation>
    </message>
    <message>
        <source>{n} geradas de fora</source>
        <translation>{n} generated left out</translation>
    </message>
    <message>
        <source>Biografias ({folder})</source>
        <translation>Biographies ({folder})</translation>
    </message>
    <message>
        <source>Acrescentados por si</source>
        <translation>Added by you</translation>
    </message>
    <message>
        <source>Perguntas geradas</source>
        <translation>Generated questions</translation>
    </message>
    <message>
        <source>{source}: {total} ({train} treino, {valid} verificação)</source>
        <translation>{source}: {total} ({train} training, {valid} for checking)</translation>
    </message>
    <message>
        <source>comprimento em tokens (aproximado)</source>
        <translation>length in tokens (approximate)</translation>
    </message>
    <message>
        <source>comprimento em tokens</source>
        <translation>length in tokens</translation>
    </message>
    <message>
        <source>exemplos</source>
        <translation>examples</translation>
    </message>
    <message>
        <source>1 passa do máximo (seria cortado)</source>
        <translation>1 exceeds it (would be cut)</translation>
    </message>
    <message>
        <source>{n} passam do máximo (seriam cortados)</source>
        <translation>{n} exceed it (would be cut)</translation>
    </message>
    <message>
        <source>1 exemplo passa do máximo: seria cortado no treino</source>
        <translation>1 example exceeds the maximum: it would be cut in training</translation>
    </message>
    <message>
        <source>{n} exemplos passam do máximo: seriam cortados no treino</source>
        <translation>{n} examples exceed the maximum: they would be cut in training</translation>
    </message>
    <message>
        <source>Nenhum exemplo passa do máximo</source>
        <translation>No example exceeds the maximum</translation>
    </message>
</context>
<context>
    <name>TimeLeft</name>
    <message>
        <source>{progress} · faltam cerca de {left}</source>
        <translation>{progress} · about {left} left</translation>
    </message>
</context>
<context>
    <name>TrainMoreDialog</name>
    <message>
        <source>Treinar mais</source>
        <translation>Train more</translation>
    </message>
    <message>
        <source>O modelo do treino «{run}» volta a estudar os mesmos dados mais algumas vezes, a partir do ponto onde ficou. Vale a pena quando o erro ainda estava a descer no fim do treino: o modelo aprendeu pouco.</source>
        <translation>The model of the run “{run}” studies the same data a few more times, from where it left off. Worth it when the error was still going down at the end of the run: the model learned too little.</translation>
    </message>
    <message>
        <source>Se o erro nas perguntas de verificação já estava a subir, treinar mais não ajuda: o modelo passa a decorar em vez de aprender.</source>
        <translation>If the error on the checking questions was already going up, training more does not help: the model starts memorising instead of learning.</translation>
    </message>
    <message>
        <source>Passagens pelos dados a mais</source>
        <translation>Extra passes through the data</translation>
    </message>
    <message>
        <source>Uma passagem é o modelo ver uma vez todos os exemplos de treino.</source>
        <translation>One pass is the model seeing every training example once.</translation>
    </message>
    <message>
        <source>&amp;Passagens pelos dados a mais:</source>
        <translation>Extra &amp;passes through the data:</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Este treino já fez uma passagem pelos dados.</source>
        <translation>This run has already made one pass through the data.</translation>
    </message>
    <message>
        <source>Este treino já fez {passes} passagens pelos dados.</source>
        <translation>This run has already made {passes} passes through the data.</translation>
    </message>
    <message>
        <source>Mais {steps} passos de treino.</source>
        <translation>{steps} more training steps.</translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source> · em pausa</source>
        <translation> · paused</translation>
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
        <translation>pass {epoch} of {epochs} · step {step} of {total}</translation>
    </message>
    <message>
        <source>a medir a velocidade</source>
        <translation>measuring the speed</translation>
    </message>
    <message>
        <source>{speed} tokens/s</source>
        <translation>{speed} tokens/s</translation>
    </message>
    <message>
        <source>{speed} · memória máx. {memory}</source>
        <translation>{speed} · peak memory {memory}</translation>
    </message>
    <message>
        <source>{percent}% · decorrido {elapsed}</source>
        <translation>{percent}% · {elapsed} elapsed</translation>
    </message>
    <message>
        <source> · faltam {remaining}</source>
        <translation> · {remaining} left</translation>
    </message>
    <message>
        <source> · a medir o ritmo para dizer quanto falta</source>
        <translation> · measuring the pace to tell the time left</translation>
    </message>
    <message>
        <source>O erro nas perguntas de verificação piorou: o modelo pode estar a decorar em vez de aprender. O melhor ponto de gravação fica guardado: pode parar aqui.</source>
        <translation>The error on the checking questions got worse: the model may be learning by heart instead of learning. The best save point is kept: you can stop here.</translation>
    </message>
    <message>
        <source>O erro está a subir: se continuar assim, experimente uma taxa de aprendizagem mais baixa (Avançado).</source>
        <translation>The error is rising: if it keeps on, try a lower learning rate (Advanced).</translation>
    </message>
    <message>
        <source>O modelo está a aprender.</source>
        <translation>The model is learning.</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>A maior parte dos exemplos fica sem resposta no comprimento máximo. Veja o aviso à esquerda.</source>
        <translation>Most examples lose their answer at the maximum length. See the warning on the left.</translation>
    </message>
    <message>
        <source>Pronto para treinar.</source>
        <translation>Ready to train.</translation>
    </message>
    <message>
        <source>A medir a velocidade de treino neste computador…</source>
        <translation>Measuring the training speed on this computer…</translation>
    </message>
    <message>
        <source>Medição cancelada.</source>
        <translation>Measuring cancelled.</translation>
    </message>
    <message>
        <source>A medição falhou: {error}</source>
        <translation>The measurement failed: {error}</translation>
    </message>
    <message>
        <source>Primeiro prepare os dados no separador Dados.</source>
        <translation>First prepare the data in the Data tab.</translation>
    </message>
    <message>
        <source> Foram preparados de forma diferente da desta versão: prepare-os de novo no separador Dados para treinar como foi medido.</source>
        <translation> They were prepared differently from how this version prepares: prepare them again in the Dados tab to train the measured way.</translation>
    </message>
    <message>
        <source>O treino não está disponível nesta janela.</source>
        <translation>Training is not available in this window.</translation>
    </message>
    <message>
        <source>Abra ou crie um projeto primeiro.</source>
        <translation>Open or create a project first.</translation>
    </message>
    <message>
        <source>A preparar o modelo base…</source>
        <translation>Preparing the base model…</translation>
    </message>
    <message>
        <source>Com estas definições o treino não cabe na memória deste computador. Veja a correção proposta à esquerda.</source>
        <translation>With these settings the training does not fit in this computer&apos;s memory. See the proposed fix on the left.</translation>
    </message>
    <message>
        <source>Descarga cancelada. O que já veio fica guardado: ao carregar de novo em Treinar, continua de onde parou.</source>
        <translation>Download cancelled. What has arrived is kept: press Train again and it continues where it stopped.</translation>
    </message>
    <message>
        <source>A treinar…</source>
        <translation>Training…</translation>
    </message>
    <message>
        <source>Treino concluído.</source>
        <translation>Training finished.</translation>
    </message>
    <message>
        <source>Treinar mais…</source>
        <translation>Train more…</translation>
    </message>
    <message>
        <source>Treino concluído</source>
        <translation>Training finished</translation>
    </message>
    <message>
        <source>Treino parado.</source>
        <translation>Training stopped.</translation>
    </message>
    <message>
        <source>Treino parado</source>
        <translation>Training stopped</translation>
    </message>
    <message>
        <source>erro desconhecido</source>
        <translation>unknown error</translation>
    </message>
    <message>
        <source>O treino não pôde continuar.</source>
        <translation>The training could not go on.</translation>
    </message>
    <message>
        <source>Treino concluído. Melhor erro nas perguntas de verificação: {loss}. A afinação está pronta: experimente-a no separador Conversar.</source>
        <translation>Training finished. Best error on the checking questions: {loss}. The fine-tuning is ready: try it in the Chat tab.</translation>
    </message>
    <message>
        <source>Experimentar em Conversar</source>
        <translation>Try it in Chat</translation>
    </message>
    <message>
        <source>Treino parado no passo {step} e gravado. Para continuar, escolha-o na lista de treinos e carregue em Continuar treino.</source>
        <translation>Training stopped at step {step} and saved. To continue, choose it in the list of trainings and press Continue training.</translation>
    </message>
    <message>
        <source>Continuar retoma-o no grupo com «Usar outros Macs» ligado, ou só neste Mac com a opção desligada.</source>
        <translation>Continue resumes it on the group with «Use other Macs» on, or on this Mac alone with the option off.</translation>
    </message>
    <message>
        <source>Continuar</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>O treino parou: falta de memória</source>
        <translation>Training stopped: out of memory</translation>
    </message>
    <message>
        <source>O treino falhou: {error}</source>
        <translation>The training failed: {error}</translation>
    </message>
    <message>
        <source>Este treino não pode continuar: os dados preparados mudaram desde que começou.</source>
        <translation>This training cannot continue: the prepared data changed since it started.</translation>
    </message>
    <message>
        <source>Não é possível treinar mais este treino: os dados preparados mudaram desde que começou.</source>
        <translation>This run cannot be trained more: the prepared data changed since it started.</translation>
    </message>
    <message>
        <source>Não é possível treinar mais este treino: as definições que mudam o treino já não são as mesmas.</source>
        <translation>This run cannot be trained more: the settings that change training are no longer the same.</translation>
    </message>
    <message>
        <source>Este treino não pode continuar: as definições que mudam o treino já não são as mesmas.</source>
        <translation>This training cannot continue: the settings that shape the training are no longer the same.</translation>
    </message>
    <message>
        <source>Pode começar um treino novo com os dados e as definições de agora.</source>
        <translation>You can start a new training with the current data and settings.</translation>
    </message>
    <message>
        <source>O treino de {when} foi interrompido no passo {step} (a aplicação ou o computador desligou-se).</source>
        <translation>The training of {when} was interrupted at step {step} (the app or the computer shut down).</translation>
    </message>
    <message>
        <source>Nada ficou gravado: continuar recomeça do início.</source>
        <translation>Nothing was saved: continuing starts again from the beginning.</translation>
    </message>
    <message>
        <source>O passo {saved} ficou gravado: pode continuar exatamente de onde ficou.</source>
        <translation>Step {saved} was saved: you can continue exactly where it stopped.</translation>
    </message>
    <message>
        <source>O último ponto de gravação é o passo {saved}: ao continuar, o passo {next} é treinado de novo.</source>
        <translation>The last save point is step {saved}: continuing trains step {next} again.</translation>
    </message>
    <message>
        <source>O último ponto de gravação é o passo {saved}: ao continuar, os passos {first} a {last} são treinados de novo ({count} passos).</source>
        <translation>The last save point is step {saved}: continuing trains steps {first} to {last} again ({count} steps).</translation>
    </message>
    <message>
        <source>Começar treino novo</source>
        <translation>Start a new training</translation>
    </message>
    <message>
        <source>O treino falhou</source>
        <translation>The training failed</translation>
    </message>
    <message>
        <source>A retomar…</source>
        <translation>Resuming…</translation>
    </message>
    <message>
        <source>A pausar no fim deste passo…</source>
        <translation>Pausing at the end of this step…</translation>
    </message>
    <message>
        <source>A parar e a gravar um ponto de gravação…</source>
        <translation>Stopping and writing a save point…</translation>
    </message>
    <message>
        <source>Continuar treino</source>
        <translation>Continue training</translation>
    </message>
    <message>
        <source>Ver detalhes</source>
        <translation>Show details</translation>
    </message>
    <message>
        <source>A gravar um ponto de gravação antes de fechar…</source>
        <translation>Writing a save point before closing…</translation>
    </message>
    <message>
        <source>Treino a decorrer</source>
        <translation>Training in progress</translation>
    </message>
    <message>
        <source>Dados preparados: {train} exemplos de treino e {valid} perguntas de verificação.</source>
        <translation>Prepared data: {train} training examples and {valid} checking questions.</translation>
    </message>
    <message>
        <source> Mudaram no separador Dados desde então.</source>
        <translation> They changed in the Dados tab since then.</translation>
    </message>
    <message>
        <source>Correção aplicada: {changes}</source>
        <translation>Fix applied: {changes}</translation>
    </message>
    <message>
        <source>Os dados mudaram no separador Dados desde a última preparação: prepare-os de novo («Preparar dados») para o treino aprender as alterações.</source>
        <translation>The data changed in the Dados tab since they were last prepared: prepare them again («Preparar dados») so that training learns the changes.</translation>
    </message>
    <message>
        <source>Corrija em Avançado: {problem}</source>
        <translation>Fix under Advanced: {problem}</translation>
    </message>
    <message>
        <source>Treino {number}</source>
        <translation>Training {number}</translation>
    </message>
    <message>
        <source>Início: {run} ({model})</source>
        <translation>Start: {run} ({model})</translation>
    </message>
    <message>
        <source>Modelo base pronto: {path}</source>
        <translation>Base model ready: {path}</translation>
    </message>
    <message>
        <source>Não foi possível preparar o modelo base: {error}</source>
        <translation>Could not prepare the base model: {error}</translation>
    </message>
    <message>
        <source>Está a decorrer um treino.</source>
        <translation>A training is in progress.</translation>
    </message>
    <message>
        <source>Ao fechar, o treino para no fim do passo atual e grava um ponto de gravação. Da próxima vez que abrir a aplicação, pode continuá-lo exatamente de onde ficou.</source>
        <translation>On closing, the training stops at the end of the current step and writes a save point. Next time you open the app, you can continue it exactly where it left off.</translation>
    </message>
    <message>
        <source>Gravar e fechar</source>
        <translation>Save and close</translation>
    </message>
    <message>
        <source>Continuar a treinar</source>
        <translation>Keep training</translation>
    </message>
    <message>
        <source>Não foi possível ler as definições deste treino: {error}</source>
        <translation>Could not read this training&apos;s settings: {error}</translation>
    </message>
    <message>
        <source>A continuar o treino {run}.</source>
        <translation>Continuing the training {run}.</translation>
    </message>
    <message>
        <source>Treinar mais o treino {run}: uma passagem pelos dados a mais.</source>
        <translation>Training run {run} more: one extra pass through the data.</translation>
    </message>
    <message>
        <source>Treinar mais o treino {run}: {passes} passagens pelos dados a mais.</source>
        <translation>Training run {run} more: {passes} extra passes through the data.</translation>
    </message>
</context>
</TS>
