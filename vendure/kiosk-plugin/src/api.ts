/** The KioskPlugin's Admin API: schema and resolvers. */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { HistoryEntryType } from '@vendure/common/lib/generated-types';
import {
    Allow,
    Ctx,
    EventBus,
    HistoryService,
    Logger,
    Order,
    OrderService,
    Permission,
    RequestContext,
    TransactionalConnection,
    UserInputError,
    VendureEvent,
} from '@vendure/core';
import gql from 'graphql-tag';
import { In, type EntityManager } from 'typeorm';

import { KIOSK_PLUGIN_OPTIONS, KioskPluginOptions, PLUGIN_VERSION, JOURNAL_FORMAT } from './constants';
import { KioskEventRow, KioskHeartbeatRow, KioskMessageRow, KioskRecallRow, KioskReturnRow } from './entities';
import { CatalogExporter, ProductRecord } from './export';
import { encodeCursor, headPosition, JournalRow, parseCursor, pruneJournal, readJournal } from './journal';
import { Inject } from '@nestjs/common';

export const MAX_EVENTS_PER_CALL = 1000;
export const MAX_EXPORT_LIMIT = 5000;
export const MAX_CHANGES_LIMIT = 10000;
export const MAX_HEARTBEAT_PAYLOAD_BYTES = 16 * 1024;
export const MAX_KIOSK_ID = 64;
/** Order states in which a pickup order no longer has anyone waiting for it (collected or cancelled). */
export const CLOSED_ORDER_STATES = ['Draft', 'Cancelled', 'Delivered', 'PartiallyDelivered'];
export const MAX_ARRIVALS = 500;

