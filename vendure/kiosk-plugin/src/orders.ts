/**
 * `kioskPlaceOrder`: a kiosk order placed in ONE request and ONE database transaction.
 *
 * The kiosk used to build a draft order with ~8 Admin API calls (create, claim, add items, customer, address,
 * shipping, transition); under a fleet's load each call waited its turn in Node and PostgreSQL, and every
 * call was a chance for a fault in between. Here the same draft-order flow runs server-side with Vendure's
 * own services, so the resulting order is the one those calls made (Draft -> ArrangingPayment, the kiosk's
 * custom fields, customer, address, shipping line), and it adds what the kiosk could not do atomically:
 *
 * - **Idempotent by the client order id.** A PostgreSQL advisory lock on the id (held to the end of the
 *   transaction, across every server process on the database) serialises a retry and a concurrent duplicate;
 *   whoever comes second finds the placed order and gets it back. Order.kioskClientOrderId stays unique as the
 *   database's own backstop. A process killed mid-way leaves nothing: the transaction never committed.
 * - **Coupons** through Vendure's applyCouponCode. A code that does not apply never refuses the order: an order
 *   queued offline must not be lost because its coupon expired meanwhile. It is placed without the code and the
 *   result says which code and why (unknown, expired, not yet valid, already used, not applicable).
 * - **Loyalty points**: a redemption becomes a negative surcharge on the order within the configured rules
 *   (point value, minimum, share of the total), checked against the balance locked for the transaction; a
 *   redemption the rules refuse is likewise left out and explained. The points the order earns (one per whole
 *   currency unit of the goods after discounts, times the tier's multiplier: kiosk/core/loyalty.py) are
 *   credited in the same transaction. Both movements are rows of kiosk_points_ledger, unique per order and
 *   kind, and Customer.loyaltyPoints is updated with them: exactly once however often the kiosk retries.
 * - **Short stock**: a line Vendure cannot fill (its saleable stock is lower) is placed with what there is;
 *   the result and the order's history name the line and the shortfall. Only an order with nothing at all
 *   in stock is refused.
 */
import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { HistoryEntryType } from '@vendure/common/lib/generated-types';
import {
    Allow,
    CountryService,
    Ctx,
    Customer,
    CustomerService,
    HistoryService,
    ID,
    isGraphQlErrorResult,
    Logger,
    Order,
    OrderService,
    Permission,
    ProductVariant,
    Promotion,
    RequestContext,
    StockLocation,
    Transaction,
    TransactionalConnection,
    UserInputError,
} from '@vendure/core';
import gql from 'graphql-tag';
import { In, IsNull, Raw } from 'typeorm';

import { KIOSK_PLUGIN_OPTIONS, KioskPluginOptions, LoyaltyOptions } from './constants';
import { KioskPlacedOrderRow, KioskPointsLedgerRow } from './entities';

export const MAX_ORDER_LINES = 100;
export const MAX_LINE_QUANTITY = 999;
export const MAX_COUPONS = 10;
export const MAX_COUPON_LENGTH = 50;
export const FULFILMENTS = ['home_delivery', 'pickup_store', 'reserve_here'];
export const PAYMENTS = ['pay_at_counter', 'pay_on_phone'];
export const POINTS_SURCHARGE_SKU = 'KIOSK-POINTS';
const LOG_CONTEXT = 'KioskPlugin';

