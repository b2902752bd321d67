// KioskPlugin: the few things the kiosk needs that Vendure 3.7 has no API for, as Admin API mutations and
// queries: measurement events (idempotent on the event id), messages to a customer (cart links, resent order
// confirmations) and in-store returns of online orders. Plain CommonJS (no build step): the decorators that
// TypeScript would apply are applied by hand below.
//
// Storage is three small tables created on start (CREATE TABLE IF NOT EXISTS, portable SQL for SQLite,
// sql.js and Postgres) instead of TypeORM entities, which would need decorators and a migration per change.
// Messages are also published on the EventBus as KioskMessageEvent, so a deployment's email or app-push
// plugin sends them; returns also leave a note in the order's history for staff in the Admin UI.
'use strict';

const { parse } = require('graphql');
const { Args, Mutation, Query, Resolver } = require('@nestjs/graphql');
const {
    Allow,
    Ctx,
    EventBus,
    HistoryService,
    Logger,
    OrderService,
    Permission,
    PluginCommonModule,
    TransactionalConnection,
    UserInputError,
    VendureEvent,
    VendurePlugin,
} = require('@vendure/core');
const { HistoryEntryType } = require('@vendure/common/lib/generated-types');

const MAX_EVENTS_PER_CALL = 1000;

const schema = parse(`
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
    extend type Query {
        kioskReturns(orderCode: String!): [KioskReturn!]!
        kioskMessages(customerId: ID!): [KioskMessage!]!
        kioskEventCount: Int!
    }
    extend type Mutation {
        "Stores events whose id is new; returns how many were new"
        submitKioskEvents(events: [KioskEventInput!]!): Int!
        sendKioskMessage(customerId: ID!, kind: String!, body: String!): Boolean!
        recordKioskReturn(orderCode: String!, lines: [KioskReturnLineInput!]!, reason: String!): KioskReturn!
    }
`);

/** Published for every message the kiosk asks the store to send; an email/push plugin subscribes to it. */
class KioskMessageEvent extends VendureEvent {
    constructor(ctx, customerId, kind, body) {
        super();
        this.ctx = ctx;
        this.customerId = customerId;
        this.kind = kind;
        this.body = body;
    }
}

class KioskStore {
    constructor(connection) {
        this.connection = connection;
    }

    get db() {
        return this.connection.rawConnection;
    }

    /** Placeholder n (1-based) in this database's dialect. */
    p(n) {
        return this.db.options.type === 'postgres' ? `$${n}` : '?';
    }

    async query(sql, params = []) {
        return this.db.query(sql, params);
    }

    async createTables() {
        const serial = this.db.options.type === 'postgres' ? 'SERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
        await this.query(`CREATE TABLE IF NOT EXISTS kiosk_event (
            event_id VARCHAR(36) PRIMARY KEY, kind VARCHAR(32) NOT NULL, at VARCHAR(40) NOT NULL,
            store_id VARCHAR(100) NOT NULL, device_id VARCHAR(100) NOT NULL, data TEXT NOT NULL,
            received_at VARCHAR(40) NOT NULL)`);
        await this.query(`CREATE TABLE IF NOT EXISTS kiosk_message (
            n ${serial}, customer_id VARCHAR(64) NOT NULL, kind VARCHAR(32) NOT NULL, body TEXT NOT NULL,
            created_at VARCHAR(40) NOT NULL)`);
        await this.query(`CREATE TABLE IF NOT EXISTS kiosk_return (
            return_id VARCHAR(80) PRIMARY KEY, order_code VARCHAR(64) NOT NULL, lines TEXT NOT NULL,
            reason TEXT NOT NULL, created_at VARCHAR(40) NOT NULL)`);
    }
}

class KioskResolver {
    constructor(connection, eventBus, orderService, historyService) {
        this.store = new KioskStore(connection);
        this.eventBus = eventBus;
        this.orderService = orderService;
        this.historyService = historyService;
    }

    async submitKioskEvents(ctx, args) {
        const events = args.events;
        if (events.length > MAX_EVENTS_PER_CALL) {
            throw new UserInputError(`At most ${MAX_EVENTS_PER_CALL} events per call, got ${events.length}`);
        }
        const s = this.store;
        const now = new Date().toISOString();
        let stored = 0;
        for (const event of events) {
            const seen = await s.query(`SELECT 1 FROM kiosk_event WHERE event_id = ${s.p(1)}`, [event.id]);
            if (seen.length) {
                continue;
            }
            await s.query(
                `INSERT INTO kiosk_event (event_id, kind, at, store_id, device_id, data, received_at)
                 VALUES (${s.p(1)}, ${s.p(2)}, ${s.p(3)}, ${s.p(4)}, ${s.p(5)}, ${s.p(6)}, ${s.p(7)})
                 ON CONFLICT (event_id) DO NOTHING`,
                [event.id, event.kind, event.at, event.storeId, event.deviceId, event.data, now],
            );
            stored += 1;
        }
        return stored;
    }

    async kioskEventCount() {
        const rows = await this.store.query('SELECT count(*) AS n FROM kiosk_event');
        return Number(rows[0].n);
    }

