// Builds the kiosk's sample Vendure database from scratch: Vendure's own sample catalog (from the
// @vendure/create package, installed as a dependency, never copied into the repository) plus what the kiosk
// needs on top: GTINs, stores and a warehouse with stock, loyalty customers with history, a pick-up
// shipping method, and a limited service account. Deterministic: the same inputs give the same data.
//
// Environment: KIOSK_VENDURE_DB_* (the empty PostgreSQL database to fill, see vendure-config.js),
// KIOSK_VENDURE_PORT (a free port on 127.0.0.1 used while seeding), KIOSK_VENDURE_CREDENTIALS (where to
// write the generated credentials, mode 0600). The seed runs jobs in its own process (no worker needed).
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

process.env.VENDURE_DISABLE_TELEMETRY = 'true';
// Generated per install so no two caches share a superadmin password; the launcher passes it back in.
const superadminPassword = process.env.KIOSK_VENDURE_SUPERADMIN_PASSWORD || crypto.randomBytes(18).toString('base64url');
process.env.KIOSK_VENDURE_SUPERADMIN_USER = process.env.KIOSK_VENDURE_SUPERADMIN_USER || 'superadmin';
process.env.KIOSK_VENDURE_SUPERADMIN_PASSWORD = superadminPassword;
process.env.KIOSK_VENDURE_LOG_LEVEL = process.env.KIOSK_VENDURE_LOG_LEVEL || 'Warn';
// A fast job queue poll takes the seed from minutes to seconds, and so does building the search index once
// at the end instead of once per change (~500 jobs of up to seconds each on PostgreSQL).
process.env.KIOSK_VENDURE_SEARCH_BUFFER = '1';
process.env.KIOSK_VENDURE_POLL_MS = '10';

const { bootstrap, JobQueueService } = require('@vendure/core');
const { populate } = require('@vendure/core/cli');
const { config, HOST, port } = require('./vendure-config');

const kioskData = require('./kiosk-data.json');
const sampleDir = path.join(__dirname, 'node_modules', '@vendure', 'create', 'assets');
const credentialsPath = path.resolve(process.env.KIOSK_VENDURE_CREDENTIALS || path.join(__dirname, 'credentials.json'));
const adminUrl = `http://${HOST}:${port}/admin-api`;

function log(message) {
    // eslint-disable-next-line no-console
    console.log(`[seed] ${message}`);
}

/** Splits one CSV line on commas outside double quotes, keeping each field's text as written. */
function splitCsvLine(line) {
    const fields = [];
    let current = '';
    let quoted = false;
    for (const ch of line) {
        if (ch === '"') {
            quoted = !quoted;
        }
        if (ch === ',' && !quoted) {
            fields.push(current);
            current = '';
        } else {
            current += ch;
        }
    }
    fields.push(current);
    return fields;
}

/**
 * The sample CSV names image files; without an asset server they only produce 54 import errors, so the
 * asset columns are blanked in a working copy. Products, options, prices and facets are untouched.
 */
function productsCsvWithoutAssets(workDir) {
    const lines = fs.readFileSync(path.join(sampleDir, 'products.csv'), 'utf8').split(/\r?\n/);
    const header = splitCsvLine(lines[0]).map(name => name.trim());
    const blank = new Set(['assets', 'variantAssets'].map(name => header.indexOf(name)).filter(i => i >= 0));
    const out = lines.map((line, index) => {
        if (index === 0 || !line.trim()) {
            return line;
        }
        return splitCsvLine(line)
            .map((field, column) => (blank.has(column) ? '' : field))
            .join(',');
    });
    const target = path.join(workDir, 'products-no-assets.csv');
    fs.writeFileSync(target, out.join('\n'));
    return target;
}

function initialDataWithoutAssets() {
    const data = JSON.parse(fs.readFileSync(path.join(sampleDir, 'initial-data.json'), 'utf8'));
    data.collections = data.collections.map(({ assetPaths, ...rest }) => rest);
    return data;
}

/** GS1 mod-10 check digit for the digits given (without the check digit). */
function gs1CheckDigit(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
        const digit = Number(digits[digits.length - 1 - i]);
        sum += i % 2 === 0 ? digit * 3 : digit;
    }
    return String((10 - (sum % 10)) % 10);
}

let token = null;

