// The Vendure worker process: runs the job queue (the DefaultJobQueuePlugin's jobs table in PostgreSQL)
// with Vendure's own bootstrapWorker, next to one or more server processes on the same database.
// Stops cleanly on SIGTERM/SIGINT, and follows its launcher like server.js.
'use strict';

process.env.VENDURE_DISABLE_TELEMETRY = 'true';

const { bootstrapWorker, Logger } = require('@vendure/core');
const { config, dbLabel } = require('./vendure-config');

async function main() {
    const worker = await bootstrapWorker(config);
    await worker.startJobQueue();
    // The launcher waits for this exact line before it counts the worker as started.
    Logger.info(`kiosk-vendure worker running (db ${dbLabel})`, 'kiosk');

    let closing = false;
    const shutdown = async signal => {
        if (closing) {
            return;
        }
        closing = true;
        Logger.info(`kiosk-vendure worker stopping on ${signal}`, 'kiosk');
        try {
            await worker.app.close();
        } finally {
            process.exit(0);
        }
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));

    const parent = Number.parseInt(process.env.KIOSK_VENDURE_PARENT_PID || '', 10);
    if (Number.isInteger(parent) && parent > 1) {
        setInterval(() => {
            try {
                process.kill(parent, 0);
            } catch (err) {
                if (err.code === 'ESRCH') {
                    void shutdown('parent exit');
                }
            }
        }, 1000).unref();
    }
}

main().catch(err => {
    // eslint-disable-next-line no-console
    console.error(err);
    process.exit(1);
});
