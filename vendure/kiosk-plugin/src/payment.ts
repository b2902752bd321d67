/**
 * Pay on the phone (issue 15): the page behind the kiosk's pay link and a test payment provider.
 *
 * The kiosk shows https://<store host>/pay/<client order id> as a QR code; the retailer's proxy sends
 * /pay/<id> to this server's /kiosk-pay/<id> (docs/payments.md). The page shows what the link holder ordered
 * (items, quantities, total; nothing personal) in Spanish or English and takes a card through a real Vendure
 * PaymentMethodHandler. The card never reaches the kiosk; the kiosk only reads the payment's state.
 *
 * `kiosk-test-pay` behaves like an asynchronous provider: the card form authorises (or declines test card
 * 4000 0000 0000 0002, or any amount ending in 13 cents), the provider confirms later through the webhook
 * (POST /kiosk-pay-webhook, HMAC-SHA256 signed with a shared secret) which settles the payment, and a
 * session never confirmed is cancelled after `paySessionTimeoutS`. A retailer replaces it with Vendure's
 * Stripe or Mollie plugin; the page and the kiosk's reading of payment states stay.
 */
import { Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import {
    LanguageCode,
    Logger,
    Order,
    OrderProcess,
    OrderService,
    Payment,
    PaymentMethodHandler,
    RequestContext,
    RequestContextService,
    TransactionalConnection,
} from '@vendure/core';
import crypto from 'crypto';

export const TEST_PAY_CODE = 'kiosk-test-pay';
export const DECLINED_TEST_CARD = '4000000000000002';
const LOG = 'KioskPay';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The test provider: authorises at once (or declines), settles and cancels when Vendure asks. */
export const kioskTestPaymentHandler = new PaymentMethodHandler({
    code: TEST_PAY_CODE,
    description: [{ languageCode: LanguageCode.en, value: 'Kiosk test payment provider (pay on phone)' }],
    args: {},
    createPayment: (_ctx, _order, amount, _args, metadata) => {
        const card = String(metadata?.card ?? '').replace(/\s+/g, '');
        const transactionId = `ktp_${crypto.randomBytes(12).toString('hex')}`;
        if (!/^\d{12,19}$/.test(card)) {
            return { amount, state: 'Declined' as const, transactionId, errorMessage: 'not a card number', metadata: {} };
        }
        if (card === DECLINED_TEST_CARD || amount % 100 === 13) {
            return { amount, state: 'Declined' as const, transactionId, errorMessage: 'card declined', metadata: {} };
        }
        // only the last four digits are kept, as a real provider's receipt would
        return { amount, state: 'Authorized' as const, transactionId, metadata: { last4: card.slice(-4) } };
    },
    settlePayment: () => ({ success: true }),
    cancelPayment: () => ({ success: true }),
});

/**
 * A payment session that timed out is cancelled; the order then goes back to ArrangingPayment so the shopper
 * can scan the code and try again (Vendure's default process has no way back from PaymentAuthorized).
 */
export const kioskPayRetryProcess: OrderProcess<any> = {
    transitions: { PaymentAuthorized: { to: ['ArrangingPayment'], mergeStrategy: 'merge' } },
};

export interface PayOptions {
    paySessionTimeoutS: number;
    payWebhookSecret: string;
}

type Lang = 'es' | 'en';

const TEXT: Record<Lang, Record<string, string>> = {
    en: {
        title: 'Pay for your order',
        order: 'Order',
        total: 'Total',
        card: 'Card number',
        pay: 'Pay',
        paid: 'This order is paid. Thank you!',
        authorised: 'Payment authorised: waiting for the bank to confirm. You can close this page.',
        declined: 'The payment was declined. Try another card.',
        expired: 'The payment was not completed in time. You can try again.',
        closed: 'This order cannot be paid here. Please ask a store associate.',
        missing: 'There is no order to pay at this link.',
    },
    es: {
        title: 'Paga tu pedido',
        order: 'Pedido',
        total: 'Total',
        card: 'Número de tarjeta',
        pay: 'Pagar',
        paid: 'Este pedido está pagado. ¡Gracias!',
        authorised: 'Pago autorizado: esperando la confirmación del banco. Puedes cerrar esta página.',
        declined: 'El pago ha sido rechazado. Prueba otra tarjeta.',
        expired: 'El pago no se completó a tiempo. Puedes volver a intentarlo.',
        closed: 'Este pedido no se puede pagar aquí. Pide ayuda al personal de la tienda.',
        missing: 'No hay ningún pedido que pagar en este enlace.',
    },
};

/** es or en from an Accept-Language header, by the shopper's order of preference; en if neither. */
export function pageLanguage(acceptLanguage: string | undefined): Lang {
    const ranked = String(acceptLanguage ?? '')
        .split(',')
        .map((part, i) => {
            const [tag, ...params] = part.trim().split(';');
            const q = params.map(p => p.trim()).find(p => p.startsWith('q='));
            return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
        })
        .filter(x => x.lang === 'es' || x.lang === 'en')
        .sort((a, b) => b.q - a.q || a.i - b.i);
    return (ranked[0]?.lang as Lang) ?? 'en';
}

function escape(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function money(minor: number, currency: string, lang: Lang): string {
    return new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', { style: 'currency', currency }).format(minor / 100);
}

/** How the order's payments read for the page: the same rule as the kiosk's (a settled one wins, else the latest). */
function paymentStatus(order: Order): 'paid' | 'authorised' | 'declined' | 'expired' | 'open' | 'closed' {
    const payments = [...(order.payments ?? [])].sort((a, b) => +a.createdAt - +b.createdAt || +a.id - +b.id);
    if (payments.some(p => p.state === 'Settled')) {
        return 'paid';
    }
    if (order.state !== 'ArrangingPayment' && order.state !== 'PaymentAuthorized') {
        return 'closed';
    }
    const latest = payments[payments.length - 1]?.state;
    if (latest === 'Authorized') {
        return 'authorised';
    }
    if (latest === 'Declined' || latest === 'Error') {
        return 'declined';
    }
    return latest === 'Cancelled' ? 'expired' : 'open';
}

@Controller()
export class KioskPayController {
    static options: PayOptions = { paySessionTimeoutS: 900, payWebhookSecret: '' };

    constructor(
        private connection: TransactionalConnection,
        private orderService: OrderService,
        private requestContextService: RequestContextService,
    ) {}

    private async context(req: any): Promise<RequestContext> {
        return this.requestContextService.create({ apiType: 'admin', req });
    }

    private async findOrder(ctx: RequestContext, clientOrderId: string): Promise<Order | undefined> {
        if (!UUID_RE.test(clientOrderId)) {
            return undefined;
        }
        const order = await this.connection.getRepository(ctx, Order).findOne({
            where: { customFields: { kioskClientOrderId: clientOrderId } } as any,
            relations: ['lines', 'lines.productVariant', 'lines.productVariant.translations', 'payments'],
        });
        return order && order.state !== 'Draft' ? order : undefined;
    }

    @Get('kiosk-pay/:clientOrderId')
    async page(@Param('clientOrderId') id: string, @Headers('accept-language') accept: string, @Req() req: any, @Res() res: any) {
        const lang = pageLanguage(accept);
        const ctx = await this.context(req);
        const order = await this.findOrder(ctx, id);
        this.send(res, lang, order, order ? paymentStatus(order) : 'missing');
    }

    @Post('kiosk-pay/:clientOrderId')
    async pay(@Param('clientOrderId') id: string, @Headers('accept-language') accept: string, @Req() req: any, @Res() res: any) {
        const lang = pageLanguage(accept);
        const form = await readForm(req);
        const ctx = await this.context(req);
        const order = await this.findOrder(ctx, id);
        if (!order || paymentStatus(order) === 'paid' || order.state !== 'ArrangingPayment') {
            return this.send(res, lang, order, order ? paymentStatus(order) : 'missing');
        }
        await this.connection.withTransaction(ctx, async tx => {
            const result: any = await this.orderService.addPaymentToOrder(tx, order.id, {
                method: TEST_PAY_CODE,
                metadata: { card: String(form.card ?? '') },
            });
            if (result?.errorCode && result.errorCode !== 'PAYMENT_DECLINED_ERROR') {
                Logger.warn(`payment for order ${order.code} not added: ${result.message}`, LOG);
            }
        });
        const after = await this.findOrder(ctx, id);
        this.send(res, lang, after, after ? paymentStatus(after) : 'missing');
    }

    /** The provider's callback: {"transactionId", "status": "paid" | "expired"}, signed (see docs/payments.md). */
    @Post('kiosk-pay-webhook')
    async webhook(@Headers('x-kiosk-pay-signature') signature: string, @Req() req: any, @Res() res: any) {
        const body = await readJson(req);
        const transactionId = String(body.transactionId ?? '');
        const status = String(body.status ?? '');
        const secret = KioskPayController.options.payWebhookSecret;
        const expected = crypto.createHmac('sha256', secret).update(`${transactionId}.${status}`).digest('hex');
        const given = Buffer.from(String(signature ?? ''));
        if (!secret || given.length !== expected.length || !crypto.timingSafeEqual(given, Buffer.from(expected))) {
            return res.status(401).type('text/plain').send('bad signature');
        }
        const ctx = await this.context(req);
        const payment = await this.connection
            .getRepository(ctx, Payment)
            .findOne({ where: { transactionId, method: TEST_PAY_CODE }, relations: ['order'] });
        if (!payment) {
            return res.status(404).type('text/plain').send('no such payment');
        }
        if (payment.state !== 'Authorized') {
            return res.status(200).type('text/plain').send(`payment is ${payment.state}`); // a resent callback
        }
        if (status === 'paid') {
            await this.connection.withTransaction(ctx, tx => this.orderService.settlePayment(tx, payment.id));
        } else if (status === 'expired') {
            await this.expire(ctx, payment);
        } else {
            return res.status(400).type('text/plain').send(`unknown status ${status.slice(0, 20)}`);
        }
        res.status(200).type('text/plain').send('ok');
    }

    /** Cancels an authorised session that was never confirmed and reopens the order for another try. */
    async expire(ctx: RequestContext, payment: Payment): Promise<void> {
        await this.connection.withTransaction(ctx, async tx => {
            await this.orderService.cancelPayment(tx, payment.id);
            const order = await this.orderService.findOne(tx, payment.order.id);
            if (order?.state === 'PaymentAuthorized') {
                await this.orderService.transitionToState(tx, order.id, 'ArrangingPayment');
            }
        });
        Logger.info(`payment session ${payment.transactionId} of order ${payment.order.code} timed out`, LOG);
    }

    /** Cancels every test-provider session authorised longer ago than the timeout (run on a timer). */
    async sweep(): Promise<number> {
        const ctx = await this.requestContextService.create({ apiType: 'admin' });
        const timeoutS = KioskPayController.options.paySessionTimeoutS;
        const stale = await this.connection
            .getRepository(ctx, Payment)
            .createQueryBuilder('p')
            .leftJoinAndSelect('p.order', 'order')
            .where('p.method = :code AND p.state = :state', { code: TEST_PAY_CODE, state: 'Authorized' })
            .andWhere(`p.createdAt < now() - make_interval(secs => :secs)`, { secs: timeoutS })
            .getMany();
        for (const payment of stale) {
            await this.expire(ctx, payment).catch(err => Logger.warn(`expiring ${payment.transactionId}: ${String(err)}`, LOG));
        }
        return stale.length;
    }

    private send(res: any, lang: Lang, order: Order | undefined, status: string): void {
        const t = TEXT[lang];
        const parts = [
            `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">`,
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            `<title>${t.title}</title></head><body><main>`,
            `<h1>${t.title}</h1>`,
        ];
        if (!order) {
            parts.push(`<p id="status" data-status="missing">${t.missing}</p></main></body></html>`);
            res.status(404).type('text/html').send(parts.join(''));
            return;
        }
        const number = String((order.customFields as any).kioskOrderNumber || order.code);
        parts.push(`<p>${t.order} ${escape(number)}</p><ul id="lines">`);
        for (const line of order.lines) {
            const translations = line.productVariant?.translations ?? [];
            const name =
                translations.find(tr => tr.languageCode === lang)?.name ??
                translations.find(tr => tr.languageCode === 'en')?.name ??
                translations[0]?.name ??
                '';
            parts.push(
                `<li><span class="qty">${line.quantity}</span> × <span class="name">${escape(name)}</span> ` +
                    `<span class="price">${money(line.proratedLinePriceWithTax, order.currencyCode, lang)}</span></li>`,
            );
        }
        parts.push(`</ul><p>${t.total}: <strong id="total">${money(order.totalWithTax, order.currencyCode, lang)}</strong></p>`);
        const message = { paid: t.paid, authorised: t.authorised, declined: t.declined, expired: t.expired, closed: t.closed }[
            status as 'paid'
        ];
        if (message) {
            parts.push(`<p id="status" data-status="${status}">${message}</p>`);
        }
        if (status === 'open' || status === 'declined' || status === 'expired') {
            parts.push(
                `<form method="post"><label>${t.card} <input name="card" inputmode="numeric" autocomplete="cc-number"></label>`,
                `<button type="submit">${t.pay} ${money(order.totalWithTax, order.currencyCode, lang)}</button></form>`,
            );
        }
        parts.push('</main></body></html>');
        res.status(200).type('text/html').set('Cache-Control', 'no-store').send(parts.join(''));
    }
}

/** The request body as text, whether or not a body parser already read it. */
async function readBody(req: any): Promise<string | Record<string, unknown>> {
    if (req.body && typeof req.body === 'object' && Object.keys(req.body).length) {
        return req.body;
    }
    if (typeof req.body === 'string') {
        return req.body;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > 16 * 1024) {
            break;
        }
        chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks).toString('utf8');
}

async function readForm(req: any): Promise<Record<string, unknown>> {
    const body = await readBody(req);
    return typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body;
}

async function readJson(req: any): Promise<Record<string, unknown>> {
    const body = await readBody(req);
    if (typeof body !== 'string') {
        return body;
    }
    try {
        const parsed = JSON.parse(body);
        return parsed && typeof parsed === 'object' ? parsed : {};
    } catch {
        return {};
    }
}
