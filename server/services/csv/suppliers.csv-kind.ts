import { z } from 'zod';
import { ContactInput, Currency, LeadTimeDays, SupplierInput } from '../../../common/masters/supplier.ts';
import { PLANNERS } from '../../../common/roles.ts';
import {
  contactsOfSuppliers,
  listSuppliers,
  type SupplierContact,
  type SupplierSummary,
} from '../../db/suppliers.repository.ts';
import { flag, number, optionalText, required } from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { applyEach, defineCsvKind, ROWS_PER_SERVICE_FILE } from './csv-kind.ts';

const fields = SupplierInput.shape;
const CONTACT_COLUMNS = {
  name: 'contact_name',
  role: 'contact_role',
  email: 'contact_email',
  phone: 'contact_phone',
} as const;

// The contact's own schema checks these once all four are read, so a cell here is just trimmed text.
const contactCell = () =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim());

/**
 * A supplier as one row: the setup screen's schema (common/masters/supplier.ts) checks every value,
 * the first contact's rules included, each finding on its own column.
 */
export const SupplierRow = z
  .object({
    name: required('name').pipe(fields.name),
    lead_time_days: number('lead_time_days').pipe(LeadTimeDays),
    currency: required('currency').pipe(Currency),
    notes: optionalText('notes', 2000)
      .transform((s) => s ?? '')
      .pipe(fields.notes.unwrap()),
    contact_name: contactCell(),
    contact_role: contactCell(),
    contact_email: contactCell(),
    contact_phone: contactCell(),
    archived: flag('archived', false),
  })
  .superRefine((r, ctx) => {
    const contact = firstContact(r);
    if (contact === null) return;
    const checked = ContactInput.safeParse(contact);
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      const field = issue.path[0];
      const column =
        typeof field === 'string' && field in CONTACT_COLUMNS
          ? CONTACT_COLUMNS[field as keyof typeof CONTACT_COLUMNS]
          : CONTACT_COLUMNS.name;
      ctx.addIssue({ code: 'custom', path: [column], message: issue.message });
    }
  });
type SupplierRow = z.output<typeof SupplierRow>;

type ContactCells = Pick<SupplierRow, 'contact_name' | 'contact_role' | 'contact_email' | 'contact_phone'>;

/** The row's contact, or null when its contact cells are all empty. */
function firstContact(r: ContactCells): ContactInput | null {
  const contact = {
    name: r.contact_name,
    role: r.contact_role,
    email: r.contact_email,
    phone: r.contact_phone,
  };
  return Object.values(contact).some((v) => v !== '') ? contact : null;
}

type Context = {
  suppliers: Map<string, SupplierSummary>;
  contacts: Map<number, SupplierContact[]>;
};

const nameKey = (name: string) => name.toLowerCase();

function toRow(s: SupplierSummary, contacts: readonly SupplierContact[]): SupplierRow {
  const [first] = contacts;
  return {
    name: s.name,
    lead_time_days: s.leadTimeDays,
    currency: s.currency,
    notes: s.notes,
    contact_name: first?.name ?? '',
    contact_role: first?.role ?? '',
    contact_email: first?.email ?? '',
    contact_phone: first?.phone ?? '',
    archived: s.archived,
  };
}

/** The supplier as the service takes it: the row's contact first, the stored others after it as they are. */
function toInput(row: SupplierRow, stored: readonly SupplierContact[]): SupplierInput {
  const contact = firstContact(row);
  const others = stored.slice(1).map(({ id: _, ...c }) => c);
  return {
    name: row.name,
    leadTimeDays: row.lead_time_days,
    currency: row.currency,
    notes: row.notes,
    contacts: contact === null ? others : [contact, ...others],
  };
}

/**
 * Suppliers, keyed by name (in any case). Only the first contact travels in the file; a supplier's
 * other contacts stay as they are. Rows are applied through SupplierService, so each create, update
 * and archive has its own audit entry and event, as on the setup screen.
 */
