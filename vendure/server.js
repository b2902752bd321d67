// Starts the kiosk's Vendure server process: the HTTP APIs only. Jobs (search index, collection filters,
// emails) run in the separate worker process (worker.js), as in production; KIOSK_VENDURE_WORKER=inline
// runs them in this process instead (one process, for a quick local try). Stops cleanly on SIGTERM/SIGINT.
'use strict';

process.env.VENDURE_DISABLE_TELEMETRY = 'true';

const { bootstrap, JobQueueService, Logger } = require('@vendure/core');
const { config, HOST, port, dbLabel } = require('./vendure-config');

async function main() {
    const app = await bootstrap(config);
    if (process.env.KIOSK_VENDURE_WORKER === 'inline') {
        await app.get(JobQueueService).start();
    }
    // The launcher waits for this exact line (and for the Shop API to answer) before handing out URLs.
    Logger.info(`kiosk-vendure listening on http://${HOST}:${port} (db ${dbLabel})`, 'kiosk');

    let closing = false;
    const shutdown = async signal => {
        if (closing) {
            return;
        }
        closing = true;
        Logger.info(`kiosk-vendure stopping on ${signal}`, 'kiosk');
        try {
            await app.close();
        } finally {
            process.exit(0);
        }
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));

    // The launcher runs the server in its own process group so it can stop it as a whole; the flip side
    // is that a launcher killed with SIGKILL (a CI timeout) would leave it running. Follow the parent.
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
