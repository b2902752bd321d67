// Vendure configuration for the kiosk's local server (tests, demo). CommonJS so no build step is needed.
//
// Everything the launcher varies comes from environment variables; the server only ever listens on
// 127.0.0.1 because it holds sample shopper data and a superadmin account.
'use strict';

// Never phone home from a test or demo server; the launcher sets this too, this covers `node server.js`.
process.env.VENDURE_DISABLE_TELEMETRY = 'true';

const crypto = require('node:crypto');
const {
    DefaultJobQueuePlugin,
    DefaultLogger,
    DefaultSearchPlugin,
    dummyPaymentHandler,
    LogLevel,
    Product,
    RandomBytesApiKeyStrategy,
} = require('@vendure/core');
const { KioskPlugin } = require('./kiosk-plugin/dist');

const HOST = '127.0.0.1';

function env(name, fallback) {
    const value = process.env[name];
    return value === undefined || value === '' ? fallback : value;
}

/**
 * API keys are 32 random bytes, so a slow salted hash (bcrypt, ~200 ms on every request) buys nothing:
 * a plain SHA-256 digest is as safe for high-entropy secrets and costs microseconds.
 */
class Sha256KeyHashingStrategy {
    async hash(plaintext) {
        return 'sha256$' + crypto.createHash('sha256').update(plaintext, 'utf8').digest('hex');
    }

    async check(plaintext, hash) {
        const expected = Buffer.from(await this.hash(plaintext), 'utf8');
        const actual = Buffer.from(String(hash), 'utf8');
        return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
    }
}

const port = Number.parseInt(env('KIOSK_VENDURE_PORT', '3000'), 10);
const db = {
    // A unix socket folder (the launcher's private cluster) or a host name; see kiosk/backends/vendure/postgres.py.
    host: env('KIOSK_VENDURE_DB_HOST', '127.0.0.1'),
    port: Number.parseInt(env('KIOSK_VENDURE_DB_PORT', '5432'), 10),
    database: env('KIOSK_VENDURE_DB_NAME', 'vendure'),
    username: env('KIOSK_VENDURE_DB_USER', 'postgres'),
    password: env('KIOSK_VENDURE_DB_PASSWORD', ''),
};
const dbLabel = `postgres ${db.database}`;
const logLevel = LogLevel[env('KIOSK_VENDURE_LOG_LEVEL', 'Info')] ?? LogLevel.Info;

const stringField = (name, extra) => ({ name, type: 'string', nullable: true, ...extra });