export const adminSchema = gql`
    input KioskEventInput {
        id: String!
        kind: String!
        at: String!
        storeId: String!
        deviceId: String!
        "JSON array of [key, value] pairs; the kiosk never sends personal data here"
        data: String!
    }
    input KioskReturnLineInput {
        variantId: ID!
        quantity: Int!
    }
    type KioskReturn {
        id: String!
        orderCode: String!
        "JSON array of [variantId, quantity]"
        lines: String!
        reason: String!
        createdAt: String!
    }
    type KioskMessage {
        kind: String!
        body: String!
        createdAt: String!
    }
    type KioskPluginInfo {
        version: String!
        "the journal cursor format this server writes"
        journalFormat: Int!
        journal: Boolean!
        journalRetentionHours: Float!
        maxExportLimit: Int!
        maxChangesLimit: Int!
    }
    type KioskExportPage {
        "the journal position to read changes from once every page is in (taken before the first page)"
        cursor: String!
        "product records, see the plugin's export.ts"
        products: JSON!
        "pass as 'after' for the next page; null on the last page"
        nextAfter: String
        "with withDeleted: products in this page's id range that are deleted, disabled or not in the channel"
        deletedIds: [String!]!
    }
    type KioskExportPlan {
        cursor: String!
        "page n + 2 is (starts[n], starts[n + 1]] by product id; fetch them with 'after' and 'upTo', in parallel"
        starts: [String!]!
    }
    type KioskChange {
        entity: String!
        entityId: String!
        productId: String
        op: String!
        changedAt: DateTime!
    }
    type KioskChangesPage {
        changes: [KioskChange!]!
        nextCursor: String!
        hasMore: Boolean!
        "true: the cursor cannot be continued; start again from a full export"
        resync: Boolean!
        resyncReason: String
        "current records of the live products these changes touched"
        products: JSON!
        "products these changes removed from the channel (deleted, disabled, or no longer in it)"
        deletedProductIds: [String!]!
        categoriesChanged: Boolean!
        locationsChanged: Boolean!
        "a promotion was created, changed or deleted: the kiosk reads the promotions again"
        promotionsChanged: Boolean!
    }
    type KioskPruneResult {
        removed: Int!
    }
    input KioskHeartbeatInput {
        kioskId: String!
        storeId: String!
        sentAt: DateTime!
        payload: JSON!
    }
    type KioskHeartbeatAck {
        receivedAt: DateTime!
        intervalS: Int!
    }
    "a shopper's call for an associate (an ASSISTANCE kiosk event) that no ASSISTANCE_ANSWERED event names yet"
    type KioskAssistanceCall {
        "the ASSISTANCE event's id"
        callId: String!
        deviceId: String!
        "the kiosk screen the shopper called from"
        page: String!
        "when the kiosk recorded the call (ISO 8601)"
        at: String!
    }
    "a shopper waiting at a store for a pickup order: the first PICKUP_ARRIVAL event of the order there"
    type KioskPickupArrival {
        clientOrderId: String!
        "the kiosk's order number (kioskOrderNumber), else Vendure's order code"
        orderNumber: String!
        orderCode: String!
        "when the kiosk recorded the arrival (the event's own time, ISO 8601)"
        arrivedAt: String!
        "Vendure's order state"
        state: String!
        fulfilment: String
        hasFulfilment: Boolean!
        itemCount: Int!
    }
    "a recalled lot and/or serial number of one GTIN (14 digits); the kiosk refuses a scanned item it matches"
    type KioskRecall {
        reference: String!
        gtin: String!
        lot: String
        serial: String
        note: String!
        createdAt: DateTime!
        "null while the recall is in force"
        liftedAt: DateTime
    }
    "a recalled item refused at a kiosk (its recall event): where recalled stock turns up; never a serial"
    type KioskRecallSighting {
        storeId: String!
        deviceId: String!
        at: String!
        "lot or serial: which of the recall's data matched"
        match: String!
        lot: String
    }
    input KioskRecallInput {
        "the retailer's id for the recall, 1 to 64 characters; the kiosk reports it back in its recall events"
        reference: String!
        "8, 12, 13 or 14 digits with a valid check digit (stored zero-filled to 14)"
        gtin: String!
        "GS1 AI 10, 1 to 20 characters, case-sensitive"
        lot: String
        "GS1 AI 21, 1 to 20 characters, case-sensitive"
        serial: String
        note: String
    }
    type KioskFleetEntry {
        kioskId: String!
        storeId: String!
        sentAt: DateTime!
        receivedAt: DateTime!
        payload: JSON!
    }
    extend type Query {
        kioskReturns(orderCode: String!): [KioskReturn!]!
        kioskMessages(customerId: ID!): [KioskMessage!]!
        kioskEventCount: Int!
        kioskPluginInfo: KioskPluginInfo!
        "the journal position before the export, and where every page of this size but the first starts"
        kioskCatalogExportPlan(limit: Int): KioskExportPlan!
        "one page of the bulk catalog export, products by id after 'after'"
        kioskCatalogExport(after: String, limit: Int, withDeleted: Boolean, upTo: String): KioskExportPage!
        "the catalog changes after 'since' (a cursor from kioskCatalogExport or an earlier call)"
        kioskChanges(since: String!, limit: Int): KioskChangesPage!
        kioskFleet: [KioskFleetEntry!]!
        "arrivals waiting at this stock location: first arrival per order, oldest first, open orders only"
        kioskPickupArrivals(locationId: ID!): [KioskPickupArrival!]!
        "the store's unanswered calls for an associate since 'since' (ISO 8601), newest first (at most 200)"
        kioskAssistanceCalls(storeId: String!, since: String!): [KioskAssistanceCall!]!
        "the recalls in force (the kiosks' list); withLifted: lifted ones too, for the back office"
        kioskRecalls(withLifted: Boolean): [KioskRecall!]!
        "the kiosks' recall events for this recall, oldest first"
        kioskRecallSightings(reference: String!): [KioskRecallSighting!]!
    }
    extend type Mutation {
        "Stores events whose id is new; returns how many were new"
        submitKioskEvents(events: [KioskEventInput!]!): Int!
        sendKioskMessage(customerId: ID!, kind: String!, body: String!): Boolean!
        recordKioskReturn(orderCode: String!, lines: [KioskReturnLineInput!]!, reason: String!): KioskReturn!
        kioskHeartbeat(input: KioskHeartbeatInput!): KioskHeartbeatAck!
        "Prunes journal rows older than keepSeconds now (the plugin also prunes by its retention option)"
        pruneKioskJournal(keepSeconds: Int!): KioskPruneResult!
        "Recalls a lot and/or serial number of a GTIN; the kiosks refuse it from their next recall refresh"
        createKioskRecall(input: KioskRecallInput!): KioskRecall!
        "Lifts a recall (the row stays, with liftedAt)"
        liftKioskRecall(reference: String!): KioskRecall!
    }
`;

