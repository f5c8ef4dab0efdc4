"""INTEGRATION_GUIDE.md of an export: how the club's Node.js bot uses the trained model (pt-PT)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_GUIDE = """\
# Guia de integração — modelo afinado do Farense

Exportação **{{NAME}}**, criada em {{CREATED}} pelo Farense Studio {{VERSION}}.

- Modelo base: `{{BASE}}`{{REVISION}}
- Afinação: ponto de gravação «{{CHECKPOINT}}» (passo {{STEP}}); erro de verificação final {{FINAL_VAL}}, melhor {{BEST_VAL}}
- Instrução de sistema usada no treino (o programa e o servidor reutilizam-na):

> {{SYSTEM}}

## O que está nesta pasta

| ficheiro | para quê |
|---|---|
| `adapters.safetensors`, `adapter_config.json` | a afinação, no formato do mlx-lm (`mlx_lm.generate --adapter-path <esta pasta>`) |
| `lora_config.json`, `training_config.json` | as definições da afinação e do treino |
| `metadata.json` | modelo base, dados, passos, erros, instrução de sistema, data, versão da aplicação |
| `inference.py`, `inference_core.py` | o programa de inferência que o bot chama (uma pergunta, uma resposta JSON); os dois ficheiros andam juntos |
| `INTEGRATION_GUIDE.md` | este guia |
{{DOCS_ROW}}{{FUSED_ROW}}
## Onde o bot tem de correr (importante)

O modelo corre com MLX, num Mac com chip Apple (M1, M2, M3…), e o modelo base ocupa vários
gigabytes em memória (cerca de 4 GB para o Mistral 7B em 4 bits). **Uma função serverless
(Netlify Functions, AWS Lambda, Vercel) não consegue carregar um modelo de 4 GB**: tem pouca
memória (1 GB por omissão na Netlify), um limite de tempo de cerca de 10 segundos por pedido,
não tem o chip da Apple e recomeça do zero em cada pedido.

Por isso o código do bot que fala com o modelo corre **no próprio Mac** onde o Farense Studio
está instalado (ou numa máquina ao lado, com o `mlx-lm` instalado e esta pasta copiada), e
chama:

1. o **servidor local** (recomendado): o modelo fica carregado e cada resposta demora só o
   tempo de gerar o texto; ou
2. o **programa de inferência** `inference.py`: mais simples, mas carrega o modelo em cada
   pergunta (vários segundos com o Mistral 7B).

O servidor local só escuta em `127.0.0.1` (o próprio computador). Se o site do clube continuar
na Netlify, a função serverless limita-se a reencaminhar a pergunta para o bot que corre no Mac
(por exemplo através de um túnel com autenticação); nunca exponha o servidor diretamente à
Internet.

## Testar primeiro

```bash
python3 "{{EXPORT_DIR}}/inference.py" "Quem foi Hassan Nader?"
```

Escreve exatamente um objeto JSON na saída padrão e nada mais (os avisos vão para a saída de
erros):

```json
{"prompt": "Quem foi Hassan Nader?", "response": "Hassan Nader foi um avançado marroquino…", "status": "success",
 "sources": [{"file": "biografias/jogadores/hassan_nader.md", "line": null, "paragraph": 1, "row_id": "bio-…",
              "kind": "bio", "title": "Hassan Nader", "score": 4.21, "rank": 1, "truncated": false}],
 "documents_silent": false}
```

`sources` lista os documentos do clube que o modelo recebeu com a pergunta (ver «Respostas com
os documentos do clube» abaixo); é `[]` quando não houve nenhum. `documents_silent` é `true`
quando os documentos não falam do que se pergunta: a resposta é então «Não sei: os documentos do
clube não falam disso.», sem perguntar ao modelo.

Em caso de falha (pergunta vazia, modelo em falta, afinação danificada…) a resposta é `null`,
`error` explica o motivo em português e o código de saída não é zero:

```json
{"prompt": "", "response": null, "status": "error", "error": "A pergunta está vazia.", "code": "infer_empty_prompt"}
```

| código de saída | significado |
|---|---|
| 0 | resposta gerada |
| 2 | pedido inválido (sem pergunta, pergunta vazia, opção errada) |
| 3 | modelo base ou afinação em falta ou danificados; mlx-lm não instalado |
| 4 | falhou a geração |
| 1 | outro erro |
| 5 | a saída padrão estava fechada ou cheia: nenhuma resposta chegou (o motivo vai para a saída de erros) |

