// Upgrades a database seeded by one Vendure to the schema of the Vendure installed in the current folder, the
// way a retailer does it: Vendure's own generateMigration (a TypeORM migration from the database's schema to
// this Vendure's entities and the KioskPlugin's), then runMigrations, then generateMigration again, which must
// find nothing left. Used by tests/backends/test_vendure_upgrade.py to prove the pinned release -> the version
// on trial (docs/deploy-vendure.md, "Trying the next Vendure").
//
// Run it with the install folder as the working directory (its node_modules and vendure-config.js are used,
// not this file's neighbours) and the database named by the KIOSK_VENDURE_DB_* variables:
//     node /path/to/upgrade.js <folder for the migration files>
// Prints one JSON line: {"migration": file or null, "statements": n, "deduplicated": [tables], "ran": [names],
// "remaining": n}; exits 1 when a step fails or something remains.
'use strict';

process.env.VENDURE_DISABLE_TELEMETRY = 'true';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const install = process.cwd();
const requireHere = createRequire(path.join(install, 'package.json'));
const { generateMigration, runMigrations } = requireHere('@vendure/core');
const ts = requireHere('typescript');
const { config } = requireHere('./vendure-config.js');

async function main() {
    const outputDir = path.resolve(process.argv[2] || 'migrations');
    fs.mkdirSync(outputDir, { recursive: true });
    const dbConnectionOptions = { ...config.dbConnectionOptions, synchronize: false };
    const source = await generateMigration({ ...config, dbConnectionOptions }, { name: 'vendure-upgrade', outputDir });
    const result = { migration: source || null, statements: 0, deduplicated: [], ran: [], remaining: 0 };
    if (source) {
        const text = fs.readFileSync(source, 'utf8');
        const up = text.slice(text.indexOf('public async up'), text.indexOf('public async down'));
        result.statements = (up.match(/await queryRunner\.query\(/g) || []).length;
        const dedupe = up.match(/deduplicateTranslations\(queryRunner, \[([^\]]*)\]\)/);
        result.deduplicated = dedupe ? dedupe[1].split(',').map(name => name.trim().replace(/'/g, '')) : [];
        // The migration is TypeScript; TypeORM runs JavaScript. Transpiled only: it is generated code.
        const js = ts.transpileModule(text, {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021 },
        }).outputText.replace(
            // it runs from the output folder, outside the install: point its imports at the install's packages
            /require\("([^"]+)"\)/g,
            (_, name) => `require(${JSON.stringify(requireHere.resolve(name))})`,
        );
        const compiled = source.replace(/\.ts$/, '.js');
        fs.writeFileSync(compiled, js);
        result.ran = await runMigrations({ ...config, dbConnectionOptions: { ...dbConnectionOptions, migrations: [compiled] } });
        const again = await generateMigration({ ...config, dbConnectionOptions }, { name: 'vendure-upgrade-left', outputDir });
        if (again) {
            const left = fs.readFileSync(again, 'utf8');
            const leftUp = left.slice(left.indexOf('public async up'), left.indexOf('public async down'));
            result.remaining = (leftUp.match(/await queryRunner\.query\(/g) || []).length;
        }
    }
    process.stdout.write(JSON.stringify(result) + '\n');
    if (result.remaining > 0 || (source && result.ran.length === 0)) {
        process.exitCode = 1;
    }
}

main().catch(err => {
    // eslint-disable-next-line no-console
    console.error(err);
    process.exit(1);
});
