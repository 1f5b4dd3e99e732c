import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { DotnetNotFoundError, locateDotnet } from '../src/client/dotnetLocator';
import { hasRequiredRuntime, missingRuntimeMessage, parseRuntimeList } from '../src/client/dotnetRuntimes';

const net10 = [
  'Microsoft.AspNetCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]',
  'Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]',
].join('\n');
const net8Only = 'Microsoft.NETCore.App 8.0.11 [C:\\Program Files\\dotnet\\shared\\Microsoft.NETCore.App]\r\n';

test('runtime lines are parsed with name, version, major version and location', () => {
  assert.deepEqual(parseRuntimeList(net10)[1], {
    name: 'Microsoft.NETCore.App',
    version: '10.0.12',
    major: 10,
    location: '/usr/share/dotnet/shared/Microsoft.NETCore.App',
  });
});

test('preview versions and Windows paths parse too; noise lines are skipped', () => {
  const runtimes = parseRuntimeList('Welcome!\nMicrosoft.NETCore.App 10.0.0-rc.2.25502.107 [C:\\dotnet\\shared]\n\n');
  assert.equal(runtimes.length, 1);
  assert.equal(runtimes[0].major, 10);
  assert.equal(runtimes[0].location, 'C:\\dotnet\\shared');
});

test('.NET 10 is required: ASP.NET alone or another major version does not count', () => {
  assert.equal(hasRequiredRuntime(parseRuntimeList(net10)), true);
  assert.equal(hasRequiredRuntime(parseRuntimeList(net8Only)), false);
  assert.equal(hasRequiredRuntime(parseRuntimeList('Microsoft.AspNetCore.App 10.0.1 [/x]')), false);
  assert.equal(hasRequiredRuntime(parseRuntimeList('Microsoft.NETCore.App 11.0.0 [/x]')), false);
});

test('the missing-runtime message names what was found and where to get .NET 10', () => {
  const message = missingRuntimeMessage('/usr/bin/dotnet', parseRuntimeList(net8Only));
  assert.match(message, /8\.0\.11/);
  assert.match(message, /dotnet\.microsoft\.com\/download\/dotnet\/10\.0/);
  assert.match(message, /checkpoint\.dotnet\.path/);
});

const settingDotnet = path.resolve('/custom/dotnet');
const rootDotnet = path.join(path.resolve('/root-dotnet'), 'dotnet');
const pathDotnet = path.join(path.resolve('/usr/bin'), 'dotnet');

function inputs(existing: Record<string, string>, acquire?: () => Promise<string | undefined>) {
  return {
    settingPath: settingDotnet,
    env: { DOTNET_ROOT: path.resolve('/root-dotnet'), PATH: [path.resolve('/nothing'), path.resolve('/usr/bin')].join(':') },
    platform: 'linux' as const,
    isFile: (file: string) => file in existing,
    listRuntimes: async (file: string) => existing[file],
    ...(acquire ? { acquire } : {}),
  };
}

test('dotnet is looked for in the setting, then DOTNET_ROOT, then PATH', async () => {
  assert.deepEqual(await locateDotnet(inputs({ [settingDotnet]: net10, [rootDotnet]: net10, [pathDotnet]: net10 })), { dotnet: settingDotnet, source: 'setting' });
  assert.deepEqual(await locateDotnet(inputs({ [rootDotnet]: net10, [pathDotnet]: net10 })), { dotnet: rootDotnet, source: 'DOTNET_ROOT' });
  assert.deepEqual(await locateDotnet(inputs({ [pathDotnet]: net10 })), { dotnet: pathDotnet, source: 'PATH' });
});

test('a dotnet without .NET 10 is skipped for the next candidate', async () => {
  assert.deepEqual(await locateDotnet(inputs({ [rootDotnet]: net8Only, [pathDotnet]: net10 })), { dotnet: pathDotnet, source: 'PATH' });
});

test('the .NET Install Tool is asked only when no local dotnet has .NET 10', async () => {
  let asked = 0;
  const acquire = async () => {
    asked++;
    return '/acquired/dotnet';
  };
  assert.equal((await locateDotnet(inputs({ [pathDotnet]: net10 }, acquire))).source, 'PATH');
  assert.equal(asked, 0);
  assert.deepEqual(await locateDotnet(inputs({ [pathDotnet]: net8Only }, acquire)), { dotnet: '/acquired/dotnet', source: 'acquired' });
  assert.equal(asked, 1);
});

test('no usable dotnet is an actionable error that says what was wrong', async () => {
  await assert.rejects(locateDotnet(inputs({ [pathDotnet]: net8Only })), (error: unknown) =>
    error instanceof DotnetNotFoundError && /\.NET 10/.test(error.message) && /8\.0\.11/.test(error.message) && /Reload Window/.test(error.message));
  await assert.rejects(locateDotnet({ ...inputs({}), settingPath: '' }), /No dotnet was found/);
});
