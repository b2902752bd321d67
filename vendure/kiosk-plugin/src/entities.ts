/**
 * The KioskPlugin's own tables, as TypeORM entities: Vendure's `synchronize` creates them in the test set-up
 * (the seed runs with synchronize on), and a production deployment generates a migration for them like for
 * any plugin entity (docs/deploy-vendure.md). Column and table names are those the plain-JavaScript plugin
 * (1.x) created by hand, so a database it filled keeps its rows.
 *
 * The change journal (kiosk_change) is not an entity: its triggers and functions are PostgreSQL DDL that
 * TypeORM cannot describe, so journal.ts installs table, functions and triggers together.
 */
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A measurement event from a kiosk; the event id makes a resent batch harmless. */
@Entity('kiosk_event')
export class KioskEventRow {
    @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
    eventId!: string;

    @Column({ type: 'varchar', length: 32 })
    kind!: string;

    @Column({ type: 'varchar', length: 40 })
    at!: string;

    @Column({ name: 'store_id', type: 'varchar', length: 100 })
    storeId!: string;

    @Column({ name: 'device_id', type: 'varchar', length: 100 })
    deviceId!: string;

    @Column({ type: 'text' })
    data!: string;

    @Column({ name: 'received_at', type: 'varchar', length: 40 })
    receivedAt!: string;
}

/** A message the kiosk asked the store to send a customer (cart link, resent confirmation). */
@Entity('kiosk_message')
export class KioskMessageRow {
    @PrimaryGeneratedColumn({ name: 'n' })
    n!: number;

    @Index()
    @Column({ name: 'customer_id', type: 'varchar', length: 64 })
    customerId!: string;

    @Column({ type: 'varchar', length: 32 })
    kind!: string;

    @Column({ type: 'text' })
    body!: string;

    @Column({ name: 'created_at', type: 'varchar', length: 40 })
    createdAt!: string;
}

/** An in-store return of an online order; the id "<order code>-R<n>" makes a racing duplicate fail. */
@Entity('kiosk_return')
export class KioskReturnRow {
    @PrimaryColumn({ name: 'return_id', type: 'varchar', length: 80 })
    returnId!: string;

    @Index()
    @Column({ name: 'order_code', type: 'varchar', length: 64 })
    orderCode!: string;

    @Column({ type: 'text' })
    lines!: string;

    @Column({ type: 'text' })
    reason!: string;

    @Column({ name: 'created_at', type: 'varchar', length: 40 })
    createdAt!: string;
}

/** The latest heartbeat of each kiosk (upserted per kiosk id); see the heartbeat contract. */
@Entity('kiosk_heartbeat')
export class KioskHeartbeatRow {
    @PrimaryColumn({ name: 'kiosk_id', type: 'varchar', length: 64 })
    kioskId!: string;

    @Column({ name: 'store_id', type: 'varchar', length: 100 })
    storeId!: string;

    @Column({ name: 'sent_at', type: 'timestamptz' })
    sentAt!: Date;

    @Column({ name: 'received_at', type: 'timestamptz' })
    receivedAt!: Date;

    @Column({ type: 'jsonb' })
    payload!: Record<string, unknown>;
}

/**
 * A recall: a GTIN's withdrawn lot (GS1 AI 10) and/or serial number (AI 21). Kiosks fetch the active ones
 * (kioskRecalls) and refuse a scanned item they match; lifting a recall keeps its row for the record.
 */
@Entity('kiosk_recall')
export class KioskRecallRow {
    @PrimaryColumn({ type: 'varchar', length: 64 })
    reference!: string;

    @Index()
    @Column({ type: 'varchar', length: 14 })
    gtin!: string;

    @Column({ type: 'varchar', length: 20, nullable: true })
    lot!: string | null;

    @Column({ type: 'varchar', length: 20, nullable: true })
    serial!: string | null;

    @Column({ type: 'text', default: '' })
    note!: string;

    @Column({ name: 'created_at', type: 'timestamptz' })
    createdAt!: Date;

    @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
    liftedAt!: Date | null;
}

/**
 * A kiosk order kioskPlaceOrder placed, with what it made of the coupons, points and stock asked for: a retry
 * of the same client order id gets exactly this answer back (orders.ts).
 */
@Entity('kiosk_placed_order')
export class KioskPlacedOrderRow {
    @PrimaryColumn({ name: 'client_order_id', type: 'varchar', length: 64 })
    clientOrderId!: string;

    @Index({ unique: true })
    @Column({ name: 'order_id', type: 'int' })
    orderId!: number;

    @Column({ type: 'jsonb' })
    outcome!: Record<string, unknown>;

    @Column({ name: 'created_at', type: 'timestamptz' })
    createdAt!: Date;
}

/**
 * Loyalty points moved by an order: + earned, - redeemed. Unique per order and kind, so an order credits and
 * debits points once however often it is retried; Customer.loyaltyPoints changes in the same transaction.
 */
@Entity('kiosk_points_ledger')
@Unique('kiosk_points_ledger_order_kind', ['orderId', 'kind'])
export class KioskPointsLedgerRow {
    @PrimaryGeneratedColumn({ name: 'n' })
    n!: number;

    @Column({ name: 'order_id', type: 'int' })
    orderId!: number;

    @Column({ type: 'varchar', length: 8 })
    kind!: 'earn' | 'redeem';

    @Index()
    @Column({ name: 'customer_id', type: 'int' })
    customerId!: number;

    @Column({ type: 'int' })
    points!: number;

    @Column({ name: 'created_at', type: 'timestamptz' })
    createdAt!: Date;
}

export const KIOSK_ENTITIES = [
    KioskEventRow,
    KioskMessageRow,
    KioskReturnRow,
    KioskHeartbeatRow,
    KioskRecallRow,
    KioskPlacedOrderRow,
    KioskPointsLedgerRow,
];
