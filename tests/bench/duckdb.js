// duckdb.js — the DuckDB peer of make bench: the aggregates of
// tests/bench/big.md over the same CSV in one scan (GROUPING SETS), with
// DuckDB's own CSV reader and two threads.  Prints one line per grouping set
// and a count, so a run that read nothing cannot pass for a fast one.
//   node tests/bench/duckdb.js NODE_MODULES CSV
// NODE_MODULES is where make bench installed @duckdb/node-api (build/bench/node_modules).
'use strict';
const path = require('path');
const { createRequire } = require('module');

async function main() {
	const [modules, csv] = process.argv.slice(2);
	if (!modules || !csv) {
		console.error('usage: node duckdb.js NODE_MODULES CSV');
		process.exit(64);
	}
	const req = createRequire(path.join(path.resolve(modules), 'bench.js'));
	const { DuckDBInstance } = req('@duckdb/node-api');
	const db = await DuckDBInstance.create(':memory:', { threads: '2' });
	const con = await db.connect();
	// the column types given, as briefing is given them by the spec (no sniffing
	// of types beyond the header); commodity names are quoted, some hold commas
	const file = csv.replace(/'/g, "''");
	const sql = `
	  SELECT GROUPING(year, flow, commodity, month, hs_code) AS g,
	         year, flow, commodity, month, hs_code,
	         sum(value_usd) AS total, count(*) AS lines, avg(value_usd) AS mean,
	         count(*) FILTER (WHERE year = 2024) AS lines_2024,
	         max(value_usd) FILTER (WHERE flow = 'export') AS largest_export
	  FROM read_csv('${file}', header = true, delim = ',', quote = '"',
	                columns = {'year': 'INTEGER', 'month': 'INTEGER', 'flow': 'VARCHAR',
	                           'hs_code': 'VARCHAR', 'commodity': 'VARCHAR',
	                           'partner': 'VARCHAR', 'value_usd': 'DOUBLE',
	                           'net_kg': 'BIGINT'})
	  GROUP BY GROUPING SETS ((), (year, flow), (commodity), (year), (month), (hs_code))`;
	const reader = await con.runAndReadAll(sql);
	const rows = reader.getRowObjects();
	const sets = new Map();
	for (const r of rows)
		sets.set(Number(r.g), (sets.get(Number(r.g)) || 0) + 1);
	const all = rows.find((r) => Number(r.g) === 31);
	console.log(`rows ${all.lines} total ${all.total} lines_2024 ${all.lines_2024} ` +
		    `largest_export ${all.largest_export}`);
	for (const [g, n] of [...sets].sort((a, b) => a[0] - b[0]))
		console.log(`grouping ${g}: ${n} groups`);
	con.closeSync && con.closeSync();
}

main().catch((e) => {
	console.error(`duckdb.js: ${e && e.message ? e.message : e}`);
	process.exit(70);
});
