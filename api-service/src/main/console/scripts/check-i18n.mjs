// Fails the build when a string is missing in one language: every namespace has the same keys in zh-CN and en,
// no value is empty, and every error code the API can answer has its words.
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../src/i18n/', import.meta.url);
const languages = ['zh-CN', 'en'];
const flatten = (object, prefix = '') => Object.entries(object).flatMap(([key, value]) =>
  typeof value === 'object' ? flatten(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]]);
const load = (language, file) => new Map(flatten(JSON.parse(readFileSync(new URL(`${language}/${file}`, dir), 'utf8'))));

const problems = [];
const files = new Set(languages.flatMap((language) => readdirSync(new URL(`${language}/`, dir))));
for (const file of files) {
  const [zh, en] = languages.map((language) => {
    try { return load(language, file); } catch (e) { problems.push(`${language}/${file}: ${e.message}`); return new Map(); }
  });
  for (const [a, b, language] of [[zh, en, 'en'], [en, zh, 'zh-CN']]) {
    for (const key of a.keys()) if (!b.has(key)) problems.push(`${language}/${file}: missing ${key}`);
  }
  for (const [language, strings] of [['zh-CN', zh], ['en', en]]) {
    for (const [key, value] of strings) if (typeof value !== 'string' || !value.trim()) problems.push(`${language}/${file}: empty ${key}`);
  }
}
const { codes } = JSON.parse(readFileSync(new URL('../src/api/generated.json', import.meta.url), 'utf8'));
for (const language of languages) {
  const errors = load(language, 'errors.json');
  for (const code of codes) if (!errors.has(code)) problems.push(`${language}/errors.json: no words for ${code}`);
}
if (problems.length) {
  console.error(`Console strings incomplete (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Console strings complete: ${files.size} namespaces in ${languages.join(' and ')}`);
