/**
 * Reads `dotnet --list-runtimes` to tell whether a .NET 10 runtime is installed. The server is
 * framework-dependent (net10.0), so a dotnet host without Microsoft.NETCore.App 10.x cannot run
 * it, and the user deserves to hear that before a cryptic host error.
 */

export interface InstalledRuntime {
  name: string;
  version: string;
  major: number;
  location: string;
}

/** Parses lines like "Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]". */
export function parseRuntimeList(output: string): InstalledRuntime[] {
  const runtimes: InstalledRuntime[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^\s*(\S+)\s+((\d+)\.\d+\.\d+\S*)\s+\[(.*)\]\s*$/.exec(line);
    if (match) {
      runtimes.push({ name: match[1], version: match[2], major: Number(match[3]), location: match[4] });
    }
  }
  return runtimes;
}

export const requiredRuntimeMajor = 10;

/** True when the list holds a Microsoft.NETCore.App of the required major version (roll-forward within 10.x). */
export function hasRequiredRuntime(runtimes: readonly InstalledRuntime[]): boolean {
  return runtimes.some((runtime) => runtime.name === 'Microsoft.NETCore.App' && runtime.major === requiredRuntimeMajor);
}

/** The message shown when dotnet exists but lacks .NET 10, listing what it does have. */
export function missingRuntimeMessage(dotnet: string, runtimes: readonly InstalledRuntime[]): string {
  const found = runtimes.filter((runtime) => runtime.name === 'Microsoft.NETCore.App').map((runtime) => runtime.version);
  const has = found.length > 0 ? `it has only ${found.join(', ')}` : 'it lists no Microsoft.NETCore.App runtime';
  return `Checkpoint needs the .NET ${requiredRuntimeMajor} runtime, but ${dotnet} ${has}. ` +
    `Install .NET ${requiredRuntimeMajor} from https://dotnet.microsoft.com/download/dotnet/${requiredRuntimeMajor}.0 ` +
    `(or the ".NET Install Tool" extension), or point checkpoint.dotnet.path at a dotnet that has it.`;
}
