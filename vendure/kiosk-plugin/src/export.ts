/**
 * The bulk catalog export: products with everything the kiosk cache keeps, for a whole page of products
 * read and put together by one SQL statement (translations, variants, prices, stock, options, facets,
 * collections, assets, related products: one grouped CTE each, see `records`). The Admin API resolves the
 * same data field by field and row by row (a product list with variants and stock costs Vendure hundreds of
 * queries a page); this costs three statements a page whatever its size (ids, records, deletions).
 *
 * The records are JSON (the API's JSON scalar: GraphQL serialises it as one value, no per-field work):
 *
 *   { id, updatedAt, slug, name: {lang: text}, description: {lang: text}, brand, category, image,
 *     related: [productId], rating, reviewCount, variants: [[ id, sku, gtin, image,
 *     prices: [[currency, priceWithTax]], stock: [[stockLocationId, onHand, allocated]],
 *     options: [[groupCode, optionCode, {lang: name}]], compareAtPrice? ]] }
 *
 * `compareAtPrice` (the variant's custom field, a markdown's "was" price with tax) is there only when set, so a
 * variant is 7 elements long as before unless it is marked down. `rating` and `reviewCount` come from the
 * product's `reviews` custom field (null and 0 without one).
 *
 * Variants are arrays (positions as above), not objects: there are many of them, and their keys alone
 * were ~30% of an export's bytes, built by PostgreSQL and parsed by Node and by every kiosk.
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

/** [id, sku, gtin, image, prices [[currency, priceWithTax]], stock [[locationId, onHand, allocated]], options,
 * compareAtPrice (only when set)] */
export type VariantRecord = [
    string,
    string,
    string | null,
    string | null,
    Array<[string, number]>,
    Array<[string, number, number]>,
    Array<[string, string, Record<string, string>]>,
    number?,
];

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
    rating: number | null;
    reviewCount: number;
    variants: VariantRecord[];
}

