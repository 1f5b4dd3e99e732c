/**
 * Finds the server in a fixed order, as the C# extension does: the CHECKPOINT_SERVER_PATH
 * environment variable → the `checkpoint.server.path` setting → a development build next to the
 * extension (the newest one) → the copy bundled in the .vsix.
 *
 * The server comes in two forms: the native `checkpoint` executable (Native AOT; the linux-x64
 * .vsix carries it, it needs no .NET) and the framework-dependent `checkpoint.dll` (the universal
 * .vsix; launched through `dotnet`). A path ending in `.dll` is the second, anything else the first.
 * In the bundled folder the native executable wins. Free of the vscode API: the caller passes the
 * inputs and a file-system probe.
 */
import * as path from 'node:path';

export type ServerSource = 'environment' | 'setting' | 'development' | 'bundled';

/** `native`: run the file itself; `dll`: run it with `dotnet`. */
export type ServerKind = 'native' | 'dll';

export interface ServerLocation {
  /** The native executable or the checkpoint.dll. */
  file: string;
  kind: ServerKind;
  source: ServerSource;
}

export interface ServerLocatorInputs {
  /** Process environment (CHECKPOINT_SERVER_PATH). */
  env: Readonly<Record<string, string | undefined>>;
  /** Value of the `checkpoint.server.path` setting (may be empty). */
  settingPath: string | undefined;
  /** The extension's install folder (vscode-checkpoint/ in a clone). */
  extensionPath: string;
  /** process.platform: the native executable is `checkpoint.exe` on Windows. */
  platform: NodeJS.Platform;
  /** Modification time in ms of an existing file, undefined when there is no such file. */
  fileModified: (file: string) => number | undefined;
}

export class ServerNotFoundError extends Error {
  constructor(message: string, readonly searched: string[]) {
    super(message);
    this.name = 'ServerNotFoundError';
  }
}

export function nativeServerName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'checkpoint.exe' : 'checkpoint';
}

/** How a chosen file is run: a `.dll` through dotnet, anything else as an executable. */
export function serverKind(file: string): ServerKind {
  return path.extname(file).toLowerCase() === '.dll' ? 'dll' : 'native';
}

/**
 * Development builds relative to the extension folder, as `dotnet build`/`publish` leave them: the
 * framework-dependent builds, and the native executable `dotnet publish -c Release -r linux-x64`
 * leaves in its publish folder (the build folder's `checkpoint` beside the dll is only an apphost).
 */
export function developmentCandidates(extensionPath: string): string[] {
  const bin = path.resolve(extensionPath, '..', 'server', 'Checkpoint.Server', 'bin');
  return [
    path.join(bin, 'Debug', 'net10.0', 'checkpoint.dll'),
    path.join(bin, 'Release', 'net10.0', 'checkpoint.dll'),
    path.join(bin, 'Release', 'net10.0', 'linux-x64', 'checkpoint.dll'),
    path.join(bin, 'Release', 'net10.0', 'linux-x64', 'publish', 'checkpoint'),
  ];
}

/** What a .vsix may carry, preferred first: the native executable, then the dll. */
export function bundledCandidates(extensionPath: string, platform: NodeJS.Platform): string[] {
  return [path.join(extensionPath, 'server', nativeServerName(platform)), path.join(extensionPath, 'server', 'checkpoint.dll')];
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
      const file = path.resolve(chosen);
      if (inputs.fileModified(file) === undefined) {
        const origin = source === 'environment' ? 'The environment variable CHECKPOINT_SERVER_PATH' : 'The setting checkpoint.server.path';
        throw new ServerNotFoundError(`${origin} points at ${file}, which does not exist. Fix or clear it.`, [file]);
      }
      return { file, kind: serverKind(file), source };
    }
  }

  const development = developmentCandidates(inputs.extensionPath);
  const builds = development
    .map((file) => ({ file, modified: inputs.fileModified(file) }))
    .filter((candidate): candidate is { file: string; modified: number } => candidate.modified !== undefined)
    .sort((a, b) => b.modified - a.modified);
  if (builds.length > 0) {
    return { file: builds[0].file, kind: serverKind(builds[0].file), source: 'development' };
  }

  const bundled = bundledCandidates(inputs.extensionPath, inputs.platform);
  const found = bundled.find((file) => inputs.fileModified(file) !== undefined);
  if (found) {
    return { file: found, kind: serverKind(found), source: 'bundled' };
  }
  throw new ServerNotFoundError(
    'The Checkpoint server (checkpoint or checkpoint.dll) was not found. Reinstall the extension, run `npm run build` in a clone, or set checkpoint.server.path.',
    [...development, ...bundled],
  );
}
