import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { serverCommandLine } from '../src/client/serverCommandLine';
import { bundledCandidates, developmentCandidates, locateServer, ServerNotFoundError, type ServerLocatorInputs } from '../src/client/serverLocator';

const extensionPath = path.resolve('/repo/vscode-checkpoint');
const [debugBuild, releaseBuild, , nativeBuild] = developmentCandidates(extensionPath);
const [bundledNative, bundledDll] = bundledCandidates(extensionPath, 'linux');
const envDll = path.resolve('/opt/env/checkpoint.dll');
const settingDll = path.resolve('/opt/setting/checkpoint.dll');
const settingNative = path.resolve('/opt/setting/checkpoint');

/** A file system probe over a fixed set of files and their modification times. */
function files(mtimes: Record<string, number>) {
  return (file: string) => mtimes[file];
}

function locate(inputs: Partial<ServerLocatorInputs> & Pick<ServerLocatorInputs, 'fileModified'>) {
  return locateServer({ env: {}, settingPath: '', extensionPath, platform: 'linux', ...inputs });
}

test('the environment variable wins over everything else', () => {
  const location = locate({
    env: { CHECKPOINT_SERVER_PATH: envDll },
    settingPath: settingDll,
    fileModified: files({ [envDll]: 1, [settingDll]: 1, [debugBuild]: 1, [bundledNative]: 1 }),
  });
  assert.deepEqual(location, { file: envDll, kind: 'dll', source: 'environment' });
});

test('the setting wins over the development build and the bundled server', () => {
  const location = locate({ settingPath: settingDll, fileModified: files({ [settingDll]: 1, [debugBuild]: 1, [bundledNative]: 1 }) });
  assert.deepEqual(location, { file: settingDll, kind: 'dll', source: 'setting' });
});

test('an explicit path to the native executable is run as an executable, not through dotnet', () => {
  const location = locate({ settingPath: settingNative, fileModified: files({ [settingNative]: 1 }) });
  assert.deepEqual(location, { file: settingNative, kind: 'native', source: 'setting' });
  assert.deepEqual(serverCommandLine({ server: location, root: '/w', store: '/w/s' }, ['mcp']), { command: settingNative, args: ['--root', '/w', '--store', '/w/s', 'mcp'] });
  assert.deepEqual(serverCommandLine({ server: location }, ['serve']), { command: settingNative, args: ['serve'] });
});

test('the development build next to the extension wins over the bundled server', () => {
  assert.equal(debugBuild, path.resolve('/repo/server/Checkpoint.Server/bin/Debug/net10.0/checkpoint.dll'));
  const location = locate({ fileModified: files({ [debugBuild]: 1, [bundledNative]: 5 }) });
  assert.deepEqual(location, { file: debugBuild, kind: 'dll', source: 'development' });
});

test('of several development builds the most recently built one is used, the native publish included', () => {
  assert.equal(locate({ settingPath: undefined, fileModified: files({ [debugBuild]: 100, [releaseBuild]: 200 }) }).file, releaseBuild);
  assert.equal(nativeBuild, path.resolve('/repo/server/Checkpoint.Server/bin/Release/net10.0/linux-x64/publish/checkpoint'));
  assert.deepEqual(locate({ fileModified: files({ [debugBuild]: 100, [nativeBuild]: 300 }) }), { file: nativeBuild, kind: 'native', source: 'development' });
});

test('the linux-x64 package runs its bundled native executable', () => {
  const location = locate({ settingPath: '  ', fileModified: files({ [bundledNative]: 1 }) });
  assert.deepEqual(location, { file: path.join(extensionPath, 'server', 'checkpoint'), kind: 'native', source: 'bundled' });
});

test('the universal package runs its bundled checkpoint.dll through dotnet', () => {
  const location = locate({ fileModified: files({ [bundledDll]: 1 }) });
  assert.deepEqual(location, { file: path.join(extensionPath, 'server', 'checkpoint.dll'), kind: 'dll', source: 'bundled' });
  assert.deepEqual(serverCommandLine({ server: location, dotnet: '/usr/bin/dotnet', root: '/w' }, ['mcp']), {
    command: '/usr/bin/dotnet',
    args: [path.join(extensionPath, 'server', 'checkpoint.dll'), '--root', '/w', 'mcp'],
  });
  assert.throws(() => serverCommandLine({ server: location }, ['serve']), /dotnet/);
});

test('a bundled folder holding both forms prefers the native executable', () => {
  assert.equal(locate({ fileModified: files({ [bundledDll]: 9, [bundledNative]: 1 }) }).kind, 'native');
});

test('on Windows the bundled native executable is checkpoint.exe', () => {
  const [windowsNative] = bundledCandidates(extensionPath, 'win32');
  assert.equal(path.basename(windowsNative), 'checkpoint.exe');
  const location = locate({ platform: 'win32', fileModified: files({ [windowsNative]: 1, [bundledDll]: 1 }) });
  assert.deepEqual(location, { file: windowsNative, kind: 'native', source: 'bundled' });
});

test('an explicit path that does not exist is an error naming it, not a silent fallback', () => {
  assert.throws(
    () => locate({ env: { CHECKPOINT_SERVER_PATH: envDll }, fileModified: files({ [bundledNative]: 1 }) }),
    (error: unknown) => error instanceof ServerNotFoundError && error.message.includes('CHECKPOINT_SERVER_PATH') && error.message.includes(envDll),
  );
  assert.throws(() => locate({ settingPath: settingDll, fileModified: files({ [bundledNative]: 1 }) }), /checkpoint\.server\.path/);
});

test('no server anywhere lists every place searched', () => {
  assert.throws(
    () => locate({ fileModified: files({}) }),
    (error: unknown) => error instanceof ServerNotFoundError
      && error.searched.includes(bundledNative) && error.searched.includes(bundledDll) && error.searched.includes(debugBuild),
  );
});
