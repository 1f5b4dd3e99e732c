// Starting and stopping code-server as its own process group, and proving nothing outlives it.
// code-server forks children (file watcher, extension host, agent host, our language server) that
// survive the main process, so the whole group is signalled, then checked.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { createServer } from 'node:net';
import { waitFor } from './wait.mjs';

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * PATH without `command`: each folder that has it is replaced by a folder under `scratch` of links
 * to everything else in it (on Debian `dotnet` sits in /usr/bin beside what the editor needs).
 */
export function pathWithout(command, value, scratch) {
  const folders = value.split(':').filter(Boolean).map((folder, index) => {
    if (!existsSync(path.join(folder, command))) return folder;
    const shadow = path.join(scratch, String(index));
    mkdirSync(shadow, { recursive: true });
    for (const name of readdirSync(folder)) {
      if (name !== command) symlinkSync(path.join(folder, name), path.join(shadow, name));
    }
    return shadow;
  });
  const left = folders.filter((folder) => existsSync(path.join(folder, command)));
  if (left.length > 0) throw new Error(`${command} is still on PATH in ${left.join(', ')}`);
  return folders.join(':');
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/** Processes (pid, pgid, command line) currently alive, read from /proc. */
export function livingProcesses() {
  const processes = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      processes.push({ pid: Number(entry), pgid: Number(fields[2]), cmdline });
    } catch {
      // The process ended while we looked: it is not alive.
    }
  }
  return processes;
}

/** Starts code-server in a new process group (setsid) and waits until it answers HTTP. */
export async function startCodeServer({ node, entry, port, userDataDir, extensionsDir, workspace, logFile, env }) {
  const log = openSync(logFile, 'a');
  const child = spawn(
    node,
    [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, workspace],
    { detached: true, stdio: ['ignore', log, log], env },
  );
  const group = child.pid;
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(`code-server to answer on port ${port}`, 90_000, async () => {
    if (exited) throw Object.assign(new Error(`code-server exited during start; see ${logFile}`), { fatal: true });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return response.ok;
    } catch {
      return false;
    }
  });
  return { group, url: `http://127.0.0.1:${port}` };
}

/** SIGTERM to the group, SIGKILL after a grace period; returns what was still alive, if anything. */
export async function stopProcessGroup(group, marker) {
  const members = () => livingProcesses().filter((p) => p.pgid === group || (marker && p.cmdline.includes(marker)));
  const signal = (name) => {
    try {
      process.kill(-group, name);
    } catch {
      // The group is already gone.
    }
    for (const p of members()) {
      try {
        process.kill(p.pid, name);
      } catch {
        // Gone between listing and signalling.
      }
    }
  };
  signal('SIGTERM');
  try {
    await waitFor('code-server processes to end', 10_000, () => members().length === 0);
  } catch {
    signal('SIGKILL');
    await waitFor('code-server processes to be killed', 10_000, () => members().length === 0).catch(() => undefined);
  }
  return members();
}