type Row = Record<string, any>;

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
    async pageIds(ctx: RequestContext, after: number, limit: number, upTo: number | null = null): Promise<string[]> {
        const rows: Row[] = await this.manager(ctx).query(
            `SELECT p.id FROM product p
               JOIN product_channels_channel pc ON pc."productId" = p.id AND pc."channelId" = $1
              WHERE p."deletedAt" IS NULL AND p.enabled AND p.id > $2 AND ($4::int IS NULL OR p.id <= $4::int)
              ORDER BY p.id LIMIT $3`,
            [ctx.channelId, after, limit, upTo],
        );
        return rows.map(r => String(r.id));
    }

    /** The last live product id of every full page of `limit` (page n+1 starts after it), in order. */
    async pageStarts(ctx: RequestContext, limit: number): Promise<string[]> {
        const rows: Row[] = await this.manager(ctx).query(
            `SELECT id FROM (
                SELECT p.id, row_number() OVER (ORDER BY p.id) AS n FROM product p
                  JOIN product_channels_channel pc ON pc."productId" = p.id AND pc."channelId" = $1
                 WHERE p."deletedAt" IS NULL AND p.enabled
             ) numbered WHERE n % $2 = 0 ORDER BY id`,
            [ctx.channelId, limit],
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

    /**
     * Records of these products that are live in the channel; the others are simply absent.
     *
     * One statement builds the page's JSON inside PostgreSQL (json_agg over grouped CTEs: each kind of data
     * read once for the whole page, joined by hash, serialised in C), and Node only parses it and applies
     * tax: at 2000 products a page this is several times faster than shipping ~50k rows (variants x stock
     * locations) through the driver and putting them together in JavaScript.
     */
    async records(ctx: RequestContext, productIds: string[], brandFacet: string): Promise<ProductRecord[]> {
        if (!productIds.length) {
            return [];
        }
        const m = this.manager(ctx);
        const related = await this.relatedSql(m);
        const rows: Row[] = await m.query(
            `WITH RECURSIVE depth(id, d) AS (
                SELECT id, 0 FROM collection WHERE "parentId" IS NULL
                UNION ALL SELECT c.id, depth.d + 1 FROM collection c JOIN depth ON c."parentId" = depth.id
             ),
             p AS (
                SELECT p.id, p."updatedAt", a.preview AS image, p."customFieldsReviews" AS reviews FROM product p
                  JOIN product_channels_channel pc ON pc."productId" = p.id AND pc."channelId" = $2
                  LEFT JOIN asset a ON a.id = p."featuredAssetId"
                 WHERE p.id = ANY($1::int[]) AND p."deletedAt" IS NULL AND p.enabled
             ),
             v AS (
                SELECT v.id, v."productId", v.sku, v."customFieldsGtin" AS gtin, a.preview AS image, v."taxCategoryId",
                       v."customFieldsCompareatprice" AS "compareAt"
                  FROM product_variant v
                  JOIN product_variant_channels_channel vc ON vc."productVariantId" = v.id AND vc."channelId" = $2
                  LEFT JOIN asset a ON a.id = v."featuredAssetId"
                 WHERE v."productId" IN (SELECT id FROM p) AND v."deletedAt" IS NULL AND v.enabled
             ),
             pr AS (
                SELECT "variantId" AS id, json_agg(json_build_array("currencyCode", price) ORDER BY "currencyCode") AS j
                  FROM product_variant_price WHERE "variantId" IN (SELECT id FROM v) AND "channelId" = $2 GROUP BY 1
             ),
             st AS (
                SELECT "productVariantId" AS id,
                       json_agg(json_build_array("stockLocationId"::text, "stockOnHand", "stockAllocated")
                                ORDER BY "stockLocationId") AS j
                  FROM stock_level WHERE "productVariantId" IN (SELECT id FROM v) GROUP BY 1
             ),
             ot AS (
                SELECT "baseId" AS id, json_object_agg("languageCode", name) AS names
                  FROM product_option_translation
                 WHERE "baseId" IN (SELECT "productOptionId" FROM product_variant_options_product_option
                                     WHERE "productVariantId" IN (SELECT id FROM v))
                 GROUP BY 1
             ),
             op AS (
                SELECT vo."productVariantId" AS id,
                       json_agg(json_build_array(g.code, o.code, coalesce(ot.names, '{}'::json)) ORDER BY g.code, o.id) AS j
                  FROM product_variant_options_product_option vo
                  JOIN product_option o ON o.id = vo."productOptionId" AND o."deletedAt" IS NULL
                  JOIN product_option_group g ON g.id = o."groupId"
                  LEFT JOIN ot ON ot.id = o.id
                 WHERE vo."productVariantId" IN (SELECT id FROM v) GROUP BY 1
             ),
             vj AS (
                SELECT v."productId" AS id, json_agg(json_build_array(
                         v.id::text, v.sku, v.gtin, v.image, coalesce(pr.j, '[]'::json),
                         coalesce(st.j, '[]'::json), coalesce(op.j, '[]'::json), v."compareAt", v."taxCategoryId"::text
                       ) ORDER BY v.id) AS j
                  FROM v LEFT JOIN pr ON pr.id = v.id LEFT JOIN st ON st.id = v.id LEFT JOIN op ON op.id = v.id
                 GROUP BY 1
             ),
             tr AS (
                SELECT "baseId" AS id, json_object_agg("languageCode", name) AS names,
                       json_object_agg("languageCode", description) AS descriptions,
                       (array_agg(slug ORDER BY ("languageCode" = 'en') DESC, "languageCode"))[1] AS slug
                  FROM product_translation WHERE "baseId" IN (SELECT id FROM p) GROUP BY 1
             ),
             br AS (
                SELECT DISTINCT ON (pf."productId") pf."productId" AS id, t.name
                  FROM product_facet_values_facet_value pf
                  JOIN facet_value fv ON fv.id = pf."facetValueId"
                  JOIN facet f ON f.id = fv."facetId" AND f.code = $3
                  JOIN facet_value_translation t ON t."baseId" = fv.id
                 WHERE pf."productId" IN (SELECT id FROM p)
                 ORDER BY pf."productId", fv.id, (t."languageCode" = 'en') DESC, t."languageCode"
             ),
             ca AS (
                SELECT DISTINCT ON (v."productId") v."productId" AS id, c.id::text AS category
                  FROM collection_product_variants_product_variant cv
                  JOIN product_variant v ON v.id = cv."productVariantId"
                  JOIN collection c ON c.id = cv."collectionId" AND NOT c."isPrivate" AND NOT c."isRoot"
                  JOIN depth ON depth.id = c.id
                 WHERE v."productId" IN (SELECT id FROM p)
                 ORDER BY v."productId", depth.d DESC, c.id
             ),
             re AS (${related})
             SELECT coalesce(json_agg(json_build_object(
                      'id', p.id::text, 'updatedAt', to_char(p."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                      'slug', coalesce(tr.slug, ''), 'name', coalesce(tr.names, '{}'::json),
                      'description', coalesce(tr.descriptions, '{}'::json), 'brand', coalesce(br.name, ''),
                      'category', ca.category, 'image', p.image, 'related', coalesce(re.j, '[]'::json),
                      'variants', coalesce(vj.j, '[]'::json), 'reviews', p.reviews
                    ) ORDER BY p.id), '[]'::json)::text AS page
               FROM p LEFT JOIN tr ON tr.id = p.id LEFT JOIN br ON br.id = p.id LEFT JOIN ca ON ca.id = p.id
               LEFT JOIN re ON re.id = p.id LEFT JOIN vj ON vj.id = p.id`,
            [productIds.map(Number), ctx.channelId, brandFacet],
        );
        // each variant arrives with its compare-at price (or null) and its tax category as 8th and 9th elements:
        // the category is taken off once its prices have tax, a null compare-at price too
        const products: Array<ProductRecord & { reviews?: string | null; variants: Array<Array<any>> }> = JSON.parse(
            rows[0].page,
        );
        const categories = new Set<string>();
        for (const product of products) {
            for (const variant of product.variants) {
                categories.add(String(variant[8]));
            }
        }
        const withTax = await this.taxApplier(ctx, [...categories]);
        for (const product of products) {
            if (product.image != null) {
                product.image = this.assetUrl(ctx, product.image);
            }
            const [rating, reviewCount] = reviewFigures(product.reviews);
            delete product.reviews;
            product.rating = rating;
            product.reviewCount = reviewCount;
            for (const variant of product.variants) {
                const category = String(variant.pop());
                if (variant[7] == null) {
                    variant.pop();
                }
                variant[4] = variant[4].map(([currency, price]): [string, number] => [currency, withTax(category, Number(price))]);
                if (variant[3] != null) {
                    variant[3] = this.assetUrl(ctx, variant[3]);
                }
            }
        }
        return products as unknown as ProductRecord[];
    }

    private manager(ctx: RequestContext): EntityManager {
        return this.connection.getRepository(ctx, 'Product').manager;
    }

    /** SQL for Product.customFields.relatedProducts (id, JSON array of related live ids by id), or none. */
    private async relatedSql(m: EntityManager): Promise<string> {
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
        if (!this.relatedTable) {
            return `SELECT NULL::int AS id, NULL::json AS j WHERE false`;
        }
        const { table, from, to } = this.relatedTable;
        return `SELECT r."${from}" AS id, json_agg(r."${to}"::text ORDER BY r."${to}") AS j FROM "${table}" r
                  JOIN product rp ON rp.id = r."${to}" AND rp."deletedAt" IS NULL
                 WHERE r."${from}" IN (SELECT id FROM p) GROUP BY 1`;
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

/** Average rating (one decimal) and count of a product's `reviews` custom field; text that is not a JSON list of
 * reviews counts as none, so one bad field never stops an export. */
export function reviewFigures(text: string | null | undefined): [number | null, number] {
    if (!text) {
        return [null, 0];
    }
    let reviews: unknown;
    try {
        reviews = JSON.parse(text);
    } catch {
        return [null, 0];
    }
    if (!Array.isArray(reviews)) {
        return [null, 0];
    }
    const ratings = reviews.map(r => Number((r as { rating?: unknown })?.rating)).filter(n => n >= 1 && n <= 5);
    if (!ratings.length) {
        return [null, 0];
    }
    return [Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10, ratings.length];
}
