// Runs axe-core (WCAG 2.0/2.1 A and AA, and the best-practice rules) in
// Debian's Chromium, driven by puppeteer-core, on each HTML file named on
// the command line, once with screen media and once with print media (the
// pages are made for paper). Prints every violation: the file, the media,
// the rule id, its impact, what it asks for, and the HTML snippet and CSS
// selector of each element that breaks it. Exits 1 when there is any
// violation, 2 on a usage or browser error, 0 otherwise.
//
// Usage: CHROMIUM=/usr/bin/chromium node axe.js FILE.html...
// Run by axe.sh, which installs axe-core and puppeteer-core (pinned in
// package-lock.json) and writes the files. puppeteer-core never downloads
// a browser: it is given the path of the installed one.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');
const axeSource = require('axe-core').source;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const MEDIA = ['screen', 'print'];
const PARALLEL = 2;

function snippet(html) {
	const s = html.replace(/\s+/g, ' ');
	return s.length > 300 ? s.slice(0, 297) + '...' : s;
}

async function check(browser, file, media) {
	const page = await browser.newPage();
	try {
		// The pages carry no script; axe is evaluated through the
		// DevTools protocol, whatever Content-Security-Policy they set.
		await page.setBypassCSP(true);
		await page.emulateMediaType(media);
		await page.goto('file://' + path.resolve(file),
			{ waitUntil: 'load', timeout: 60000 });
		await page.evaluate(axeSource);
		return await page.evaluate(async (tags) => {
			const r = await window.axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations'],
			});
			return r.violations.map((v) => ({
				id: v.id, impact: v.impact, help: v.help,
				nodes: v.nodes.map((n) => ({
					html: n.html, target: n.target.join(' '),
					summary: n.failureSummary,
				})),
			}));
		}, TAGS);
	} finally {
		await page.close();
	}
}

async function main() {
	const files = process.argv.slice(2);
	const chromium = process.env.CHROMIUM;
	if (!files.length || !chromium) {
		console.error('usage: CHROMIUM=PATH node axe.js FILE.html...');
		return 2;
	}
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'axe-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		userDataDir: profile,
		protocolTimeout: 120000,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
			'--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
	const jobs = [];
	for (const f of files)
		for (const m of MEDIA)
			jobs.push({ file: f, media: m });
	let next = 0, bad = 0, count = 0;
	const byRule = {};
	async function worker() {
		while (next < jobs.length) {
			const job = jobs[next++];
			const found = await check(browser, job.file, job.media);
			for (const v of found) {
				bad++;
				byRule[v.id] = (byRule[v.id] || 0) + 1;
				console.log(`VIOLATION ${job.file} (${job.media}): ` +
					`${v.id} [${v.impact}] ${v.help}`);
				for (const n of v.nodes) {
					console.log(`    at ${n.target}`);
					console.log(`       ${snippet(n.html)}`);
				}
			}
			count++;
		}
	}
	try {
		const workers = [];
		for (let i = 0; i < PARALLEL; i++)
			workers.push(worker());
		await Promise.all(workers);
	} finally {
		await browser.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	console.log(`axe-core ${require('axe-core').version}: ${count} checks ` +
		`(${files.length} files x ${MEDIA.join(', ')}), ` +
		`${bad} violations`);
	for (const id of Object.keys(byRule).sort())
		console.log(`    ${id}: in ${byRule[id]} checks`);
	return bad ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => {
	console.error('axe.js: ' + (err && err.stack || err));
	process.exitCode = 2;
});