export const orderSchema = gql`
    input KioskOrderLineInput {
        variantId: ID!
        quantity: Int!
    }
    input KioskOrderAddressInput {
        fullName: String!
        streetLine1: String!
        city: String!
        postalCode: String!
        countryCode: String!
        phoneNumber: String
    }
    "who the order is for: an existing customer by id or loyalty number, else by email, else a new guest"
    input KioskOrderCustomerInput {
        customerId: ID
        loyaltyNumber: String
        firstName: String!
        lastName: String!
        emailAddress: String!
        phoneNumber: String
    }
    input KioskOrderInput {
        "the kiosk's UUID for the order, its idempotency key for life (1 to 64 characters)"
        clientOrderId: String!
        orderNumber: String!
        storeId: String!
        deviceId: String!
        "home_delivery | pickup_store | reserve_here"
        fulfilment: String!
        "pay_at_counter | pay_on_phone"
        payment: String!
        lines: [KioskOrderLineInput!]!
        customer: KioskOrderCustomerInput!
        "home delivery: where to and how"
        shippingAddress: KioskOrderAddressInput
        shippingMethodId: ID
        "pick-up and reserve-here: the store (a stock location with an address) and its shipping method's code"
        pickupLocationId: ID
        pickupMethodCode: String
        "the order state the kiosk leaves orders in; default ArrangingPayment"
        state: String
        couponCodes: [String!]
        pointsToRedeem: Int
    }
    type KioskShortLine {
        variantId: ID!
        ordered: Int!
        placed: Int!
    }
    type KioskCouponOutcome {
        code: String!
        applied: Boolean!
        "null when applied; else unknown | expired | not_yet_valid | already_used | not_applicable"
        problem: String
        "expired: when the promotion ended; not_yet_valid: when it starts"
        at: DateTime
    }
    type KioskPointsOutcome {
        requested: Int!
        redeemed: Int!
        "minor units taken off the order"
        discount: Int!
        "null when redeemed; else balance | minimum | share"
        problem: String
        "the balance before this order"
        balance: Int!
        minimum: Int!
        "the most points this order could take"
        most: Int!
    }
    type KioskPlacedOrder {
        id: ID!
        code: String!
        state: String!
        clientOrderId: String!
        currencyCode: String!
        "totalWithTax in minor units: after promotions, coupons and redeemed points"
        total: Int!
        pointsEarned: Int!
        coupons: [KioskCouponOutcome!]!
        points: KioskPointsOutcome
        shortLines: [KioskShortLine!]!
        "false when the order had been placed already (a retry or a concurrent duplicate)"
        created: Boolean!
    }
    type KioskPointsEntry {
        orderId: ID!
        customerId: ID!
        "earn | redeem"
        kind: String!
        "+ earned, - redeemed"
        points: Int!
        createdAt: DateTime!
    }
    extend type Query {
        "the loyalty points an order moved, or a customer's (newest first, at most 500): for staff and audits"
        kioskPointsLedger(orderId: ID, customerId: ID): [KioskPointsEntry!]!
    }
    extend type Mutation {
        "Places a kiosk order in one transaction; idempotent by clientOrderId (docs/vendure.md)"
        kioskPlaceOrder(input: KioskOrderInput!): KioskPlacedOrder!
    }
`;

export interface KioskOrderInput {
    clientOrderId: string;
    orderNumber: string;
    storeId: string;
    deviceId: string;
    fulfilment: string;
    payment: string;
    lines: Array<{ variantId: string; quantity: number }>;
    customer: {
        customerId?: string | null;
        loyaltyNumber?: string | null;
        firstName: string;
        lastName: string;
        emailAddress: string;
        phoneNumber?: string | null;
    };
    shippingAddress?: {
        fullName: string;
        streetLine1: string;
        city: string;
        postalCode: string;
        countryCode: string;
        phoneNumber?: string | null;
    } | null;
    shippingMethodId?: string | null;
    pickupLocationId?: string | null;
    pickupMethodCode?: string | null;
    state?: string | null;
    couponCodes?: string[] | null;
    pointsToRedeem?: number | null;
}

interface CouponOutcome {
    code: string;
    applied: boolean;
    problem: string | null;
    at: string | null;
}

interface PointsOutcome {
    requested: number;
    redeemed: number;
    discount: number;
    problem: string | null;
    balance: number;
    minimum: number;
    most: number;
}

interface ShortLine {
    variantId: string;
    ordered: number;
    placed: number;
}

/** What is stored per placed order, so a retry gets exactly the first answer back. */
interface Outcome {
    coupons: CouponOutcome[];
    points: PointsOutcome | null;
    shortLines: ShortLine[];
}

