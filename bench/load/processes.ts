// The pieces a load run starts: FaceClock server processes (`faceclock serve`), a reverse proxy in front of
// several of them (Debian's nginx when installed, else a small Node proxy), and CPU accounting per process
// from /proc so the report can say how the two cores were shared.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Instance {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  // BENCH_CPU_PROF=DIR writes a CPU profile of each server to DIR when it stops (for finding hot spots).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, path.join(repoRoot, 'bin/faceclock.js'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    // BENCH_SERVER_LOG=FILE keeps the servers' log (warnings and errors) in FILE.
    stdio: [
      'ignore',
      process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore',
      'pipe',
    ],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 120_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    // After the start, the server's warnings and errors go to the benchmark's error output.
    child.stderr!.on('data', (chunk: Buffer) => {
      if (/running at/.test(output)) process.stderr.write(`[server ${child.pid}] ${chunk}`);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ReverseProxy {
  url: string;
  kind: 'nginx' | 'node';
  /** Processes of the proxy, for the CPU split (the Node proxy runs inside this process). */
  pids(): number[];
  stop(): Promise<void>;
}

const NGINX = '/usr/sbin/nginx';

/** nginx in front of the instances (least connections, keep-alive to the upstreams, no buffering of SSE). */
async function startNginx(upstreams: string[]): Promise<ReverseProxy> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faceclock-nginx-'));
  // nginx's workers drop to an unprivileged user: they must reach the temp folders.
  fs.chmodSync(dir, 0o755);
  const servers = upstreams.map((u) => `    server ${new URL(u).host};`).join('\n');
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 8m;
  # A face punch (a 480 px crop) is about 60 kB: keep bodies in memory, not in temp files.
  client_body_buffer_size 1m;
  upstream faceclock {
    least_conn;
${servers}
    keepalive 256;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://faceclock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_buffering off;
      proxy_read_timeout 120s;
    }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    // BENCH_SERVER_LOG=FILE keeps the servers' log (warnings and errors) in FILE.
    stdio: [
      'ignore',
      process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore',
      'pipe',
    ],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${err}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (i > 100) throw new Error(`nginx did not answer: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    kind: 'nginx',
    pids: () => {
      const pids = [child.pid!];
      for (const p of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(p)) continue;
        try {
          const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
          if (stat.includes('(nginx)') && stat.split(') ')[1]?.split(' ')[1] === String(child.pid)) {
            pids.push(Number(p));
          }
        } catch {
          // gone
        }
      }
      return pids;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGQUIT');
      }),
  };
}

/** A round-robin proxy in Node with keep-alive upstream connections, when nginx is not installed. */
async function startNodeProxy(upstreams: string[]): Promise<ReverseProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(upstreams[next++ % upstreams.length]);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
        agent,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    kind: 'node',
    pids: () => [],
    stop: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startProxy(upstreams: string[]): Promise<ReverseProxy> {
  if (fs.existsSync(NGINX) && spawnSync(NGINX, ['-v']).status === 0) return startNginx(upstreams);
  return startNodeProxy(upstreams);
}

const TICKS = 100; // USER_HZ on Linux

function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds used so far by a process (user + system), 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : 0;
}

/**
 * CPU seconds used so far by PostgreSQL: its live processes, plus what its ended backends used (counted in the
 * postmaster's children times), so a connection closing during a run does not make the figure drop.
 */
export function postgresSeconds(): number {
  let total = 0;
  const pids = new Set<number>();
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim().startsWith('postgres')) pids.add(Number(p));
    } catch {
      // gone
    }
  }
  for (const pid of pids) {
    const f = statFields(pid);
    if (!f) continue;
    total += (Number(f[11]) + Number(f[12])) / TICKS;
    // The postmaster: its parent is not a PostgreSQL process.
    if (!pids.has(Number(f[1]))) total += (Number(f[13]) + Number(f[14])) / TICKS;
  }
  return total;
}

/** Busy CPU seconds of the whole machine so far (every process, ours and everyone else's). */
export function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return (v.reduce((a, b) => a + b, 0) - idle) / TICKS;
}

/** Resident memory of a process in MB (0 when it is gone). */
export function residentMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}
