/**
 * The change journal: every insert, update and delete of the catalog tables the kiosk caches, recorded by
 * PostgreSQL triggers in the same transaction as the change, with a cursor that only ever moves forward.
 *
 * Why triggers and not TypeORM entity subscribers: a trigger runs inside the writing transaction whoever
 * writes (Vendure's services, the importer, the order process reserving stock, a bulk SQL load, a
 * retailer's own script), so a change and its journal row commit or roll back together. Subscribers only
 * see writes made through TypeORM's entity manager, and miss query-builder updates such as stock
 * allocation by orders.
 *
 * Why the cursor is (transaction id, row id) and not the row id alone: ids come from a sequence when the
 * row is written, but transactions commit in any order, so a reader that has seen id 11 can later find a
 * committed id 10 and would skip it. Ordering by the writing transaction's id (xid8) and reading only rows
 * of transactions older than every transaction still running (the snapshot's xmin) makes the order
 * final: no row can ever appear behind a cursor handed out. The price: a long-running transaction holds
 * the journal back (not lost, delayed) until it ends.
 *
 * Retention: rows older than the configured retention are pruned; the newest pruned position is kept,
 * and a cursor behind it gets `resync` (never a silently partial catalog). So does a cursor from another
 * database (its epoch differs) or one ahead of this database (restored from an older backup).
 */
import { Logger, UserInputError } from '@vendure/core';
import type { DataSource, EntityManager } from 'typeorm';

export const LOG_CONTEXT = 'KioskPlugin';
export const CURSOR_VERSION = '1';
const MAX_ID = '9223372036854775807';

/** Table, journal entity, the column naming the row's key, and the column naming its product ('' none). */
export const JOURNALED_TABLES: ReadonlyArray<readonly [string, string, string, string]> = [
    ['product', 'product', 'id', 'id'],
    ['product_translation', 'product', 'baseId', 'baseId'],
    ['product_facet_values_facet_value', 'product', 'productId', 'productId'],
    ['product_channels_channel', 'product', 'productId', 'productId'],
    ['product_variant', 'variant', 'id', 'productId'],
    ['product_variant_translation', 'variant', 'baseId', ''],
    ['product_variant_price', 'variant', 'variantId', ''],
    ['stock_level', 'variant', 'productVariantId', ''],
    ['product_variant_options_product_option', 'variant', 'productVariantId', ''],
    ['product_variant_channels_channel', 'variant', 'productVariantId', ''],
    ['collection_product_variants_product_variant', 'variant', 'productVariantId', ''],
    ['product_option', 'option', 'id', ''],
    ['product_option_translation', 'option', 'baseId', ''],
    ['facet', 'facet', 'id', ''],
    ['facet_translation', 'facet', 'baseId', ''],
    ['facet_value', 'facet_value', 'id', ''],
    ['facet_value_translation', 'facet_value', 'baseId', ''],
    ['collection', 'collection', 'id', ''],
    ['collection_translation', 'collection', 'baseId', ''],
    ['promotion', 'promotion', 'id', ''],
    ['promotion_translation', 'promotion', 'baseId', ''],
    ['stock_location', 'location', 'id', ''],
    ['tax_rate', 'tax_rate', 'id', ''],
];

const INSTALL_LOCK = 4_721_093_112; // pg_advisory_xact_lock key: two servers starting at once install once