/** Published for every message the kiosk asks the store to send; an email/push plugin subscribes to it. */
export class KioskMessageEvent extends VendureEvent {
    constructor(
        public ctx: RequestContext,
        public customerId: string,
        public kind: string,
        public body: string,
    ) {
        super();
    }
}

/** GS1 check digit (mod 10, weights 3 and 1 from the right) of a GTIN given with its check digit. */
function gtinCheckDigitValid(gtin: string): boolean {
    const digits = [...gtin].map(Number);
    const check = digits.pop()!;
    const sum = digits.reverse().reduce((total, d, i) => total + d * (i % 2 === 0 ? 3 : 1), 0);
    return (10 - (sum % 10)) % 10 === check;
}

/** A recall as entered in the Admin API, checked like the kiosk checks it (kiosk/core/scanning/recall.py). */
export function validRecall(input: { reference: string; gtin: string; lot?: string | null; serial?: string | null }) {
    const reference = input.reference.trim();
    if (!reference || reference.length > 64) {
        throw new UserInputError(`reference: must be 1 to 64 characters, got ${reference.length}`);
    }
    let gtin = input.gtin.trim();
    if (/^\d+$/.test(gtin) && [8, 12, 13].includes(gtin.length)) {
        gtin = gtin.padStart(14, '0');
    }
    if (!/^\d{14}$/.test(gtin) || !gtinCheckDigitValid(gtin)) {
        throw new UserInputError(`gtin: must be 8, 12, 13 or 14 digits with a valid check digit, got "${input.gtin.slice(0, 20)}"`);
    }
    const lot = input.lot ?? null;
    const serial = input.serial ?? null;
    if (lot === null && serial === null) {
        throw new UserInputError(`recall ${reference}: needs a lot or a serial number`);
    }
    for (const [name, value] of [['lot', lot], ['serial', serial]] as const) {
        if (value !== null && (value.length < 1 || value.length > 20)) {
            throw new UserInputError(`${name}: must be 1 to 20 characters, got ${value.length}`);
        }
    }
    return { reference, gtin, lot, serial };
}

function limitArg(value: number | null | undefined, name: string, fallback: number, max: number): number {
    const limit = value ?? fallback;
    if (!Number.isInteger(limit) || limit < 1 || limit > max) {
        throw new UserInputError(`${name}: must be between 1 and ${max}, got ${limit}`);
    }
    return limit;
}

@Resolver()
export class KioskResolver {
    constructor(
        private connection: TransactionalConnection,
        private eventBus: EventBus,
        private orderService: OrderService,
        private historyService: HistoryService,
        private exporter: CatalogExporter,
        @Inject(KIOSK_PLUGIN_OPTIONS) private options: Required<KioskPluginOptions>,
    ) {}

    private manager(ctx: RequestContext): EntityManager {
        return this.connection.getRepository(ctx, KioskEventRow).manager;
    }

    // --- events, messages, returns (carried over from plugin 1.x) ---------------------------------------
    @Mutation()
    @Allow(Permission.CreateOrder)
    async submitKioskEvents(@Ctx() ctx: RequestContext, @Args() args: { events: any[] }): Promise<number> {
        const events = args.events;
        if (events.length > MAX_EVENTS_PER_CALL) {
            throw new UserInputError(`At most ${MAX_EVENTS_PER_CALL} events per call, got ${events.length}`);
        }
        if (!events.length) {
            return 0;
        }
        const now = new Date().toISOString();
        const result = await this.connection
            .getRepository(ctx, KioskEventRow)
            .createQueryBuilder()
            .insert()
            .values(
                events.map(e => ({
                    eventId: e.id,
                    kind: e.kind,
                    at: e.at,
                    storeId: e.storeId,
                    deviceId: e.deviceId,
                    data: e.data,
                    receivedAt: now,
                })),
            )
            .orIgnore()
            .returning(['eventId'])
            .execute();
        return result.raw.length;
    }

    @Query()
    @Allow(Permission.ReadOrder)
    async kioskEventCount(@Ctx() ctx: RequestContext): Promise<number> {
        return this.connection.getRepository(ctx, KioskEventRow).count();
    }

