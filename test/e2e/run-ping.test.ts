import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createTcpServer, type Server, type Socket} from 'node:net';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {pingTiming} from '../../src/monitor/ping.js';
import {waitFor} from '../helpers/gate.js';
import {guard, sandbox} from '../helpers/guard.js';
import {eventually} from '../helpers/processes.js';

interface Ping {
  body: string;
  method: string;
  path: string;
  rid: string | null;
}

let box: ReturnType<typeof sandbox>;
let servers: Server[];
let sockets: Socket[];
beforeEach(() => {
  box = sandbox();
  servers = [];
  sockets = [];
});
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }

  box.remove();
});

async function listen<T extends Server>(server: T): Promise<{port: number; server: T}> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {port: (server.address() as {port: number}).port, server};
}

/** A real HTTP server that records every ping, in the order they arrive. */
async function pingServer(answer: (ping: Ping) => number = () => 200) {
  const pings: Ping[] = [];
  const {port} = await listen(
    createHttpServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const url = new URL(request.url!, 'http://localhost');
        const ping = {body, method: request.method!, path: url.pathname, rid: url.searchParams.get('rid')};
        pings.push(ping);
        response.writeHead(answer(ping)).end('OK');
      });
    }),
  );
  return {pings, url: `http://127.0.0.1:${port}/ping/check-1`};
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('guard run --ping speaks the healthchecks convention', () => {
  it('sends URL/start before the command and URL after a success, paired by one run id', async () => {
    const {pings, url} = await pingServer();
    const result = await guard(['run', '--name', 'backup', '--ping', url, '--', 'sh', '-c', 'echo all good'], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(pings.map((ping) => [ping.method, ping.path])).toEqual([
      ['POST', '/ping/check-1/start'],
      ['POST', '/ping/check-1'],
    ]);
    expect(pings[0]!.rid).toMatch(uuid);
    expect(pings[1]!.rid).toBe(pings[0]!.rid);
    expect(pings[1]!.body).toContain('backup: succeeded, exit status 0 (guard run 1)');
    expect(pings[1]!.body).toContain('all good');
  });

  it('sends one start and one end ping for a run with retries, and takes the URL from the job in the policy', async () => {
    const {pings, url} = await pingServer();
    // Retries are the machine's to allow: the user policy, not a project one.
    mkdirSync(join(box.env.XDG_CONFIG_HOME!, 'guard'), {recursive: true});
    writeFileSync(join(box.env.XDG_CONFIG_HOME!, 'guard/policy.yaml'), `jobs:\n  flaky:\n    ping: ${url}\n    retries: 2\n    retryDelay: 10ms\n`, {mode: 0o644});
    const count = join(box.dir, 'count');
    const script = `n=$(( $(cat ${count} 2>/dev/null || echo 0) + 1 )); echo $n > ${count}; [ $n -ge 2 ]`;
    const result = await guard(['run', '--name', 'flaky', '--', 'sh', '-c', script], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(pings.map((ping) => ping.path)).toEqual(['/ping/check-1/start', '/ping/check-1']);
    expect(pings[1]!.body).toContain('flaky: succeeded, exit status 0 (guard run 2)');
  });

  it('sends URL/<exit status> after a failure, with the end of stderr and stdout as the body', async () => {
    const {pings, url} = await pingServer();
    const script = 'seq 1 5000; echo "pg_dump: connection refused" >&2; exit 3';
    const result = await guard(['run', '--name', 'backup', '--ping', url, '--', 'sh', '-c', script], {env: box.env});
    expect(result.exitCode).toBe(3);
    expect(pings.map((ping) => ping.path)).toEqual(['/ping/check-1/start', '/ping/check-1/3']);
    const body = pings[1]!.body;
    expect(body).toMatch(/^backup: failed, exit status 3 \(guard run 1\)\n--- stderr ---\npg_dump: connection refused\n--- stdout ---\n/);
    // Capped, keeping the latest output.
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(10_000);
    expect(body.endsWith('4999\n5000\n')).toBe(true);
    expect(body).not.toContain('\n1\n2\n3\n');
  });

  it('sends the timeout as URL/124', async () => {
    const {pings, url} = await pingServer();
    const result = await guard(['run', '--ping', url, '--timeout', '300ms', '--', 'sleep', '30'], {env: box.env});
    expect(result.exitCode).toBe(124);
    expect(pings.map((ping) => ping.path)).toEqual(['/ping/check-1/start', '/ping/check-1/124']);
    expect(pings[1]!.body).toContain('sleep: timed out, exit status 124');
  });

  it('reports a refusal as a failure, URL/77 with the reason, without a start ping (nothing started)', async () => {
    const {pings, url} = await pingServer();
    const result = await guard(['run', '--name', 'cleanup', '--ping', url, '--', 'rm', '-rf', '/'], {env: box.env});
    expect(result.exitCode).toBe(77);
    expect(pings.map((ping) => ping.path)).toEqual(['/ping/check-1/77']);
    expect(pings[0]!.rid).toMatch(uuid);
    expect(pings[0]!.body).toContain('cleanup: blocked, exit status 77');
    expect(pings[0]!.body).toContain('refused by rule fs.rm-root');
  });

  it('reports a busy lock as URL/75, and a quiet skip (--conflict-exit-code 0) as URL/log', async () => {
    const {pings, url} = await pingServer();
    const release = join(box.dir, 'release');
    const holder = guard(['run', '--name', 'holder', '--lock', 'nightly', '--ping', url, '--', 'sh', '-c', `${waitFor(release)}`], {
      env: box.env,
    });
    // The holder's start ping comes once it holds the lock and is about to start its command.
    expect(await eventually(() => pings.length === 1, 20_000)).toBe(true);
    const busy = await guard(['run', '--name', 'busy', '--lock', 'nightly', '--ping', url, '--', 'true'], {env: box.env});
    const skip = await guard(['run', '--name', 'skip', '--lock', 'nightly', '--conflict-exit-code', '0', '--ping', url, '--', 'true'], {env: box.env});
    writeFileSync(release, '');
    expect((await holder).exitCode).toBe(0);
    expect(busy.exitCode).toBe(75);
    expect(skip.exitCode).toBe(0);
    expect(pings.map((ping) => ping.path)).toEqual(['/ping/check-1/start', '/ping/check-1/75', '/ping/check-1/log', '/ping/check-1']);
    expect(pings[1]!.body).toContain("lock 'nightly'");
    expect(pings[2]!.body).toContain('skip: lock busy, exit status 0');
  });

  it('sends nothing for a dry run, which runs nothing', async () => {
    const {pings, url} = await pingServer();
    const result = await guard(['run', '--dry-run', '--ping', url, '--', 'true'], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(pings).toEqual([]);
  });

  it('tries a failing answer again, then warns in one line and keeps the run status', async () => {
    const {pings, url} = await pingServer((ping) => (ping.path.endsWith('/start') ? 200 : 503));
    const result = await guard(['run', '--ping', url, '--', 'sh', '-c', 'exit 5'], {env: box.env});
    expect(result.exitCode).toBe(5);
    expect(pings.map((ping) => ping.path)).toEqual(['/ping/check-1/start', ...Array(1 + pingTiming.retries).fill('/ping/check-1/5')]);
    expect(result.stderr).toBe(`guard: ping to ${url}/5 failed: answered 503 Service Unavailable`);
  });

  it('does not try again when the server says the check does not exist', async () => {
    const {pings, url} = await pingServer((ping) => (ping.path.endsWith('/start') ? 200 : 404));
    const result = await guard(['run', '--ping', url, '--', 'true'], {env: box.env});
    expect(result.exitCode).toBe(0);
    expect(pings.map((ping) => ping.path)).toEqual(['/ping/check-1/start', '/ping/check-1']);
    expect(result.stderr).toBe(`guard: ping to ${url} failed: answered 404 Not Found`);
  });
});

describe('a monitor that is down never changes or holds up the run', () => {
  // When the command ended, as the command itself saw it, and how long guard took after it.
  async function delayAfterCommand(url: string, status: number) {
    const ended = join(box.dir, 'ended');
    const result = await guard(['run', '--ping', url, '--', 'sh', '-c', `node -e 'console.log(Date.now())' > ${ended}; exit ${status}`], {env: box.env});
    return {delay: Date.now() - Number(readFileSync(ended, 'utf8')), result};
  }

  // A bound check, not a speed test: the margin covers a loaded machine's start-up and exit.
  const bound = pingTiming.endBoundMs + 2500;

  it('keeps the status when the ping URL refuses connections, with one warning per ping', async () => {
    const {port} = await listen(createTcpServer());
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const url = `http://user:s3cret@127.0.0.1:${port}/ping/check-1`;
    const {delay, result} = await delayAfterCommand(url, 3);
    expect(result.exitCode).toBe(3);
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^guard: ping to http://\\*\\*\\*@127\\.0\\.0\\.1:${port}/ping/check-1/start failed: connect ECONNREFUSED`)),
      expect.stringMatching(new RegExp(`^guard: ping to http://\\*\\*\\*@127\\.0\\.0\\.1:${port}/ping/check-1/3 failed: connect ECONNREFUSED`)),
    ]);
    expect(result.stderr).not.toContain('s3cret');
    expect(delay).toBeLessThan(bound);
  });

  it('gives up on a server that accepts and never answers within its bound, keeping the status', async () => {
    const {port} = await listen(createTcpServer((socket) => sockets.push(socket.on('error', () => {}))));
    const {delay, result} = await delayAfterCommand(`http://127.0.0.1:${port}/ping/check-1`, 4);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(`guard: ping to http://127.0.0.1:${port}/ping/check-1/start failed: no answer within`);
    expect(result.stderr).toContain(`guard: ping to http://127.0.0.1:${port}/ping/check-1/4 failed: no answer within`);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    expect(delay).toBeLessThan(bound);
  });
});

describe('--ping is checked before anything runs', () => {
  it.each([
    ['ftp://example.com/x', "guard: --ping: 'ftp://example.com/x' is not an http or https URL"],
    ['example.com/ping', "guard: --ping: 'example.com/ping' is not a URL"],
    ['file:///etc/passwd', "guard: --ping: 'file:///etc/passwd' is not an http or https URL"],
    ['http//user:pw@host/x', "guard: --ping: 'http//***@host/x' is not a URL"],
  ])('refuses %s with a usage error', async (url, line) => {
    const marker = join(box.dir, 'ran');
    const result = await guard(['run', '--ping', url, '--', 'touch', marker], {env: box.env});
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe(line);
    expect(existsSync(marker)).toBe(false);
  });

  it('hides credentials in a URL it cannot use', async () => {
    const result = await guard(['run', '--ping', 'ftp://user:s3cret@example.com/x', '--', 'true'], {env: box.env});
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe("guard: --ping: 'ftp://***@example.com/x' is not an http or https URL");
  });
});

describe('a run without --ping', () => {
  // What the process loaded, read by a preload from Node's own list of the built-in modules
  // it has loaded (`node bin/run.js` honours NODE_OPTIONS; the shebang would not).
  async function builtinsLoaded(args: readonly string[]): Promise<string[]> {
    const list = join(box.dir, 'loaded.json');
    const preload = join(box.dir, 'preload.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList)));\n`,
    );
    const result = await guard(args, {env: {...box.env, NODE_OPTIONS: `--require ${preload}`}});
    expect(result.exitCode).toBe(0);
    return (JSON.parse(readFileSync(list, 'utf8')) as string[]).filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
  }

  it('loads no HTTP client', async () => {
    const loaded = await builtinsLoaded(['run', '--', 'true']);
    expect(loaded).toContain('fs');
    expect(loaded).not.toContain('http');
    expect(loaded).not.toContain('https');
  });

  it('does load one when --ping asks for it (the check sees it)', async () => {
    const loaded = await builtinsLoaded(['run', '--ping', 'http://127.0.0.1:9/x', '--', 'true']);
    expect(loaded).toContain('http');
  });
});
