// A writer for the fault suite, run as its own process so a test can kill it with SIGKILL: it
// opens the store in a data folder and creates accounts, four at a time (so writes share
// syncs), printing `ack <id>` the moment each create is acknowledged, until it is killed or
// an error stops it (`error <message>` and exit 1). argv: dataDir, label, and optionally a
// count: then it makes that many writes one after the other, prints `done` and exits.
import { Backend } from '../../main/backend';
import { validAccount } from '../fixtures/entities';

async function main(): Promise<void> {
  const [dataDir, label = 'w', count] = process.argv.slice(2);
  const backend = await Backend.open({ dataDir, user: 'fault.writer' });
  process.stdout.write('ready\n');
  if (count) {
    for (let i = 0; i < Number(count); i++) {
      const doc = await backend.call('account.create', {
        data: { ...validAccount, name: `${label}-${i}` } as never,
      });
      process.stdout.write(`ack ${doc._id}\n`);
    }
    await backend.close();
    process.stdout.write('done\n');
    return;
  }
  for (let round = 0; ; round++) {
    await Promise.all(
      [0, 1, 2, 3].map(async (k) => {
        const doc = await backend.call('account.create', {
          data: { ...validAccount, name: `${label}-${round}-${k}` } as never,
        });
        process.stdout.write(`ack ${doc._id}\n`);
      }),
    );
  }
}

main().catch((error: Error) => {
  process.stdout.write(`error ${error.message.split('\n')[0]}\n`);
  process.exitCode = 1;
});
