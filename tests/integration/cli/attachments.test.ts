// `csm attach`, `csm attachments`, `csm attachment-save` on a real data folder: the file saved
// back is the file attached, a SOW deliverable's signed scan, and the limits as exit code 2.
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../main/cli/csm';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/rules/attachments';
import { onePagePdf, pngSquare } from '../../helpers/files';
import { removeDir, tempDir } from '../../helpers/tempBackend';

let dir: string;
let files: string;

async function csm(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dir, '--user', 'zhang.wei'], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function first(type: string): Promise<Record<string, unknown>> {
  const page = JSON.parse((await csm('list', type, '--limit', '1', '--json')).out);
  return page.items[0];
}

beforeAll(async () => {
  dir = tempDir('csm-attach');
  files = tempDir('csm-attach-files');
  expect((await csm('demo', '--accounts', '3', '--seed', '5', '--json')).code).toBe(0);
});
afterAll(() => {
  removeDir(dir);
  removeDir(files);
});

describe('csm attach / attachments / attachment-save', () => {
  it('attaches, lists and saves back the same bytes', async () => {
    const visit = await first('visit');
    const png = path.join(files, 'whiteboard.png');
    fs.writeFileSync(png, new Uint8Array(pngSquare(32)));
    const attached = await csm('attach', String(visit._id), png);
    expect(attached).toMatchObject({ code: 0 });
    expect(attached.out).toMatch(/^attached whiteboard\.png \(\d+ (KB|B)\) as attachment:/);

    const listed = await csm('attachments', String(visit._id));
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('whiteboard.png  image/png');
    expect(listed.out).toMatch(/added by \S+/);
    expect(listed.out).toContain('1 files');
    const json = JSON.parse((await csm('attachments', String(visit._id), '--json')).out);
    expect(json.items[0]).toMatchObject({ name: 'whiteboard.png', addedBy: 'zhang.wei' });

    const out = path.join(files, 'saved.png');
    const saved = await csm('attachment-save', String(visit._id), 'whiteboard.png', out);
    expect(saved.code).toBe(0);
    expect(fs.readFileSync(out).equals(fs.readFileSync(png))).toBe(true);
    const byId = path.join(files, 'by-id.png');
    expect((await csm('attachment-save', json.items[0].id, byId)).code).toBe(0);
    expect(fs.readFileSync(byId).equals(fs.readFileSync(png))).toBe(true);

    const missing = await csm('attachment-save', String(visit._id), 'nope.png', out);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('has no attachment named nope.png (it has: whiteboard.png)');
  });

  it("files a signed scan under a SOW's deliverable", async () => {
    const sow = await first('sow');
    const key = (sow.deliverables as { key: string }[])[0].key;
    const pdf = path.join(files, 'signed.pdf');
    fs.writeFileSync(pdf, new Uint8Array(onePagePdf()));
    const attached = await csm('attach', String(sow._id), pdf, '--deliverable', key, '--json');
    expect(attached.code).toBe(0);
    expect(JSON.parse(attached.out)).toMatchObject({
      name: 'signed.pdf',
      contentType: 'application/pdf',
      deliverableKey: key,
    });
    const wrong = await csm('attach', String(sow._id), pdf, '--deliverable', 'nokey');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toBe(
      'error: VALIDATION at deliverableKey: no deliverable nokey on ' + String(sow._id),
    );
  });

  it('carries the files through a backup and its restore', async () => {
    const visit = await first('visit');
    const backup = path.join(files, 'backup.json');
    expect((await csm('export', backup)).code).toBe(0);
    const restored = tempDir('csm-attach-restored');
    try {
      const code = await runCli(['import', backup, '--data-dir', restored], {
        out: () => undefined,
        err: () => undefined,
      });
      expect(code).toBe(0);
      const out = path.join(files, 'restored.png');
      const saved = await runCli(
        ['attachment-save', String(visit._id), 'whiteboard.png', out, '--data-dir', restored],
        { out: () => undefined, err: () => undefined },
      );
      expect(saved).toBe(0);
      expect(fs.readFileSync(out).equals(fs.readFileSync(path.join(files, 'whiteboard.png')))).toBe(
        true,
      );
    } finally {
      removeDir(restored);
    }
  });

  it('refuses what is over the limit, of a type not allowed, or a file that is not there', async () => {
    const visit = await first('visit');
    const big = path.join(files, 'big.jpg');
    fs.writeFileSync(big, new Uint8Array(MAX_ATTACHMENT_BYTES + 1));
    const tooBig = await csm('attach', String(visit._id), big);
    expect(tooBig.code).toBe(2);
    expect(tooBig.err).toMatch(/^error: VALIDATION at dataBase64: \d+ bytes is over the limit/);
    const exe = path.join(files, 'tool.exe');
    fs.writeFileSync(exe, 'MZ');
    const badType = await csm('attach', String(visit._id), exe);
    expect(badType.code).toBe(2);
    expect(badType.err).toContain('VALIDATION at name: .exe is not an allowed attachment type');
    const none = await csm('attach', String(visit._id), path.join(files, 'absent.png'));
    expect(none.code).toBe(2);
    expect(none.err).toContain('ENOENT');
  });
});
