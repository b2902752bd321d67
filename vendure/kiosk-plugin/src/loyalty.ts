/**
 * Joining the loyalty programme at a kiosk, and the wishlist a recognised shopper edits there (issue 19).
 *
 * - `kioskEnrolLoyalty`: creates the customer with a new loyalty number (0 points, tier Member) and records
 *   the consent (version, the exact words shown, language, store, kiosk, time) in kiosk_loyalty_consent, in
 *   one transaction. An email or phone that already has an account answers ALREADY_MEMBER and nothing else:
 *   no name, no number, so a kiosk cannot be used to look people up. Every other failure is a GraphQL error
 *   whose `extensions.code` the kiosk tells apart (never its words): KIOSK_CONTACT_REFUSED (the email or
 *   phone is not one the store takes), KIOSK_ENROL_REFUSED (Vendure answered the new customer with an error
 *   result that is not an email conflict), KIOSK_ENROL_FAILED (anything thrown: the database, a bug). Nothing
 *   of the sign-up is kept after any of them.
 * - `kioskSetWishlisted`: adds (newest first) or removes a product on Customer.customFields.wishlist (the
 *   JSON array the kiosk reads for the profile and the web shop shows), under a row lock so two devices
 *   editing one wishlist never lose an entry.
 *
 * Vendure needs an email address for every customer; a member who joins with a phone only gets
 * `member-<loyalty number>@phone.kiosk.invalid` (RFC 2606's reserved .invalid: it can never receive mail),
 * which the kiosk shows as "no email".
 */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
    Allow,
    Ctx,
    Customer,
    CustomerService,
    I18nError,
    isGraphQlErrorResult,
    Logger,
    LogLevel,
    Permission,
    RequestContext,
    Transaction,
    TransactionalConnection,
    UserInputError,
} from '@vendure/core';
import { randomInt } from 'node:crypto';
import gql from 'graphql-tag';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { LOG_CONTEXT } from './journal';

export const PHONE_ONLY_EMAIL_DOMAIN = 'phone.kiosk.invalid';
export const MAX_WISHLIST = 100;
const EMAIL_RE = /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/;
const MAX_CONSENT_TEXT = 2000;
/** The GraphQL errorCode of Vendure's EmailAddressConflictError (Admin and Shop API alike, 3.7 and 3.8). */
const EMAIL_CONFLICT = 'EMAIL_ADDRESS_CONFLICT_ERROR';

export type EnrolErrorCode = 'KIOSK_CONTACT_REFUSED' | 'KIOSK_ENROL_REFUSED' | 'KIOSK_ENROL_FAILED';

/** A failed sign-up, told apart by `code` (the GraphQL error's extensions.code); nothing of it was kept. */
export class KioskEnrolError extends I18nError {
    constructor(message: string, code: EnrolErrorCode) {
        super(message, {}, code, code === 'KIOSK_ENROL_FAILED' ? LogLevel.Error : LogLevel.Warn);
    }
}

/**
 * Is this Vendure's answer that the email address has an account: an ErrorResult with the conflict's
 * errorCode, whether CustomerService.create returned it (3.7.3 and 3.8 do, for a customer in this channel
 * or a user without a customer) or threw it. Any other error result, a database error or a bug is not.
 */
export function isEmailConflict(value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { errorCode?: unknown }).errorCode === EMAIL_CONFLICT;
}

/**
 * What a failure of CustomerService.create that is not an email conflict tells the kiosk. An error result
 * (returned, as 3.8 returns PasswordValidationError, or thrown, as 3.7.3 throws it) is named by its
 * errorCode; anything else thrown (a QueryFailedError, a bug) by its class and SQLSTATE only: its message and
 * parameters may hold the shopper's email.
 */
export function enrolFailure(failure: unknown): KioskEnrolError {
    if (typeof failure === 'object' && failure !== null) {
        const { errorCode } = failure as { errorCode?: unknown };
        if (typeof errorCode === 'string' && errorCode) {
            return new KioskEnrolError(`Vendure refused the new customer: ${errorCode.slice(0, 60)}`, 'KIOSK_ENROL_REFUSED');
        }
    }
    const name = failure instanceof Error ? failure.constructor.name || failure.name : typeof failure;
    const state = (failure as { code?: unknown } | null)?.code;
    const sqlState = typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state) ? `, SQLSTATE ${state}` : '';
    return new KioskEnrolError(
        `the new member could not be created (${name.slice(0, 60)}${sqlState}); nothing was saved`,
        'KIOSK_ENROL_FAILED',
    );
}

/** One consent a member gave when joining: what they agreed to, in which words, where and when. */
@Entity('kiosk_loyalty_consent')
export class KioskLoyaltyConsentRow {
    @PrimaryGeneratedColumn({ name: 'n' })
    n!: number;

    @Index()
    @Column({ name: 'customer_id', type: 'varchar', length: 64 })
    customerId!: string;

    @Column({ name: 'contact_kind', type: 'varchar', length: 8 })
    contactKind!: string;

    @Column({ name: 'consent_version', type: 'varchar', length: 64 })
    consentVersion!: string;

