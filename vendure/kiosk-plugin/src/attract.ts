/**
 * The kiosks' attract loop (issue 18): what a store's kiosk shows while nobody uses it.
 *
 * `kioskAttract(storeId)` answers, in this order: the slides a store manager set for that store (or for every
 * store, storeId "*") with `addKioskAttractSlide`, then the channel's running automatic promotions (no coupon
 * code, started, not ended), then its newest products ("new arrivals"). Texts come in every language the
 * server has them in; the kiosk picks its screen's. Promotions and products need no extra work from anyone:
 * a store with no slides of its own still gets a loop that follows the catalog.
 */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, Permission, RequestContext, TransactionalConnection, UserInputError } from '@vendure/core';
import gql from 'graphql-tag';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ATTRACT_KINDS = ['promotion', 'new_arrival', 'scan_hint'];
export const MAX_ATTRACT_SLIDES = 12; // the kiosk shows at most this many
export const MAX_TITLE_CHARS = 80;
export const MAX_BODY_CHARS = 240;
const DEFAULT_NEW_ARRIVALS = 3;
const MAX_PROMOTIONS = 4;

/** A slide a store manager set for one store ("*": every store). */
@Entity('kiosk_attract_slide')
export class KioskAttractSlideRow {
    @PrimaryGeneratedColumn({ name: 'n' })
    n!: number;

    @Index()
    @Column({ name: 'store_id', type: 'varchar', length: 100 })
    storeId!: string;

    @Column({ type: 'varchar', length: 16 })
    kind!: string;

    @Column({ type: 'int', default: 0 })
    position!: number;

    @Column({ name: 'product_id', type: 'varchar', length: 40, nullable: true })
    productId!: string | null;

    /** JSON array of {languageCode, title, body} */
    @Column({ type: 'text' })
    texts!: string;

    @Column({ name: 'created_at', type: 'varchar', length: 40 })
    createdAt!: string;
}

export const attractSchema = gql`
    type KioskAttractText {
        languageCode: String!
        title: String!
        body: String!
    }
    "one slide of a store's attract loop"
    type KioskAttractSlide {
        "stable: 'slide-<n>', 'promotion-<id>', 'product-<id>'"
        id: String!
        "promotion, new_arrival or scan_hint"
        kind: String!
        texts: [KioskAttractText!]!
        "the product the slide shows (a tap on the kiosk opens it)"
        productId: String
        "the product's featured picture (asset preview URL)"
        image: String
    }
    input KioskAttractTextInput {
        languageCode: String!
        title: String!
        body: String
    }
    input KioskAttractSlideInput {
        "the kiosk's store id, or * for every store"
        storeId: String!
        kind: String!
        position: Int
        productId: ID
        texts: [KioskAttractTextInput!]!
    }
    extend type Query {
        "a store's attract loop: its own slides, then running promotions, then the newest products"
        kioskAttract(storeId: String!, newArrivals: Int): [KioskAttractSlide!]!
    }
    extend type Mutation {
        addKioskAttractSlide(input: KioskAttractSlideInput!): KioskAttractSlide!
        removeKioskAttractSlide(id: String!): Boolean!
    }
`;

interface AttractText {
    languageCode: string;
    title: string;
    body: string;
}

interface AttractSlide {
    id: string;
    kind: string;
    texts: AttractText[];
    productId: string | null;
    image: string | null;
}

/** The slide's texts, checked: the kiosk refuses longer ones, so the server does not store them. */
function validTexts(texts: Array<{ languageCode: string; title: string; body?: string | null }>): AttractText[] {
    if (!texts.length) {
        throw new UserInputError('A slide needs a title in at least one language');
    }
    return texts.map(t => {
        const title = t.title.trim();
        const body = (t.body ?? '').trim();
        if (!title) {
            throw new UserInputError(`The ${t.languageCode} title is empty`);
        }
        if (title.length > MAX_TITLE_CHARS || body.length > MAX_BODY_CHARS) {
            throw new UserInputError(`Titles have at most ${MAX_TITLE_CHARS} characters and texts ${MAX_BODY_CHARS}`);
        }
        return { languageCode: t.languageCode, title, body };
    });
}

/** product_translation names (and nothing else: descriptions are HTML for the web shop) as slide texts. */
function productTexts(names: Record<string, string> | null): AttractText[] {
    return Object.entries(names ?? {}).map(([languageCode, title]) => ({
        languageCode,
        title: title.slice(0, MAX_TITLE_CHARS),
        body: '',
    }));
}

@Resolver()
export class KioskAttractResolver {
    constructor(private connection: TransactionalConnection) {}

