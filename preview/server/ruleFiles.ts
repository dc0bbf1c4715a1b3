import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import YAML from 'yaml';
import type { PlainRuleGroup } from '../../src/rules/fingerprint';
import type { FakeRuler } from '../../src/testing/rulerServer';

/**
 * Makes the preview's Prometheus evaluate the groups deployed through the emulated ruler API: one rule file
 * per namespace in a folder that Prometheus's `rule_files` globs, then `POST /-/reload`.
 *
 * Prometheus offsets each group's evaluation by a hash of its name and file path, so a namespace always
 * maps to the same file name and a group keeps its name. A file is replaced atomically (temp + rename) and,
 * when `promtool` is installed, checked before it replaces the old one; otherwise Prometheus's reload answer
 * is the check. A rejected file is put back as it was, so the folder always holds what Prometheus runs.
 */

export interface RuleSyncResult {
  ok: boolean;
  /** Why the groups were refused (promtool's or Prometheus's words). */
  message?: string;
  /** The HTTP status the ruler API answers a refusal with: 400 for refused rules, 502 without Prometheus. */
  status?: number;
}

export interface RuleFileSyncOptions {
  /** The folder Prometheus loads (`rule_files: [<dir>/*.yaml]`). */
  dir: string;
  /** Prometheus's base URL; it must run with --web.enable-lifecycle. */
  prometheusUrl: string;
  /** The promtool binary, or null to rely on Prometheus's reload answer alone. */
  promtool?: string | null;
  /** The queue of its changes, shared by the folders of several Prometheus servers; its own otherwise. */
  queue?: SerialQueue;
  log?: (line: string) => void;
}

const RELOAD_TIMEOUT_MS = 30_000;
const CHECK_TIMEOUT_MS = 30_000;

/** The rule file of a namespace: readable, safe as a file name, and the same on every run. */
export function namespaceFileName(namespace: string): string {
  const slug = namespace
    .replace(/[^A-Za-z0-9_.-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 80);
  const hash = createHash('sha256').update(namespace).digest('hex').slice(0, 12);
  return `${slug}-${hash}.yaml`;
}

/** A namespace's groups as Prometheus's rule file format. */
export function ruleFileText(groups: PlainRuleGroup[]): string {
  return YAML.stringify({ groups }, { lineWidth: 0 });
}

/** An empty POST with node's http (its tests run under jsdom, which has no fetch). */
function post(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', timeout: RELOAD_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer after ${RELOAD_TIMEOUT_MS / 1000}s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Runs a command; `started` is false when it cannot be started (ENOENT: it is not installed). */
function runCommand(command: string, args: string[]): Promise<{ started: boolean; code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: CHECK_TIMEOUT_MS }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (error && typeof error.code === 'string') {
        resolve({ started: false, code: -1, output: error.message });
        return;
      }
      resolve({ started: true, code: error ? Number(error.code ?? 1) : 0, output });
    });
  });
}

/** Runs tasks one at a time, in the order they come. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export class RuleFileSync {
  private promtool: string | null | undefined;
  private readonly queue: SerialQueue;

  constructor(private readonly opts: RuleFileSyncOptions) {
    this.promtool = opts.promtool;
    this.queue = opts.queue ?? new SerialQueue();
    fs.mkdirSync(opts.dir, { recursive: true });
  }

  fileOf(namespace: string): string {
    return path.join(this.opts.dir, namespaceFileName(namespace));
  }

  /** Runs changes one at a time, so a refused one can be undone alone. */
  serialize<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(task);
  }

  /** Writes a namespace's groups (no groups: removes its file) and reloads Prometheus. */
  async write(namespace: string, groups: PlainRuleGroup[]): Promise<RuleSyncResult> {
    const file = this.fileOf(namespace);
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (groups.length === 0) {
      if (previous === undefined) {
        return { ok: true };
      }
      fs.rmSync(file, { force: true });
    } else {
      const temp = path.join(this.opts.dir, `.${path.basename(file)}.${process.pid}.tmp`);
      fs.writeFileSync(temp, ruleFileText(groups));
      const check = await this.check(temp);
      if (!check.ok) {
        fs.rmSync(temp, { force: true });
        return check;
      }
      fs.renameSync(temp, file);
    }
    const reload = await this.reload();
    if (!reload.ok) {
      this.restore(file, previous);
    }
    return reload;
  }

  private restore(file: string, previous: string | undefined): void {
    if (previous === undefined) {
      fs.rmSync(file, { force: true });
      return;
    }
    const temp = `${file}.${process.pid}.restore.tmp`;
    fs.writeFileSync(temp, previous);
    fs.renameSync(temp, file);
  }

  /** `promtool check rules`, when promtool is installed; otherwise no opinion. */
  private async check(file: string): Promise<RuleSyncResult> {
    if (this.promtool === null) {
      return { ok: true };
    }
    const result = await runCommand(this.promtool ?? 'promtool', ['check', 'rules', file]);
    if (!result.started) {
      this.opts.log?.('promtool is not installed: rule files are checked by Prometheus on reload');
      this.promtool = null;
      return { ok: true };
    }
    if (result.code === 0) {
      return { ok: true };
    }
    const reason = result.output
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('Checking ') && !/^\s*FAILED:?\s*$/.test(line))
      .join('; ')
      .split(`${file}: `)
      .join('');
    return { ok: false, status: 400, message: `invalid rule group: ${reason || 'promtool check rules failed'}` };
  }

  private async reload(): Promise<RuleSyncResult> {
    const url = `${this.opts.prometheusUrl.replace(/\/$/, '')}/-/reload`;
    try {
      const response = await post(url);
      if (response.status >= 200 && response.status < 300) {
        return { ok: true };
      }
      return {
        ok: false,
        status: 400,
        message: `Prometheus did not reload the rules: ${response.text.trim() || `HTTP ${response.status}`}`,
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, status: 502, message: `Prometheus did not reload the rules: ${reason}` };
    }
  }
}

/**
 * A ruler API call whose changes Prometheus evaluates: the ruler answers it in memory, then each namespace
 * it changed is written and Prometheus reloaded. When Prometheus (or promtool) refuses, the ruler's memory
 * is put back and the refusal is the call's answer, so the app shows it and its drift stays honest.
 */
export function handleRulerEvaluated(
  ruler: FakeRuler,
  sync: RuleFileSync,
  method: string,
  urlPath: string,
  body: unknown
): Promise<{ status: number; data: unknown } | undefined> {
  if (method === 'GET') {
    return Promise.resolve(ruler.handle(method, urlPath, body));
  }
  return sync.serialize(async () => {
    const before = new Map(ruler.namespaces);
    const answer = ruler.handle(method, urlPath, body);
    if (!answer || answer.status < 200 || answer.status >= 300) {
      return answer;
    }
    // The ruler replaces a namespace's array on every change: a changed namespace is a new array.
    const changed = [...new Set([...before.keys(), ...ruler.namespaces.keys()])].filter(
      (namespace) => before.get(namespace) !== ruler.namespaces.get(namespace)
    );
    for (const namespace of changed) {
      const result = await sync.write(namespace, ruler.namespaces.get(namespace) ?? []);
      if (!result.ok) {
        ruler.namespaces.clear();
        before.forEach((groups, name) => ruler.namespaces.set(name, groups));
        return { status: result.status ?? 400, data: { message: result.message ?? 'rule group refused' } };
      }
    }
    return answer;
  });
}
