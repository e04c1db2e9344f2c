import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { buildApp } from './app.ts';
import { createContext, jobHandlers } from './bootstrap.ts';
import type { AppContext } from './context.ts';
import { createStaffUser } from './accounts/create-staff-user.ts';
import { AppError } from './platform/http/errors.ts';
import { verifyAuditChain } from './platform/audit/audit.repo.ts';
import { backupSqlite } from './platform/db/backup.ts';
import { currentMigration, migrateToLatest } from './platform/db/migrate.ts';
import { startWorker } from './platform/jobs/worker.ts';
import { importPlaces } from './places/import-places.ts';
import { parsePlaceFile } from './places/parse-place-file.ts';
import { isEmptyDatabase, seedDemo } from './demo/seed-demo.ts';
import { checkCommand, evalCommand, trainCommand } from './comments/moderation/cli.ts';
import { examplesCsv } from './comments/examples-csv.ts';
import { listExamples } from './comments/comments.repo.ts';
import { allocateCommand, UsageError } from './allocation/cli.ts';
import { importIndicatorsCommand } from './monitoring/indicators/cli.ts';
import { importBoundariesCommand } from './monitoring/results/boundaries-cli.ts';
import { ensureReportSweepScheduled } from './monitoring/reports/report-reminders.ts';

const HELP = `mahalle — سامانهٔ محله / the Mahalle platform

Usage: npx mahalle <command> [options]

Commands:
  serve                         start the web server (migrates; seeds demo data into an empty database)
  migrate                       apply pending database migrations
  seed --demo                   add the demo province, neighborhoods and staff accounts
  import places FILE            import places (SCI divisions JSON, JSON array or CSV), joined on SCI code
  import indicators FILE        import indicator values (CSV or XLSX): all rows or none, with a report per bad row
  import boundaries FILE        attach GeoJSON boundaries to places by SCI code (or OSM relation id)
  backup FILE                   copy the SQLite database with the online backup API
  user create --email E --name N --role R [--role R2] [--password P]
                                create a staff account (password from --password or MAHALLE_PASSWORD)
  audit verify                  check the hash chain of the audit log
  moderation train --data F.csv [--out MODEL.json]
                                train the comment classifier (columns text,label)
  moderation check [--subject F.txt]
                                JSON lines {"text": …} on stdin → one verdict per line
  moderation eval --data F.csv [--subject F.txt] [--model MODEL.json]
                                precision, recall and F1 of "not published" against the labels
  moderation export [--out F.csv]
                                moderators' decisions as text,label (Offensive/Neutral), for train
  allocate --pb FILE.pb --method greedy|greedy-no-skip|mes|mes-add1|optimal
                                run an allocation engine on a pabulib file: selected ids, amount spent

Options:
  --json                        machine-readable output
  --help                        this text (also: <command> --help)

Configuration comes from environment variables; see README.md.`;

type Flags = {
  json?: boolean; help?: boolean; demo?: boolean; email?: string; name?: string; role?: string[]; password?: string;
  data?: string; out?: string; subject?: string; model?: string; pb?: string; method?: string;
};

function out(flags: Flags, json: unknown, text: string): void {
  console.log(flags.json ? JSON.stringify(json) : text);
}

async function withContext<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = createContext(config);
  try {
    return await fn(ctx);
  } finally {
    await ctx.handle.close();
  }
}

