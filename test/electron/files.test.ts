import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { documentsFromArgv } from '../../electron/fileArgs.js';
import { createFileService, looksLikeDocument, type DialogApi } from '../../electron/fileService.js';
import { nodeFileSystem } from '../../electron/fileSystem.js';
import { createRecentFiles } from '../../electron/recentFiles.js';
import { useTempDir } from './tempDir.js';

const tempDir = useTempDir();
const DOC = JSON.stringify({ format: 'backpressure.topology', version: 1, name: 'Shop', nodes: [], edges: [] });

describe('documentsFromArgv', () => {
  it('finds .bp.json files in a packaged launch, resolved against the working directory', () => {
    expect(
      documentsFromArgv(['/opt/Backpressure/backpressure', 'shop.bp.json', '/abs/Other.BP.JSON'], '/home/ada', false),
    ).toEqual(['/home/ada/shop.bp.json', '/abs/Other.BP.JSON']);
  });

  it('skips the app path of a development launch, switches and other files', () => {
    expect(
      documentsFromArgv(
        ['/usr/bin/electron', '.', '--no-sandbox', '--inspect=9229', 'package.json', 'notes.txt', 'a.bp.json'],
        '/repo',
        true,
      ),
    ).toEqual(['/repo/a.bp.json']);
    expect(documentsFromArgv(['/usr/bin/electron', 'dist/electron/main.js'], '/repo', true)).toEqual([]);
  });

  it('accepts file:// URLs (Linux desktop entries pass %U) and drops duplicates', () => {
    const url = pathToFileURL('/home/ada/My Topologies/shop.bp.json').href;
    expect(documentsFromArgv(['app', url, '/home/ada/My Topologies/shop.bp.json'], '/', false)).toEqual([
      '/home/ada/My Topologies/shop.bp.json',
    ]);
    expect(documentsFromArgv(['app', 'file://remote-host/a.bp.json'], '/', false)).toEqual([]);
  });
});

function service(dialog: Partial<DialogApi> = {}) {
  const dir = tempDir();
  const system = { addRecentDocument: vi.fn(), clearRecentDocuments: vi.fn() };
  const recent = createRecentFiles({ fs: nodeFileSystem, file: path.join(dir, 'data', 'recent.json'), os: system });
  const dialogs: DialogApi = {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true })),
    ...dialog,
  };
  const files = createFileService({
    fs: nodeFileSystem,
    dialog: dialogs,
    recent,
    documentsDir: dir,
    platform: 'linux',
  });
  return { dir, files, recent, dialogs, system };
}

describe('file service', () => {
  it('opens through the dialog, then saves back to that file atomically and lists it as recent', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'shop.bp.json');
    fs.writeFileSync(file, DOC);
    const { files, recent, system } = service({
      showOpenDialog: async () => ({ canceled: false, filePaths: [file] }),
    });
    expect(await files.open()).toEqual({ path: file, name: 'shop.bp.json', text: DOC });
    expect(await files.save(file, '{"changed":true}')).toEqual({ path: file, name: 'shop.bp.json' });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"changed":true}');
    expect((await recent.list())[0]).toEqual({ path: file, name: 'shop.bp.json' });
    expect(system.addRecentDocument).toHaveBeenCalledWith(file);
  });

  it('answers null when a dialog is cancelled', async () => {
    const { files } = service();
    expect(await files.open()).toBeNull();
    expect(await files.saveAs('a.bp.json', DOC)).toBeNull();
    expect(
      await files.exportSave('a.png', new Uint8Array([1]), [{ name: 'PNG image', extensions: ['png'] }]),
    ).toBeNull();
  });

  it('refuses to save to a file the user never chose', async () => {
    const { files, dir } = service();
    const victim = path.join(dir, '.bashrc');
    fs.writeFileSync(victim, 'export PATH');
    await expect(files.save(victim, 'rm -rf ~')).rejects.toThrow(/choose where to save it with Save as/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('export PATH');
  });

  it('Save as writes where the user chose, adds the extension Linux choosers leave out, and allows Save there', async () => {
    const { files, dir } = service({
      showSaveDialog: async () => ({ canceled: false, filePath: path.join(tempDir(), 'shop') }),
    });
    const saved = await files.saveAs('shop.bp.json', DOC);
    expect(saved?.name).toBe('shop.bp.json');
    expect(fs.readFileSync(saved!.path, 'utf8')).toBe(DOC);
    await files.save(saved!.path, '{}');
    expect(fs.readFileSync(saved!.path, 'utf8')).toBe('{}');
    void dir;
  });

  it('exports bytes through a native save dialog with the filters asked for', async () => {
    const target = path.join(tempDir(), 'diagram');
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: target }));
    const { files } = service({ showSaveDialog });
    const png = new Uint8Array([137, 80, 78, 71]);
    const saved = await files.exportSave('diagram.png', png, [{ name: 'PNG image', extensions: ['png'] }]);
    expect(saved).toEqual({ path: `${target}.png`, name: 'diagram.png' });
    expect([...fs.readFileSync(`${target}.png`)]).toEqual([137, 80, 78, 71]);
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ filters: [{ name: 'PNG image', extensions: ['png'] }] }),
    );
    // An export is not a document: Save cannot write there later.
    expect(files.isGranted(`${target}.png`)).toBe(false);
  });

  it('opens a recent or dropped file by path only when it is a Backpressure document', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'shop.bp.json');
    const secret = path.join(dir, 'credentials.json');
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(good, DOC);
    fs.writeFileSync(secret, '{"token":"s3cr3t"}');
    fs.writeFileSync(text, 'hello');
    const { files, recent } = service();
    expect((await files.openPath(good)).text).toBe(DOC);
    expect(files.isGranted(good)).toBe(true);
    await expect(files.openPath(secret)).rejects.toThrow('it is not a Backpressure document');
    expect(files.isGranted(secret)).toBe(false);
    await expect(files.openPath(text)).rejects.toThrow('not a .bp.json file');
    await expect(files.openPath(path.join(dir, 'gone.bp.json'))).rejects.toThrow(
      'Cannot open “gone.bp.json”: the file or its folder does not exist',
    );
    expect((await recent.list()).map((f) => f.name)).toEqual(['shop.bp.json']);
  });

  it('says why a save failed, in words', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'missing-folder', 'a.bp.json');
    const { files } = service();
    files.grant(file);
    await expect(files.save(file, '{}')).rejects.toThrow(
      'Cannot save “a.bp.json”: the file or its folder does not exist',
    );
  });

  it('recognises documents by their format', () => {
    expect(looksLikeDocument(DOC)).toBe(true);
    expect(looksLikeDocument(`\ufeff${DOC}`)).toBe(true);
    expect(looksLikeDocument('{"format":"other"}')).toBe(false);
    expect(looksLikeDocument('null')).toBe(false);
    expect(looksLikeDocument('{')).toBe(false);
  });
});