Perguntas com mais de 20 000 caracteres, texto que não é UTF-8, temperaturas inválidas (`nan`,
`inf`, negativas) e uma afinação alterada depois da exportação (o `metadata.json` guarda a
soma de verificação de `adapters.safetensors`) são recusadas logo, sem carregar o modelo.

Opções: `--max-tokens N`, `--temperature T` (0 dá sempre a mesma resposta), `--system "…"`
(outra instrução de sistema), `--model ID_OU_PASTA` (outro modelo base), `--adapter PASTA`,
`--no-documents` (responder sem consultar os documentos do clube), `--index PASTA` (outro índice).
A pergunta também pode chegar pela entrada padrão:
`echo "Onde joga o Farense?" | python3 inference.py`.

Se o `python3` que o bot usa não tiver o mlx-lm, o `inference.py` volta a arrancar sozinho
com o Python da aplicação registado em `metadata.json` ({{APP_PYTHON}}): o código do bot não
muda. Numa máquina sem o Farense Studio basta `pip install mlx-lm` e o modelo base na cache do
Hugging Face.

## Respostas com os documentos do clube

{{DOCS_STATE}}

Antes de responder, o programa e o servidor procuram no índice as passagens mais próximas da
pergunta (linhas de perguntas e respostas, parágrafos das biografias) e juntam as melhores à
pergunta, tantas quantas cabem no contexto do modelo, no mesmo formato que o separador
Conversar e o treino usam. A resposta diz de onde veio: cada elemento de `sources` tem o
ficheiro (`file`), a linha (`line`, nas perguntas e respostas) ou o parágrafo (`paragraph`, nas
biografias), o identificador da linha nos Dados (`row_id`), a pontuação da pesquisa (`score`,
BM25) e a posição (`rank`, 1 = a melhor); `truncated` diz se a passagem foi cortada para caber.

Quando é uma pergunta em português e nenhuma das passagens encontradas contém mais de metade das
suas palavras (a altura de um jogador, a mascote, o hino: coisas de que os documentos nunca falam),
a resposta é «Não sei: os documentos do clube não falam disso.» sem perguntar ao modelo, com
`"documents_silent": true` e `sources` vazio: o bot do clube não inventa o que os documentos não
dizem. O mesmo quando a pergunta pede um preço, uma medida, um resultado, uma data, uma época ou
um número e a resposta do modelo não traz nenhum («Quanto custa um bilhete de época?» respondido
com a carreira de um jogador): essa resposta veio de uma passagem sobre outra coisa e é trocada por
«Não sei» (no servidor, em modo de streaming, estas respostas chegam de uma vez, quando completas).
Cumprimentos, pedidos sem pergunta («Olá», «Obrigado») e perguntas em inglês seguem
sempre para o modelo.

Está ligado por omissão. Para o desligar: `--no-documents` no `inference.py` e no
`farense-studio serve`, ou `"documents": false` num pedido ao servidor. O índice é pesquisado
com a biblioteca do Farense Studio (bm25s, com o radical das palavras em português), por isso
o `inference.py` precisa do Python da aplicação ({{APP_PYTHON}}), que usa sozinho sempre que o
encontra; numa máquina só com o `mlx-lm` responde sem os documentos (`sources` vazio) e
explica-o na saída de erros.

## Opção recomendada: servidor local

Num terminal do Mac (ou a partir do separador Exportar da aplicação):

```bash
farense-studio serve --adapter "{{EXPORT_DIR}}" --port 8080
```

É compatível com a API da OpenAI: `POST /v1/chat/completions` (com ou sem `stream`) e
`GET /v1/models`. Os pedidos são atendidos um de cada vez, pela ordem de chegada; se a
conversa não trouxer uma mensagem `system`, o servidor junta a do treino. Os pedidos têm de
ser JSON (`Content-Type: application/json`); um parâmetro inválido recebe um erro 400 com
`error.code` e uma mensagem em português.

Cada resposta de `/v1/chat/completions` traz `sources` ao lado de `choices` (a mesma lista do
programa de inferência); com `"stream": true` vem no último pedaço, o que traz
`finish_reason`, antes de `data: [DONE]`, com `documents_silent` (ver acima: `true` quando a
resposta é o «Não sei» dos documentos). `/v1/completions` (texto solto, sem conversa) não
consulta os documentos.

Segurança: o servidor só aceita pedidos dirigidos a `127.0.0.1` ou `localhost` e recusa
páginas de outros sites (uma página maliciosa aberta no browser do Mac não consegue usar o
modelo). Para que uma página do site do clube o chame diretamente do browser, autorize-a:
`--allow-origin https://www.exemplo-do-clube.pt`. Para o usar a partir de outro computador da
rede local, arranque-o com uma chave, `FARENSE_SERVE_TOKEN=uma-chave-longa farense-studio
serve --host 0.0.0.0 …`, e envie-a em cada pedido (`Authorization: Bearer uma-chave-longa`).

