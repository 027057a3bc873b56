// Runs axe-core (WCAG 2.0/2.1 A and AA, and the best-practice rules) in
// Debian's Chromium, driven by puppeteer-core, on each HTML file named on
// the command line: every rule with screen media, then the rules that
// depend on the look again with print media (the pages are made for
// paper). Prints every violation: the file, the media,
// the rule id, its impact, what it asks for, and the HTML snippet and CSS
// selector of each element that breaks it. It also checks that every
// picture (<svg>) has a text alternative (see svgWithoutText) and that the
// record grid's headings are large enough (see smallGridHeadings). Exits 1
// when there is any violation, 2 on a usage or browser error, 0
// otherwise.
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
// Every rule with screen media (what a screen reader reads); on paper the
// rules that depend on how the page looks (the style sheets differ only
// in width and padding, and a full second run doubles the time).
const RUNS = [
	{ media: 'screen', only: { type: 'tag', values: TAGS } },
	{ media: 'print', only: { type: 'rule', values: ['color-contrast',
		'link-in-text-block', 'scrollable-region-focusable'] } },
];
const PARALLEL = 2;

function snippet(html) {
	const s = html.replace(/\s+/g, ' ');
	return s.length > 300 ? s.slice(0, 297) + '...' : s;
}

// axe checks the text of an <svg role="img"> (svg-img-alt) but passes an
// <svg> without a role unseen: every picture must say what it shows, so
// each <svg> not inside aria-hidden="true" must be role="img" with a
// non-empty <title> child, aria-label or aria-labelledby. Runs in the page.
function svgWithoutText() {
	const bad = [];
	for (const svg of document.querySelectorAll('svg')) {
		if (svg.closest('[aria-hidden="true"]') ||
		    (svg.parentElement && svg.parentElement.closest('svg')))
			continue;
		let name = (svg.getAttribute('aria-label') || '').trim();
		const by = svg.getAttribute('aria-labelledby');
		if (!name && by)
			name = by.split(/\s+/).map((id) => {
				const e = document.getElementById(id);
				return e ? e.textContent : '';
			}).join(' ').trim();
		const title = Array.from(svg.children).find((c) =>
			c.localName === 'title');
		if (!name && title)
			name = title.textContent.trim();
		if (svg.getAttribute('role') !== 'img' || !name)
			bad.push({
				html: svg.outerHTML.slice(0, 300),
				target: 'svg #' + (1 + Array.from(
					document.querySelectorAll('svg')).indexOf(svg)),
			});
	}
	return bad;
}

// The record grid's column headings ("Sets done", "Reps", ...) must be
// readable on paper (issue 14, item 7): 9 pt or more in normal print,
// 16 pt or more in large print (a page whose body is set at 16 pt or
// more), and each fits its column (no word broken or spilling over).
// Measured with print media: 1 pt = 4/3 CSS px.
function smallGridHeadings() {
	const px = (el) => parseFloat(getComputedStyle(el).fontSize);
	const large = px(document.body) >= 16 * 4 / 3 - 0.01;
	const least = (large ? 16 : 9) * 4 / 3 - 0.01;
	const bad = [];
	for (const th of document.querySelectorAll('table.log thead th')) {
		if (!th.textContent.trim())
			continue;
		const size = px(th);
		// a heading wider than its column breaks inside a word or spills
		if (th.scrollWidth > th.clientWidth + 0.5)
			bad.push({
				html: th.outerHTML.slice(0, 300),
				target: `table.log thead th "${th.textContent.trim()}" ` +
					`does not fit its column (${th.scrollWidth} px ` +
					`wide in ${th.clientWidth} px)`,
			});
		if (size < least)
			bad.push({
				html: th.outerHTML.slice(0, 300),
				target: `table.log thead th "${th.textContent.trim()}" at ` +
					`${(size * 3 / 4).toFixed(2)} pt (at least ` +
					`${large ? 16 : 9} pt)`,
			});
	}
	return bad;
}

// Both media on one load of the page: axe is evaluated once, then run
// under each media type in turn.
async function check(browser, file) {
	const page = await browser.newPage();
	const found = [];
	try {
		// The pages carry no script; axe is evaluated through the
		// DevTools protocol, whatever Content-Security-Policy they set.
		await page.setBypassCSP(true);
		await page.goto('file://' + path.resolve(file),
			{ waitUntil: 'load', timeout: 300000 });
		await page.evaluate(axeSource);
		for (const run of RUNS) {
			const media = run.media;
			await page.emulateMediaType(media);
			const v = await page.evaluate(async (only) => {
				const r = await window.axe.run(document, {
					runOnly: only,
					resultTypes: ['violations'],
				});
				return r.violations.map((v) => ({
					id: v.id, impact: v.impact, help: v.help,
					nodes: v.nodes.map((n) => ({
						html: n.html,
						target: n.target.join(' '),
					})),
				}));
			}, run.only);
			for (const x of v)
				found.push(Object.assign({ media }, x));
		}
		await page.emulateMediaType('print');
		const small = await page.evaluate(smallGridHeadings);
		if (small.length)
			found.push({
				media: 'print', id: 'gradus-grid-heading-size',
				impact: 'serious',
				help: 'The record grid\'s headings must be 9 pt or ' +
					'more (16 pt or more in large print)',
				nodes: small,
			});
		const pic = await page.evaluate(svgWithoutText);
		if (pic.length)
			found.push({
				media: 'any', id: 'gradus-svg-alt', impact: 'serious',
				help: 'Every picture (<svg>) must be role="img" with a ' +
					'text alternative (<title> or aria-label), or hidden',
				nodes: pic,
			});
	} finally {
		await page.close();
	}
	return found;
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
		protocolTimeout: 600000,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
			'--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
	let next = 0, bad = 0, count = 0, errors = 0;
	const byRule = {};
	async function worker() {
		while (next < files.length) {
			const file = files[next++];
			let found;
			try {
				found = await check(browser, file);
			} catch (err) {
				errors++;
				console.log(`ERROR ${file}: ${err && err.message || err}`);
				continue;
			}
			for (const v of found) {
				bad++;
				byRule[v.id] = (byRule[v.id] || 0) + 1;
				console.log(`VIOLATION ${file} (${v.media}): ` +
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
	console.log(`axe-core ${require('axe-core').version}: ` +
		`${count} of ${files.length} files checked, ` +
		`${bad} violations, ${errors} errors`);
	for (const id of Object.keys(byRule).sort())
		console.log(`    ${id}: ${byRule[id]} times`);
	return errors ? 2 : bad ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (err) => {
	console.error('axe.js: ' + (err && err.stack || err));
	process.exitCode = 2;
});
