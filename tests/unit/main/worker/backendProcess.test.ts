// The backend process's message loop, driven through a port like Electron's parentPort.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { reply, serve } from '../../../../main/worker/backendProcess';
import type { FromBackend, ToBackend } from '../../../../main/worker/protocol';
import { removeDir, tempDir } from '../../../helpers/tempBackend';

class FakePort extends EventEmitter {
  readonly sent: FromBackend[] = [];
  postMessage(message: FromBackend) {
    this.sent.push(message);
    this.emit('sent', message);
  }
  send(data: ToBackend) {
    this.emit('message', { data });
  }
  next(kind: FromBackend['kind']): Promise<FromBackend> {
    return new Promise((resolve) => {
      const onSent = (m: FromBackend) => {
        if (m.kind !== kind) return;
        this.off('sent', onSent);
        resolve(m);
      };
      this.on('sent', onSent);
    });
  }
}

describe('backend process', () => {
  it('announces ready, answers calls by id with ApiResults, and closes the store on request', async () => {
    const dir = tempDir('worker');
    const port = new FakePort();
    const exited = new Promise<void>((resolve) => {
      void serve(port as never, dir, { user: 'li.na', exit: resolve });
    });
    expect(await port.next('ready')).toEqual({ kind: 'ready', dataDir: dir });

    port.send({
      kind: 'call',
      id: 7,
      method: 'account.create',
      input: { data: { name: '西部能源', tier: 'micro', ownerCsm: 'li.na' } },
    });
    const created = await port.next('reply');
    expect(created).toMatchObject({
      kind: 'reply',
      id: 7,
      result: { ok: true, data: { name: '西部能源', createdBy: 'li.na' } },
    });

    port.send({ kind: 'call', id: 8, method: 'account.create', input: { data: { name: '' } } });
    const refused = await port.next('reply');
    expect(refused).toMatchObject({ kind: 'reply', id: 8, result: { ok: false } });
    const errors = (refused as { result: { ok: false; errors: { path: unknown[] }[] } }).result
      .errors;
    expect(errors.map((e) => e.path.join('.'))).toEqual(
      expect.arrayContaining(['data.name', 'data.tier']),
    );

    port.send({ kind: 'close' });
    await exited;
    removeDir(dir);
  });

  it('reports a store that cannot open instead of hanging', async () => {
    const dir = tempDir('worker-bad');
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const port = new FakePort();
    await serve(port as never, path.join(file, 'data'), { exit: () => undefined });
    expect(port.sent).toEqual([
      { kind: 'fatal', message: expect.stringMatching(/ENOTDIR|not a directory/) },
    ]);
    removeDir(dir);
  });
});

describe('replies the backend cannot post', () => {
  function deep(levels: number): unknown {
    let value: unknown = 'bottom';
    for (let i = 0; i < levels; i++) value = { inner: value };
    return value;
  }

  it('posts an error reply instead of a reply too deep to clone', () => {
    const port = new FakePort();
    reply(port, 3, { ok: true, data: deep(5000) });
    expect(port.sent).toEqual([
      {
        kind: 'reply',
        id: 3,
        result: {
          ok: false,
          errors: [expect.objectContaining({ messageKey: 'error.reply.tooDeep' })],
        },
      },
    ]);
  });

  it('answers with the reason when the port cannot clone the reply', async () => {
    // A real MessageChannel: a function in a reply is a DataCloneError inside postMessage.
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<FromBackend>((resolve) => {
      port2.once('message', (message: FromBackend) => resolve(message));
    });
    reply(port1, 4, { ok: true, data: { notData: () => 1 } });
    expect(await received).toEqual({
      kind: 'reply',
      id: 4,
      result: {
        ok: false,
        errors: [
          expect.objectContaining({
            code: 'INTERNAL',
            messageKey: 'error.messageUndeliverable',
            params: { reason: expect.stringMatching(/could not be cloned/) },
          }),
        ],
      },
    });
    port1.close();
  });
});