async function gql(query, variables = {}) {
    const headers = { 'content-type': 'application/json' };
    if (token) {
        headers.authorization = `Bearer ${token}`;
    }
    const response = await fetch(adminUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const newToken = response.headers.get('vendure-auth-token');
    if (newToken) {
        token = newToken;
    }
    const body = await response.json();
    if (body.errors) {
        throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}\nfor ${query}`);
    }
    for (const value of Object.values(body.data ?? {})) {
        if (value && typeof value === 'object' && 'errorCode' in value) {
            throw new Error(`${value.errorCode}: ${value.message}\nfor ${query}`);
        }
    }
    return body.data;
}

/**
 * Vendure creates its default channel in USD; the kiosk's stores sell in euros. Switching the channel
 * before anything is priced or ordered re-labels the sample prices (same amounts) in the new currency.
 */
async function seedCurrency() {
    const channel = await gql(`{ activeChannel { id } }`);
    await gql(
        `mutation ($input: UpdateChannelInput!) { updateChannel(input: $input) {
            ... on Channel { id } ... on ErrorResult { errorCode message } } }`,
        {
            input: {
                id: channel.activeChannel.id,
                defaultCurrencyCode: kioskData.currencyCode,
                availableCurrencyCodes: [kioskData.currencyCode],
            },
        },
    );
}

async function waitForJobs() {
    for (let i = 0; i < 600; i++) {
        const data = await gql(`{ jobs(options: { filter: { isSettled: { eq: false } } }) { totalItems } }`);
        if (data.jobs.totalItems === 0) {
            return;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error('Vendure jobs did not settle within 120 s');
}

async function allVariants() {
    const variants = [];
    for (let skip = 0; ; skip += 100) {
        const data = await gql(
            `query ($skip: Int!) { productVariants(options: { skip: $skip, take: 100, sort: { id: ASC } }) {
                totalItems items { id sku stockOnHand priceWithTax product { slug } } } }`,
            { skip },
        );
        variants.push(...data.productVariants.items);
        if (variants.length >= data.productVariants.totalItems) {
            return variants.sort((a, b) => Number(a.id) - Number(b.id));
        }
    }
}

async function seedStockLocations(variants) {
    const existing = await gql(`{ stockLocations { items { id name } } }`);
    const ids = [];
    for (const [index, location] of kioskData.stockLocations.entries()) {
        const { name, description, ...fields } = location;
        if (index === 0) {
            // Reuse Vendure's default location (where the sample stock sits) as the first store.
            const id = existing.stockLocations.items[0].id;
            await gql(
                `mutation ($input: UpdateStockLocationInput!) { updateStockLocation(input: $input) { id } }`,
                { input: { id, name, description, customFields: fields } },
            );
            ids.push(id);
        } else {
            const data = await gql(
                `mutation ($input: CreateStockLocationInput!) { createStockLocation(input: $input) { id } }`,
                { input: { name, description, customFields: fields } },
            );
            ids.push(data.createStockLocation.id);
        }
    }
    // Deterministic, varied stock: some variants are out of stock here but available elsewhere.
    const updates = variants.map((variant, i) => {
        const n = i + 1;
        const quantities = [
            n % 5 === 0 ? 0 : (n * 7) % 13 + 1, // here
            (n * 3) % 6,
            (n * 5) % 4,
            n % 3 === 0 ? 4 : 0,
            20 + ((n * 11) % 50), // warehouse
        ];
        return {
            id: variant.id,
            stockLevels: ids.map((stockLocationId, k) => ({ stockLocationId, stockOnHand: quantities[k] })),
        };
    });
    for (let i = 0; i < updates.length; i += 25) {
        await gql(
            `mutation ($input: [UpdateProductVariantInput!]!) { updateProductVariants(input: $input) { id } }`,
            { input: updates.slice(i, i + 25) },
        );
    }
    return ids;
}

async function seedGtins(variants) {
    const updates = variants.map((variant, i) => {
        const body = kioskData.gtinPrefix + String(i + 1).padStart(12 - kioskData.gtinPrefix.length, '0');
        return { id: variant.id, customFields: { gtin: body + gs1CheckDigit(body) } };
    });
    for (let i = 0; i < updates.length; i += 25) {
        await gql(
            `mutation ($input: [UpdateProductVariantInput!]!) { updateProductVariants(input: $input) { id } }`,
            { input: updates.slice(i, i + 25) },
        );
    }
}

const DEFAULT_CHECKER = { code: 'default-shipping-eligibility-checker', arguments: [{ name: 'orderMinimum', value: '0' }] };

async function seedShipping() {
    const data = await gql(`{ shippingMethods { items { id code } } }`);
    for (const method of data.shippingMethods.items) {
        const days = kioskData.shippingDays[method.code];
        if (days) {
            await gql(
                `mutation ($input: UpdateShippingMethodInput!) { updateShippingMethod(input: $input) { id } }`,
                { input: { id: method.id, translations: [], customFields: { daysMin: days[0], daysMax: days[1] } } },
            );
        }
    }
    const pickup = kioskData.pickupMethod;
    await gql(
        `mutation ($input: CreateShippingMethodInput!) { createShippingMethod(input: $input) { id } }`,
        {
            input: {
                code: pickup.code,
                fulfillmentHandler: 'manual-fulfillment',
                checker: DEFAULT_CHECKER,
                calculator: {
                    code: 'default-shipping-calculator',
                    arguments: [
                        { name: 'rate', value: '0' },
                        { name: 'includesTax', value: 'auto' },
                        { name: 'taxRate', value: '0' },
                    ],
                },
                translations: [{ languageCode: 'en', name: pickup.name, description: pickup.description }],
                customFields: { daysMin: pickup.daysMin, daysMax: pickup.daysMax },
            },
        },
    );
}

/** Pay on the phone through the KioskPlugin's test provider (docs/payments.md); a retailer uses Stripe or Mollie. */
async function seedTestPaymentMethod() {
    await gql(
        `mutation ($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) { id } }`,
        {
            input: {
                code: 'kiosk-test-pay',
                enabled: true,
                handler: { code: 'kiosk-test-pay', arguments: [] },
                translations: [{ languageCode: 'en', name: 'Pay on phone (test provider)', description: '' }],
            },
        },
    );
}

async function seedCustomers(variants) {
    const ids = [];
    for (const [index, customer] of kioskData.customers.entries()) {
        const { address, pastOrders, loyaltyNumber, loyaltyPoints, loyaltyTier, appToken, nfcTag, ...fields } = customer;
        const data = await gql(
            `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) {
                ... on Customer { id } ... on ErrorResult { errorCode message } } }`,
            { input: { ...fields, customFields: { loyaltyNumber, loyaltyPoints, loyaltyTier, appToken, nfcTag: nfcTag || null } } },
        );
        const id = data.createCustomer.id;
        ids.push(id);
        await gql(
            `mutation ($id: ID!, $input: CreateAddressInput!) { createCustomerAddress(customerId: $id, input: $input) { id } }`,
            {
                id,
                input: {
                    ...address,
                    fullName: `${fields.firstName} ${fields.lastName}`,
                    phoneNumber: fields.phoneNumber,
                    defaultShippingAddress: true,
                    defaultBillingAddress: true,
                },
            },
        );
        for (let k = 0; k < pastOrders; k++) {
            await placePastOrder(id, customer, variants[(index * 7 + k * 13) % variants.length]);
        }
    }
    return ids;
}

/** A settled order from "before", so that looked-up shoppers have an order history. */
async function placePastOrder(customerId, customer, variant) {
    const order = (await gql(`mutation { createDraftOrder { id } }`)).createDraftOrder;
    await gql(
        `mutation ($id: ID!, $variant: ID!) { addItemToDraftOrder(orderId: $id, input: { productVariantId: $variant, quantity: 1 }) {
            ... on Order { id } ... on ErrorResult { errorCode message } } }`,
        { id: order.id, variant: variant.id },
    );
    await gql(
        `mutation ($id: ID!, $customer: ID!) { setCustomerForDraftOrder(orderId: $id, customerId: $customer) {
            ... on Order { id } ... on ErrorResult { errorCode message } } }`,
        { id: order.id, customer: customerId },
    );
    await gql(
        `mutation ($id: ID!, $input: CreateAddressInput!) { setDraftOrderShippingAddress(orderId: $id, input: $input) { id } }`,
        { id: order.id, input: { ...customer.address, fullName: `${customer.firstName} ${customer.lastName}` } },
    );
    const methods = await gql(`query ($id: ID!) { eligibleShippingMethodsForDraftOrder(orderId: $id) { id code } }`, {
        id: order.id,
    });
    const standard = methods.eligibleShippingMethodsForDraftOrder.find(m => m.code === 'standard-shipping');
    await gql(
        `mutation ($id: ID!, $method: ID!) { setDraftOrderShippingMethod(orderId: $id, shippingMethodId: $method) {
            ... on Order { id } ... on ErrorResult { errorCode message } } }`,
        { id: order.id, method: standard.id },
    );
    await gql(
        `mutation ($id: ID!) { transitionOrderToState(id: $id, state: "ArrangingPayment") {
            ... on Order { id } ... on OrderStateTransitionError { errorCode message transitionError } } }`,
        { id: order.id },
    );
    await gql(
        `mutation ($id: ID!) { addManualPaymentToOrder(input: { orderId: $id, method: "cash", metadata: {} }) {
            ... on Order { id state } ... on ErrorResult { errorCode message } } }`,
        { id: order.id },
    );
}

/** Product ids sorted by id, with their most specific collection (the kiosk's category). */
async function allProducts() {
    const data = await gql(`{ products(options: { take: 1000, sort: { id: ASC } }) {
        items { id collections { id breadcrumbs { id } } } } }`);
    return data.products.items.map(p => {
        const deepest = [...p.collections].sort((a, b) => b.breadcrumbs.length - a.breadcrumbs.length)[0];
        return { id: p.id, category: deepest ? deepest.id : '' };
    });
}

/**
 * "Often bought together" for the sample catalog: each product's next neighbours in its own collection
 * (Vendure has no co-purchase data of its own; a real store curates the field or fills it from orders).
 */
async function seedRelatedProducts(products) {
    const byCategory = new Map();
    for (const product of products) {
        byCategory.set(product.category, [...(byCategory.get(product.category) || []), product.id]);
    }
    const per = kioskData.relatedPerProduct;
    for (const product of products) {
        const group = byCategory.get(product.category);
        const at = group.indexOf(product.id);
        const related = [];
        for (let k = 1; k < group.length && related.length < per; k++) {
            related.push(group[(at + k) % group.length]);
        }
        if (related.length) {
            await gql(`mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { id } }`, {
                input: { id: product.id, customFields: { relatedProductsIds: related } },
            });
        }
    }
}

/**
 * The product page's extras (issue 18): size guides and review texts on products, compare-at ("was") prices on
 * the variants of marked-down products (price with tax x factor, ending in .99), all from kiosk-data.json.
 */
async function seedProductExtras(variants) {
    const products = await gql(`{ products(options: { take: 1000 }) { items { id slug } } }`);
    for (const product of products.products.items) {
        const guide = kioskData.sizeGuideBySlug[product.slug];
        const reviews = kioskData.reviewsBySlug[product.slug];
        if (!guide && !reviews) {
            continue;
        }
        const customFields = {};
        if (guide) {
            customFields.sizeGuide = JSON.stringify(kioskData.sizeGuides[guide]);
        }
        if (reviews) {
            customFields.reviews = JSON.stringify(reviews);
        }
        await gql(`mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { id } }`, {
            input: { id: product.id, customFields },
        });
    }
    const updates = variants
        .filter(v => kioskData.markdownsBySlug[v.product.slug])
        .map(v => {
            const was = Math.floor((v.priceWithTax * kioskData.markdownsBySlug[v.product.slug]) / 100) * 100 + 99;
            return { id: v.id, customFields: { compareAtPrice: Math.max(was, v.priceWithTax + 100) } };
        });
    for (let i = 0; i < updates.length; i += 25) {
        await gql(
            `mutation ($input: [UpdateProductVariantInput!]!) { updateProductVariants(input: $input) { id } }`,
            { input: updates.slice(i, i + 25) },
        );
    }
}

/** Wishlists and saved carts on customers; carts parked by the web shop for a kiosk (draft orders). */
async function seedCarts(customerIds, products, variants) {
    const cartJson = lines =>
        JSON.stringify(lines.map(([v, quantity]) => ({ variantId: variants[v].id, sku: variants[v].sku, quantity })));
    for (const [index, productIndexes] of Object.entries(kioskData.wishlists)) {
        await gql(`mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { ... on Customer { id } } }`, {
            input: { id: customerIds[index], customFields: { wishlist: JSON.stringify(productIndexes.map(i => products[i].id)) } },
        });
    }
    for (const [index, lines] of Object.entries(kioskData.savedCarts)) {
        await gql(`mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { ... on Customer { id } } }`, {
            input: { id: customerIds[index], customFields: { kioskSavedCart: cartJson(lines) } },
        });
    }
    for (const cart of kioskData.handoffCarts) {
        const order = (await gql(`mutation { createDraftOrder { id } }`)).createDraftOrder;
        await gql(
            `mutation ($id: ID!, $input: UpdateOrderInput!) { setDraftOrderCustomFields(orderId: $id, input: $input) { id } }`,
            { id: order.id, input: { id: order.id, customFields: { kioskHandoffId: cart.id } } },
        );
        for (const [v, quantity] of cart.lines) {
            await gql(
                `mutation ($id: ID!, $variant: ID!, $quantity: Int!) {
                    addItemToDraftOrder(orderId: $id, input: { productVariantId: $variant, quantity: $quantity }) {
                    ... on Order { id } ... on ErrorResult { errorCode message } } }`,
                { id: order.id, variant: variants[v].id, quantity },
            );
        }
        if (cart.customer !== null) {
            await gql(
                `mutation ($id: ID!, $customer: ID!) { setCustomerForDraftOrder(orderId: $id, customerId: $customer) {
                    ... on Order { id } ... on ErrorResult { errorCode message } } }`,
                { id: order.id, customer: customerIds[cart.customer] },
            );
        }
    }
}

async function seedServiceAccount() {
    const channel = await gql(`{ activeChannel { id } }`);
    const role = kioskData.kioskRole;
    const created = await gql(
        `mutation ($input: CreateRoleInput!) { createRole(input: $input) { id } }`,
        { input: { ...role, channelIds: [channel.activeChannel.id] } },
    );
    const roleId = created.createRole.id;
    const password = crypto.randomBytes(18).toString('base64url');
    await gql(
        `mutation ($input: CreateAdministratorInput!) { createAdministrator(input: $input) { id } }`,
        { input: { ...kioskData.kioskAdministrator, password, roleIds: [roleId] } },
    );
    const key = await gql(
        `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey entityId } }`,
        { input: { roleIds: [roleId], translations: [{ languageCode: 'en', name: 'kiosk' }] } },
    );
    return { username: kioskData.kioskAdministrator.emailAddress, password, apiKey: key.createApiKey.apiKey };
}

function writeCredentials(kiosk, stockLocationIds) {
    const content = {
        superadmin: {
            username: process.env.KIOSK_VENDURE_SUPERADMIN_USER,
            password: superadminPassword,
        },
        kiosk: { username: kiosk.username, password: kiosk.password, api_key: kiosk.apiKey },
        here_location: kioskData.hereLocationName,
        stock_location_ids: stockLocationIds,
    };
    fs.mkdirSync(path.dirname(credentialsPath), { recursive: true });
    const tmp = `${credentialsPath}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(content, null, 2), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, credentialsPath);
}

