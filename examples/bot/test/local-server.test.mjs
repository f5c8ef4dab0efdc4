// The bot's module against a REAL `farense-studio serve` on a tiny exported model.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import bot from '../farense-local.js';
import { buildTinyExport, python, repoRoot } from './helpers.mjs';

const { chatLocalServer, localServer, localFirst, LocalModelError } = bot;

let tiny;
let server;
let url;

function startServer(exportDir, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-m', 'farense_studio', 'serve', '--adapter', exportDir, '--port', '0'],
      { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start: ${stderr}`)); }, 60000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (match) { clearTimeout(timer); resolve({ child, url: match[0] }); }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}): ${stderr}`)); });
  });
}

before(async () => {
  tiny = buildTinyExport();
  ({ child: server, url } = await startServer(tiny.export, tiny.env));
});
after(() => {
  server?.kill('SIGTERM');
  tiny?.cleanup();
});

describe('local server', () => {
  test('answers through /v1/chat/completions with the training system prompt', async () => {
    const ask = localServer({ url, temperature: 0 });
    assert.equal(await ask(tiny.question), tiny.answer);
  });

  test('concurrent questions are all answered', async () => {
    const ask = localServer({ url, temperature: 0, maxTokens: 40 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask(tiny.question)));
    assert.deepEqual(answers, Array(8).fill(tiny.answer));
  });

  test('a bad request is a JSON error with a code', async () => {
    await assert.rejects(localServer({ url })('   '), (err) => {
      assert.ok(err instanceof LocalModelError);
      assert.equal(err.status, 400);
      assert.equal(err.code, 'serve_empty_prompt');
      return true;
    });
    await assert.rejects(localServer({ url, maxTokens: 0 })('Olá'), { code: 'serve_bad_param', status: 400 });
  });

  test('pages of other sites are refused; a token is sent when given', async () => {
    const response = await fetch(`${url}/v1/models`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(response.status, 403);
    assert.equal((await response.json()).error.code, 'serve_origin_refused');
    // A token the server does not ask for changes nothing on 127.0.0.1.
    assert.equal(await localServer({ url, temperature: 0, token: 'nao-usada' })(tiny.question), tiny.answer);
  });

  test('local first falls back when the server is down', async () => {
    const down = localServer({ url: 'http://127.0.0.1:9', timeoutMs: 2000 });
    const reasons = [];
    const answer = localFirst(down, async () => 'recurso', { onFallback: (e) => reasons.push(e.code) });
    assert.equal(await answer(tiny.question), 'recurso');
    assert.deepEqual(reasons, ['server_down']);
  });
});

describe('local server with a token (FARENSE_SERVE_TOKEN)', () => {
  let guarded;
  let guardedUrl;
  before(async () => {
    ({ child: guarded, url: guardedUrl } = await startServer(tiny.export, { ...tiny.env, FARENSE_SERVE_TOKEN: 'chave-do-clube' }));
  });
  after(() => guarded?.kill('SIGTERM'));

  test('the bot sends the token; without it the server says so', async () => {
    await assert.rejects(localServer({ url: guardedUrl, token: '' })(tiny.question),
      { code: 'serve_token_required', status: 401 });
    assert.equal(await localServer({ url: guardedUrl, temperature: 0, token: 'chave-do-clube' })(tiny.question),
      tiny.answer);
  });
});

describe("local server with the club's documents", () => {
  const NADER = 'Em que cidade marroquina nasceu Hassan Nader?';
  let documented;
  let documentedUrl;
  before(async () => {
    ({ child: documented, url: documentedUrl } = await startServer(tiny.exportWithDocuments, tiny.env));
  });
  after(() => documented?.kill('SIGTERM'));

  test('the response carries sources beside choices; the reply can show them', async () => {
    const body = await chatLocalServer(NADER, { url: documentedUrl, temperature: 0, maxTokens: 8 });
    assert.equal(typeof body.choices[0].message.content, 'string');
    assert.match(body.sources[0].title, /Nader/);
    assert.equal(body.sources[0].rank, 1);
    const reply = await localServer({ url: documentedUrl, temperature: 0, maxTokens: 8, showSources: true })(NADER);
    assert.match(reply, /\n\nFontes: .*(hassan_nader\.md, parágrafo \d+|qa\.jsonl, linha \d+)/);
  });

  test('a question the documents never speak of gets «Não sei» from the server too', async () => {
    const body = await chatLocalServer('Qual é a letra do hino do Farense?', { url: documentedUrl, maxTokens: 8 });
    assert.equal(body.documents_silent, true);
    assert.match(body.choices[0].message.content, /^Não sei/);
    assert.deepEqual(body.sources, []);
  });

  test('documents: false asks without them', async () => {
    const body = await chatLocalServer(NADER, { url: documentedUrl, temperature: 0, maxTokens: 8, documents: false });
    assert.deepEqual(body.sources, []);
  });
});
