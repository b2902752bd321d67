/** The KioskPlugin's Admin API: schema and resolvers. */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { HistoryEntryType } from '@vendure/common/lib/generated-types';
import {
    Allow,
    Ctx,
    EventBus,
    HistoryService,
    Logger,
    OrderService,
    Permission,
    RequestContext,
    TransactionalConnection,
    UserInputError,
    VendureEvent,
} from '@vendure/core';
import gql from 'graphql-tag';
import type { EntityManager } from 'typeorm';

import { KIOSK_PLUGIN_OPTIONS, KioskPluginOptions, PLUGIN_VERSION, JOURNAL_FORMAT } from './constants';
import { KioskEventRow, KioskHeartbeatRow, KioskMessageRow, KioskReturnRow } from './entities';
import { CatalogExporter, ProductRecord } from './export';
import { encodeCursor, headPosition, JournalRow, parseCursor, pruneJournal, readJournal } from './journal';
import { Inject } from '@nestjs/common';

export const MAX_EVENTS_PER_CALL = 1000;
export const MAX_EXPORT_LIMIT = 5000;
export const MAX_CHANGES_LIMIT = 10000;
export const MAX_HEARTBEAT_PAYLOAD_BYTES = 16 * 1024;
export const MAX_KIOSK_ID = 64;

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
    }
    extend type Mutation {
        "Stores events whose id is new; returns how many were new"
        submitKioskEvents(events: [KioskEventInput!]!): Int!
        sendKioskMessage(customerId: ID!, kind: String!, body: String!): Boolean!
        recordKioskReturn(orderCode: String!, lines: [KioskReturnLineInput!]!, reason: String!): KioskReturn!
        kioskHeartbeat(input: KioskHeartbeatInput!): KioskHeartbeatAck!
        "Prunes journal rows older than keepSeconds now (the plugin also prunes by its retention option)"
        pruneKioskJournal(keepSeconds: Int!): KioskPruneResult!
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
}
