// Shared by the bot's tests: Farense Studio's Python and a tiny exported model built with it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');
export const python = process.env.FARENSE_PYTHON || path.join(repoRoot, '.venv', 'bin', 'python');

/** A fresh folder holding a tiny exported model: { dir, export, question, answer, env }. */
export function buildTinyExport() {
  const dir = mkdtempSync(path.join(tmpdir(), 'farense-bot-'));
  const env = { ...process.env, FARENSE_DATA_DIR: path.join(dir, 'data'), FARENSE_LANG: 'pt' };
  const out = execFileSync(python, [path.join(here, 'make_tiny_export.py'), dir],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 120000 });
  const info = JSON.parse(out.trim().split('\n').pop());
  return { dir, env, ...info, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