async function main() {
    const started = Date.now();
    const workDir = path.dirname(credentialsPath);
    fs.mkdirSync(workDir, { recursive: true });
    const csv = productsCsvWithoutAssets(workDir);
    const app = await populate(
        async () => {
            const instance = await bootstrap(config);
            await instance.get(JobQueueService).start();
            return instance;
        },
        initialDataWithoutAssets(),
        csv,
    );
    log(`sample catalog populated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    try {
        await gql(
            `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) {
                ... on CurrentUser { id } ... on ErrorResult { errorCode message } } }`,
            { u: process.env.KIOSK_VENDURE_SUPERADMIN_USER, p: superadminPassword },
        );
        await waitForJobs();
        await seedCurrency();
        const variants = await allVariants();
        await seedGtins(variants);
        const stockLocationIds = await seedStockLocations(variants);
        await seedShipping();
        await seedTestPaymentMethod();
        const customerIds = await seedCustomers(variants);
        const products = await allProducts();
        await seedRelatedProducts(products);
        await seedProductExtras(variants);
        await seedCarts(customerIds, products, variants);
        const kiosk = await seedServiceAccount();
        await waitForJobs();
        // The buffered collection-filter jobs (which variants each collection holds) run once each now, then
        // one reindex builds the search index; the buffered per-change index updates are dropped with the process.
        await gql(`mutation { flushBufferedJobs(bufferIds: ["search-plugin-apply-collection-filters"]) { success } }`);
        await waitForJobs();
        await gql(`mutation { reindex { id } }`);
        await waitForJobs();
        writeCredentials(kiosk, stockLocationIds);
        log(`kiosk data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s total`);
    } finally {
        await app.close();
    }
}

main()
    .then(() => process.exit(0))
    .catch(err => {
        // eslint-disable-next-line no-console
        console.error(err);
        process.exit(1);
    });