    @Mutation()
    @Allow(Permission.UpdateCustomer)
    async sendKioskMessage(
        @Ctx() ctx: RequestContext,
        @Args() args: { customerId: string; kind: string; body: string },
    ): Promise<boolean> {
        const customers = await this.manager(ctx).query(`SELECT id FROM customer WHERE id::text = $1`, [
            String(args.customerId),
        ]);
        if (!customers.length) {
            throw new UserInputError(`No customer ${args.customerId}`);
        }
        await this.connection.getRepository(ctx, KioskMessageRow).insert({
            customerId: String(args.customerId),
            kind: args.kind,
            body: args.body,
            createdAt: new Date().toISOString(),
        });
        await this.eventBus.publish(new KioskMessageEvent(ctx, String(args.customerId), args.kind, args.body));
        Logger.info(`message ${args.kind} queued for customer ${args.customerId}`, 'KioskPlugin');
        return true;
    }

    @Query()
    @Allow(Permission.ReadCustomer)
    async kioskMessages(@Ctx() ctx: RequestContext, @Args() args: { customerId: string }) {
        const rows = await this.connection
            .getRepository(ctx, KioskMessageRow)
            .find({ where: { customerId: String(args.customerId) }, order: { n: 'ASC' } });
        return rows.map(r => ({ kind: r.kind, body: r.body, createdAt: r.createdAt }));
    }

    @Query()
    @Allow(Permission.ReadOrder)
    async kioskReturns(@Ctx() ctx: RequestContext, @Args() args: { orderCode: string }) {
        const rows = await this.connection
            .getRepository(ctx, KioskReturnRow)
            .find({ where: { orderCode: args.orderCode }, order: { createdAt: 'ASC', returnId: 'ASC' } });
        return rows.map(r => ({
            id: r.returnId,
            orderCode: r.orderCode,
            lines: r.lines,
            reason: r.reason,
            createdAt: r.createdAt,
        }));
    }

    @Mutation()
    @Allow(Permission.UpdateOrder)
    async recordKioskReturn(
        @Ctx() ctx: RequestContext,
        @Args() args: { orderCode: string; lines: Array<{ variantId: string; quantity: number }>; reason: string },
    ) {
        const order = await this.orderService.findOneByCode(ctx, args.orderCode);
        if (!order) {
            throw new UserInputError(`No order ${args.orderCode}`);
        }
        const repo = this.connection.getRepository(ctx, KioskReturnRow);
        const previous = await repo.count({ where: { orderCode: args.orderCode } });
        const id = `${args.orderCode}-R${previous + 1}`;
        const lines = JSON.stringify(args.lines.map(l => [String(l.variantId), l.quantity]));
        const createdAt = new Date().toISOString();
        // the primary key makes a racing second return with the same number fail instead of doubling
        await repo.insert({ returnId: id, orderCode: args.orderCode, lines, reason: args.reason, createdAt });
        const summary = args.lines.map(l => `${l.quantity} x variant ${l.variantId}`).join(', ');
        await this.historyService.createHistoryEntryForOrder({
            ctx,
            orderId: order.id,
            type: HistoryEntryType.ORDER_NOTE,
            data: { note: `Return ${id} started in store (${args.reason}): ${summary}` },
        });
        return { id, orderCode: args.orderCode, lines, reason: args.reason, createdAt };
    }

    // --- catalog export and change journal -------------------------------------------------------------
    @Query()
    @Allow(Permission.ReadCatalog)
    kioskPluginInfo() {
        return {
            version: PLUGIN_VERSION,
            journalFormat: JOURNAL_FORMAT,
            journal: true,
            journalRetentionHours: this.options.journalRetentionHours,
            maxExportLimit: MAX_EXPORT_LIMIT,
            maxChangesLimit: MAX_CHANGES_LIMIT,
        };
    }

    @Query()
    @Allow(Permission.ReadCatalog)
    async kioskCatalogExport(
        @Ctx() ctx: RequestContext,
        @Args() args: { after?: string | null; limit?: number | null; withDeleted?: boolean | null; upTo?: string | null },
    ) {
        const limit = limitArg(args.limit, 'limit', 1000, MAX_EXPORT_LIMIT);
        let after = 0;
        if (args.after != null) {
            if (!/^\d{1,10}$/.test(args.after) || Number(args.after) > 2147483647) {
                throw new UserInputError(`after: not a product id from a previous page: "${args.after.slice(0, 40)}"`);
            }
            after = Number(args.after);
        }
        let upTo: number | null = null;
        if (args.upTo != null) {
            if (!/^\d{1,10}$/.test(args.upTo) || Number(args.upTo) > 2147483647) {
                throw new UserInputError(`upTo: not a product id from an export plan: "${args.upTo.slice(0, 40)}"`);
            }
            upTo = Number(args.upTo);
        }
        // The head position first: whatever commits while the pages are read is in the journal after it.
        const cursor = encodeCursor(await headPosition(this.manager(ctx)));
        const ids = await this.exporter.pageIds(ctx, after, limit, upTo);
        const products = await this.exporter.records(ctx, ids, this.options.brandFacet);
        const nextAfter = ids.length === limit ? ids[ids.length - 1] : null;
        const deletedIds = args.withDeleted ? await this.exporter.goneIds(ctx, after, nextAfter) : [];
        return { cursor, products, nextAfter, deletedIds };
    }

