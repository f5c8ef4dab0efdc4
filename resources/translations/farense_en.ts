<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="pt_PT">
<context>
    <name>AdvancedSettings</name>
    <message>
        <source>Use -1 (todas) ou um número de 1 para cima.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automático</source>
        <translation type="unfinished"></translation>
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
    <name>ChatPlaceholder</name>
    <message>
        <source>Conversar (em preparação)</source>
        <translation>Chat (in preparation)</translation>
    </message>
    <message>
        <source>Aqui vai fazer perguntas ao modelo afinado e comparar as respostas com as do modelo base, lado a lado, e verificar quantos factos do clube ele já sabe. Esta parte ainda não está disponível nesta versão.</source>
        <translation>Here you will ask the fine-tuned model questions, compare its answers side by side with the base model&apos;s, and check how many of the club&apos;s facts it already knows. This part is not available in this version yet.</translation>
    </message>
</context>
<context>
    <name>DatasetTab</name>
    <message>
        <source>Importar perguntas (JSONL)…</source>
        <translation>Import questions (JSONL)…</translation>
    </message>
    <message>
        <source>Acrescentar um ficheiro de perguntas e respostas, uma por linha (JSONL). Também pode arrastá-lo para aqui.</source>
        <translation>Add a file of questions and answers, one per line (JSONL). You can also drag it here.</translation>
    </message>
    <message>
        <source>Importar biografias (pasta)…</source>
        <translation>Import biographies (folder)…</translation>
    </message>
    <message>
        <source>Acrescentar uma pasta de biografias (.md, .txt ou .json); cada uma vira perguntas e respostas.</source>
        <translation>Add a folder of biographies (.md, .txt or .json); each becomes questions and answers.</translation>
    </message>
    <message>
        <source>Usar dados de exemplo</source>
        <translation>Use sample data</translation>
    </message>
    <message>
        <source>Acrescentar as perguntas e biografias de exemplo que vêm com o Farense Studio</source>
        <translation>Add the sample questions and biographies that come with Farense Studio</translation>
    </message>
    <message>
        <source>Fontes</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Os ficheiros e pastas deste projeto</source>
        <translation>This project&apos;s files and folders</translation>
    </message>
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
        <source>Só com problemas</source>
        <translation>Only with problems</translation>
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
        <source>Quando os dados estiverem bem, prepare-os para o treino.</source>
        <translation>When the data looks right, prepare it for training.</translation>
    </message>
    <message>
        <source>Preparar dados  »</source>
        <translation>Prepare data  »</translation>
    </message>
    <message>
        <source>Escreve os ficheiros de treino e de verificação na pasta &apos;preparado&apos; do projeto</source>
        <translation>Writes the training and checking files into the project&apos;s &apos;preparado&apos; folder</translation>
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
        <source>A ler os exemplos…</source>
        <translation>Reading the examples…</translation>
    </message>
    <message>
        <source>A preparar: {done} de {total} exemplos verificados</source>
        <translation>Preparing: {done} of {total} examples checked</translation>
    </message>
    <message>
        <source>A ler: {done} de {total} exemplos verificados</source>
        <translation>Reading: {done} of {total} examples checked</translation>
    </message>
    <message>
        <source>{n} exemplos lidos</source>
        <translation>{n} examples read</translation>
    </message>
    <message>
        <source>Algo correu mal: {text}</source>
        <translation>Something went wrong: {text}</translation>
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
        <source>{n} exemplos</source>
        <translation>{n} examples</translation>
    </message>
    <message>
        <source>{shown} de {total} exemplos</source>
        <translation>{shown} of {total} examples</translation>
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
        <translation>Move to checking</translation>
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
        <source>A preparar os dados…</source>
        <translation>Preparing the data…</translation>
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
        <source>Novo exemplo</source>
        <translation>New example</translation>
    </message>
    <message>
        <source>Escrever um exemplo novo, seu</source>
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
        <source>Este exemplo tem {n} mensagens; aqui edita-se a primeira pergunta e a última resposta, as outras ficam como estão.</source>
        <translation>This example has {n} messages; here you edit the first question and the last answer, the others stay as they are.</translation>
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
        <source>treino</source>
        <translation>training</translation>
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
    <name>ExportPlaceholder</name>
    <message>
        <source>Exportar (em preparação)</source>
        <translation>Export (in preparation)</translation>
    </message>
    <message>
        <source>Aqui vai exportar a afinação para o chatbot do clube: um servidor local ou um programa de linha de comandos, com o guia de integração. Esta parte ainda não está disponível nesta versão.</source>
        <translation>Here you will export the fine-tuning for the club&apos;s chatbot: a local server or a command-line program, with the integration guide. This part is not available in this version yet.</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <source>Leve o modelo afinado para o chatbot do clube: deixe-o a responder num servidor neste computador ou exporte uma pasta com o programa e o guia de integração.</source>
        <translation>Take the fine-tuned model to the club&apos;s chatbot: keep it answering on a server on this computer, or export a folder with the program and the integration guide.</translation>
    </message>
    <message>
        <source>Afinação:</source>
        <translation>Fine-tuning:</translation>
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
        <source>Servidor local (recomendado)</source>
        <translation>Local server (recommended)</translation>
    </message>
    <message>
        <source>O modelo fica carregado e responde depressa a cada mensagem.</source>
        <translation>The model stays loaded and answers each message quickly.</translation>
    </message>
    <message>
        <source>Programa de linha de comandos: inference.py</source>
        <translation>Command-line program: inference.py</translation>
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
        <source>Avançado</source>
        <translation>Advanced</translation>
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
        <source>Exportar para a pasta…</source>
        <translation>Export to folder…</translation>
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
    <name>LossPlot</name>
    <message>
        <source>passos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>erro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>treino</source>
        <translation type="unfinished">training</translation>
    </message>
    <message>
        <source>perguntas de verificação</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O erro mede quanto o modelo se engana a prever as respostas dos exemplos. Quanto mais baixo, melhor. A linha de verificação usa perguntas que o modelo nunca treina: se sobe enquanto a de treino desce, o modelo está a decorar em vez de aprender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>treino: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verificação: %1</source>
        <translation type="unfinished"></translation>
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
        <source>Anular</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Refazer</source>
        <translation>Redo</translation>
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
    <name>ModelChoice</name>
    <message>
        <source>Modelo base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <source>Recomendado para este computador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uma pasta com um modelo no computador…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasta: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escolha a pasta do modelo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incluído na aplicação, funciona sem internet. Pequeno: serve para experimentar, não para respostas de qualidade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GB, já descarregado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GB, descarregado da internet na primeira utilização.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precisa de %1 GB de memória; este computador tem %2 GB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modelo numa pasta deste computador.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A preparar o modelo de demonstração (só da primeira vez)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A descarregar o modelo base…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A cancelar… (o que já veio fica guardado para continuar depois)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 de %2 GB</source>
        <translation type="unfinished"></translation>
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
        <source>Problemas: {errors} erros, {warnings} avisos</source>
        <translation>Problems: {errors} errors, {warnings} warnings</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Nome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objetivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Melhor erro (verificação)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personalizado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a treinar agora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>por começar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a treinar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrompido no passo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>em pausa no passo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parado no passo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concluído</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>falhou</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Treinos anteriores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Treinos anteriores&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuar treino</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparar no gráfico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mostra as curvas do treino escolhido, tracejadas, por baixo das do treino atual.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mudar o nome…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apagar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ainda não há treinos neste projeto.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mudar o nome do treino</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nome:</source>
        <translation type="unfinished">Name:</translation>
    </message>
    <message>
        <source>Apagar treino</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apagar o treino «%1»? A afinação e os pontos de gravação deste treino são apagados do disco e não podem ser recuperados.</source>
        <translation type="unfinished"></translation>
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
        <translation>{n} checking</translation>
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
        <source>{n} com erros (fora)</source>
        <translation>{n} with errors (left out)</translation>
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
        <source>{source}: {total} ({train} treino, {valid} verificação)</source>
        <translation>{source}: {total} ({train} training, {valid} checking)</translation>
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
    <name>TrainingBanner</name>
    <message>
        <source>Fechar esta mensagem</source>
        <translation type="unfinished">Close this message</translation>
    </message>
