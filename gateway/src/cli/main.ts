// Entry point of `portcullis-gateway` (bin/portcullis-gateway.mjs loads this through tsx).
import { runCli, type CliIo } from './program';

const io: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  stopSignal: () =>
    new Promise((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        resolve(signal);
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    }),
};

process.exitCode = await runCli(process.argv.slice(2), io);