const config = {
    apiOptions: {
        hostname: HOST,
        port,
        adminApiPath: 'admin-api',
        shopApiPath: 'shop-api',
        adminApiPlayground: false,
        shopApiPlayground: false,
        adminApiDebug: false,
        shopApiDebug: false,
    },
    authOptions: {
        // Bearer sessions for password logins (seed script, associates) and API keys for the kiosk's
        // service account; no cookies because no browser talks to this server.
        tokenMethod: ['bearer', 'api-key'],
        requireVerification: false,
        superadminCredentials: {
            identifier: env('KIOSK_VENDURE_SUPERADMIN_USER', 'superadmin'),
            password: env('KIOSK_VENDURE_SUPERADMIN_PASSWORD', 'superadmin'),
        },
        adminApiKeyStrategy: new RandomBytesApiKeyStrategy({ hashingStrategy: new Sha256KeyHashingStrategy() }),
        shopApiKeyStrategy: new RandomBytesApiKeyStrategy({ hashingStrategy: new Sha256KeyHashingStrategy() }),
    },
    dbConnectionOptions: {
        type: 'postgres',
        host: db.host,
        port: db.port,
        database: db.database,
        username: db.username,
        password: db.password,
        // The seed creates the schema (Vendure's entities and the KioskPlugin's); runs turn the check off
        // (the project hash pins the schema to the database it seeded), which saves a little of every start.
        synchronize: env('KIOSK_VENDURE_SYNCHRONIZE', '1') !== '0',
        logging: false,
        // Every session in UTC whatever the server's or the machine's zone: updatedAt filters and the
        // journal's timestamps then mean the same thing everywhere. JIT off: PostgreSQL's JIT compiles
        // any statement with a high estimated cost, and the KioskPlugin's export page (one statement of
        // many CTEs) paid ~3 s of compiling for 0.1 s of work (docs/deploy-vendure.md).
        extra: { options: '-c TimeZone=UTC -c jit=off', max: Number.parseInt(env('KIOSK_VENDURE_DB_POOL', '10'), 10) },
    },
    paymentOptions: {
        // The sample data's "Standard Payment" uses the dummy handler; the kiosk itself never takes payment.
        paymentMethodHandlers: [dummyPaymentHandler],
    },
    customFields: {
        Product: [
            // "Often bought together", strongest first: curated in the Admin UI or filled from order
            // co-occurrence by a job; the kiosk's recommendations start from it (Product.related).
            { name: 'relatedProducts', type: 'relation', entity: Product, list: true, nullable: true, public: true, eager: false },
            // The product's size guide as JSON (the shape kiosk/core/size_guide.py reads): title, columns, rows, note.
            { name: 'sizeGuide', type: 'text', nullable: true, public: true },
            // What shoppers wrote, JSON [{author, rating 1-5, title, body, lang}], newest first: core Vendure
            // keeps no reviews; a review plugin's moderated entries would be copied here.
            { name: 'reviews', type: 'text', nullable: true, public: true },
        ],
        ProductVariant: [
            // GTIN-13/14 as printed under the barcode; unique, which also gives the column an index.
            stringField('gtin', { unique: true, public: true }),
            // The "was" price of a markdown, tax included, in minor units of the channel's currency.
            { name: 'compareAtPrice', type: 'int', nullable: true, public: true },
        ],
        Customer: [
            stringField('loyaltyNumber', { unique: true, public: false }),
            { name: 'loyaltyPoints', type: 'int', nullable: false, defaultValue: 0, public: false },
            stringField('loyaltyTier', { public: false }),
            // Opaque token the shopper's phone app shows as a QR code.
            stringField('appToken', { unique: true, public: false }),
            // An NFC loyalty card or tag read as its UID: "nfc-uid:" + upper-case hex, as the kiosk reports it.
            stringField('nfcTag', { unique: true, public: false }),
            // Product ids the shopper saved in the web shop, JSON array.
            { name: 'wishlist', type: 'text', nullable: true, public: false },
            // The shopper's saved cart (a cart left at a kiosk, or the web shop's), JSON [{variantId, sku, quantity}].
            { name: 'kioskSavedCart', type: 'text', nullable: true, public: false },
        ],
        Order: [
            // The kiosk's client order UUID: the idempotency key that stops a retry creating a 2nd order.
            stringField('kioskClientOrderId', { unique: true, public: false }),
            stringField('kioskOrderNumber', { public: false }),
            stringField('kioskStoreId', { public: false }),
            stringField('kioskDeviceId', { public: false }),
            stringField('kioskFulfilment', { public: false }),
            stringField('kioskPayment', { public: false }),
            stringField('kioskPickupLocationId', { public: false }),
            // A draft order that is a cart travelling between the web shop and a kiosk: the UUID in
            // https://<shop>/cart/handoff/<uuid>.
            stringField('kioskHandoffId', { unique: true, public: false }),
        ],
        StockLocation: [
            // store | warehouse; the kiosk's own store is chosen by the kiosk's configuration.
            stringField('locationKind', { public: false }),
            stringField('streetLine1', { public: false }),
            stringField('city', { public: false }),
            stringField('postalCode', { public: false }),
            stringField('countryCode', { public: false }),
            stringField('openingHours', { public: false }),
        ],
        ShippingMethod: [
            { name: 'daysMin', type: 'int', nullable: true, public: true },
            { name: 'daysMax', type: 'int', nullable: true, public: true },
        ],
    },
    logger: new DefaultLogger({ level: logLevel }),
    plugins: [
        // The database job queue: the worker process takes one job per poll, so it polls often (200 ms;
        // the seed 10 ms, so its ~400 search-index jobs take seconds, not minutes).
        DefaultJobQueuePlugin.init({
            pollInterval: Number.parseInt(env('KIOSK_VENDURE_POLL_MS', '200'), 10),
            useDatabaseForBuffer: false,
        }),
        // The seed buffers index updates and rebuilds the index once at its end (one job instead of ~500).
        DefaultSearchPlugin.init({ bufferUpdates: env('KIOSK_VENDURE_SEARCH_BUFFER', '0') === '1', indexStockStatus: true }),
        KioskPlugin.init({
            journalRetentionHours: Number.parseFloat(env('KIOSK_JOURNAL_RETENTION_HOURS', '168')),
            heartbeatIntervalS: Number.parseInt(env('KIOSK_HEARTBEAT_INTERVAL_S', '30'), 10),
            // pay on the phone with the test provider (docs/payments.md); a retailer uses Stripe or Mollie
            testPayments: env('KIOSK_TEST_PAYMENTS', '1') === '1',
            paySessionTimeoutS: Number.parseFloat(env('KIOSK_PAY_SESSION_TIMEOUT_S', '900')),
            payWebhookSecret: env('KIOSK_PAY_WEBHOOK_SECRET', ''),
        }),
    ],
};

module.exports = { config, HOST, port, dbLabel };
