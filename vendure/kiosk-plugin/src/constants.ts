/** Version and options of the KioskPlugin; the kiosk checks `version`'s major against what it knows. */
export const PLUGIN_VERSION = '2.4.1';
export const JOURNAL_FORMAT = 1;
export const KIOSK_PLUGIN_OPTIONS = Symbol('KIOSK_PLUGIN_OPTIONS');

/**
 * The loyalty programme's rules for kioskPlaceOrder (the kiosk shows the same ones: kiosk/core/loyalty.py).
 * Points are kept in Customer.loyaltyPoints, the tier in Customer.loyaltyTier.
 */
export interface LoyaltyOptions {
    /** What one point is worth when redeemed, in minor units of the channel's currency. Default 1 (100 points = 1.00). */
    pointValue?: number;
    /** The fewest points one redemption takes. Default 100. */
    minimumPoints?: number;
    /** The largest share of the order total (with tax and shipping) points may pay, above 0 and at most 1. Default 0.5. */
    maxShare?: number;
    /** Points per whole currency unit of the goods (after discounts) by Customer.loyaltyTier; unknown tiers earn as Member. */
    tierMultipliers?: Record<string, number>;
}

export const DEFAULT_LOYALTY: Required<LoyaltyOptions> = {
    pointValue: 1,
    minimumPoints: 100,
    maxShare: 0.5,
    tierMultipliers: { Member: 1, Silver: 1.25, Gold: 1.5, Platinum: 2 },
};

export interface KioskPluginOptions {
    /** How long journal rows are kept; a kiosk whose cursor is older resyncs from the export. Default 168 (7 days). */
    journalRetentionHours?: number;
    /** How often pruning runs in the server, in seconds. Default 600. */
    pruneEveryS?: number;
    /** The heartbeat interval the server asks kiosks for. Default 30. */
    heartbeatIntervalS?: number;
    /** The facet whose value names a product's brand. Default "brand". */
    brandFacet?: string;
    /**
     * Adds the test payment provider `kiosk-test-pay` (payment.ts) and its webhook: for tests and demos only;
     * a retailer uses Vendure's Stripe or Mollie plugin instead (docs/payments.md). Default false.
     */
    testPayments?: boolean;
    /** Seconds after which an authorised test payment the provider never confirmed is cancelled. Default 900. */
    paySessionTimeoutS?: number;
    /** The shared secret the test provider's webhook calls are signed with (HMAC-SHA256). Default none: refused. */
    payWebhookSecret?: string;
    /** Loyalty earn and redeem rules for kioskPlaceOrder; see LoyaltyOptions. */
    loyalty?: LoyaltyOptions;
}

export const DEFAULT_OPTIONS: Required<KioskPluginOptions> = {
    journalRetentionHours: 168,
    pruneEveryS: 600,
    heartbeatIntervalS: 30,
    brandFacet: 'brand',
    testPayments: false,
    paySessionTimeoutS: 900,
    payWebhookSecret: '',
    loyalty: DEFAULT_LOYALTY,
};
