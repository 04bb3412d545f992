import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** A new token for a municipality, made with the server's CLI on the browser tests' database. */
export function createToken(municipality: string): string {
  const out = execFileSync(path.join(root, 'target/server-release/server'), ['token', 'create', '--gemeente', municipality, '--omschrijving', 'browsertest'], {
    cwd: root,
    env: { ...process.env, WONINGBOUW_DATABASE: 'target/e2e.sqlite', RUST_LOG: 'warn' },
    encoding: 'utf8',
  });
  const secret = out.split('\n').map((l) => l.trim()).find((l) => /^wbk_[0-9a-f]{64}$/.test(l));
  if (!secret) throw new Error(`no secret in: ${out}`);
  return secret;
}

/** The example delivery the server's tests use: four Emmen plans, two of them public. */
export const emmenCsv = path.join(root, 'server/tests/fixtures/emmen.csv');
