/**
 * Finds the server (`checkpoint.dll`) in a fixed order, as the C# extension does:
 * the CHECKPOINT_SERVER_PATH environment variable → the `checkpoint.server.path` setting →
 * a development build next to the extension (the newest of Debug/Release) → the copy bundled in
 * the .vsix. Free of the vscode API: the caller passes the inputs and a file-system probe.
 */
import * as path from 'node:path';

export type ServerSource = 'environment' | 'setting' | 'development' | 'bundled';

export interface ServerLocation {
  dll: string;
  source: ServerSource;
}

export interface ServerLocatorInputs {
  /** Process environment (CHECKPOINT_SERVER_PATH). */
  env: Readonly<Record<string, string | undefined>>;
  /** Value of the `checkpoint.server.path` setting (may be empty). */
  settingPath: string | undefined;
  /** The extension's install folder (vscode-checkpoint/ in a clone). */
  extensionPath: string;
  /** Modification time in ms of an existing file, undefined when there is no such file. */
  fileModified: (file: string) => number | undefined;
}

export class ServerNotFoundError extends Error {
  constructor(message: string, readonly searched: string[]) {
    super(message);
    this.name = 'ServerNotFoundError';
  }
}

/** Development builds relative to the extension folder, as `dotnet build`/`publish` leave them. */
export function developmentCandidates(extensionPath: string): string[] {
  const bin = path.resolve(extensionPath, '..', 'server', 'Checkpoint.Server', 'bin');
  return [
    path.join(bin, 'Debug', 'net10.0', 'checkpoint.dll'),
    path.join(bin, 'Release', 'net10.0', 'checkpoint.dll'),
    path.join(bin, 'Release', 'net10.0', 'linux-x64', 'checkpoint.dll'),
  ];
}

export function bundledServer(extensionPath: string): string {
  return path.join(extensionPath, 'server', 'checkpoint.dll');
}

/**
 * The server to launch. An explicit choice (environment or setting) that points at nothing is an
 * error, not a reason to fall back silently: the user asked for that file.
 */
export function locateServer(inputs: ServerLocatorInputs): ServerLocation {
  const explicit: [ServerSource, string | undefined][] = [
    ['environment', inputs.env.CHECKPOINT_SERVER_PATH],
    ['setting', inputs.settingPath],
  ];
  for (const [source, value] of explicit) {
    const chosen = value?.trim();
    if (chosen) {
      const dll = path.resolve(chosen);
      if (inputs.fileModified(dll) === undefined) {
        const origin = source === 'environment' ? 'The environment variable CHECKPOINT_SERVER_PATH' : 'The setting checkpoint.server.path';
        throw new ServerNotFoundError(`${origin} points at ${dll}, which does not exist. Fix or clear it.`, [dll]);
      }
      return { dll, source };
    }
  }

  const builds = developmentCandidates(inputs.extensionPath)
    .map((dll) => ({ dll, modified: inputs.fileModified(dll) }))
    .filter((candidate): candidate is { dll: string; modified: number } => candidate.modified !== undefined)
    .sort((a, b) => b.modified - a.modified);
  if (builds.length > 0) {
    return { dll: builds[0].dll, source: 'development' };
  }

  const bundled = bundledServer(inputs.extensionPath);
  if (inputs.fileModified(bundled) !== undefined) {
    return { dll: bundled, source: 'bundled' };
  }
  const searched = [...developmentCandidates(inputs.extensionPath), bundled];
  throw new ServerNotFoundError(
    'The Checkpoint server (checkpoint.dll) was not found. Reinstall the extension, run `npm run build` in a clone, or set checkpoint.server.path.',
    searched,
  );
}
