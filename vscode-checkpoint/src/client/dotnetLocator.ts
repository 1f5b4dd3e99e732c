/**
 * Finds a `dotnet` host that has the .NET 10 runtime, in order: the `checkpoint.dotnet.path`
 * setting → DOTNET_ROOT → PATH → the .NET Install Tool extension (`dotnet.acquire`), which can
 * download a private runtime. The first candidate with .NET 10 wins; when none has it the error
 * says what was tried and what to do. Free of the vscode API: the caller injects the probes.
 */
import * as path from 'node:path';
import { hasRequiredRuntime, missingRuntimeMessage, parseRuntimeList, requiredRuntimeMajor } from './dotnetRuntimes';

export type DotnetSource = 'setting' | 'DOTNET_ROOT' | 'PATH' | 'acquired';

export interface DotnetLocation {
  dotnet: string;
  source: DotnetSource;
}

export interface DotnetLocatorInputs {
  settingPath: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  isFile: (file: string) => boolean;
  /** Output of `<dotnet> --list-runtimes`, undefined when it cannot be run. */
  listRuntimes: (dotnet: string) => Promise<string | undefined>;
  /** Asks the .NET Install Tool for a runtime; undefined when that extension is not installed or fails. */
  acquire?: () => Promise<string | undefined>;
}

export class DotnetNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DotnetNotFoundError';
  }
}

function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'dotnet.exe' : 'dotnet';
}

/** The candidates that exist on disk, in precedence order, without running any of them. */
export function dotnetCandidates(inputs: DotnetLocatorInputs): DotnetLocation[] {
  const exe = executableName(inputs.platform);
  const candidates: DotnetLocation[] = [];
  const setting = inputs.settingPath?.trim();
  if (setting) {
    candidates.push({ dotnet: path.resolve(setting), source: 'setting' });
  }
  const root = inputs.env.DOTNET_ROOT?.trim();
  if (root) {
    candidates.push({ dotnet: path.join(root, exe), source: 'DOTNET_ROOT' });
  }
  const separator = inputs.platform === 'win32' ? ';' : ':';
  for (const dir of (inputs.env.PATH ?? inputs.env.Path ?? '').split(separator)) {
    if (dir.trim()) {
      candidates.push({ dotnet: path.join(dir.trim(), exe), source: 'PATH' });
    }
  }
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (seen.has(candidate.dotnet) || !inputs.isFile(candidate.dotnet)) {
      return false;
    }
    seen.add(candidate.dotnet);
    return true;
  });
}

export async function locateDotnet(inputs: DotnetLocatorInputs): Promise<DotnetLocation> {
  const problems: string[] = [];
  const setting = inputs.settingPath?.trim();
  if (setting && !inputs.isFile(path.resolve(setting))) {
    problems.push(`checkpoint.dotnet.path points at ${path.resolve(setting)}, which does not exist.`);
  }
  for (const candidate of dotnetCandidates(inputs)) {
    const output = await inputs.listRuntimes(candidate.dotnet);
    if (output === undefined) {
      problems.push(`${candidate.dotnet} could not be run.`);
      continue;
    }
    const runtimes = parseRuntimeList(output);
    if (hasRequiredRuntime(runtimes)) {
      return candidate;
    }
    problems.push(missingRuntimeMessage(candidate.dotnet, runtimes));
  }
  if (inputs.acquire) {
    const acquired = await inputs.acquire();
    if (acquired) {
      return { dotnet: acquired, source: 'acquired' };
    }
  }
  const tried = problems.length > 0 ? ` ${problems.join(' ')}` : ' No dotnet was found in checkpoint.dotnet.path, DOTNET_ROOT or PATH.';
  throw new DotnetNotFoundError(
    `Checkpoint needs the .NET ${requiredRuntimeMajor} runtime to run its server.${tried} ` +
    `Install .NET ${requiredRuntimeMajor} (https://dotnet.microsoft.com/download/dotnet/${requiredRuntimeMajor}.0) or the ".NET Install Tool" extension, ` +
    'or set checkpoint.dotnet.path, then run "Developer: Reload Window".',
  );
}