    @Query()
    @Allow(Permission.ReadCatalog)
    async kioskCatalogExportPlan(@Ctx() ctx: RequestContext, @Args() args: { limit?: number | null }) {
        const limit = limitArg(args.limit, 'limit', 1000, MAX_EXPORT_LIMIT);
        const cursor = encodeCursor(await headPosition(this.manager(ctx)));
        return { cursor, starts: await this.exporter.pageStarts(ctx, limit) };
    }

    @Query()
    @Allow(Permission.ReadCatalog)
    async kioskChanges(@Ctx() ctx: RequestContext, @Args() args: { since: string; limit?: number | null }) {
        const limit = limitArg(args.limit, 'limit', 1000, MAX_CHANGES_LIMIT);
        const since = parseCursor(args.since, 'since');
        const m = this.manager(ctx);
        const read = await readJournal(m, since, limit);
        const base = {
            changes: read.rows.map(r => ({
                entity: r.entity,
                entityId: r.entityId,
                productId: r.productId,
                op: r.op,
                changedAt: r.changedAt,
            })),
            nextCursor: encodeCursor(read.next),
            hasMore: read.hasMore,
            resync: read.resync != null,
            resyncReason: read.resync,
            products: [] as ProductRecord[],
            deletedProductIds: [] as string[],
            categoriesChanged: false,
            locationsChanged: false,
            promotionsChanged: false,
        };
        if (read.resync != null || !read.rows.length) {
            return base;
        }
        if (read.rows.some(r => r.entity === 'tax_rate')) {
            // every price with tax may have changed: cheaper and surer to take the export again
            return { ...base, changes: [], nextCursor: args.since, resync: true, resyncReason: 'tax rates changed' };
        }
        const touched = await this.touchedProducts(m, read.rows);
        const products = await this.exporter.records(ctx, touched, this.options.brandFacet);
        const live = new Set(products.map(p => p.id));
        return {
            ...base,
            products,
            deletedProductIds: touched.filter(id => !live.has(id)),
            categoriesChanged: read.rows.some(r => r.entity === 'collection'),
            locationsChanged: read.rows.some(r => r.entity === 'location'),
            promotionsChanged: read.rows.some(r => r.entity === 'promotion'),
        };
    }

    /** The products whose kiosk record a batch of journal rows may have changed, by id. */
    private async touchedProducts(m: EntityManager, rows: JournalRow[]): Promise<string[]> {
        const ids = (entity: string) => [...new Set(rows.filter(r => r.entity === entity).map(r => Number(r.entityId)))];
        const direct = rows.filter(r => r.productId != null).map(r => Number(r.productId));
        const found: Array<{ id: string }> = await m.query(
            `SELECT unnest($1::int[]) AS id
             UNION SELECT "productId" FROM product_variant WHERE id = ANY($2::int[])
             UNION SELECT "productId" FROM product_facet_values_facet_value WHERE "facetValueId" = ANY($3::int[])
             UNION SELECT pf."productId" FROM product_facet_values_facet_value pf
                     JOIN facet_value fv ON fv.id = pf."facetValueId" WHERE fv."facetId" = ANY($4::int[])
             UNION SELECT v."productId" FROM product_variant_options_product_option vo
                     JOIN product_variant v ON v.id = vo."productVariantId" WHERE vo."productOptionId" = ANY($5::int[])`,
            [direct, ids('variant'), ids('facet_value'), ids('facet'), ids('option')],
        );
        return [...new Set(found.map(r => String(r.id)))].sort((a, b) => Number(a) - Number(b));
    }