    @Column({ name: 'consent_text', type: 'text' })
    consentText!: string;

    @Column({ type: 'varchar', length: 8 })
    language!: string;

    @Column({ name: 'store_id', type: 'varchar', length: 100 })
    storeId!: string;

    @Column({ name: 'device_id', type: 'varchar', length: 100 })
    deviceId!: string;

    @Column({ name: 'given_at', type: 'timestamptz' })
    givenAt!: Date;
}

export const loyaltySchema = gql`
    input KioskEnrolInput {
        "email or phone: which one the shopper gave"
        contactKind: String!
        "a lower-case email address, or a phone as + and 9 to 15 digits"
        contact: String!
        firstName: String
        language: String!
        consentVersion: String!
        "the exact words the shopper saw and agreed to"
        consentText: String!
        storeId: String!
        deviceId: String!
    }
    type KioskEnrolResult {
        "CREATED or ALREADY_MEMBER (then nothing else is said)"
        outcome: String!
        customerId: ID
        loyaltyNumber: String
    }
    type KioskLoyaltyConsent {
        contactKind: String!
        consentVersion: String!
        consentText: String!
        language: String!
        storeId: String!
        deviceId: String!
        givenAt: DateTime!
    }
    extend type Query {
        "the consents a member gave, oldest first (for the member, or an auditor)"
        kioskLoyaltyConsents(customerId: ID!): [KioskLoyaltyConsent!]!
    }
    extend type Mutation {
        "a new loyalty member with their consent; ALREADY_MEMBER when the email or phone has an account"
        kioskEnrolLoyalty(input: KioskEnrolInput!): KioskEnrolResult!
        "adds (newest first) or removes a product on the customer's wishlist; returns the whole list"
        kioskSetWishlisted(customerId: ID!, productId: ID!, wished: Boolean!): [String!]!
    }
`;

interface EnrolInput {
    contactKind: string;
    contact: string;
    firstName?: string | null;
    language: string;
    consentVersion: string;
    consentText: string;
    storeId: string;
    deviceId: string;
}