```bash
curl -s http://127.0.0.1:8080/v1/chat/completions -H 'Content-Type: application/json' \\
  -d '{"messages": [{"role": "user", "content": "Quem foi Hassan Nader?"}]}'
```

No bot (Node.js 18 ou mais recente, sem dependências):

```javascript
async function perguntarAoModeloLocal(pergunta, { url = 'http://127.0.0.1:8080', timeoutMs = 60000 } = {}) {
  const resposta = await fetch(url + '/v1/chat/completions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: pergunta }], max_tokens: 256 }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const corpo = await resposta.json();
  if (!resposta.ok) throw new Error(corpo.error?.message || 'HTTP ' + resposta.status);
  return corpo.choices[0].message.content;
}
```

Para mostrar de onde veio a resposta, leia também `corpo.sources`:

```javascript
function fontesEmTexto(fontes = []) {
  return fontes.map((f) => f.file + (f.paragraph != null ? ', parágrafo ' + f.paragraph : ', linha ' + f.line))
    .join('; ');
}
// ... const corpo = await resposta.json();
// return { texto: corpo.choices[0].message.content, fontes: fontesEmTexto(corpo.sources) };
```

## Alternativa: o programa de inferência

Chame-o sempre com `spawn` e uma lista de argumentos (nunca uma linha de comandos montada
com texto do utilizador: uma pergunta com aspas ou `;` seria executada pela shell):

```javascript
const { spawn } = require('node:child_process');

const INFERENCE = '{{EXPORT_DIR_JS}}/inference.py';

function perguntarAoModeloLocal(pergunta, { timeoutMs = 120000 } = {}) {
  return new Promise((resolve, reject) => {
    const filho = spawn('python3', [INFERENCE, pergunta], { stdio: ['ignore', 'pipe', 'pipe'] });
    let saida = '';
    let erros = '';
    const relogio = setTimeout(() => filho.kill('SIGKILL'), timeoutMs);
    // setEncoding junta corretamente os caracteres acentuados partidos entre dois pedaços.
    filho.stdout.setEncoding('utf8').on('data', (d) => { saida += d; });
    filho.stderr.setEncoding('utf8').on('data', (d) => { erros += d; });
    filho.on('error', (erro) => { clearTimeout(relogio); reject(erro); });
    filho.on('close', (codigo) => {
      clearTimeout(relogio);
      let resultado;
      try {
        resultado = JSON.parse(saida);
      } catch {
        return reject(new Error('O modelo local não respondeu (' + codigo + '): ' + erros.slice(-300)));
      }
      if (codigo === 0 && resultado.status === 'success') resolve(resultado.response);
      else reject(new Error(resultado.error || 'O modelo local falhou'));
    });
  });
}
```

## As três formas de integrar no bot

`perguntarAoModeloLocal` é uma das duas funções acima; `gerarComOpenAI` é a função que o bot
já tem para o outro fornecedor.

**1. Só o modelo local**

```javascript
app.post('/api/chat', async (req, res) => {
  try {
    res.json({ message: await perguntarAoModeloLocal(req.body.message) });
  } catch (erro) {
    console.error('Modelo local falhou:', erro.message);
    res.status(503).json({ error: 'O assistente não está disponível de momento.' });
  }
});
```

**2. Modelo local primeiro, outro fornecedor se falhar (recomendado)**

```javascript
async function gerarResposta(pergunta) {
  try {
    const resposta = await perguntarAoModeloLocal(pergunta);
    if (resposta && resposta.trim().length > 10) return resposta;
  } catch (erro) {
    console.warn('Modelo local falhou, a recorrer ao outro fornecedor:', erro.message);
  }
  return gerarComOpenAI(pergunta);
}
```

**3. Modelo local só para temas do clube**

```javascript
const TEMAS_DO_CLUBE = ['farense', 'hassan nader', 'leoes de faro', 'sao luis', 'estadio algarve'];

function semAcentos(texto) {
  return texto.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase();
}

async function gerarResposta(pergunta) {
  const texto = semAcentos(pergunta);
  if (TEMAS_DO_CLUBE.some((tema) => texto.includes(tema))) {
    try {
      return await perguntarAoModeloLocal(pergunta);
    } catch (erro) {
      console.error('Modelo local falhou:', erro.message);
    }
  }
  return gerarComOpenAI(pergunta);
}
```

