import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { bundledServer, developmentCandidates, locateServer, ServerNotFoundError } from '../src/client/serverLocator';

const extensionPath = path.resolve('/repo/vscode-checkpoint');
const [debugBuild, releaseBuild] = developmentCandidates(extensionPath);
const bundled = bundledServer(extensionPath);
const envDll = path.resolve('/opt/env/checkpoint.dll');
const settingDll = path.resolve('/opt/setting/checkpoint.dll');

/** A file system probe over a fixed set of files and their modification times. */
function files(mtimes: Record<string, number>) {
  return (file: string) => mtimes[file];
}

test('the environment variable wins over everything else', () => {
  const location = locateServer({
    env: { CHECKPOINT_SERVER_PATH: envDll },
    settingPath: settingDll,
    extensionPath,
    fileModified: files({ [envDll]: 1, [settingDll]: 1, [debugBuild]: 1, [bundled]: 1 }),
  });
  assert.deepEqual(location, { dll: envDll, source: 'environment' });
});

test('the setting wins over the development build and the bundled server', () => {
  const location = locateServer({
    env: {},
    settingPath: settingDll,
    extensionPath,
    fileModified: files({ [settingDll]: 1, [debugBuild]: 1, [bundled]: 1 }),
  });
  assert.deepEqual(location, { dll: settingDll, source: 'setting' });
});

test('the development build next to the extension wins over the bundled server', () => {
  assert.equal(debugBuild, path.resolve('/repo/server/Checkpoint.Server/bin/Debug/net10.0/checkpoint.dll'));
  const location = locateServer({ env: {}, settingPath: '', extensionPath, fileModified: files({ [debugBuild]: 1, [bundled]: 5 }) });
  assert.deepEqual(location, { dll: debugBuild, source: 'development' });
});

test('of several development builds the most recently built one is used', () => {
  const location = locateServer({ env: {}, settingPath: undefined, extensionPath, fileModified: files({ [debugBuild]: 100, [releaseBuild]: 200 }) });
  assert.equal(location.dll, releaseBuild);
});

test('an installed extension uses the server bundled in it', () => {
  const location = locateServer({ env: {}, settingPath: '  ', extensionPath, fileModified: files({ [bundled]: 1 }) });
  assert.deepEqual(location, { dll: path.join(extensionPath, 'server', 'checkpoint.dll'), source: 'bundled' });
});

test('an explicit path that does not exist is an error naming it, not a silent fallback', () => {
  assert.throws(
    () => locateServer({ env: { CHECKPOINT_SERVER_PATH: envDll }, settingPath: '', extensionPath, fileModified: files({ [bundled]: 1 }) }),
    (error: unknown) => error instanceof ServerNotFoundError && error.message.includes('CHECKPOINT_SERVER_PATH') && error.message.includes(envDll),
  );
  assert.throws(
    () => locateServer({ env: {}, settingPath: settingDll, extensionPath, fileModified: files({ [bundled]: 1 }) }),
    /checkpoint\.server\.path/,
  );
});

test('no server anywhere lists every place searched', () => {
  assert.throws(
    () => locateServer({ env: {}, settingPath: '', extensionPath, fileModified: files({}) }),
    (error: unknown) => error instanceof ServerNotFoundError && error.searched.includes(bundled) && error.searched.includes(debugBuild),
  );
});
