import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openServices } from '../server/app.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'twinventory-import-cli-'));
const databaseUrl = `file:${join(dir, 'cli.db')}`;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/import.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one line the CLI prints, parsed; anything else on stdout fails the test. */
function summary(stdout: string) {
  expect(stdout.endsWith('\n')).toBe(true);
  const lines = stdout.slice(0, -1).split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as unknown;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/import.ts', () => {
  it('imports against DATABASE_URL, prints one JSON line, and exits 1 when a row has an error', async () => {
    const locations = file(
      'locations.csv',
      'code,x,y,z,width,height,depth,capacity\nA-01-1,0,0,-3.5,1,1,1,10\n',
    );
    const created = cli('--kind', 'locations', '--file', locations);
    expect(created.status).toBe(0);
    expect(summary(created.stdout)).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });

    const items = file(
      'items.csv',
      'sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nS-1,Hex bolt,ea,Fasteners,0.50,1,1\n',
    );
    expect(summary(cli('--kind', 'items', '--file', items).stdout)).toMatchObject({ created: 1 });

    // The same SKU with a new name: an error without --update (nothing written), an update with it.
    const renamed = file(
      'renamed.csv',
      'sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nS-1,Hex bolt M8,ea,Fasteners,0.50,1,1\nS-2,Nut,ea,F,=1+1,1,1\n',
    );
    const refused = cli('--kind', 'items', '--file', renamed, '--dry-run');
    expect(refused.status).toBe(1);
    expect(summary(refused.stdout)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [
        {
          line: 2,
          column: 'sku',
          message: 'SKU S-1 already exists; pass --update to change it (changes: name)',
        },
        {
          line: 3,
          column: 'unit_cost',
          message:
            "starts with '=': formulas are not accepted (start the cell with an apostrophe to keep it as text)",
        },
      ],
    });
    const real = cli('--kind', 'items', '--file', renamed, '--update');
    expect(real.status).toBe(1);
    expect(summary(real.stdout)).toMatchObject({ created: 0, updated: 0, errors: [{ line: 3 }] });

    const fixed = file(
      'fixed.csv',
      'sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nS-1,Hex bolt M8,ea,Fasteners,0.50,1,1\n',
    );
    const dry = cli('--kind', 'items', '--file', fixed, '--dry-run', '--update');
    expect(summary(dry.stdout)).toEqual({ created: 0, updated: 1, unchanged: 0, errors: [] });
    const updated = cli('--kind', 'items', '--file', fixed, '--update');
    expect(updated.status).toBe(0);
    expect(summary(updated.stdout)).toEqual({ created: 0, updated: 1, unchanged: 0, errors: [] });
    expect(updated.stderr).toContain('Import of items: 0 created, 1 updated');

    // Each import is one audit entry, made by the command line rather than a user.
    const services = await openServices({ databaseUrl });
    try {
      const rs = await services.db.reader.execute(
        "SELECT actor_id, data FROM audit_log WHERE action = 'import.items' ORDER BY id",
      );
      expect(rs.rows.map((r) => [r.actor_id, JSON.parse(String(r.data)).source])).toEqual([
        [null, 'cli'],
        [null, 'cli'],
      ]);
      const item = await services.db.reader.execute("SELECT name FROM items WHERE sku = 'S-1'");
      expect(item.rows[0]?.name).toBe('Hex bolt M8');
    } finally {
      await services.writer.close();
      services.db.close();
    }
  }, 120_000);

  it('exits 2 with a message on stderr and nothing on stdout when used wrongly', () => {
    for (const args of [
      [],
      ['--kind', 'widgets', '--file', 'x.csv'],
      ['--kind', 'items', '--file', join(dir, 'none.csv')],
    ]) {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        'Usage: npm run import -- --kind items|locations|stock|suppliers|supplier_prices|assets|plans|users --file FILE.csv',
      );
    }
  }, 120_000);

  it('users: stdout keeps its one JSON line; each invitation path and the notes go to stderr', () => {
    const users = file('users.csv', 'username,display_name,role\nnew.tech,New Tech,technician\n');
    const dry = cli('--kind', 'users', '--file', users, '--dry-run');
    expect(summary(dry.stdout)).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
    expect(dry.stderr).not.toContain('/invite?token=');

    const done = cli('--kind', 'users', '--file', users);
    expect(done.status).toBe(0);
    expect(summary(done.stdout)).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [] });
    expect(done.stderr).toMatch(
      /^Invitation for new\.tech \(once, until [0-9T:.Z-]+\): \/invite\?token=\S+$/m,
    );

    const withPassword = file(
      'passwords.csv',
      'username,display_name,role,password\nx.y,X Y,technician,hunter2\n',
    );
    const refused = cli('--kind', 'users', '--file', withPassword);
    expect(refused.status).toBe(1);
    expect(summary(refused.stdout)).toMatchObject({ errors: [{ line: 1, column: 'password' }] });

    const items = file(
      'hydraulics.csv',
      'sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nHYD-1,Hydraulic hose,ea,Hydraulics,4.20,1,1\n',
    );
    const notes = cli('--kind', 'items', '--file', items, '--dry-run');
    expect(summary(notes.stdout)).toMatchObject({ created: 1, errors: [] });
    expect(notes.stderr).toContain('Creates category Hydraulics');
  }, 120_000);
});
