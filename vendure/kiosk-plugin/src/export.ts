/**
 * The bulk catalog export: products with everything the kiosk cache keeps, read with one set-based query
 * per kind of data for a whole page of products (translations, variants, prices, stock, options, facets,
 * collections, assets, related products), then put together in memory. The Admin API resolves the same
 * data field by field and row by row (a product list with variants and stock costs Vendure hundreds of
 * queries a page); this costs nine a page whatever its size.
 *
 * The records are JSON (the API's JSON scalar: GraphQL serialises it as one value, no per-field work):
 *
 *   { id, updatedAt, slug, name: {lang: text}, description: {lang: text}, brand, category, image,
 *     related: [productId], variants: [{ id, sku, gtin, image, prices: [[currency, priceWithTax]],
 *     stock: [[stockLocationId, onHand, allocated]], options: [[groupCode, optionCode, {lang: name}]] }] }
 *
 * `category` is the product's most specific public collection (deepest; ties to the lowest id), `brand` the
 * name of its value of the brand facet. Prices include tax the way Vendure computes priceWithTax for the
 * channel's default tax zone (its TaxRate and MoneyStrategy, not a copy of their arithmetic).
 */
import { Injectable } from '@nestjs/common';
import {
    ConfigService,
    ID,
    RequestContext,
    TaxRateService,
    TransactionalConnection,
    ZoneService,
} from '@vendure/core';
import type { EntityManager } from 'typeorm';

export interface VariantRecord {
    id: string;
    sku: string;
    gtin: string | null;
    image: string | null;
    prices: Array<[string, number]>;
    stock: Array<[string, number, number]>;
    options: Array<[string, string, Record<string, string>]>;
}

export interface ProductRecord {
    id: string;
    updatedAt: string;
    slug: string;
    name: Record<string, string>;
    description: Record<string, string>;
    brand: string;
    category: string | null;
    image: string | null;
    related: string[];
    variants: VariantRecord[];
}

type Row = Record<string, any>;

function groupBy<T extends Row>(rows: T[], key: string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const row of rows) {
        const k = String(row[key]);
        const list = groups.get(k);
        if (list) {
            list.push(row);
        } else {
            groups.set(k, [row]);
        }
    }
    return groups;
}

@Injectable()
export class CatalogExporter {
    private relatedTable: { table: string; from: string; to: string } | null | undefined;

    constructor(
        private connection: TransactionalConnection,
        private configService: ConfigService,
        private taxRateService: TaxRateService,
        private zoneService: ZoneService,
    ) {}

    /** Live product ids of the channel after `after` (by id), at most `limit`: one export page's keys. */
    async pageIds(ctx: RequestContext, after: number, limit: number): Promise<string[]> {
        const rows: Row[] = await this.manager(ctx).query(
            `SELECT p.id FROM product p
               JOIN product_channels_channel pc ON pc."productId" = p.id AND pc."channelId" = $1
              WHERE p."deletedAt" IS NULL AND p.enabled AND p.id > $2
              ORDER BY p.id LIMIT $3`,
            [ctx.channelId, after, limit],
        );
        return rows.map(r => String(r.id));
    }

    /**
     * Products in (after, upTo] (no upper bound on the last page) that are not live in the channel:
     * Vendure deletes products softly, so a resync can tell the kiosk about every product it may still hold.
     */
    async goneIds(ctx: RequestContext, after: number, upTo: string | null): Promise<string[]> {
        const rows: Row[] = await this.manager(ctx).query(
            `SELECT p.id FROM product p
              WHERE p.id > $2 AND ($3::int IS NULL OR p.id <= $3::int)
                AND (p."deletedAt" IS NOT NULL OR NOT p.enabled OR NOT EXISTS (
                     SELECT 1 FROM product_channels_channel pc WHERE pc."productId" = p.id AND pc."channelId" = $1))
              ORDER BY p.id`,
            [ctx.channelId, after, upTo == null ? null : Number(upTo)],
        );
        return rows.map(r => String(r.id));
    }