Um módulo pronto com as três formas, testado, está em `examples/bot/` no código do Farense
Studio (`farense-local.js`, só com a biblioteca padrão do Node.js).
{{FUSED_SECTION}}
## Problemas comuns

- **«não tem o mlx-lm»**: o `python3` do bot não tem o mlx-lm e o ambiente da aplicação já não
  está em {{APP_PYTHON}}. Reinstale o Farense Studio ou corra `pip install mlx-lm`.
- **«Modelo base não encontrado»**: o modelo base (`{{BASE}}`) não está neste computador.
  Abra o Farense Studio uma vez (descarrega-o) ou indique `--model` com a pasta do modelo.
- **A primeira resposta demora**: o programa de inferência carrega o modelo em cada pergunta;
  use o servidor local.
- **Respostas noutra língua**: o modelo de demonstração (SmolLM2) só fala inglês; use o
  modelo recomendado (Mistral 7B) para respostas em português.
"""

_DOCS_ROW = "| `{dir}/` | o índice dos documentos do clube ({passages} passagens), para responder com eles |\n"
_DOCS_ON = ("Esta exportação traz o índice dos documentos do clube em `{dir}/` ({passages} passagens, "
            "o mesmo que o separador Conversar consulta).")
_DOCS_OFF = ("Esta exportação não traz índice dos documentos do clube (os dados não estavam preparados "
             "com ele): as respostas vêm só do modelo e `sources` vem vazio.")
_FUSED_ROW = "| `{dir}/` | o modelo completo (base + afinação fundidos{deq}), não precisa do modelo base |\n"
_GGUF_ROW = "| `{gguf}` | o modelo fundido em GGUF (para llama.cpp/Ollama) |\n"

_FUSED_SECTION = """
## Modelo completo (fundido)

A pasta `{dir}/` é um modelo mlx-lm completo: não precisa do modelo base. O `inference.py`
usa-o automaticamente; no servidor: `farense-studio serve --model "{export_dir}/{dir}"`.
{gguf}"""


def _loss(value: Any) -> str:
    return f"{value:.3f}".replace(".", ",") if isinstance(value, (int, float)) else "—"


def render_guide(metadata: dict[str, Any], export_dir: Path) -> str:
    """The guide's Markdown for one export (paths and facts filled in)."""
    base = metadata.get("base_model") or {}
    training = metadata.get("training") or {}
    adapter = metadata.get("adapter") or {}
    fused, gguf = metadata.get("fused_model"), metadata.get("gguf")
    system = (metadata.get("system_prompt") or "(nenhuma)").replace("\n", "\n> ")
    fused_row = fused_section = ""
    documents = metadata.get("documents") if isinstance(metadata.get("documents"), dict) else None
    docs_row = _DOCS_ROW.format(dir=documents["index"], passages=documents.get("passages", "?")) if documents else ""
    docs_state = (_DOCS_ON.format(dir=documents["index"], passages=documents.get("passages", "?"))
                  if documents else _DOCS_OFF)
    if fused:
        fused_row = _FUSED_ROW.format(dir=fused, deq=", sem quantização" if metadata.get("dequantized") else "")
        gguf_text = ""
        if gguf:
            fused_row += _GGUF_ROW.format(gguf=gguf)
            gguf_text = f"\nO ficheiro `{gguf}` é o mesmo modelo em formato GGUF (precisão de 16 bits).\n"
        fused_section = _FUSED_SECTION.format(dir=fused, export_dir=export_dir, gguf=gguf_text)
    values = {
        "NAME": metadata.get("name") or export_dir.name,
        "CREATED": metadata.get("created", ""),
        "VERSION": (metadata.get("app") or {}).get("version", ""),
        "BASE": base.get("spec") or "?",
        "REVISION": f" (revisão `{base['revision']}`)" if base.get("revision") else "",
        "CHECKPOINT": {"best": "melhor", "latest": "mais recente"}.get(adapter.get("checkpoint"), "?"),
        "STEP": str(adapter.get("step") or training.get("steps") or "?"),
        "FINAL_VAL": _loss(training.get("final_val_loss")),
        "BEST_VAL": _loss(training.get("best_val_loss")),
        "SYSTEM": system,
        "EXPORT_DIR": str(export_dir),
        "EXPORT_DIR_JS": json.dumps(str(export_dir))[1:-1].replace("'", "\\'"),
        "APP_PYTHON": f"`{(metadata.get('app') or {}).get('python', '?')}`",
        "DOCS_ROW": docs_row,
        "DOCS_STATE": docs_state,
        "FUSED_ROW": fused_row,
        "FUSED_SECTION": fused_section,
    }
    text = _GUIDE
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text