function text(value: unknown, name: string, min: number, max: number): string {
    const s = typeof value === 'string' ? value.trim() : '';
    if (s.length < min || s.length > max) {
        throw new UserInputError(`${name}: must be ${min} to ${max} characters, got ${s.length}`);
    }
    return s;
}

/** The input checked field by field; every refusal names the field (GraphQL error, nothing written). */
export function validOrderInput(input: KioskOrderInput): KioskOrderInput {
    text(input.clientOrderId, 'clientOrderId', 1, 64);
    text(input.orderNumber, 'orderNumber', 1, 64);
    text(input.storeId, 'storeId', 1, 100);
    text(input.deviceId, 'deviceId', 1, 100);
    if (!FULFILMENTS.includes(input.fulfilment)) {
        throw new UserInputError(`fulfilment: must be one of ${FULFILMENTS.join(', ')}, got "${String(input.fulfilment).slice(0, 40)}"`);
    }
    if (!PAYMENTS.includes(input.payment)) {
        throw new UserInputError(`payment: must be one of ${PAYMENTS.join(', ')}, got "${String(input.payment).slice(0, 40)}"`);
    }
    if (!input.lines.length || input.lines.length > MAX_ORDER_LINES) {
        throw new UserInputError(`lines: must hold 1 to ${MAX_ORDER_LINES} lines, got ${input.lines.length}`);
    }
    input.lines.forEach((line, i) => {
        if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) {
            throw new UserInputError(`lines[${i}].quantity: must be 1 to ${MAX_LINE_QUANTITY}, got ${line.quantity}`);
        }
        if (!/^\d{1,10}$/.test(String(line.variantId))) {
            throw new UserInputError(`lines[${i}].variantId: not a product variant id: "${String(line.variantId).slice(0, 40)}"`);
        }
    });
    text(input.customer.emailAddress, 'customer.emailAddress', 3, 255);
    if (input.fulfilment === 'home_delivery') {
        if (!input.shippingAddress) {
            throw new UserInputError('shippingAddress: required for home delivery');
        }
        if (!input.shippingMethodId) {
            throw new UserInputError('shippingMethodId: required for home delivery');
        }
    } else if (!input.pickupLocationId) {
        throw new UserInputError(`pickupLocationId: required for ${input.fulfilment}`);
    }
    const codes = input.couponCodes ?? [];
    if (codes.length > MAX_COUPONS) {
        throw new UserInputError(`couponCodes: at most ${MAX_COUPONS} codes, got ${codes.length}`);
    }
    codes.forEach((code, i) => text(code, `couponCodes[${i}]`, 1, MAX_COUPON_LENGTH));
    const points = input.pointsToRedeem ?? 0;
    if (!Number.isInteger(points) || points < 0) {
        throw new UserInputError(`pointsToRedeem: must be a whole number of 0 or more, got ${points}`);
    }
    if (points > 0 && !input.customer.customerId && !input.customer.loyaltyNumber) {
        throw new UserInputError('pointsToRedeem: only a customer with a loyalty account can redeem points');
    }
    return input;
}

/** Points one order earns (kiosk/core/loyalty.py points_for): whole currency units times the tier's rate. */
export function pointsFor(minor: number, tier: string | null | undefined, loyalty: Required<LoyaltyOptions>): number {
    const units = Math.floor(minor / 100);
    if (units <= 0) {
        return 0;
    }
    const rate = loyalty.tierMultipliers[tier ?? ''] ?? loyalty.tierMultipliers.Member ?? 1;
    // multipliers like 1.25 are exact in binary only up to a point: round away float noise before flooring
    return Math.floor(Math.round(units * rate * 1e6) / 1e6);
}