    /** Records of these products that are live in the channel; the others are simply absent. */
    async records(ctx: RequestContext, productIds: string[], brandFacet: string): Promise<ProductRecord[]> {
        if (!productIds.length) {
            return [];
        }
        const m = this.manager(ctx);
        const ids = productIds.map(Number);
        const channel = ctx.channelId;
        const products: Row[] = await m.query(
            `SELECT p.id, p."updatedAt", p."featuredAssetId" FROM product p
               JOIN product_channels_channel pc ON pc."productId" = p.id AND pc."channelId" = $2
              WHERE p.id = ANY($1::int[]) AND p."deletedAt" IS NULL AND p.enabled ORDER BY p.id`,
            [ids, channel],
        );
        if (!products.length) {
            return [];
        }
        const live = products.map(p => Number(p.id));
        const [translations, brands, variants, collections, related] = await Promise.all([
            m.query(
                `SELECT "baseId", "languageCode", name, slug, description FROM product_translation
                  WHERE "baseId" = ANY($1::int[])`,
                [live],
            ),
            m.query(
                `SELECT pf."productId", fv.id AS value_id, t."languageCode", t.name
                   FROM product_facet_values_facet_value pf
                   JOIN facet_value fv ON fv.id = pf."facetValueId"
                   JOIN facet f ON f.id = fv."facetId" AND f.code = $2
                   JOIN facet_value_translation t ON t."baseId" = fv.id
                  WHERE pf."productId" = ANY($1::int[]) ORDER BY pf."productId", fv.id`,
                [live, brandFacet],
            ),
            m.query(
                `SELECT v.id, v."productId", v.sku, v."customFieldsGtin" AS gtin, v."featuredAssetId",
                        v."taxCategoryId"
                   FROM product_variant v
                   JOIN product_variant_channels_channel vc ON vc."productVariantId" = v.id AND vc."channelId" = $2
                  WHERE v."productId" = ANY($1::int[]) AND v."deletedAt" IS NULL AND v.enabled
                  ORDER BY v."productId", v.id`,
                [live, channel],
            ),
            m.query(
                `WITH RECURSIVE depth(id, d) AS (
                    SELECT id, 0 FROM collection WHERE "parentId" IS NULL
                    UNION ALL SELECT c.id, depth.d + 1 FROM collection c JOIN depth ON c."parentId" = depth.id
                 )
                 SELECT DISTINCT ON (v."productId") v."productId", c.id
                   FROM collection_product_variants_product_variant cv
                   JOIN product_variant v ON v.id = cv."productVariantId"
                   JOIN collection c ON c.id = cv."collectionId" AND NOT c."isPrivate" AND NOT c."isRoot"
                   JOIN depth ON depth.id = c.id
                  WHERE v."productId" = ANY($1::int[])
                  ORDER BY v."productId", depth.d DESC, c.id`,
                [live],
            ),
            this.related(m, live),
        ]);
        const variantIds = variants.map((v: Row) => Number(v.id));
        const [prices, stock, options] = await Promise.all([
            m.query(
                `SELECT "variantId", "currencyCode", price FROM product_variant_price
                  WHERE "variantId" = ANY($1::int[]) AND "channelId" = $2 ORDER BY "variantId", "currencyCode"`,
                [variantIds, channel],
            ),
            m.query(
                `SELECT "productVariantId", "stockLocationId", "stockOnHand", "stockAllocated" FROM stock_level
                  WHERE "productVariantId" = ANY($1::int[]) ORDER BY "productVariantId", "stockLocationId"`,
                [variantIds],
            ),
            m.query(
                `SELECT vo."productVariantId", g.code AS group_code, o.code, t."languageCode", t.name
                   FROM product_variant_options_product_option vo
                   JOIN product_option o ON o.id = vo."productOptionId" AND o."deletedAt" IS NULL
                   JOIN product_option_group g ON g.id = o."groupId"
                   LEFT JOIN product_option_translation t ON t."baseId" = o.id
                  WHERE vo."productVariantId" = ANY($1::int[]) ORDER BY vo."productVariantId", g.code, o.id`,
                [variantIds],
            ),
        ]);
        const assetIds = [
            ...new Set([...products, ...variants].map(r => r.featuredAssetId).filter(id => id != null).map(Number)),
        ];
        const assets: Row[] = assetIds.length
            ? await m.query(`SELECT id, preview FROM asset WHERE id = ANY($1::int[])`, [assetIds])
            : [];
        const preview = new Map(assets.map(a => [String(a.id), this.assetUrl(ctx, String(a.preview))]));
        const withTax = await this.taxApplier(ctx, [...new Set<string>(variants.map((v: Row) => String(v.taxCategoryId)))]);

        const tByProduct = groupBy(translations, 'baseId');
        const brandByProduct = groupBy(brands, 'productId');
        const variantsByProduct = groupBy(variants, 'productId');
        const categoryByProduct = new Map<string, string>(collections.map((c: Row) => [String(c.productId), String(c.id)]));
        const pricesByVariant = groupBy(prices, 'variantId');
        const stockByVariant = groupBy(stock, 'productVariantId');
        const optionsByVariant = groupBy(options, 'productVariantId');

        return products.map(p => {
            const id = String(p.id);
            const name: Record<string, string> = {};
            const description: Record<string, string> = {};
            let slug = '';
            for (const t of tByProduct.get(id) ?? []) {
                name[t.languageCode] = t.name ?? '';
                description[t.languageCode] = t.description ?? '';
                if (!slug || t.languageCode === 'en') {
                    slug = t.slug ?? '';
                }
            }
            const brandRows = brandByProduct.get(id) ?? [];
            const firstValue = brandRows.length ? String(brandRows[0].value_id) : '';
            const brandNames = brandRows.filter(b => String(b.value_id) === firstValue);
            const brand = String((brandNames.find(b => b.languageCode === 'en') ?? brandNames[0])?.name ?? '');
            return {
                id,
                updatedAt: new Date(p.updatedAt).toISOString(),
                slug,
                name,
                description,
                brand,
                category: categoryByProduct.get(id) ?? null,
                image: p.featuredAssetId != null ? preview.get(String(p.featuredAssetId)) ?? null : null,
                related: related.get(id) ?? [],
                variants: (variantsByProduct.get(id) ?? []).map(v => {
                    const vid = String(v.id);
                    const optionRows = optionsByVariant.get(vid) ?? [];
                    const byOption = new Map<string, [string, string, Record<string, string>]>();
                    for (const o of optionRows) {
                        const key = `${o.group_code}\u0000${o.code}`;
                        let entry = byOption.get(key);
                        if (!entry) {
                            entry = [String(o.group_code), String(o.code), {}];
                            byOption.set(key, entry);
                        }
                        if (o.languageCode) {
                            entry[2][o.languageCode] = String(o.name ?? '');
                        }
                    }
                    return {
                        id: vid,
                        sku: String(v.sku),
                        gtin: v.gtin == null ? null : String(v.gtin),
                        image: v.featuredAssetId != null ? preview.get(String(v.featuredAssetId)) ?? null : null,
                        prices: (pricesByVariant.get(vid) ?? []).map(
                            (r): [string, number] => [String(r.currencyCode), withTax(String(v.taxCategoryId), Number(r.price))],
                        ),
                        stock: (stockByVariant.get(vid) ?? []).map(
                            (r): [string, number, number] => [
                                String(r.stockLocationId),
                                Number(r.stockOnHand),
                                Number(r.stockAllocated),
                            ],
                        ),
                        options: [...byOption.values()],
                    };
                }),
            };
        });
    }

