'use strict';
/**
 * The club's bot talking to the model trained in Farense Studio, on the Mac (or a machine
 * beside it): Node.js standard library only, CommonJS (require) and ESM (import) alike.
 *
 * Two ways to ask the local model:
 *   inferenceProgram({ script })  runs the exported inference.py with spawn and an argument
 *                                 array (never a shell string); one process per question.
 *   localServer({ url, token })   calls `farense-studio serve` (OpenAI-compatible API),
 *                                 which keeps the model loaded; token: the server's key
 *                                 (FARENSE_SERVE_TOKEN) when it was started with one.
 * Both answer with the club's documents when the export carries their index (on by default;
 * documents: false turns them off) and report them as `sources`: runInferenceProgram and
 * chatLocalServer resolve the whole answer with them, and showSources: true appends them to
 * the answer text ("Fontes: biografias/jogadores/hassan_nader.md, parágrafo 2").
 * Three ways to integrate it (each returns async (prompt) => answer text):
 *   localOnly(ask)                          only the local model;
 *   localFirst(ask, fallback)               the local model, the other provider if it fails;
 *   clubTopicsOnly(ask, fallback)           the local model for club topics only.
 */

const { spawn } = require('node:child_process');
const http = require('node:http');

const CLUB_KEYWORDS = [
  'farense', 'sporting clube farense', 'hassan nader', 'nader', 'redouane', 'leoes de faro',
  'sao luis', 'estadio algarve', 'faro', 'algarve',
];

/** A failure of the local model, with the inference program's or the server's code. */
class LocalModelError extends Error {
  constructor(message, { code = 'local_model_error', exitCode = null, status = null, stderr = '' } = {}) {
    super(message);
    this.name = 'LocalModelError';
    this.code = code;
    this.exitCode = exitCode;
    this.status = status;
    this.stderr = stderr;
  }
}

/** The inference program's exit status when its stdout was closed or full: no answer came. */
const EXIT_NO_OUTPUT = 5;

/** Where the answer came from, in words: "Fontes: qa.jsonl, linha 9; …/hassan_nader.md, parágrafo 2". */
function formatSources(sources = [], { label = 'Fontes' } = {}) {
  const places = [];
  for (const s of sources || []) {
    const where = s.paragraph != null ? `${s.file}, parágrafo ${s.paragraph}`
      : (s.line != null ? `${s.file}, linha ${s.line}` : String(s.file));
    if (!places.includes(where)) places.push(where);
  }
  return places.length ? `${label}: ${places.join('; ')}` : '';
}

/** The answer text, followed by its sources when asked to show them and there are some. */
function answerText(text, sources, showSources) {
  const shown = showSources ? formatSources(sources) : '';
  return shown ? `${text}\n\n${shown}` : text;
}

/**
 * Runs the inference program once; resolves its JSON object ({prompt, response, status, sources}).
 * Rejects with LocalModelError (code from the program, 'timeout', 'spawn_failed', 'no_output'
 * or 'no_json').
 */
function runInferenceProgram(prompt, {
  script, python = 'python3', timeoutMs = 120000, maxTokens, temperature, system, env, documents = true,
} = {}) {
  if (!script) return Promise.reject(new LocalModelError('script is required', { code: 'bad_options' }));
  const args = [script];
  if (maxTokens !== undefined) args.push('--max-tokens', String(maxTokens));
  if (temperature !== undefined) args.push('--temperature', String(temperature));
  if (system !== undefined) args.push('--system', String(system));
  if (documents === false) args.push('--no-documents');
  args.push('--', String(prompt ?? '')); // "--": a question starting with "-" stays a question
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env || process.env });
    } catch (err) {
      reject(new LocalModelError(err.message, { code: 'spawn_failed' }));
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new LocalModelError(err.message, { code: 'spawn_failed', stderr }));
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new LocalModelError(`no answer within ${timeoutMs} ms`, { code: 'timeout', stderr }));
        return;
      }
      let result;
      try {
        result = JSON.parse(stdout);
      } catch {
        reject(new LocalModelError(`the inference program printed no JSON (exit ${exitCode}): ${stderr.slice(-300)}`,
          { code: exitCode === EXIT_NO_OUTPUT ? 'no_output' : 'no_json', exitCode, stderr }));
        return;
      }
      if (exitCode === 0 && result.status === 'success') resolve(result);
      else {
        reject(new LocalModelError(result.error || `exit ${exitCode}`,
          { code: result.code || 'local_model_error', exitCode, stderr }));
      }
    });
  });
}