const INSTALL_SQL = `
CREATE TABLE IF NOT EXISTS kiosk_change (
    id bigserial PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    entity varchar(16) NOT NULL,
    entity_id varchar(64) NOT NULL,
    product_id varchar(64),
    op char(1) NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS kiosk_change_position ON kiosk_change (xid, id);
CREATE INDEX IF NOT EXISTS kiosk_change_changed_at ON kiosk_change (changed_at);
CREATE TABLE IF NOT EXISTS kiosk_journal_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    epoch varchar(16) NOT NULL,
    pruned_xid xid8 NOT NULL DEFAULT '0',
    pruned_id bigint NOT NULL DEFAULT 0
);
INSERT INTO kiosk_journal_state (epoch) VALUES (substr(md5(random()::text || clock_timestamp()::text), 1, 12))
    ON CONFLICT (singleton) DO NOTHING;
CREATE OR REPLACE FUNCTION kiosk_journal_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    r jsonb;
    k text;
    old_product text;
    product text;
BEGIN
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    k := r ->> TG_ARGV[1];
    IF k IS NULL AND TG_OP = 'UPDATE' THEN
        k := to_jsonb(OLD) ->> TG_ARGV[1];  -- a row detached from its parent: the parent changed
    END IF;
    IF k IS NULL THEN
        RETURN NULL;  -- a row not attached yet (TypeORM inserts, then sets the key): its update is journaled
    END IF;
    product := CASE WHEN TG_ARGV[2] = '' THEN NULL ELSE r ->> TG_ARGV[2] END;
    INSERT INTO kiosk_change (entity, entity_id, product_id, op)
        VALUES (TG_ARGV[0], k, product, left(TG_OP, 1));
    IF TG_OP = 'UPDATE' AND TG_ARGV[2] <> '' THEN
        old_product := to_jsonb(OLD) ->> TG_ARGV[2];
        IF old_product IS DISTINCT FROM product THEN  -- a variant moved to another product
            INSERT INTO kiosk_change (entity, entity_id, product_id, op)
                VALUES (TG_ARGV[0], k, old_product, 'U');
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;
`;

function triggerSql(table: string, entity: string, key: string, product: string): string {
    const args = `'${entity}', '${key}', '${product}'`;
    return `
CREATE OR REPLACE TRIGGER kiosk_journal_write AFTER INSERT OR DELETE ON "${table}"
    FOR EACH ROW EXECUTE FUNCTION kiosk_journal_row(${args});
CREATE OR REPLACE TRIGGER kiosk_journal_update AFTER UPDATE ON "${table}"
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION kiosk_journal_row(${args});`;
}

/** Creates (or updates) the journal table, its function and the triggers; idempotent, one server at a time. */
export async function installJournal(db: DataSource): Promise<void> {
    await db.transaction(async manager => {
        await manager.query(`SELECT pg_advisory_xact_lock(${INSTALL_LOCK})`);
        await manager.query(INSTALL_SQL);
        const present = new Set<string>(
            (
                await manager.query(
                    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
                )
            ).map((row: { table_name: string }) => row.table_name),
        );
        const missing = JOURNALED_TABLES.filter(([table]) => !present.has(table)).map(([table]) => table);
        if (missing.length) {
            // Vendure's schema is not there yet (a first start before synchronize or migrations): say so.
            throw new Error(`KioskPlugin: cannot journal missing tables ${missing.join(', ')}`);
        }
        for (const [table, entity, key, product] of JOURNALED_TABLES) {
            await manager.query(triggerSql(table, entity, key, product));
        }
    });
}

/** A parsed cursor: the epoch of the journal it came from and the position after the last row read. */
export interface Position {
    epoch: string;
    xid: string;
    id: string;
}

const CURSOR_RE = /^1\.([0-9a-f]{1,16})\.(\d{1,20})\.(\d{1,19})$/;

export function encodeCursor(position: Position): string {
    return `${CURSOR_VERSION}.${position.epoch}.${position.xid}.${position.id}`;
}

/** Parses a cursor or throws a UserInputError naming the argument; BigInt-range checked, never coerced. */
export function parseCursor(value: string, argument: string): Position {
    const match = CURSOR_RE.exec(value);
    if (!match || BigInt(match[3]) > BigInt(MAX_ID) || BigInt(match[2]) > 2n ** 64n - 1n) {
        throw new UserInputError(`${argument}: not a kiosk journal cursor: "${value.slice(0, 80)}"`);
    }
    return { epoch: match[1], xid: match[2], id: match[3] };
}

export interface JournalRow {
    xid: string;
    id: string;
    entity: string;
    entityId: string;
    productId: string | null;
    op: string;
    changedAt: Date;
}

export interface JournalRead {
    rows: JournalRow[];
    next: Position;
    hasMore: boolean;
    resync: string | null; // why the client must start again from a full export, or null
}

interface StateRow {
    epoch: string;
    pruned_xid: string;
    pruned_id: string;
    xmin: string;
    xmax: string;
}