export const suppliersCsv = defineCsvKind<SupplierRow, Context>({
  kind: 'suppliers',
  title: 'Suppliers',
  roles: PLANNERS,
  maxRows: ROWS_PER_SERVICE_FILE,
  columns: [
    {
      name: 'name',
      required: true,
      type: 'text',
      description: 'Supplier name, unique in any case; the key',
      example: 'Example Bearings Ltd',
      caseInsensitive: true,
    },
    {
      name: 'lead_time_days',
      required: true,
      type: 'number',
      description: 'Days from order to delivery, 0 to 365',
      example: '5',
    },
    {
      name: 'currency',
      required: true,
      type: 'text',
      description: 'ISO 4217 code its prices are in (EUR, USD, GBP); fixed while it has prices',
      example: 'EUR',
      caseInsensitive: true,
    },
    { name: 'notes', required: false, type: 'text', description: 'Anything worth knowing', example: '' },
    {
      name: 'contact_name',
      required: false,
      type: 'text',
      description: 'First contact: name (other contacts are kept as they are)',
      example: 'Example: Anna Berg',
    },
    {
      name: 'contact_role',
      required: false,
      type: 'text',
      description: 'First contact: role, e.g. orders',
      example: 'orders',
    },
    {
      name: 'contact_email',
      required: false,
      type: 'text',
      description: 'First contact: e-mail address (an e-mail address or a phone number is needed)',
      example: 'orders@example.com',
      caseInsensitive: true,
    },
    {
      name: 'contact_phone',
      required: false,
      type: 'text',
      description: 'First contact: phone number',
      example: '+49 30 1234567',
      plain: /^[+-]?[0-9][0-9 ()./-]*$/,
    },
    {
      name: 'archived',
      required: false,
      type: 'text',
      description: 'true or false (default false); an archived supplier gets no new orders or prices',
      example: 'false',
    },
  ],
  schema: SupplierRow,
  keyColumn: 'name',
  key: (row) => nameKey(row.name),
  label: (row) => `Supplier ${row.name}`,
  format: (row) => ({ ...row, archived: String(row.archived) }),

  async load(ex) {
    // Suppliers are few: reading them all is one statement.
    const suppliers = await listSuppliers(ex);
    return {
      suppliers: new Map(suppliers.map((s) => [nameKey(s.name), s])),
      contacts: await contactsOfSuppliers(
        ex,
        suppliers.map((s) => s.id),
      ),
    };
  },

  existing(context, row) {
    const stored = context.suppliers.get(nameKey(row.name));
    return stored === undefined ? undefined : toRow(stored, context.contacts.get(stored.id) ?? []);
  },

  check(context, rows) {
    const errors: CellError[] = [];
    for (const { line, row, before } of rows) {
      const stored = context.suppliers.get(nameKey(row.name));
      if (before === undefined || stored === undefined) continue;
      if (before.currency !== row.currency && stored.prices > 0)
        errors.push({
          line,
          column: 'currency',
          message: `${stored.name} has ${stored.prices} price(s) in ${stored.currency}; remove them before changing its currency to ${row.currency}`,
        });
    }
    return errors;
  },

  async apply(tx, context, changes, env) {
    const suppliers = env.services.suppliers;
    await applyEach(changes.creates, async ({ row }) => {
      const id = await suppliers.createIn(tx, toInput(row, []), env.actorId);
      if (row.archived) await suppliers.setArchivedIn(tx, id, true, env.actorId);
    });
    await applyEach(changes.updates, async ({ row, changed }) => {
      const stored = context.suppliers.get(nameKey(row.name));
      if (stored === undefined) return;
      // Archiving alone is not an edit of the supplier's details.
      if (changed.some((column) => column !== 'archived'))
        await suppliers.updateIn(
          tx,
          stored.id,
          toInput(row, context.contacts.get(stored.id) ?? []),
          env.actorId,
        );
      await suppliers.setArchivedIn(tx, stored.id, row.archived, env.actorId);
    });
  },

  async exportRows(ex) {
    const suppliers = await listSuppliers(ex);
    const contacts = await contactsOfSuppliers(
      ex,
      suppliers.map((s) => s.id),
    );
    return suppliers.map((s) => toRow(s, contacts.get(s.id) ?? []));
  },
});
