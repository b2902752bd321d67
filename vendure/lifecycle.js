// How the kiosk's Vendure processes (server.js, worker.js) end: cleanly once on SIGTERM/SIGINT, and when their
// launcher is gone. The launcher runs each process in its own process group so it can stop it as a whole; the
// flip side is that a launcher killed with SIGKILL (a CI timeout) would leave it running, so it follows the
// parent named by KIOSK_VENDURE_PARENT_PID. A start-up failure is printed and exits non-zero.
'use strict';

const { Logger } = require('@vendure/core');

/** Closes `app` (a Nest application) once, on the first signal or when the launcher exits. */
function closeOnSignalsAndParentExit(app, label) {
    let closing = false;
    const shutdown = async reason => {
        if (closing) {
            return;
        }
        closing = true;
        Logger.info(`${label} stopping on ${reason}`, 'kiosk');
        try {
            await app.close();
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

/** Runs `main` and exits 1 with the error printed if it fails. */
function run(main) {
    main().catch(err => {
        // eslint-disable-next-line no-console
        console.error(err);
        process.exit(1);
    });
}

module.exports = { closeOnSignalsAndParentExit, run };