    @Query()
    @Allow(Permission.ReadCatalog)
    async kioskAttract(
        @Ctx() ctx: RequestContext,
        @Args() args: { storeId: string; newArrivals?: number | null },
    ): Promise<AttractSlide[]> {
        const m = this.connection.getRepository(ctx, KioskAttractSlideRow).manager;
        const own = await this.connection
            .getRepository(ctx, KioskAttractSlideRow)
            .createQueryBuilder('s')
            .where('s.storeId IN (:...stores)', { stores: [args.storeId, '*'] })
            .orderBy('s.position', 'ASC')
            .addOrderBy('s.n', 'ASC')
            .getMany();
        const ownProducts = own.map(s => s.productId).filter((id): id is string => !!id);
        const pictures = new Map<string, string | null>();
        if (ownProducts.length) {
            const rows: Array<{ id: number; image: string | null }> = await m.query(
                `SELECT p.id, a.preview AS image FROM product p LEFT JOIN asset a ON a.id = p."featuredAssetId"
                  WHERE p.id = ANY($1::int[])`,
                [ownProducts.map(Number)],
            );
            rows.forEach(r => pictures.set(String(r.id), r.image));
        }
        const slides: AttractSlide[] = own.map(s => ({
            id: `slide-${s.n}`,
            kind: s.kind,
            texts: JSON.parse(s.texts),
            productId: s.productId,
            image: s.productId ? pictures.get(s.productId) ?? null : null,
        }));

        const promotions: Array<{ id: number; texts: AttractText[] }> = await m.query(
            `SELECT p.id, json_agg(json_build_object('languageCode', t."languageCode", 'title', t.name,
                                                     'body', coalesce(t.description, '')) ORDER BY t."languageCode") AS texts
               FROM promotion p
               JOIN promotion_channels_channel pc ON pc."promotionId" = p.id AND pc."channelId" = $1
               JOIN promotion_translation t ON t."baseId" = p.id
              WHERE p.enabled AND p."deletedAt" IS NULL AND (p."couponCode" IS NULL OR p."couponCode" = '')
                AND (p."startsAt" IS NULL OR p."startsAt" <= now()) AND (p."endsAt" IS NULL OR p."endsAt" > now())
              GROUP BY p.id ORDER BY p."priorityScore" DESC, p.id DESC LIMIT $2`,
            [ctx.channelId, MAX_PROMOTIONS],
        );
        for (const p of promotions) {
            const texts = p.texts
                .filter(t => t.title.trim())
                .map(t => ({ ...t, title: t.title.slice(0, MAX_TITLE_CHARS), body: t.body.slice(0, MAX_BODY_CHARS) }));
            if (texts.length) {
                slides.push({ id: `promotion-${p.id}`, kind: 'promotion', texts, productId: null, image: null });
            }
        }

        const take = Math.max(0, Math.min(args.newArrivals ?? DEFAULT_NEW_ARRIVALS, MAX_ATTRACT_SLIDES));
        if (take > 0) {
            const newest: Array<{ id: number; image: string | null; names: Record<string, string> | null }> = await m.query(
                `SELECT p.id, a.preview AS image,
                        (SELECT json_object_agg(t."languageCode", t.name) FROM product_translation t WHERE t."baseId" = p.id) AS names
                   FROM product p
                   JOIN product_channels_channel pc ON pc."productId" = p.id AND pc."channelId" = $1
                   LEFT JOIN asset a ON a.id = p."featuredAssetId"
                  WHERE p.enabled AND p."deletedAt" IS NULL
                  ORDER BY p."createdAt" DESC, p.id DESC LIMIT $2`,
                [ctx.channelId, take],
            );
            for (const p of newest) {
                slides.push({
                    id: `product-${p.id}`,
                    kind: 'new_arrival',
                    texts: productTexts(p.names),
                    productId: String(p.id),
                    image: p.image,
                });
            }
        }
        return slides.slice(0, MAX_ATTRACT_SLIDES);
    }

    @Mutation()
    @Allow(Permission.UpdateCatalog)
    async addKioskAttractSlide(
        @Ctx() ctx: RequestContext,
        @Args()
        args: {
            input: {
                storeId: string;
                kind: string;
                position?: number | null;
                productId?: string | null;
                texts: Array<{ languageCode: string; title: string; body?: string | null }>;
            };
        },
    ): Promise<AttractSlide> {
        const input = args.input;
        const storeId = input.storeId.trim();
        if (!storeId || storeId.length > 100) {
            throw new UserInputError('A slide needs the store id (or * for every store), at most 100 characters');
        }
        if (!ATTRACT_KINDS.includes(input.kind)) {
            throw new UserInputError(`Unknown slide kind ${input.kind}: one of ${ATTRACT_KINDS.join(', ')}`);
        }
        const texts = validTexts(input.texts);
        const repo = this.connection.getRepository(ctx, KioskAttractSlideRow);
        const saved = await repo.save(
            repo.create({
                storeId,
                kind: input.kind,
                position: input.position ?? 0,
                productId: input.productId ? String(input.productId) : null,
                texts: JSON.stringify(texts),
                createdAt: new Date().toISOString(),
            }),
        );
        return { id: `slide-${saved.n}`, kind: saved.kind, texts, productId: saved.productId, image: null };
    }

    @Mutation()
    @Allow(Permission.UpdateCatalog)
    async removeKioskAttractSlide(@Ctx() ctx: RequestContext, @Args() args: { id: string }): Promise<boolean> {
        const match = /^slide-(\d+)$/.exec(args.id);
        if (!match) {
            return false; // promotions and products leave the loop when they end or are disabled
        }
        const result = await this.connection.getRepository(ctx, KioskAttractSlideRow).delete({ n: Number(match[1]) });
        return (result.affected ?? 0) > 0;
    }
}