    private manager(ctx: RequestContext): EntityManager {
        return this.connection.getRepository(ctx, 'Product').manager;
    }

    /** Product.customFields.relatedProducts, in the order the Admin API lists them (its join table, by id). */
    private async related(m: EntityManager, ids: number[]): Promise<Map<string, string[]>> {
        if (this.relatedTable === undefined) {
            const rows: Row[] = await m.query(
                `SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) AS columns
                   FROM information_schema.columns
                  WHERE table_schema = current_schema() AND table_name LIKE 'product_custom_fields_related_products%'
                  GROUP BY table_name`,
            );
            const columns: string[] = rows.length ? rows[0].columns : [];
            this.relatedTable = columns.length === 2 ? { table: rows[0].table_name, from: columns[0], to: columns[1] } : null;
        }
        const found = new Map<string, string[]>();
        if (!this.relatedTable) {
            return found;
        }
        const { table, from, to } = this.relatedTable;
        const rows: Row[] = await m.query(
            `SELECT r."${from}" AS a, r."${to}" AS b FROM "${table}" r
               JOIN product p ON p.id = r."${to}" AND p."deletedAt" IS NULL
              WHERE r."${from}" = ANY($1::int[]) ORDER BY r."${from}", r."${to}"`,
            [ids],
        );
        for (const row of rows) {
            const list = found.get(String(row.a)) ?? [];
            list.push(String(row.b));
            found.set(String(row.a), list);
        }
        return found;
    }

    private assetUrl(ctx: RequestContext, identifier: string): string {
        const strategy = this.configService.assetOptions.assetStorageStrategy;
        return ctx.req && strategy.toAbsoluteUrl ? strategy.toAbsoluteUrl(ctx.req, identifier) : identifier;
    }

    /** (taxCategoryId, net price) -> priceWithTax as Vendure computes it for the channel's default zone. */
    private async taxApplier(ctx: RequestContext, categoryIds: string[]): Promise<(category: string, price: number) => number> {
        const channel = ctx.channel;
        const round = (value: number) => this.configService.entityOptions.moneyStrategy.round(value);
        if (channel.pricesIncludeTax) {
            return (_category, price) => price;
        }
        const zones = await this.zoneService.getAllWithMembers(ctx);
        const zone = await this.configService.taxOptions.taxZoneStrategy.determineTaxZone(ctx, zones, channel);
        const rates = new Map<string, { grossPriceOf(n: number): number }>();
        for (const category of categoryIds) {
            if (zone) {
                rates.set(category, await this.taxRateService.getApplicableTaxRate(ctx, zone, category as ID));
            }
        }
        return (category, price) => {
            const rate = rates.get(category);
            return rate ? round(rate.grossPriceOf(price)) : price;
        };
    }
}