    @Mutation()
    @Allow(Permission.SuperAdmin)
    async pruneKioskJournal(@Args() args: { keepSeconds: number }) {
        if (!Number.isInteger(args.keepSeconds) || args.keepSeconds < 0) {
            throw new UserInputError(`keepSeconds: must be 0 or more, got ${args.keepSeconds}`);
        }
        return { removed: await pruneJournal(this.connection.rawConnection, args.keepSeconds) };
    }

    // --- heartbeats (docs/CONTRACT_HEARTBEAT: the kiosk owns the payload's fields) -----------------------
    @Mutation()
    @Allow(Permission.CreateOrder)
    async kioskHeartbeat(
        @Ctx() ctx: RequestContext,
        @Args() args: { input: { kioskId: string; storeId: string; sentAt: Date; payload: unknown } },
    ) {
        const { kioskId, storeId, sentAt, payload } = args.input;
        if (!kioskId.trim() || kioskId.length > MAX_KIOSK_ID) {
            throw new UserInputError(`kioskId: must be 1 to ${MAX_KIOSK_ID} characters, got ${kioskId.length}`);
        }
        if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
            throw new UserInputError('payload: must be a JSON object');
        }
        const size = Buffer.byteLength(JSON.stringify(payload), 'utf8');
        if (size > MAX_HEARTBEAT_PAYLOAD_BYTES) {
            throw new UserInputError(`payload: ${size} bytes, at most ${MAX_HEARTBEAT_PAYLOAD_BYTES}`);
        }
        const receivedAt = new Date();
        await this.connection
            .getRepository(ctx, KioskHeartbeatRow)
            .upsert({ kioskId, storeId, sentAt: new Date(sentAt), receivedAt, payload: payload as any }, ['kioskId']);
        return { receivedAt, intervalS: this.options.heartbeatIntervalS };
    }

    @Query()
    @Allow(Permission.ReadOrder)
    async kioskFleet(@Ctx() ctx: RequestContext) {
        return this.connection.getRepository(ctx, KioskHeartbeatRow).find({ order: { kioskId: 'ASC' } });
    }

    // --- pickup arrivals (the kiosk's PICKUP_ARRIVAL events, see kiosk/core/services/order_status.py) -----
    @Query()
    @Allow(Permission.ReadOrder)
    async kioskPickupArrivals(@Ctx() ctx: RequestContext, @Args() args: { locationId: string }) {
        // The event's data is a JSON array of [key, value] pairs; jsonb containment picks this location's.
        const events: Array<{ client: string; at: string }> = await this.manager(ctx).query(
            `SELECT client, at FROM (
                 SELECT DISTINCT ON (client) client, at FROM (
                     SELECT (SELECT p->>1 FROM jsonb_array_elements(data::jsonb) p WHERE p->>0 = 'client_order_id') AS client,
                            at
                     FROM kiosk_event
                     WHERE kind = 'pickup_arrival'
                       AND data::jsonb @> jsonb_build_array(jsonb_build_array('location_id', $1::text))
                 ) e WHERE client IS NOT NULL ORDER BY client, at
             ) f ORDER BY at LIMIT 5000`,
            [String(args.locationId)],
        );
        if (!events.length) {
            return [];
        }
        const orders = await this.connection.getRepository(ctx, Order).find({
            where: { customFields: { kioskClientOrderId: In(events.map(e => e.client)) } as any },
            relations: ['lines', 'fulfillments'],
        });
        const byClient = new Map(orders.map(o => [String((o.customFields as any).kioskClientOrderId), o]));
        const arrivals = [];
        for (const event of events) {
            const order = byClient.get(event.client);
            if (!order || CLOSED_ORDER_STATES.includes(order.state)) {
                continue;
            }
            const fields = order.customFields as any;
            arrivals.push({
                clientOrderId: event.client,
                orderNumber: String(fields.kioskOrderNumber || order.code),
                orderCode: order.code,
                arrivedAt: event.at,
                state: order.state,
                fulfilment: fields.kioskFulfilment ?? null,
                hasFulfilment: (order.fulfillments ?? []).some(f => f.state !== 'Cancelled'),
                itemCount: order.lines.reduce((n, line) => n + line.quantity, 0),
            });
            if (arrivals.length >= MAX_ARRIVALS) {
                break;
            }
        }
        return arrivals;
    }

    // --- calls for an associate, store-wide (the kiosks' ASSISTANCE and ASSISTANCE_ANSWERED events) ---------
    @Query()
    @Allow(Permission.ReadOrder)
    async kioskAssistanceCalls(@Ctx() ctx: RequestContext, @Args() args: { storeId: string; since: string }) {
        const storeId = String(args.storeId ?? '');
        if (!storeId || storeId.length > 100) {
            throw new UserInputError(`storeId: must be 1 to 100 characters, got ${storeId.length}`);
        }
        const since = new Date(String(args.since ?? ''));
        if (Number.isNaN(since.getTime())) {
            throw new UserInputError(`since: must be an ISO 8601 date and time, got "${String(args.since).slice(0, 40)}"`);
        }
        // Events carry the kiosk's own ISO time; compared as instants, not as text (offsets may differ).
        const rows: Array<{ callId: string; deviceId: string; page: string | null; at: string }> =
            await this.manager(ctx).query(
                `SELECT e.event_id AS "callId", e.device_id AS "deviceId", e.at,
                        (SELECT p->>1 FROM jsonb_array_elements(e.data::jsonb) p WHERE p->>0 = 'page') AS page
                 FROM kiosk_event e
                 WHERE e.kind = 'assistance' AND e.store_id = $1 AND e.at::timestamptz >= $2::timestamptz
                   AND NOT EXISTS (
                       SELECT 1 FROM kiosk_event a
                       WHERE a.kind = 'assistance_answered' AND a.store_id = $1
                         AND a.data::jsonb @> jsonb_build_array(jsonb_build_array('call_id', e.event_id)))
                 ORDER BY e.at::timestamptz DESC LIMIT 200`,
                [storeId, since.toISOString()],
            );
        return rows.map(r => ({ ...r, page: r.page ?? '' }));
    }

    // --- recalls (issue 20): lots (AI 10) and serial numbers (AI 21) withdrawn from sale ----------------
    @Query()
    @Allow(Permission.ReadCatalog)
    async kioskRecalls(@Ctx() ctx: RequestContext, @Args() args: { withLifted?: boolean | null }) {
        const qb = this.connection.getRepository(ctx, KioskRecallRow).createQueryBuilder('r').orderBy('r.reference', 'ASC');
        if (!args.withLifted) {
            qb.where('r.liftedAt IS NULL');
        }
        return qb.getMany();
    }

    @Query()
    @Allow(Permission.ReadCatalog)
    async kioskRecallSightings(@Ctx() ctx: RequestContext, @Args() args: { reference: string }) {
        const rows: Array<{ store_id: string; device_id: string; at: string; data: string }> = await this.manager(ctx).query(
            `SELECT store_id, device_id, at, data FROM kiosk_event
             WHERE kind = 'recall' AND data::jsonb @> jsonb_build_array(jsonb_build_array('recall', $1::text))
             ORDER BY at, event_id LIMIT 10000`,
            [args.reference],
        );
        return rows.map(r => {
            const fields = new Map<string, string>(JSON.parse(r.data));
            return {
                storeId: r.store_id,
                deviceId: r.device_id,
                at: r.at,
                match: fields.get('match') ?? 'lot',
                lot: fields.get('lot') ?? null,
            };
        });
    }

    @Mutation()
    @Allow(Permission.UpdateCatalog)
    async createKioskRecall(
        @Ctx() ctx: RequestContext,
        @Args() args: { input: { reference: string; gtin: string; lot?: string | null; serial?: string | null; note?: string | null } },
    ) {
        const recall = validRecall(args.input);
        const repo = this.connection.getRepository(ctx, KioskRecallRow);
        if (await repo.findOne({ where: { reference: recall.reference } })) {
            throw new UserInputError(`recall ${recall.reference} already exists`);
        }
        const row = { ...recall, note: args.input.note ?? '', createdAt: new Date(), liftedAt: null };
        await repo.insert(row);
        Logger.info(`recall ${recall.reference} of GTIN ${recall.gtin} created`, 'KioskPlugin');
        return row;
    }

    @Mutation()
    @Allow(Permission.UpdateCatalog)
    async liftKioskRecall(@Ctx() ctx: RequestContext, @Args() args: { reference: string }) {
        const repo = this.connection.getRepository(ctx, KioskRecallRow);
        const row = await repo.findOne({ where: { reference: args.reference } });
        if (!row) {
            throw new UserInputError(`No recall ${args.reference}`);
        }
        if (!row.liftedAt) {
            row.liftedAt = new Date();
            await repo.save(row);
        }
        return row;
    }
}
