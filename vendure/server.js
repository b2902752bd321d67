// Starts the kiosk's Vendure server process: the HTTP APIs only. Jobs (search index, collection filters,
// emails) run in the separate worker process (worker.js), as in production; KIOSK_VENDURE_WORKER=inline
// runs them in this process instead (one process, for a quick local try). Stops as lifecycle.js says.
'use strict';

process.env.VENDURE_DISABLE_TELEMETRY = 'true';

const { bootstrap, JobQueueService, Logger } = require('@vendure/core');
const { config, HOST, port, dbLabel } = require('./vendure-config');
const { closeOnSignalsAndParentExit, run } = require('./lifecycle');

run(async () => {
    const app = await bootstrap(config);
    if (process.env.KIOSK_VENDURE_WORKER === 'inline') {
        await app.get(JobQueueService).start();
    }
    // The launcher waits for this exact line (and for the Shop API to answer) before handing out URLs.
    Logger.info(`kiosk-vendure listening on http://${HOST}:${port} (db ${dbLabel})`, 'kiosk');
    closeOnSignalsAndParentExit(app, 'kiosk-vendure');
});
