// The Vendure worker process: runs the job queue (the DefaultJobQueuePlugin's jobs table in PostgreSQL)
// with Vendure's own bootstrapWorker, next to one or more server processes on the same database.
// Stops as lifecycle.js says.
'use strict';

process.env.VENDURE_DISABLE_TELEMETRY = 'true';

const { bootstrapWorker, Logger } = require('@vendure/core');
const { config, dbLabel } = require('./vendure-config');
const { closeOnSignalsAndParentExit, run } = require('./lifecycle');

run(async () => {
    const worker = await bootstrapWorker(config);
    await worker.startJobQueue();
    // The launcher waits for this exact line before it counts the worker as started.
    Logger.info(`kiosk-vendure worker running (db ${dbLabel})`, 'kiosk');
    closeOnSignalsAndParentExit(worker.app, 'kiosk-vendure worker');
});
