/**
 * KioskPlugin 2.x for Vendure 3.7+ on PostgreSQL: what the endless-aisle kiosk needs that Vendure has no
 * API for. See docs/deploy-vendure.md for adding it to a Vendure server and what it adds to the schema.
 *
 * - Bulk catalog export (`kioskCatalogExport`) and the change journal (`kioskChanges`, `kioskPluginInfo`,
 *   `pruneKioskJournal`): export.ts, journal.ts.
 * - Heartbeats and the fleet view (`kioskHeartbeat`, `kioskFleet`).
 * - Orders in one request (`kioskPlaceOrder`): coupons, loyalty points earned and redeemed, short stock: orders.ts.
 * - Pay on the phone: the page behind the kiosk's pay link (/kiosk-pay/<client order id>) and, with
 *   `testPayments`, the test payment provider `kiosk-test-pay` and its webhook: payment.ts.
 * - Loyalty at the kiosk: joining the programme with a recorded consent, and the wishlist
 *   (`kioskEnrolLoyalty`, `kioskSetWishlisted`, `kioskLoyaltyConsents`): loyalty.ts.
 * - Carried over from 1.x: measurement events, messages to customers (also published as
 *   KioskMessageEvent for an email or push plugin), in-store returns (also a note in the order's history).
 * - The attract loop (`kioskAttract`, `addKioskAttractSlide`, `removeKioskAttractSlide`): attract.ts.
 */
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import gql from 'graphql-tag';
import { Logger, PluginCommonModule, ProcessContext, TransactionalConnection, VendurePlugin } from '@vendure/core';

import { adminSchema, KioskResolver } from './api';
import { attractSchema, KioskAttractResolver, KioskAttractSlideRow } from './attract';
import { DEFAULT_LOYALTY, DEFAULT_OPTIONS, KIOSK_PLUGIN_OPTIONS, KioskPluginOptions, LoyaltyOptions } from './constants';
import { KIOSK_ENTITIES } from './entities';
import { CatalogExporter } from './export';
import { installJournal, LOG_CONTEXT, pruneJournal } from './journal';
import { KioskLoyaltyConsentRow, KioskLoyaltyResolver, loyaltySchema } from './loyalty';
import { KioskOrderResolver, orderSchema } from './orders';
import { KioskPayController, kioskPayRetryProcess, kioskTestPaymentHandler } from './payment';

export { KioskMessageEvent } from './api';
export { PLUGIN_VERSION, KioskPluginOptions, LoyaltyOptions } from './constants';
export { kioskTestPaymentHandler, TEST_PAY_CODE, DECLINED_TEST_CARD } from './payment';

@VendurePlugin({
    imports: [PluginCommonModule],
    entities: [...KIOSK_ENTITIES, KioskLoyaltyConsentRow, KioskAttractSlideRow],
    providers: [CatalogExporter, KioskPayController, { provide: KIOSK_PLUGIN_OPTIONS, useFactory: () => KioskPlugin.options }],
    adminApiExtensions: {
        // each part of the plugin extends Query (and Mutation) in its own block
        schema: gql`
            ${adminSchema}
            ${loyaltySchema}
            ${orderSchema}
            ${attractSchema}
        `,
        resolvers: [KioskResolver, KioskLoyaltyResolver, KioskOrderResolver, KioskAttractResolver],
    },
    controllers: [KioskPayController],
    configuration: config => {
        if (KioskPlugin.options.testPayments) {
            config.paymentOptions.paymentMethodHandlers.push(kioskTestPaymentHandler);
            config.orderOptions.process = [...(config.orderOptions.process ?? []), kioskPayRetryProcess];
        }
        return config;
    },
    compatibility: '>=3.7.0 <4.0.0',
})
export class KioskPlugin implements OnApplicationBootstrap, OnApplicationShutdown {
    static options: Required<KioskPluginOptions> = { ...DEFAULT_OPTIONS };
    private timer: NodeJS.Timeout | undefined;
    private payTimer: NodeJS.Timeout | undefined;

    constructor(
        private connection: TransactionalConnection,
        private processContext: ProcessContext,
        private pay: KioskPayController,
    ) {}

    static init(options: KioskPluginOptions): typeof KioskPlugin {
        const merged = { ...DEFAULT_OPTIONS, ...options, loyalty: { ...DEFAULT_LOYALTY, ...(options.loyalty ?? {}) } };
        const loyalty = merged.loyalty as Required<LoyaltyOptions>;
        if (!(loyalty.pointValue > 0)) {
            throw new Error(`KioskPlugin: loyalty.pointValue must be more than 0, got ${loyalty.pointValue}`);
        }
        if (!Number.isInteger(loyalty.minimumPoints) || loyalty.minimumPoints < 1) {
            throw new Error(`KioskPlugin: loyalty.minimumPoints must be a whole number of 1 or more, got ${loyalty.minimumPoints}`);
        }
        if (!(loyalty.maxShare > 0 && loyalty.maxShare <= 1)) {
            throw new Error(`KioskPlugin: loyalty.maxShare must be above 0 and at most 1, got ${loyalty.maxShare}`);
        }
        if (!(merged.journalRetentionHours > 0)) {
            throw new Error(`KioskPlugin: journalRetentionHours must be more than 0, got ${merged.journalRetentionHours}`);
        }
        if (!(merged.paySessionTimeoutS > 0)) {
            throw new Error(`KioskPlugin: paySessionTimeoutS must be more than 0, got ${merged.paySessionTimeoutS}`);
        }
        this.options = merged;
        KioskPayController.options = { paySessionTimeoutS: merged.paySessionTimeoutS, payWebhookSecret: merged.payWebhookSecret };
        return KioskPlugin;
    }

    async onApplicationBootstrap(): Promise<void> {
        const db = this.connection.rawConnection;
        if (db.options.type !== 'postgres') {
            throw new Error(`KioskPlugin 2.x needs PostgreSQL (its change journal uses triggers), not ${db.options.type}`);
        }
        if (this.processContext.isWorker) {
            return; // the server processes install and prune; the worker only runs jobs
        }
        await installJournal(db);
        const retentionS = Math.round(KioskPlugin.options.journalRetentionHours * 3600);
        this.timer = setInterval(() => {
            pruneJournal(db, retentionS).catch(err => Logger.warn(`journal pruning failed: ${String(err)}`, LOG_CONTEXT));
        }, KioskPlugin.options.pruneEveryS * 1000);
        this.timer.unref();
        if (KioskPlugin.options.testPayments) {
            // the test provider's sessions time out: checked a few times per timeout, at most every 5 s
            const everyMs = Math.min(5000, Math.max(250, (KioskPlugin.options.paySessionTimeoutS * 1000) / 4));
            this.payTimer = setInterval(() => {
                this.pay.sweep().catch(err => Logger.warn(`payment session sweep failed: ${String(err)}`, LOG_CONTEXT));
            }, everyMs);
            this.payTimer.unref();
        }
    }

    onApplicationShutdown(): void {
        if (this.timer) {
            clearInterval(this.timer);
        }
        if (this.payTimer) {
            clearInterval(this.payTimer);
        }
    }
}