/** The most points an order of `totalMinor` can take (kiosk/core/loyalty.py max_redeemable). */
export function maxRedeemable(balance: number, totalMinor: number, loyalty: Required<LoyaltyOptions>): number {
    const cap = Math.floor((totalMinor * loyalty.maxShare) / loyalty.pointValue + 1e-9);
    const most = Math.min(balance, cap);
    return most >= loyalty.minimumPoints ? most : 0;
}

@Resolver()
export class KioskOrderResolver {
    constructor(
        private connection: TransactionalConnection,
        private orderService: OrderService,
        private customerService: CustomerService,
        private countryService: CountryService,
        private historyService: HistoryService,
        @Inject(KIOSK_PLUGIN_OPTIONS) private options: Required<KioskPluginOptions>,
    ) {}

    @Transaction()
    @Mutation()
    @Allow(Permission.CreateOrder)
    async kioskPlaceOrder(@Ctx() ctx: RequestContext, @Args() args: { input: KioskOrderInput }) {
        const input = validOrderInput(args.input);
        const m = this.connection.getRepository(ctx, Order).manager;
        // One placement per client order id at a time, on every server sharing this database; released at
        // commit or rollback (a killed process's connection drops, and PostgreSQL releases it then).
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('kiosk-order:' || $1))`, [input.clientOrderId]);
        const existing = await this.findByClientId(ctx, input.clientOrderId);
        if (existing && existing.state !== 'Draft') {
            return this.answer(ctx, existing, false);
        }
        await this.checkVariants(ctx, input);
        let order: Order;
        if (existing) {
            // a draft half-built by a kiosk of the request-per-step era: finish that one, with exactly our lines
            order = existing;
            if (existing.lines.length) {
                const emptied = await this.orderService.removeAllItemsFromOrder(ctx, existing.id);
                this.check(emptied, 'lines');
            }
        } else {
            order = await this.orderService.createDraft(ctx);
        }
        // the customer first: addCustomerToOrder saves the entity it is given, which must not be older than the row
        const customer = await this.customer(ctx, input, existing ? order.id : order);
        // the kiosk's fields straight onto the row: updateCustomFields would load and save the whole order
        await this.connection.getRepository(ctx, Order).update(
            { id: order.id },
            {
                customFields: {
                    kioskClientOrderId: input.clientOrderId,
                    kioskOrderNumber: input.orderNumber,
                    kioskStoreId: input.storeId,
                    kioskDeviceId: input.deviceId,
                    kioskFulfilment: input.fulfilment,
                    kioskPayment: input.payment,
                    kioskPickupLocationId: input.pickupLocationId ?? '',
                } as any,
            },
        );
        // The address goes onto the empty order's row before the lines (setShippingAddress would re-price the
        // whole order once more: measured ~100 ms of a placement); the lines are then priced with it in place.
        const { address, methodId } = await this.shippingChoice(ctx, order.id, input);
        await this.setAddress(ctx, order.id, address);
        const shortLines = await this.addLines(ctx, order.id, input);
        this.check(await this.orderService.setShippingMethod(ctx, order.id, [methodId]), 'shippingMethodId');
        const coupons = await this.coupons(ctx, order.id, input.couponCodes ?? []);
        const points = await this.redeem(ctx, order.id, customer, input.pointsToRedeem ?? 0);
        const state = input.state || 'ArrangingPayment';
        const moved = await this.orderService.transitionToState(ctx, order.id, state as any);
        this.check(moved, 'state');
        const placed = await this.orderWithLines(ctx, order.id);
        await this.earn(ctx, placed, customer);
        const outcome: Outcome = { coupons, points, shortLines };
        await this.connection.getRepository(ctx, KioskPlacedOrderRow).insert({
            clientOrderId: input.clientOrderId,
            orderId: Number(placed.id),
            outcome: outcome as any,
            createdAt: new Date(),
        });
        if (shortLines.length) {
            const summary = shortLines.map(s => `variant ${s.variantId}: ${s.placed} of ${s.ordered}`).join(', ');
            await this.historyService.createHistoryEntryForOrder({
                ctx,
                orderId: placed.id,
                type: HistoryEntryType.ORDER_NOTE,
                data: { note: `Placed from kiosk order ${input.orderNumber} with lines short of stock: ${summary}` },
            });
            Logger.warn(`order ${placed.code} placed short: ${summary}`, LOG_CONTEXT);
        }
        return this.answer(ctx, placed, true, outcome);
    }

    @Query()
    @Allow(Permission.ReadCustomer)
    async kioskPointsLedger(@Ctx() ctx: RequestContext, @Args() args: { orderId?: string | null; customerId?: string | null }) {
        const where: Record<string, number> = {};
        for (const [name, value] of [['orderId', args.orderId], ['customerId', args.customerId]] as const) {
            if (value != null) {
                if (!/^\d{1,10}$/.test(String(value))) {
                    throw new UserInputError(`${name}: not an id: "${String(value).slice(0, 40)}"`);
                }
                where[name] = Number(value);
            }
        }
        if (!Object.keys(where).length) {
            throw new UserInputError('orderId: give an orderId or a customerId');
        }
        const rows = await this.connection
            .getRepository(ctx, KioskPointsLedgerRow)
            .find({ where, order: { n: 'DESC' }, take: 500 });
        return rows.map(r => ({ orderId: r.orderId, customerId: r.customerId, kind: r.kind, points: r.points, createdAt: r.createdAt }));
    }

    // --- steps --------------------------------------------------------------------------------------------
    private async findByClientId(ctx: RequestContext, clientOrderId: string): Promise<Order | undefined> {
        const found = await this.connection.getRepository(ctx, Order).findOne({
            where: { customFields: { kioskClientOrderId: clientOrderId } as any },
            relations: ['lines'],
        });
        return found ?? undefined;
    }

    private async orderWithLines(ctx: RequestContext, id: ID): Promise<Order> {
        const order = await this.orderService.findOne(ctx, id, ['lines', 'lines.productVariant', 'shippingLines', 'surcharges', 'customer']);
        if (!order) {
            throw new Error(`order ${id} vanished inside its own transaction`);
        }
        return order;
    }

    /** Vendure's ErrorResults (returned, not thrown) become GraphQL errors naming the field: the transaction rolls back. */
    private check<T>(result: T, field: string): Exclude<T, { errorCode: string }> {
        if (isGraphQlErrorResult(result as any)) {
            const error = result as any;
            const detail = error.transitionError || error.message || error.errorCode;
            throw new UserInputError(`${field}: ${error.errorCode}: ${detail}`);
        }
        return result as any;
    }

    private async checkVariants(ctx: RequestContext, input: KioskOrderInput): Promise<void> {
        const ids = [...new Set(input.lines.map(l => Number(l.variantId)))];
        const rows = await this.connection
            .getRepository(ctx, ProductVariant)
            .createQueryBuilder('v')
            .innerJoin('v.product', 'p')
            .innerJoin('v.channels', 'c', 'c.id = :channelId', { channelId: ctx.channelId })
            .where('v.id IN (:...ids)', { ids })
            .andWhere('v.enabled = true AND v.deletedAt IS NULL AND p.enabled = true AND p.deletedAt IS NULL')
            .select('v.id', 'id')
            .getRawMany();
        const sold = new Set(rows.map(r => String(r.id)));
        input.lines.forEach((line, i) => {
            if (!sold.has(String(Number(line.variantId)))) {
                throw new UserInputError(`lines[${i}].variantId: no product variant ${line.variantId} on sale`);
            }
        });
    }

    private async customer(ctx: RequestContext, input: KioskOrderInput, order: Order | ID): Promise<Customer> {
        const c = input.customer;
        const repo = this.connection.getRepository(ctx, Customer);
        let customer: Customer | undefined | null;
        if (c.customerId) {
            customer = await this.customerService.findOne(ctx, c.customerId);
            if (!customer) {
                throw new UserInputError(`customer.customerId: no customer ${c.customerId}`);
            }
        }
        if (!customer && c.loyaltyNumber) {
            customer = await repo.findOne({ where: { customFields: { loyaltyNumber: c.loyaltyNumber } as any, deletedAt: IsNull() } });
        }
        const email = c.emailAddress.trim();
        if (!customer) {
            customer = await repo.findOne({
                where: { emailAddress: Raw(alias => `LOWER(${alias}) = LOWER(:email)`, { email }), deletedAt: IsNull() },
            });
        }
        if (!customer) {
            const created = await this.customerService.createOrUpdate(
                ctx,
                { firstName: c.firstName, lastName: c.lastName, emailAddress: email, phoneNumber: c.phoneNumber || undefined },
                true,
            );
            customer = this.check(created, 'customer.emailAddress') as Customer;
        }
        await this.orderService.addCustomerToOrder(ctx, order, customer);
        return customer;
    }

    /** Adds every line in one pass; a line Vendure constrains to its saleable stock is reported short. */
    private async addLines(ctx: RequestContext, orderId: ID, input: KioskOrderInput): Promise<ShortLine[]> {
        const wanted = new Map<string, number>();
        for (const line of input.lines) {
            const id = String(Number(line.variantId));
            wanted.set(id, (wanted.get(id) ?? 0) + line.quantity);
        }
        const { order } = await this.orderService.addItemsToOrder(
            ctx,
            orderId,
            [...wanted].map(([productVariantId, quantity]) => ({ productVariantId, quantity })),
        );
        const placed = new Map<string, number>();
        for (const line of order.lines) {
            const id = String(line.productVariantId);
            placed.set(id, (placed.get(id) ?? 0) + line.quantity);
        }
        const short = [...wanted]
            .filter(([id, quantity]) => (placed.get(id) ?? 0) < quantity)
            .map(([variantId, ordered]) => ({ variantId, ordered, placed: placed.get(variantId) ?? 0 }));
        if (short.length === wanted.size && short.every(s => s.placed === 0)) {
            const summary = short.map(s => `variant ${s.variantId}: 0 of ${s.ordered}`).join(', ');
            throw new UserInputError(`lines: nothing in the order is in stock (${summary})`);
        }
        return short;
    }

    /** Vendure's setShippingAddress without its re-pricing: the same address JSON, country name included. */
    private async setAddress(ctx: RequestContext, orderId: ID, input: Record<string, unknown>): Promise<void> {
        const code = String(input.countryCode ?? '');
        let country;
        try {
            country = await this.countryService.findOneByCode(ctx, code);
        } catch {
            throw new UserInputError(`shippingAddress.countryCode: no country "${code.slice(0, 10)}" in Vendure`);
        }
        const shippingAddress = { ...input, countryCode: code, country: country.name };
        await this.connection.getRepository(ctx, Order).update({ id: orderId }, { shippingAddress: shippingAddress as any });
    }

    private async shippingChoice(
        ctx: RequestContext,
        orderId: ID,
        input: KioskOrderInput,
    ): Promise<{ address: Record<string, unknown>; methodId: ID }> {
        let address: Record<string, unknown>;
        let methodId: ID;
        if (input.fulfilment === 'home_delivery') {
            const a = input.shippingAddress!;
            address = { ...a, phoneNumber: a.phoneNumber || input.customer.phoneNumber || undefined };
            methodId = input.shippingMethodId!;
        } else {
            address = await this.pickupAddress(ctx, input);
            const code = input.pickupMethodCode || 'store-pickup';
            const quotes = await this.orderService.getEligibleShippingMethods(ctx, orderId);
            const method = quotes.find(q => q.code === code);
            if (!method) {
                throw new UserInputError(`pickupMethodCode: Vendure offers no shipping method with code "${code}" for store pick-up`);
            }
            methodId = method.id;
        }
        return { address, methodId };
    }

    /** Pick-up is shipped to the chosen store: its address (StockLocation custom fields) on the order. */
    private async pickupAddress(ctx: RequestContext, input: KioskOrderInput): Promise<Record<string, unknown>> {
        const id = String(input.pickupLocationId);
        const location = /^\d{1,10}$/.test(id)
            ? await this.connection.getRepository(ctx, StockLocation).findOne({ where: { id } })
            : null;
        if (!location) {
            throw new UserInputError(`pickupLocationId: Vendure has no stock location ${id.slice(0, 40)} to pick the order up from`);
        }
        const f = (location.customFields ?? {}) as Record<string, string | null>;
        if (!f.streetLine1 || !f.city || !f.countryCode) {
            throw new UserInputError(
                `pickupLocationId: pickup store ${location.name} has no address in Vendure (StockLocation streetLine1, city, countryCode)`,
            );
        }
        const c = input.customer;
        return {
            fullName: `${c.firstName} ${c.lastName}`.trim(),
            company: location.name,
            streetLine1: f.streetLine1,
            city: f.city,
            postalCode: f.postalCode ?? '',
            countryCode: f.countryCode,
            phoneNumber: c.phoneNumber || undefined,
        };
    }

    /** Each code applied with Vendure's applyCouponCode; one that does not apply is left off and explained. */
    private async coupons(ctx: RequestContext, orderId: ID, codes: string[]): Promise<CouponOutcome[]> {
        const outcomes: CouponOutcome[] = [];
        const seen = new Set<string>();
        for (const raw of codes) {
            const code = raw.trim();
            if (seen.has(code.toLowerCase())) {
                continue;
            }
            seen.add(code.toLowerCase());
            const promotion = await this.connection.getRepository(ctx, Promotion).findOne({
                where: {
                    couponCode: Raw(alias => `LOWER(${alias}) = LOWER(:code)`, { code }),
                    enabled: true,
                    deletedAt: IsNull(),
                    channels: { id: ctx.channelId },
                },
                relations: ['channels'],
            });
            const applied = await this.orderService.applyCouponCode(ctx, orderId, code);
            if (isGraphQlErrorResult(applied)) {
                const problem =
                    applied.errorCode === 'COUPON_CODE_EXPIRED_ERROR'
                        ? 'expired'
                        : applied.errorCode === 'COUPON_CODE_LIMIT_ERROR'
                          ? 'already_used'
                          : 'unknown';
                const at = problem === 'expired' && promotion?.endsAt ? promotion.endsAt.toISOString() : null;
                outcomes.push({ code, applied: false, problem, at });
                continue;
            }
            let problem: string | null = null;
            let at: string | null = null;
            if (promotion?.startsAt && +promotion.startsAt > Date.now()) {
                problem = 'not_yet_valid';
                at = promotion.startsAt.toISOString();
            } else if (promotion && !applied.discounts.some(d => d.adjustmentSource === promotion.getSourceId())) {
                problem = 'not_applicable';
            }
            if (problem) {
                this.check(await this.orderService.removeCouponCode(ctx, orderId, code), `couponCodes`);
            }
            outcomes.push({ code: promotion?.couponCode ?? code, applied: problem === null, problem, at });
        }
        return outcomes;
    }

    private loyalty(): Required<LoyaltyOptions> {
        return this.options.loyalty as Required<LoyaltyOptions>;
    }

    /**
     * The balance, locked for this transaction: two orders of one shopper cannot spend the same points.
     * FOR NO KEY UPDATE, not FOR UPDATE: the order's foreign key to this customer already holds a KEY SHARE
     * lock on the row, and FOR UPDATE conflicts with the other order's KEY SHARE — two orders of one member
     * deadlocked on it in the fleet bench (189 "deadlock detected" in one run).
     */
    private async balance(ctx: RequestContext, customerId: ID): Promise<{ points: number; tier: string | null }> {
        const m = this.connection.getRepository(ctx, Customer).manager;
        const meta = m.connection.getMetadata(Customer);
        const pointsColumn = meta.findColumnWithPropertyPath('customFields.loyaltyPoints')!.databaseName;
        const tierColumn = meta.findColumnWithPropertyPath('customFields.loyaltyTier')!.databaseName;
        const rows: Array<{ points: number; tier: string | null }> = await m.query(
            `SELECT "${pointsColumn}" AS points, "${tierColumn}" AS tier FROM customer WHERE id = $1 FOR NO KEY UPDATE`,
            [customerId],
        );
        return { points: Number(rows[0]?.points ?? 0), tier: rows[0]?.tier ?? null };
    }

    private async movePoints(ctx: RequestContext, order: Order, customerId: ID, kind: 'earn' | 'redeem', points: number) {
        const m = this.connection.getRepository(ctx, Customer).manager;
        const column = m.connection.getMetadata(Customer).findColumnWithPropertyPath('customFields.loyaltyPoints')!.databaseName;
        // the ledger's unique (order, kind) is what makes a credit or a debit happen once, whatever retries
        await this.connection.getRepository(ctx, KioskPointsLedgerRow).insert({
            orderId: Number(order.id),
            kind,
            customerId: Number(customerId),
            points,
            createdAt: new Date(),
        });
        await m.query(`UPDATE customer SET "${column}" = "${column}" + $1 WHERE id = $2`, [points, customerId]);
    }

    private async redeem(ctx: RequestContext, orderId: ID, customer: Customer, requested: number): Promise<PointsOutcome | null> {
        if (requested <= 0) {
            return null;
        }
        const loyalty = this.loyalty();
        const { points: balance } = await this.balance(ctx, customer.id);
        const order = await this.orderWithLines(ctx, orderId);
        const most = maxRedeemable(balance, order.totalWithTax, loyalty);
        const outcome: PointsOutcome = {
            requested, redeemed: 0, discount: 0, problem: null, balance, minimum: loyalty.minimumPoints, most,
        };
        if (requested > balance) {
            outcome.problem = 'balance';
        } else if (requested < loyalty.minimumPoints) {
            outcome.problem = 'minimum';
        } else if (requested > most) {
            outcome.problem = 'share';
        }
        if (outcome.problem) {
            return outcome;
        }
        const discount = Math.round(requested * loyalty.pointValue);
        await this.orderService.addSurchargeToOrder(ctx, orderId, {
            description: `${requested} loyalty points redeemed`,
            sku: POINTS_SURCHARGE_SKU,
            listPrice: -discount,
            listPriceIncludesTax: true,
        } as any);
        await this.movePoints(ctx, order, customer.id, 'redeem', -requested);
        return { ...outcome, redeemed: requested, discount };
    }

    /** Credits what the order earns: members only (a customer with a loyalty number), on the goods after discounts. */
    private async earn(ctx: RequestContext, order: Order, customer: Customer): Promise<void> {
        if (!(customer.customFields as any)?.loyaltyNumber) {
            return;
        }
        const { tier } = await this.balance(ctx, customer.id);
        const earned = pointsFor(order.totalWithTax - order.shippingWithTax, tier, this.loyalty());
        if (earned > 0) {
            await this.movePoints(ctx, order, customer.id, 'earn', earned);
        }
    }

    private async answer(ctx: RequestContext, order: Order, created: boolean, outcome?: Outcome) {
        const stored = outcome
            ? null
            : await this.connection.getRepository(ctx, KioskPlacedOrderRow).findOne({ where: { orderId: Number(order.id) } });
        const result = (outcome ?? (stored?.outcome as any as Outcome | undefined)) ?? { coupons: [], points: null, shortLines: [] };
        const earned = await this.connection
            .getRepository(ctx, KioskPointsLedgerRow)
            .findOne({ where: { orderId: Number(order.id), kind: In(['earn']) } });
        return {
            id: order.id,
            code: order.code,
            state: order.state,
            clientOrderId: (order.customFields as any).kioskClientOrderId,
            currencyCode: order.currencyCode,
            total: order.totalWithTax,
            pointsEarned: earned?.points ?? 0,
            coupons: result.coupons,
            points: result.points,
            shortLines: result.shortLines,
            created,
        };
    }
}
