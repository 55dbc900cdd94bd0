/**
 * The `npm run convas -- <command> ...` command line. Each command lives in scripts/cli/<command>.ts and
 * exports `run(argv): Promise<number>` (the exit code). This file only dispatches, so commands stay apart.
 *
 * The CLI is a contract other tools read: extend it, never rename what exists.
 */
import { printable } from './cli/io';

const commands: Record<string, { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }> = {
  validate: {
    summary: 'validate --graph <file.json> [--fix [--out <fixed.json>]] [--json]   layer table (shapes, params, receptive field, MACs) and problems of a graph; --fix applies the one-click fixes',
    load: () => import('./cli/validate'),
  },
  data: { summary: 'data inspect <path> [--json] [--format f] [--quick]   what a real dataset folder/zip holds', load: () => import('./cli/data') },
  generate: {
    summary: 'generate --task <id> --out <dir> [--count N] [--size S] [--seed K] [--mask-mode m]   sample PNGs + labels.csv of a bundled task',
    load: () => import('./cli/generate'),
  },
  train: {
    summary: 'train --graph <file.json> [--task <id>] [--epochs N] [--batch B] [--backend wasm|cpu] [--workers N] [--seed S] [--count N] [--size S] [--lr X] [--save <dir>] [--json]   train a graph on generated data',
    load: () => import('./cli/train'),
  },
  export: {
    summary: 'export --graph <file.json> --to pytorch|keras|tfjs [--weights <dir>] --out <dir|file.zip>   runnable code (+ trained weights) of a graph',
    load: () => import('./cli/export'),
  },
  import: {
    summary: 'import <model folder|file|zip> --out <graph.json> [--weights-out <dir>] [--json]   a TensorFlow.js, Keras or ONNX model as a graph document (+ its weights as a tfjs model folder)',
    load: () => import('./cli/import'),
  },
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    if (name && name !== 'help' && name !== '--help') console.error(printable(`Unknown command "${name}".`));
    console.error('Usage: npm run convas -- <command> [options]\n\nCommands:');
    for (const c of Object.values(commands)) console.error(`  ${c.summary}`);
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  return (await command.load()).run(rest);
}

/**
 * Ends with `code` once stdout and stderr have flushed. process.exit() right after writing cut piped output
 * at 64-128 KB (a pipe's writes are asynchronous), with exit code 0; so the code is set, the process ends
 * by itself, and only if something (a backend's thread) still holds it two seconds after the last byte
 * has left does it exit outright.
 */
function finish(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => setTimeout(() => process.exit(code), 2000).unref()));
}

main().then(finish, (error: unknown) => {
  console.error(printable(error instanceof Error ? error.message : String(error)));
  finish(1);
});