/** ask(prompt) -> answer text (with its sources when showSources), through the inference program. */
function inferenceProgram({ showSources = false, ...options } = {}) {
  return async (prompt) => {
    const result = await runInferenceProgram(prompt, options);
    return answerText(result.response, result.sources, showSources);
  };
}

function postJson(url, body, timeoutMs, token) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body), 'utf8');
    const headers = { 'Content-Type': 'application/json', 'Content-Length': data.length };
    if (token) headers.Authorization = `Bearer ${token}`;
    const req = http.request(url, {
      method: 'POST',
      headers,
      timeout: timeoutMs,
    }, (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          reject(new LocalModelError(`the server answered HTTP ${res.statusCode} without JSON`,
            { code: 'no_json', status: res.statusCode }));
          return;
        }
        resolve({ status: res.statusCode, json });
      });
    });
    req.on('timeout', () => req.destroy(new LocalModelError(`no answer within ${timeoutMs} ms`, { code: 'timeout' })));
    req.on('error', (err) => reject(err instanceof LocalModelError ? err
      : new LocalModelError(err.message, { code: err.code === 'ECONNREFUSED' ? 'server_down' : 'http_error' })));
    req.end(data);
  });
}

/**
 * One question to the local server's /v1/chat/completions; resolves the response body
 * (choices[0].message.content is the answer, sources the club's documents it was given).
 */
async function chatLocalServer(prompt, {
  url = 'http://127.0.0.1:8080', timeoutMs = 60000, maxTokens, temperature, system, documents = true,
  token = process.env.FARENSE_SERVE_TOKEN,
} = {}) {
  const messages = system ? [{ role: 'system', content: system }] : [];
  messages.push({ role: 'user', content: String(prompt ?? '') });
  const body = { messages };
  if (maxTokens !== undefined) body.max_tokens = maxTokens;
  if (temperature !== undefined) body.temperature = temperature;
  if (documents === false) body.documents = false;
  const { status, json } = await postJson(new URL('/v1/chat/completions', url), body, timeoutMs, token);
  if (status !== 200) {
    const error = json.error || {};
    throw new LocalModelError(error.message || `HTTP ${status}`, { code: error.code || 'http_error', status });
  }
  return json;
}

/** ask(prompt) -> answer text (with its sources when showSources), through the local server. */
function localServer({ showSources = false, ...options } = {}) {
  return async (prompt) => {
    const json = await chatLocalServer(prompt, options);
    return answerText(json.choices[0].message.content, json.sources, showSources);
  };
}

function normalise(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** True when the prompt names one of the keywords (accents and case ignored, whole words). */
function isClubTopic(prompt, keywords = CLUB_KEYWORDS) {
  const text = normalise(prompt);
  return keywords.some((keyword) => {
    const escaped = normalise(keyword).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text);
  });
}

/** Integration 1: only the local model (its errors reach the caller). */
function localOnly(ask) {
  return async (prompt) => ask(prompt);
}

/** Integration 2: the local model first; the injected fallback when it fails or says too little. */
function localFirst(ask, fallback, { minLength = 10, onFallback = () => {} } = {}) {
  return async (prompt) => {
    try {
      const answer = await ask(prompt);
      if (answer && answer.trim().length > minLength) return answer;
      onFallback(new LocalModelError('answer too short', { code: 'too_short' }));
    } catch (err) {
      onFallback(err);
    }
    return fallback(prompt);
  };
}

/** Integration 3: the local model for club topics only (fallback for the rest, or on failure). */
function clubTopicsOnly(ask, fallback, { keywords = CLUB_KEYWORDS, onFallback = () => {} } = {}) {
  return async (prompt) => {
    if (isClubTopic(prompt, keywords)) {
      try {
        return await ask(prompt);
      } catch (err) {
        onFallback(err);
      }
    }
    return fallback(prompt);
  };
}

module.exports = {
  CLUB_KEYWORDS,
  EXIT_NO_OUTPUT,
  LocalModelError,
  runInferenceProgram,
  inferenceProgram,
  chatLocalServer,
  localServer,
  formatSources,
  isClubTopic,
  localOnly,
  localFirst,
  clubTopicsOnly,
};