/** The GS1 check digit of a number given without it (weights 3 and 1 from the right). */
function checkDigit(payload: string): number {
    const sum = [...payload].reverse().reduce((total, d, i) => total + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
    return (10 - (sum % 10)) % 10;
}

/** "4" + 10 digits + check digit: a UPC-A in GS1's in-house range, the shape of every member's card. */
function newLoyaltyNumber(): string {
    const payload = `4${randomInt(1_000_000_000, 10_000_000_000)}`;
    return payload + String(checkDigit(payload));
}

function digits(text: string): string {
    return text.replace(/\D/g, '');
}

/** The request checked as the kiosk checks it (kiosk/core/enrolment.py), for any other caller. */
function checkedEnrolment(input: EnrolInput): EnrolInput & { firstName: string } {
    const contact = input.contact.trim();
    if (input.contactKind === 'email') {
        if (contact.length > 254 || !EMAIL_RE.test(contact) || contact !== contact.toLowerCase()) {
            throw new KioskEnrolError('contact: not a lower-case email address', 'KIOSK_CONTACT_REFUSED');
        }
    } else if (input.contactKind === 'phone') {
        if (!/^\+[1-9]\d{8,14}$/.test(contact)) {
            throw new KioskEnrolError('contact: a phone is + and 9 to 15 digits', 'KIOSK_CONTACT_REFUSED');
        }
    } else {
        throw new UserInputError(`contactKind: email or phone, got "${input.contactKind.slice(0, 16)}"`);
    }
    if (!input.consentVersion.trim() || !input.consentText.trim()) {
        throw new UserInputError('consent: the version and the words agreed to are required');
    }
    if (input.consentText.length > MAX_CONSENT_TEXT) {
        throw new UserInputError(`consentText: at most ${MAX_CONSENT_TEXT} characters`);
    }
    const firstName = (input.firstName ?? '').trim();
    if (firstName.length > 60) {
        throw new UserInputError('firstName: at most 60 characters');
    }
    return { ...input, contact, firstName };
}

@Resolver()
export class KioskLoyaltyResolver {
    constructor(
        private connection: TransactionalConnection,
        private customerService: CustomerService,
    ) {}

    @Mutation()
    @Transaction()
    @Allow(Permission.CreateCustomer)
    async kioskEnrolLoyalty(@Ctx() ctx: RequestContext, @Args() args: { input: EnrolInput }) {
        const input = checkedEnrolment(args.input);
        const manager = this.connection.getRepository(ctx, KioskLoyaltyConsentRow).manager;
        if (await this.memberWith(ctx, input.contactKind, input.contact)) {
            return { outcome: 'ALREADY_MEMBER', customerId: null, loyaltyNumber: null };
        }
        let loyaltyNumber = newLoyaltyNumber();
        while ((await manager.query(`SELECT 1 FROM customer WHERE "customFieldsLoyaltynumber" = $1`, [loyaltyNumber])).length) {
            loyaltyNumber = newLoyaltyNumber();
        }
        const email = input.contactKind === 'email' ? input.contact : `member-${loyaltyNumber}@${PHONE_ONLY_EMAIL_DOMAIN}`;
        // CustomerService.create answers a conflict with an error result, and could throw one: both are
        // ALREADY_MEMBER (another kiosk enrolled the same address a moment ago). The savepoint leaves nothing of
        // this attempt behind when that answer commits; any other failure rolls the whole transaction back.
        await manager.query('SAVEPOINT kiosk_enrol_create');
        let created: Customer;
        try {
            const result = await this.customerService.create(ctx, {
                firstName: input.firstName,
                lastName: '',
                emailAddress: email,
                phoneNumber: input.contactKind === 'phone' ? input.contact : undefined,
                customFields: { loyaltyNumber, loyaltyPoints: 0, loyaltyTier: 'Member' },
            });
            if (isGraphQlErrorResult(result)) {
                throw result; // returned or thrown: one answer for each kind of failure
            }
            created = result;
        } catch (failure: unknown) {
            if (!isEmailConflict(failure)) {
                const error = enrolFailure(failure);
                if (error.code === 'KIOSK_ENROL_FAILED') {
                    // the original, for the operator (its parameters, which hold the contact, are not logged)
                    Logger.error(`kioskEnrolLoyalty: ${failure instanceof Error ? failure.message : String(failure)}`, LOG_CONTEXT);
                }
                throw error;
            }
            await manager.query('ROLLBACK TO SAVEPOINT kiosk_enrol_create');
            return { outcome: 'ALREADY_MEMBER', customerId: null, loyaltyNumber: null };
        }
        await this.connection.getRepository(ctx, KioskLoyaltyConsentRow).insert({
            customerId: String(created.id),
            contactKind: input.contactKind,
            consentVersion: input.consentVersion,
            consentText: input.consentText,
            language: input.language,
            storeId: input.storeId,
            deviceId: input.deviceId,
            givenAt: new Date(),
        });
        return { outcome: 'CREATED', customerId: String(created.id), loyaltyNumber };
    }

    /** Is there a live customer with this email (any case) or this phone (same trailing national number)? */
    private async memberWith(ctx: RequestContext, kind: string, contact: string): Promise<boolean> {
        const manager = this.connection.getRepository(ctx, KioskLoyaltyConsentRow).manager;
        if (kind === 'email') {
            const rows = await manager.query(
                `SELECT 1 FROM customer WHERE "deletedAt" IS NULL AND lower("emailAddress") = $1 LIMIT 1`,
                [contact],
            );
            return rows.length > 0;
        }
        const wanted = digits(contact);
        const rows: Array<{ phone: string }> = await manager.query(
            `SELECT "phoneNumber" AS phone FROM customer WHERE "deletedAt" IS NULL
               AND right(regexp_replace(coalesce("phoneNumber", ''), '\\D', '', 'g'), 9) = $1`,
            [wanted.slice(-9)],
        );
        return rows.some(row => {
            const stored = digits(row.phone);
            const shorter = Math.min(stored.length, wanted.length);
            return shorter >= 7 && stored.slice(-shorter) === wanted.slice(-shorter);
        });
    }

    @Query()
    @Allow(Permission.ReadCustomer)
    async kioskLoyaltyConsents(@Ctx() ctx: RequestContext, @Args() args: { customerId: string }) {
        return this.connection
            .getRepository(ctx, KioskLoyaltyConsentRow)
            .find({ where: { customerId: String(args.customerId) }, order: { n: 'ASC' } });
    }

    @Mutation()
    @Transaction()
    @Allow(Permission.UpdateCustomer)
    async kioskSetWishlisted(
        @Ctx() ctx: RequestContext,
        @Args() args: { customerId: string; productId: string; wished: boolean },
    ): Promise<string[]> {
        const productId = String(args.productId);
        const repo = this.connection.getRepository(ctx, Customer);
        const customer = await repo
            .createQueryBuilder('customer')
            .setLock('pessimistic_write')
            .where('customer.id = :id', { id: args.customerId })
            .andWhere('customer.deletedAt IS NULL')
            .getOne();
        if (!customer) {
            throw new UserInputError(`No customer ${args.customerId}`);
        }
        const manager = repo.manager;
        const product = await manager.query(`SELECT 1 FROM product WHERE id::text = $1 AND "deletedAt" IS NULL`, [productId]);
        if (!product.length) {
            throw new UserInputError(`No product ${productId}`);
        }
        const fields = (customer.customFields ?? {}) as { wishlist?: string | null };
        let current: string[] = [];
        try {
            const parsed: unknown = JSON.parse(fields.wishlist || '[]');
            current = Array.isArray(parsed) ? parsed.map(String) : [];
        } catch {
            current = []; // an unreadable list is replaced, as the kiosk ignores it (mapping.map_wishlist)
        }
        const kept = current.filter(id => id !== productId);
        const wishlist = (args.wished ? [productId, ...kept] : kept).slice(0, MAX_WISHLIST);
        await repo.update({ id: customer.id }, { customFields: { ...customer.customFields, wishlist: JSON.stringify(wishlist) } } as any);
        return wishlist;
    }
}