    async sendKioskMessage(ctx, args) {
        const s = this.store;
        const customers = await s.query(`SELECT id FROM customer WHERE id = ${s.p(1)}`, [args.customerId]);
        if (!customers.length) {
            throw new UserInputError(`No customer ${args.customerId}`);
        }
        await s.query(
            `INSERT INTO kiosk_message (customer_id, kind, body, created_at) VALUES (${s.p(1)}, ${s.p(2)}, ${s.p(3)}, ${s.p(4)})`,
            [String(args.customerId), args.kind, args.body, new Date().toISOString()],
        );
        await this.eventBus.publish(new KioskMessageEvent(ctx, args.customerId, args.kind, args.body));
        Logger.info(`message ${args.kind} queued for customer ${args.customerId}`, 'KioskPlugin');
        return true;
    }

    async kioskMessages(ctx, args) {
        const s = this.store;
        const rows = await s.query(
            `SELECT kind, body, created_at FROM kiosk_message WHERE customer_id = ${s.p(1)} ORDER BY n`,
            [String(args.customerId)],
        );
        return rows.map(r => ({ kind: r.kind, body: r.body, createdAt: r.created_at }));
    }

    async kioskReturns(ctx, args) {
        const s = this.store;
        const rows = await s.query(
            `SELECT return_id, order_code, lines, reason, created_at FROM kiosk_return WHERE order_code = ${s.p(1)}
             ORDER BY created_at, return_id`,
            [args.orderCode],
        );
        return rows.map(r => ({
            id: r.return_id,
            orderCode: r.order_code,
            lines: r.lines,
            reason: r.reason,
            createdAt: r.created_at,
        }));
    }

    async recordKioskReturn(ctx, args) {
        const order = await this.orderService.findOneByCode(ctx, args.orderCode);
        if (!order) {
            throw new UserInputError(`No order ${args.orderCode}`);
        }
        const s = this.store;
        const previous = await s.query(`SELECT count(*) AS n FROM kiosk_return WHERE order_code = ${s.p(1)}`, [
            args.orderCode,
        ]);
        const id = `${args.orderCode}-R${Number(previous[0].n) + 1}`;
        const lines = JSON.stringify(args.lines.map(l => [String(l.variantId), l.quantity]));
        const createdAt = new Date().toISOString();
        // the primary key makes a racing second return with the same number fail instead of doubling
        await s.query(
            `INSERT INTO kiosk_return (return_id, order_code, lines, reason, created_at)
             VALUES (${s.p(1)}, ${s.p(2)}, ${s.p(3)}, ${s.p(4)}, ${s.p(5)})`,
            [id, args.orderCode, lines, args.reason, createdAt],
        );
        const summary = args.lines.map(l => `${l.quantity} x variant ${l.variantId}`).join(', ');
        await this.historyService.createHistoryEntryForOrder({
            ctx,
            orderId: order.id,
            type: HistoryEntryType.ORDER_NOTE,
            data: { note: `Return ${id} started in store (${args.reason}): ${summary}` },
        });
        return { id, orderCode: args.orderCode, lines, reason: args.reason, createdAt };
    }
}

// --- the decorators TypeScript would have applied ---------------------------------------------------------
function method(cls, name, decorators, params) {
    const proto = cls.prototype;
    let descriptor = Object.getOwnPropertyDescriptor(proto, name);
    for (const decorator of decorators) {
        descriptor = decorator(proto, name, descriptor) || descriptor;
    }
    Object.defineProperty(proto, name, descriptor);
    params.forEach((decorator, index) => decorator(proto, name, index));
}

Reflect.defineMetadata('design:paramtypes', [TransactionalConnection, EventBus, OrderService, HistoryService], KioskResolver);
method(KioskResolver, 'submitKioskEvents', [Mutation(), Allow(Permission.CreateOrder)], [Ctx(), Args()]);
method(KioskResolver, 'kioskEventCount', [Query(), Allow(Permission.ReadOrder)], []);
method(KioskResolver, 'sendKioskMessage', [Mutation(), Allow(Permission.UpdateCustomer)], [Ctx(), Args()]);
method(KioskResolver, 'kioskMessages', [Query(), Allow(Permission.ReadCustomer)], [Ctx(), Args()]);
method(KioskResolver, 'kioskReturns', [Query(), Allow(Permission.ReadOrder)], [Ctx(), Args()]);
method(KioskResolver, 'recordKioskReturn', [Mutation(), Allow(Permission.UpdateOrder)], [Ctx(), Args()]);
Resolver()(KioskResolver);

class KioskPluginClass {
    constructor(connection) {
        this.store = new KioskStore(connection);
    }

    async onApplicationBootstrap() {
        await this.store.createTables();
    }
}
Reflect.defineMetadata('design:paramtypes', [TransactionalConnection], KioskPluginClass);

const KioskPlugin = VendurePlugin({
    imports: [PluginCommonModule],
    adminApiExtensions: { schema, resolvers: [KioskResolver] },
    compatibility: '^3.0.0',
})(KioskPluginClass) || KioskPluginClass;

module.exports = { KioskPlugin, KioskMessageEvent };