async function state(manager: EntityManager): Promise<StateRow> {
    const rows: StateRow[] = await manager.query(
        `SELECT epoch, pruned_xid::text AS pruned_xid, pruned_id::text AS pruned_id,
                pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
                pg_snapshot_xmax(pg_current_snapshot())::text AS xmax
           FROM kiosk_journal_state`,
    );
    if (!rows.length) {
        throw new Error('KioskPlugin: the change journal is not installed');
    }
    return rows[0];
}

/** The position a client reading everything from now on starts at: before every unfinished transaction. */
export async function headPosition(manager: EntityManager): Promise<Position> {
    const s = await state(manager);
    return { epoch: s.epoch, xid: (BigInt(s.xmin) - 1n).toString(), id: MAX_ID };
}

function before(a: { xid: string; id: string }, b: { xid: string; id: string }): boolean {
    const ax = BigInt(a.xid);
    const bx = BigInt(b.xid);
    return ax < bx || (ax === bx && BigInt(a.id) < BigInt(b.id));
}

/** Up to `limit` rows after `since`, in final order; or why the client has to resync instead. */
export async function readJournal(manager: EntityManager, since: Position, limit: number): Promise<JournalRead> {
    const s = await state(manager);
    const head = { epoch: s.epoch, xid: (BigInt(s.xmin) - 1n).toString(), id: MAX_ID };
    if (since.epoch !== s.epoch) {
        return { rows: [], next: head, hasMore: false, resync: 'the cursor comes from another journal (database)' };
    }
    if (BigInt(since.xid) >= BigInt(s.xmax)) {
        return { rows: [], next: head, hasMore: false, resync: 'the cursor is ahead of the journal (database restored?)' };
    }
    if (before(since, { xid: s.pruned_xid, id: s.pruned_id })) {
        return { rows: [], next: head, hasMore: false, resync: 'the cursor is older than the journal retention' };
    }
    const raw: Array<Record<string, unknown>> = await manager.query(
        `SELECT xid::text AS xid, id::text AS id, entity, entity_id, product_id, op, changed_at
           FROM kiosk_change
          WHERE (xid, id) > ($1::xid8, $2::bigint) AND xid < $3::xid8
          ORDER BY xid, id
          LIMIT $4`,
        [since.xid, since.id, s.xmin, limit + 1],
    );
    const hasMore = raw.length > limit;
    const rows = raw.slice(0, limit).map(r => ({
        xid: String(r.xid),
        id: String(r.id),
        entity: String(r.entity),
        entityId: String(r.entity_id),
        productId: r.product_id == null ? null : String(r.product_id),
        op: String(r.op),
        changedAt: r.changed_at as Date,
    }));
    let next: Position = since;
    if (hasMore) {
        const last = rows[rows.length - 1];
        next = { epoch: s.epoch, xid: last.xid, id: last.id };
    } else if (before(since, head)) {
        next = head; // everything before the head is read: skip the empty stretch next time
    }
    return { rows, next, hasMore, resync: null };
}

/** Deletes rows older than the retention and records the newest deleted position; how many went. */
export async function pruneJournal(db: DataSource, retentionSeconds: number): Promise<number> {
    return db.transaction(async manager => {
        const rows: Array<{ n: string }> = await manager.query(
            `WITH gone AS (
                DELETE FROM kiosk_change WHERE changed_at < now() - make_interval(secs => $1) RETURNING xid, id
             ), newest AS (
                SELECT xid, id FROM gone ORDER BY xid DESC, id DESC LIMIT 1
             ), moved AS (
                UPDATE kiosk_journal_state s SET pruned_xid = n.xid, pruned_id = n.id FROM newest n
                 WHERE (n.xid, n.id) > (s.pruned_xid, s.pruned_id) RETURNING 1
             )
             SELECT count(*)::text AS n FROM gone`,
            [retentionSeconds],
        );
        const removed = Number(rows[0].n);
        if (removed) {
            Logger.verbose(`pruned ${removed} journal rows older than ${retentionSeconds} s`, LOG_CONTEXT);
        }
        return removed;
    });
}
