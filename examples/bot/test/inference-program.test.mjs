// The bot's module against the REAL inference program of a tiny exported model.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import bot from '../farense-local.js';
import { buildTinyExport, python } from './helpers.mjs';

const {
  runInferenceProgram, inferenceProgram, localOnly, localFirst, clubTopicsOnly, isClubTopic, LocalModelError,
  formatSources,
} = bot;

let tiny;
let script;
let options;

before(() => {
  tiny = buildTinyExport();
  script = path.join(tiny.export, 'inference.py');
  options = { script, python, temperature: 0, env: tiny.env };
});
after(() => tiny?.cleanup());

function hasPython3() {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('inference program', () => {
  test('answers with the trained adaptation', async () => {
    const ask = inferenceProgram(options);
    assert.equal(await ask(tiny.question), tiny.answer);
  });

  test("the bot's own call: spawn('python3', [script, prompt]) re-runs in the app's environment",
    { skip: !hasPython3() && 'no python3 on PATH' }, async () => {
      const result = await runInferenceProgram(tiny.question, { script, python: 'python3', temperature: 0, env: tiny.env });
      assert.deepEqual(result, {
        prompt: tiny.question, response: tiny.answer, status: 'success', sources: [], documents_silent: false,
      });
    });

  test('shell characters and accents reach the program untouched', async () => {
    const prompt = '"; rm -rf / # $(whoami) `id` -- Leões de Faro, São Luís, ç ã é?';
    const result = await runInferenceProgram(prompt, { ...options, maxTokens: 20 });
    assert.equal(result.status, 'success');
    assert.equal(result.prompt, prompt);
    assert.equal(typeof result.response, 'string');
  });

  test('a question starting with a dash stays a question', async () => {
    const result = await runInferenceProgram('-5 golos?', { ...options, maxTokens: 5 });
    assert.equal(result.prompt, '-5 golos?');
  });

  test('an empty question is a JSON error with exit code 2', async () => {
    await assert.rejects(runInferenceProgram('   ', options), (err) => {
      assert.ok(err instanceof LocalModelError);
      assert.equal(err.code, 'infer_empty_prompt');
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /vazia/);
      return true;
    });
  });

  test('a damaged or changed adaptation is a JSON error', async () => {
    const broken = path.join(tiny.dir, 'broken');
    cpSync(tiny.export, broken, { recursive: true });
    const file = path.join(broken, 'adapters.safetensors');
    writeFileSync(file, readFileSync(file).subarray(0, 1000));
    await assert.rejects(runInferenceProgram(tiny.question, { ...options, script: path.join(broken, 'inference.py') }),
      { code: 'infer_adapter_changed', exitCode: 3 });
  });

  test('NaN temperatures and huge prompts are refused at once', async () => {
    await assert.rejects(runInferenceProgram('Olá', { ...options, temperature: NaN }),
      { code: 'infer_bad_setting', exitCode: 2 });
    await assert.rejects(runInferenceProgram('palavra '.repeat(3000), { ...options, timeoutMs: 20000 }),
      { code: 'infer_prompt_too_long', exitCode: 2 });
  });

  test('a missing script, a missing python and a timeout are plain errors', async () => {
    await assert.rejects(runInferenceProgram('Olá', { ...options, script: path.join(tiny.dir, 'nope.py') }),
      { code: 'no_json' });
    await assert.rejects(runInferenceProgram('Olá', { ...options, python: path.join(tiny.dir, 'no-python') }),
      { code: 'spawn_failed' });
    await assert.rejects(runInferenceProgram('Olá', { ...options, timeoutMs: 50 }), { code: 'timeout' });
  });
});

