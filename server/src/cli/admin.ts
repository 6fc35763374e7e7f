import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { GlobalRole, Password, Username } from '@startex/shared';
import { IdentityService } from '../auth/IdentityService.ts';
import { generatedPassword } from '../auth/secrets.ts';
import { openStore, storeLocation } from '../store/openStore.ts';
import { SqliteStore } from '../store/SqliteStore.ts';

const USAGE = `Usage (from the repository root; STARTEX_DATA_DIR or STARTEX_DATABASE_URL as for the server):
  pnpm admin create-user <username> [--admin] [--planner]   password from STARTEX_PASSWORD, else generated and printed
  pnpm admin reset-password <username>                       same
  pnpm admin backup <file>                                   online: safe while the server runs
  pnpm admin restore <file>                                  stop the server first`;

const cwd = process.env.INIT_CWD ?? process.cwd();
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = resolve(cwd, process.env.STARTEX_DATA_DIR ?? join(repoRoot, 'data'));
const databaseFile = join(dataDir, 'startex.sqlite');
const whereStored = () => storeLocation({ databaseUrl: process.env.STARTEX_DATABASE_URL, dataDir });

/** backup and restore copy the SQLite file; a PostgreSQL database is backed up with PostgreSQL's own tools. */
function refuseOnPostgres(command: string): void {
  if (whereStored().kind === 'postgres') {
    throw new Error(`${command} copies the SQLite file, but STARTEX_DATABASE_URL keeps the data in PostgreSQL: back it up with pg_dump and restore with pg_restore (README, PostgreSQL).`);
  }
}

function chosenPassword(): { password: string; generated: boolean } {
  const given = process.env.STARTEX_PASSWORD;
  if (given) {
    const checked = Password.safeParse(given);
    if (!checked.success) throw new Error(`STARTEX_PASSWORD: ${checked.error.issues[0]?.message}`);
    return { password: given, generated: false };
  }
  return { password: generatedPassword(), generated: true };
}

/** Refuses a restore unless the backup is a StartEx database SQLite itself finds sound. */
function checkBackup(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
    db.prepare('SELECT count(*) FROM log_entries').get();
  } finally {
    db.close();
  }
}

async function main([command, arg, ...flags]: string[]): Promise<number> {
  switch (command) {
    case 'create-user':
    case 'reset-password': {
      if (!arg) break;
      const username = Username.parse(arg);
      const store = await openStore(whereStored());
      const identity = new IdentityService(store);
      const { password, generated } = chosenPassword();
      try {
        if (command === 'create-user') {
          const roles = GlobalRole.options.filter((role) => flags.includes(`--${role}`));
          // A generated password is handed over: its holder sets their own at first sign-in.
          await identity.createUser('cli', { username, displayName: username, password, roles, passwordChangeRequired: generated });
        } else {
          const user = await store.findUserByUsername(username);
          if (!user) throw new Error(`No user "${username}".`);
          await identity.updateUser('cli', user.id, { password, passwordChangeRequired: generated });
        }
      } finally {
        await store.close();
      }
      console.log(generated ? `${username}: password ${password} (shown once)` : `${username}: password set`);
      return 0;
    }
    case 'backup': {
      if (!arg) break;
      refuseOnPostgres('backup');
      const target = resolve(cwd, arg);
      if (existsSync(target)) throw new Error(`${target} exists; choose a new file.`);
      const store = new SqliteStore(databaseFile);
      try {
        await store.backup(target);
      } finally {
        await store.close();
      }
      checkBackup(target);
      console.log(`Backed up ${databaseFile} to ${target}`);
      return 0;
    }
    case 'restore': {
      if (!arg) break;
      refuseOnPostgres('restore');
      const source = resolve(cwd, arg);
      checkBackup(source);
      mkdirSync(dataDir, { recursive: true });
      // The WAL and shared-memory files belong to the database being replaced.
      for (const suffix of ['-wal', '-shm']) rmSync(databaseFile + suffix, { force: true });
      copyFileSync(source, databaseFile);
      console.log(`Restored ${databaseFile} from ${source}`);
      return 0;
    }
    default:
      break;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