async function serve(config: Config): Promise<void> {
  const ctx = createContext(config);
  await migrateToLatest(ctx.db);
  await ensureReportSweepScheduled(ctx);
  if (config.SEED_DEMO === 'yes' || (config.SEED_DEMO === 'auto' && (await isEmptyDatabase(ctx)))) {
    const report = await seedDemo(ctx);
    ctx.log.info({ report }, 'demo data seeded');
  }
  const app = await buildApp(ctx);
  const worker = config.WORKER ? startWorker({ db: ctx.db, dialect: ctx.dialect, clock: ctx.clock, handlers: jobHandlers(ctx), log: ctx.log }) : null;
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  ctx.log.info(`Mahalle is serving ${address} (database: ${ctx.dialect})`);
  const shutdown = async () => {
    await app.close();
    await worker?.stop();
    await ctx.handle.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

export async function main(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      demo: { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      password: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      subject: { type: 'string' },
      model: { type: 'string' },
      pb: { type: 'string' },
      method: { type: 'string' },
    },
  }) as { values: Flags; positionals: string[] };
  const [command, sub, arg] = positionals;
  if (flags.help || !command) {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig();

  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate':
      return withContext(config, async (ctx) => {
        const applied = await migrateToLatest(ctx.db);
        const version = await currentMigration(ctx.db);
        out(flags, { applied, version }, applied.length ? `applied: ${applied.join(', ')}` : `up to date (${version})`);
        return 0;
      });
    case 'seed':
      if (!flags.demo) {
        console.error('seed needs --demo (only demo data can be seeded)');
        return 2;
      }
      return withContext(config, async (ctx) => {
        await migrateToLatest(ctx.db);
        const report = await seedDemo(ctx);
        out(flags, report, `places: ${report.places.inserted} inserted, ${report.places.updated} updated; staff accounts: ${report.users}`);
        return 0;
      });
    case 'import': {
      if (sub === 'indicators' && arg) {
        return withContext(config, async (ctx) => {
          await migrateToLatest(ctx.db);
          return importIndicatorsCommand(ctx, arg, { json: flags.json });
        });
      }
      if (sub === 'boundaries' && arg) {
        return withContext(config, async (ctx) => {
          await migrateToLatest(ctx.db);
          return importBoundariesCommand(ctx, arg, { json: flags.json });
        });
      }
      if (sub !== 'places' || !arg) {
        console.error('usage: mahalle import places|indicators|boundaries FILE');
        return 2;
      }
      const parsed = parsePlaceFile(await readFile(arg, 'utf8'), arg);
      return withContext(config, async (ctx) => {
        await migrateToLatest(ctx.db);
        const report = parsed.problems.length
          ? { ok: false, inserted: 0, updated: 0, problems: parsed.problems }
          : await importPlaces(ctx, parsed.records, { actorId: null });
        const text = report.ok
          ? `places imported: ${report.inserted} inserted, ${report.updated} updated`
          : `nothing imported (${report.problems.length} problems):\n` + report.problems.map((p) => `  ${p.source}: ${p.message}`).join('\n');
        out(flags, report, text);
        return report.ok ? 0 : 1;
      });
    }
    case 'backup': {
      const target = sub;
      if (!target) {
        console.error('usage: mahalle backup FILE');
        return 2;
      }
      return withContext(config, async (ctx) => {
        if (!ctx.handle.sqlite) {
          console.error('backup works on SQLite; for PostgreSQL use pg_dump');
          return 2;
        }
        const pages = await backupSqlite(ctx.handle.sqlite, target);
        out(flags, { file: target, pages }, `backup written to ${target} (${pages} pages)`);
        return 0;
      });
    }
    case 'user': {
      if (sub !== 'create') {
        console.error('usage: mahalle user create --email E --name N --role R [--password P]');
        return 2;
      }
      const password = flags.password ?? process.env.MAHALLE_PASSWORD ?? '';
      return withContext(config, async (ctx) => {
        await migrateToLatest(ctx.db);
        const id = await createStaffUser(ctx, {
          actorId: null, name: flags.name ?? '', email: flags.email ?? '', password, roles: flags.role ?? [],
        });
        out(flags, { id }, `user ${id} created`);
        return 0;
      });
    }
    case 'audit': {
      if (sub !== 'verify') {
        console.error('usage: mahalle audit verify');
        return 2;
      }
      return withContext(config, async (ctx) => {
        const v = await verifyAuditChain(ctx.db);
        out(flags, v, v.ok ? `audit log intact: ${v.checked} entries` : `audit log BROKEN at entry ${v.firstBrokenId} (${v.problem}); ${v.checked} entries verified before it`);
        return v.ok ? 0 : 1;
      });
    }
    case 'moderation': {
      // train, check and eval work on files and streams only; export reads the database.
      if (sub === 'train' && flags.data) {
        await trainCommand({ data: flags.data, out: flags.out, json: flags.json });
        return 0;
      }
      if (sub === 'check') {
        await checkCommand({ subjectFile: flags.subject, json: flags.json, input: process.stdin });
        return 0;
      }
      if (sub === 'export') {
        return withContext(config, async (ctx) => {
          await migrateToLatest(ctx.db);
          const rows = await listExamples(ctx.db);
          const csv = examplesCsv(rows);
          if (flags.out) {
            await writeFile(flags.out, csv);
            out(flags, { file: flags.out, examples: rows.length }, `${rows.length} decisions written to ${flags.out}`);
          } else process.stdout.write(csv);
          return 0;
        });
      }
      if (sub === 'eval' && flags.data) {
        await evalCommand({ data: flags.data, subjectFile: flags.subject, model: flags.model, json: flags.json });
        return 0;
      }
      console.error('usage: mahalle moderation train --data F.csv | check [--subject F] | eval --data F.csv | export [--out F.csv]');
      return 2;
    }
    case 'allocate':
      // Reads a .pb file only; no database.
      try {
        await allocateCommand({ pb: flags.pb, method: flags.method, json: flags.json, output: { write: (s) => console.log(s.replace(/\n$/, '')) } });
        return 0;
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        console.error(err.message);
        return 2;
      }
    default:
      console.error(`unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

const isEntry = process.argv[1] && /main\.ts$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      if (err instanceof ConfigError) console.error(err.message);
      else if (err instanceof AppError && err.fieldErrors) {
        console.error(Object.entries(err.fieldErrors).map(([k, v]) => `${k}: ${v}`).join('\n'));
      } else console.error(err);
      process.exit(1);
    },
  );
}