</context>
<context>
    <name>TrainingPlaceholder</name>
    <message>
        <source>Treino (em preparação)</source>
        <translation>Training (in preparation)</translation>
    </message>
    <message>
        <source>Aqui vai escolher o modelo base e o objetivo (Rápido, Equilibrado ou Especializado), iniciar o treino e acompanhar o erro a descer, com pausa, paragem e retoma a partir do último ponto de gravação. Esta parte ainda não está disponível nesta versão.</source>
        <translation>Here you will choose the base model and the goal (Quick, Balanced or Specialised), start training and watch the error go down, with pause, stop and resume from the last save point. This part is not available in this version yet.</translation>
    </message>
</context>
<context>
    <name>TrainingStatus</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passagem %1 de %2 · passo %3 de %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens/s · memória máx. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% · decorrido %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · faltam %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A validação piorou: o modelo pode estar a decorar em vez de aprender. O melhor ponto de gravação fica guardado: pode parar aqui.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O erro está a subir: se continuar assim, experimente uma taxa de aprendizagem mais baixa (Avançado).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O modelo está a aprender.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Modelo base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objetivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rápido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uma passagem pelos dados: um primeiro ensaio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Equilibrado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Três passagens: o recomendado pelo guia do clube.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;specializado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cinco passagens e mais detalhe: demora mais; para dados muito próprios do clube.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definições alteradas em Avançado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memória e duração</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ainda não medido neste computador.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Medir neste computador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treina 3 passos a sério com estes dados para saber quanta memória e quanto tempo o treino vai precisar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aplicar a correção</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usar um modelo mais pequeno</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treinar mesmo assim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avançado</source>
        <translation type="unfinished">Advanced</translation>
    </message>
    <message>
        <source>TREINAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Começa a ensinar o modelo com os dados preparados (Ctrl+Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pronto para treinar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado do treino</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pausar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faz uma pausa e grava um ponto de gravação; o computador fica livre. Retome quando quiser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;rar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Termina o treino agora e grava um ponto de gravação: pode continuá-lo mais tarde na lista de treinos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registo do treino</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abra ou crie um projeto para treinar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primeiro prepare os dados no separador Dados.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dados preparados: %1 exemplos de treino e %2 perguntas de verificação.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retomar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O treino não está disponível nesta janela.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abra ou crie um projeto primeiro.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrija em Avançado: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A preparar o modelo base…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Com estas definições o treino não cabe na memória deste computador. Veja a correção proposta à esquerda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treino: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a começar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A carregar o modelo e os dados…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Início: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modelo base pronto: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Não foi possível preparar o modelo base: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descarga cancelada. O que já veio fica guardado: ao carregar de novo em Treinar, continua de onde parou.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A medir 3 passos de treino neste computador…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A medir… (carrega o modelo e treina 3 passos)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A medir: passo %1 de %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Não foi possível medir: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A medição falhou: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ainda não medido neste computador com estas definições.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duração: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memória: %1 de %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cabe na memória.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Não cabe na memória deste computador.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correção aplicada: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A treinar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O modelo está a aprender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passo %1: erro nas perguntas de verificação %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ponto de gravação no passo %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Em pausa no passo %1. O progresso está gravado: pode continuar agora ou mais tarde.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausa no passo %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retomado no passo %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treino concluído. Melhor erro nas perguntas de verificação: %1. A afinação está pronta: experimente-a no separador Conversar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treino concluído.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treino concluído</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treino parado no passo %1 e gravado. Para continuar, escolha-o na lista de treinos e carregue em Continuar treino.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treino parado.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treino parado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>erro desconhecido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O treino não pôde continuar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Este treino não pode continuar: os dados preparados mudaram desde que começou.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Este treino não pode continuar: as definições que mudam o treino já não são as mesmas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pode começar um treino novo com os dados e as definições de agora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Começar treino novo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O treino falhou: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O treino falhou</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fim (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A retomar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pausar no fim deste passo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A parar e a gravar um ponto de gravação…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O treino de %1 foi interrompido no passo %2 (a aplicação ou o computador desligou-se). Pode continuar exatamente de onde ficou.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuar treino</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ver detalhes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Não foi possível ler as definições deste treino: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A continuar o treino %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gravar um ponto de gravação antes de fechar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treino a decorrer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Está a decorrer um treino.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ao fechar, o treino para no fim do passo atual e grava um ponto de gravação. Da próxima vez que abrir a aplicação, pode continuá-lo exatamente de onde ficou.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gravar e fechar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuar a treinar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