describe("answers with the club's documents (the export carries their index)", () => {
  const NADER = 'Em que cidade marroquina nasceu Hassan Nader?';
  const withDocuments = () => ({ ...options, script: path.join(tiny.exportWithDocuments, 'inference.py'), maxTokens: 8 });

  test('the answer comes with its sources, the Nader passage first', async () => {
    const result = await runInferenceProgram(NADER, withDocuments());
    assert.equal(result.status, 'success');
    const top = result.sources[0];
    assert.equal(top.rank, 1);
    assert.ok(top.score > 0 && top.row_id);
    assert.match(top.title, /Nader/);
    assert.ok(['biografias/jogadores/hassan_nader.md', 'qa.jsonl'].includes(top.file));
  });

  test("showSources puts them in the bot's reply; documents: false leaves them out", async () => {
    const reply = await inferenceProgram({ ...withDocuments(), showSources: true })(NADER);
    const [text, shown] = reply.split('\n\nFontes: ');
    assert.equal(typeof text, 'string');
    assert.match(shown, /(hassan_nader\.md, parágrafo \d+|qa\.jsonl, linha \d+)/);
    const off = await runInferenceProgram(NADER, { ...withDocuments(), documents: false });
    assert.deepEqual(off.sources, []);
    assert.ok(!(await inferenceProgram({ ...withDocuments(), documents: false, showSources: true })(NADER))
      .includes('Fontes:'));
  });

  test('a question the documents never speak of gets «Não sei», not an invention', async () => {
    const result = await runInferenceProgram('Qual é a letra do hino do Farense?', withDocuments());
    assert.equal(result.status, 'success');
    assert.equal(result.documents_silent, true);
    assert.match(result.response, /^Não sei/);
    assert.deepEqual(result.sources, []);
  });

  test('formatSources names each place once', () => {
    assert.equal(formatSources([
      { file: 'qa.jsonl', line: 9, paragraph: null }, { file: 'bio.md', line: null, paragraph: 2 },
      { file: 'qa.jsonl', line: 9, paragraph: null }]), 'Fontes: qa.jsonl, linha 9; bio.md, parágrafo 2');
    assert.equal(formatSources([]), '');
  });
});

describe('three integrations with the real program', () => {
  test('1. local only', async () => {
    assert.equal(await localOnly(inferenceProgram(options))(tiny.question), tiny.answer);
    await assert.rejects(localOnly(inferenceProgram(options))(''), { code: 'infer_empty_prompt' });
  });

  test('2. local first: the fallback only when the local model fails', async () => {
    const calls = [];
    const fallback = async (prompt) => { calls.push(prompt); return 'resposta do outro fornecedor'; };
    const answer = localFirst(inferenceProgram(options), fallback);
    assert.equal(await answer(tiny.question), tiny.answer);
    assert.deepEqual(calls, []);

    const failing = { ...options, script: path.join(tiny.dir, 'nope.py') };
    const reasons = [];
    const withBrokenLocal = localFirst(inferenceProgram(failing), fallback, { onFallback: (e) => reasons.push(e.code) });
    assert.equal(await withBrokenLocal(tiny.question), 'resposta do outro fornecedor');
    assert.deepEqual(calls, [tiny.question]);
    assert.deepEqual(reasons, ['no_json']);

    const tooShort = localFirst(async () => 'Sim.', fallback);
    assert.equal(await tooShort('Olá'), 'resposta do outro fornecedor');
  });

  test('3. club topics: local model for the club, fallback for the rest', async () => {
    let spawned = 0;
    const local = inferenceProgram(options);
    const countingLocal = async (prompt) => { spawned += 1; return local(prompt); };
    const answer = clubTopicsOnly(countingLocal, async () => 'outro fornecedor');
    assert.equal(await answer('Qual é a capital de França?'), 'outro fornecedor');
    assert.equal(spawned, 0);
    assert.equal(await answer(tiny.question), tiny.answer);
    assert.equal(spawned, 1);
  });

  test('club topic detection ignores accents and case, whole words only', () => {
    assert.ok(isClubTopic('Quando foi inaugurado o ESTÁDIO DE SÃO LUÍS?'));
    assert.ok(isClubTopic('os leões de faro'));
    assert.ok(isClubTopic('Quem foi Hassan Nader?'));
    assert.ok(!isClubTopic('O farol do cabo'));
    assert.ok(!isClubTopic('Qual é a capital de França?'));
    assert.ok(isClubTopic('quem é o presidente?', ['presidente']));
  });
});
