// The Isnad HTML view: draws the graph embedded in this page, with controls that filter it as
// the command line's filters do. Written for Isnad, no library; every rule that the command
// line also applies (partial dates, --as-of, --known-by, evidence status, name folding) is a
// port of the Swift code it names, tested against it (Tests/CLITests/HTMLViewTests.swift).
'use strict';

// ---- Rules shared with the command line ----------------------------------------------------

/** Model/PartialDate.swift: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the day checked; null if not. */
function parseDate(text) {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (year === 0) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > daysIn(month, year))) return null;
  return { year, month, day };
}

/** Text/Text.swift's withWesternDigits: digits typed on an Arabic (٣) or Persian (۳) keyboard
 *  as the ASCII digits they are, for dates. */
const withWesternDigits = (text) => text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
  const code = digit.charCodeAt(0);
  return String(code >= 0x06F0 ? code - 0x06F0 : code - 0x0660);
});

/** Text/Text.swift's hijriNote(forDate:): a year of 1300–1499 typed in Arabic-Indic digits
 *  (١٤٤٣) reads as a Hijri year, in Persian digits (۱۴۰۰) as a Persian solar one, not as a
 *  Gregorian year: { calendar, year, start }, the Gregorian year in which it begins; null for any
 *  other date, and for a year typed in the digits 0-9, whatever follows it. */
function calendarYear(text) {
  const yearText = text.split('-')[0];
  const western = withWesternDigits(yearText);
  if (western === yearText || !/^[+-]?\d+$/.test(western)) return null;
  const year = Number(western);
  if (year < 1300 || year > 1499) return null;
  // The solar year begins at Nowruz, in March: 1400 SH is March 2021 to March 2022.
  if (/[\u06F0-\u06F9]/.test(yearText)) return { calendar: 'persian', year, start: year + 621 };
  // The Gregorian year in which the Hijri year begins (1443 AH: August 2021 to July 2022).
  return { calendar: 'hijri', year, start: Math.trunc(621.5643 + 0.970224 * year) };
}

/** What the Known-by box says of what was typed, as the command line refuses it: null for a
 *  date (or nothing typed). */
function dateRefusal(typed) {
  const text = withWesternDigits(typed);
  if (text === '') return null;
  const calendar = calendarYear(typed);
  if (calendar) return t().calendarYear(calendar);
  return parseDate(text) ? null : t().notADate;
}

function daysIn(month, year) {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (number, width) => String(number).padStart(width, '0');

/** The first day of the period a partial date names, `YYYY-MM-DD` (PartialDate.firstDay). */
function firstDay(date) {
  return `${pad(date.year, 4)}-${pad(date.month ?? 1, 2)}-${pad(date.day ?? 1, 2)}`;
}

/** The last day of the period a partial date names (PartialDate.lastDay). */
function lastDay(date) {
  const month = date.month ?? 12;
  return `${pad(date.year, 4)}-${pad(month, 2)}-${pad(date.day ?? daysIn(month, date.year), 2)}`;
}

/** Query/GraphFilter.swift's ClaimPeriod: the days over which a claim held. */
function claimPeriod(claim, temporal) {
  const start = claim.start ? parseDate(claim.start) : null;
  const end = claim.end ? parseDate(claim.end) : null;
  let to = null;
  if (end) to = lastDay(end);
  else if (temporal === 'event' && start) to = lastDay(start);
  return { from: start ? firstDay(start) : null, to };
}

/** `--as-of DATE`: whether the claim held at some time within the date's period. */
function heldAsOf(claim, temporal, date) {
  const period = claimPeriod(claim, temporal);
  return (period.from === null || period.from <= lastDay(date)) && (period.to === null || period.to >= firstDay(date));
}

/** `--known-by DATE`: whether a citation was certainly public by the last day of the date. */
function knownBy(citation, date) {
  const since = citation.publicSince ? parseDate(citation.publicSince) : null;
  return since !== null && lastDay(since) <= lastDay(date);
}

const reliabilities = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * Model/Evidence.swift: status, distinct claimants (supporting, denying) and best grades of some citations, each
 * judged on its weighed grades (capped by its channel's common link, Evidence/SupportStrength.swift).
 */
function evidence(citations) {
  let status = 'alleged';
  const sources = [], deniers = [];
  // The best grade of the support, one citation's whole grade (Evidence.Item.gradeRank): one that
  // makes the claim asserted on its own first, then the smallest sum of the two ranks, then
  // reliability, then credibility. F6 (cannot be judged) when nothing supports the claim.
  let best = null;
  // The strongest denial, ranked as the best grade is (Evidence.strongestDenial): what says how
  // much "disputed" weighs, an accused group's E5 statement or a ministry's B2 finding.
  let denial = null;
  const rank = (strong, r, c) => [strong ? 0 : 1, reliabilities.indexOf(r) + 1 + c, reliabilities.indexOf(r), c];
  const before = (a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  };
  for (const citation of citations) {
    const weighedReliability = citation.weighed ? citation.weighed[0] : citation.reliability;
    const weighedCredibility = citation.weighed ? Number(citation.weighed.slice(1)) : citation.credibility;
    if (citation.stance === 'denies') {
      status = 'disputed';
      if (!deniers.includes(citation.source)) deniers.push(citation.source);
      const denying = { grade: weighedReliability + weighedCredibility, rank: rank(false, weighedReliability, weighedCredibility) };
      if (denial === null || before(denying.rank, denial.rank)) denial = denying;
      continue;
    }
    // Those that support it: a source that denies it is no voice for it.
    if (!sources.includes(citation.source)) sources.push(citation.source);
    const strong = citation.stance === 'asserts' && weighedReliability <= 'C' && weighedCredibility <= 3;
    if (status === 'alleged' && strong) status = 'asserted';
    const candidate = { grade: weighedReliability + weighedCredibility, rank: rank(strong, weighedReliability, weighedCredibility) };
    if (best === null || before(candidate.rank, best.rank)) best = candidate;
  }
  return { status, sources, deniers, best: best === null ? 'F6' : best.grade, denial: denial === null ? null : denial.grade };
}

const gradeOf = (source) => context.sources[source]?.reliability ?? 'F';

/**
 * Evidence/Channels.swift and CommonLink.swift: the common link of some chains, each a list of
 * [source, distance]: the source in every chain, nearest to the reader (the smallest largest
 * distance), then the least reliable, then the smaller id; null when no source is in all.
 */
function commonLink(chains) {
  let best = null;
  for (const [source, first] of chains[0]) {
    let distance = first;
    let isInAll = true;
    for (const chain of chains.slice(1)) {
      const found = chain.find(([other]) => other === source);
      if (!found) { isInAll = false; break; }
      distance = Math.max(distance, found[1]);
    }
    if (!isInAll) continue;
    const reliability = gradeOf(source);
    if (best === null || distance < best.distance ||
      (distance === best.distance && (reliability > best.reliability || (reliability === best.reliability && source < best.source)))) {
      best = { source, distance, reliability };
    }
  }
  return best;
}

/** Evidence/Channels.swift's sharedCeilings: for each of some distinct chains of one channel, the
 *  weakest grade among its common links with each other chain it overlaps; over 64 chains, the
 *  weakest of all the sources another chain holds. */
function sharedCeilings(chains) {
  const ceilings = chains.map(() => null);
  const cap = (index, reliability) => { if (ceilings[index] === null || reliability > ceilings[index]) ceilings[index] = reliability; };
  if (chains.length <= 64) {
    for (let a = 0; a < chains.length; a++) {
      for (let b = a + 1; b < chains.length; b++) {
        const link = commonLink([chains[a], chains[b]]);
        if (link) { cap(a, link.reliability); cap(b, link.reliability); }
      }
    }
    return ceilings;
  }
  const holders = new Map();
  for (const chain of chains) for (const [source] of chain) holders.set(source, (holders.get(source) ?? 0) + 1);
  chains.forEach((chain, index) => {
    for (const [source] of chain) if ((holders.get(source) ?? 0) > 1) cap(index, gradeOf(source));
  });
  return ceilings;
}

/** The channels of the citations at `positions`: groups joined when their chains share a source,
 *  in order of their first citation, each with its common link and each citation's shared ceiling. */
function channelsOf(citations, positions) {
  const root = positions.map((_, index) => index);
  const find = (index) => { while (root[index] !== index) index = root[index] = root[root[index]]; return index; };
  const holder = new Map();
  positions.forEach((position, index) => {
    for (const [source] of citations[position].chain ?? [[citations[position].source, 0]]) {
      if (holder.has(source)) root[find(index)] = find(holder.get(source)); else holder.set(source, index);
    }
  });
  const groups = new Map();
  positions.forEach((position, index) => {
    const key = find(index);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(position);
  });
  return [...groups.values()].map((members) => {
    const chainOf = (position) => citations[position].chain ?? [[citations[position].source, 0]];
    const distinct = new Map();
    for (const position of members) {
      const key = JSON.stringify(chainOf(position));
      if (!distinct.has(key)) distinct.set(key, chainOf(position));
    }
    const keys = [...distinct.keys()];
    const ceilingOf = new Map();
    if (keys.length > 1) {
      const ceilings = sharedCeilings([...distinct.values()]);
      keys.forEach((key, index) => ceilingOf.set(key, ceilings[index]));
    }
    const ceilings = new Map(members.map((position) => [position, ceilingOf.get(JSON.stringify(chainOf(position))) ?? null]));
    return { members, link: commonLink(members.map(chainOf)), ceilings };
  });
}

/**
 * Evidence/SupportStrength.swift: the citations left by the filters weighed as the command line
 * weighs them: each capped by its via (and the relays that carried it there), its channel's common link and what its chain shares with the
 * channel's other chains, a credibility of 1 counted as 2 unless another channel of its side
 * has an A–C source that asserts (denies) it graded 1–3; then the rule of `evidence`.
 */
function weigh(citations) {
  const support = [], denial = [];
  citations.forEach((citation, position) => (citation.stance === 'denies' ? denial : support).push(position));
  const weighed = citations.map((citation) => ({ ...citation, weighed: citation.reliability + citation.credibility }));
  const sides = [channelsOf(citations, support), channelsOf(citations, denial)];
  for (const channels of sides) {
    // Each citation's reliability capped first: by its via, its channel's common link and what its
    // chain shares with the channel's other chains.
    const capped = new Map();
    for (const { members, link, ceilings } of channels) {
      for (const position of members) {
        let reliability = citations[position].reliability;
        const via = citations[position].via;
        if (via && gradeOf(via) > reliability) reliability = gradeOf(via);
        // TransmissionGraph.carriers: the relays the claimant's words came to the via through.
        for (const carrier of citations[position].carriers ?? []) if (gradeOf(carrier) > reliability) reliability = gradeOf(carrier);
        if (link && link.reliability > reliability) reliability = link.reliability;
        const shared = ceilings.get(position);
        if (shared && shared > reliability) reliability = shared;
        capped.set(position, reliability);
      }
    }
    // SupportStrength.Confirmations: the first two channels of the side that assert (deny) it
    // graded 1–3 with a capped reliability of A–C, found once; a grade 1 is borne out by one other
    // than its own (a B source read only in an E blog confirms nothing).
    const confirming = [];
    for (const [index, other] of channels.entries()) {
      if (confirming.length === 2) break;
      if (other.members.some((position) => citations[position].stance !== 'reports' && citations[position].credibility <= 3 &&
        capped.get(position) <= 'C')) confirming.push(index);
    }
    for (const [index, { members }] of channels.entries()) {
      const isBorneOut = confirming.length === 2 || (confirming.length === 1 && confirming[0] !== index);
      for (const position of members) {
        const credibility = isBorneOut ? citations[position].credibility : Math.max(citations[position].credibility, 2);
        weighed[position].weighed = capped.get(position) + credibility;
      }
    }
  }
  const link = sides[0].length === 1 ? sides[0][0].link : null;
  return {
    ...evidence(weighed), channels: sides[0].length,
    commonLink: link ? `${link.source} (${link.reliability})` : null,
  };
}

/** Text.swift's optionalMarks: the nonspacing marks a name may be written without (accents,
 *  Arabic vowels, Hebrew points, variation selectors); Indic vowel signs and Thai tone marks stay. */
const optionalMarks = /(?=\p{Mn})[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0711\u0730-\u074a\u08d3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u{e0100}-\u{e01ef}]/gu;

/** Text/NameKey.swift's normalize: the exact tier of name search (case, diacritics, Arabic
 *  short vowels, tatweel, letter variants, Arabic-Indic digits, punctuation, spacing). */
function normalizeName(name) {
  // Text/NameKey.swift's joiningDottedInitials: I.S.I.S. is ISIS, U.S.Army is US Army.
  name = name.replace(/(?<![\p{L}\p{M}\p{N}])\p{L}\p{M}*(?:\.\p{L}\p{M}*)+\.?(?![\p{L}\p{M}])/gu, (acronym) => acronym.replace(/\./g, ''));
  if (/^[\x00-\x7f]*$/.test(name)) {
    return name.toLowerCase().replace(/['`]/g, '').split(/[^a-z0-9]+/).filter(Boolean).join(' ');
  }
  const tokens = [];
  let current = '';
  const flush = () => { if (current) tokens.push(current); current = ''; };
  for (const character of name.toLowerCase().normalize('NFKD').replace(optionalMarks, '')) {
    const code = character.codePointAt(0);
    if (code === 0x0640 || code === 0x0621) continue; // tatweel; a lone hamza carries no letter
    else if ([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0xad, 0x180e].includes(code)) continue; // invisible
    else if ([0x0671, 0x0672, 0x0673, 0x0675].includes(code)) current += '\u0627';
    else if (code === 0x0649 || code === 0x06cc || code === 0x06d2) current += '\u064a';
    else if ([0x0629, 0x06c1, 0x06c2, 0x06c3, 0x06be, 0x06d5].includes(code)) current += '\u0647';
    else if (code === 0x06a9) current += '\u0643';
    else if (code >= 0x0660 && code <= 0x0669) current += String(code - 0x0660);
    else if (code >= 0x06f0 && code <= 0x06f9) current += String(code - 0x06f0);
    else if ([0x27, 0x2018, 0x2019, 0x2bb, 0x2bc, 0x2be, 0x2bf, 0x60, 0xb4].includes(code)) continue;
    else if (/[\p{Alphabetic}\p{N}\p{M}]/u.test(character)) current += character; // a mark left is part of its word
    else flush();
  }
  flush();
  return tokens.join(' ');
}

/** Text/NameKey.swift's fold as far as a consonant key needs it, then Text/ConsonantKey.swift:
 *  the consonants of a name as Latin letters, on which a name in Arabic letters and its
 *  transliterations meet (Hezbollah, Hizbullah, حزب الله: zbl). A test runs both on the same names. */
const hyphenatedArticles = /(?<![\p{L}\p{N}])(al|el|ul|ad|adh|ar|as|ash|at|ath|az|an|en|ed|es|esh|et|ez)[-\u2010\u2011\u2013]/gu;
const latinParticles = new Map([
  ['abou', 'abu'], ['abo', 'abu'], ['aboo', 'abu'], ['abul', 'abu'], ['abdul', 'abd'], ['abdel', 'abd'],
  ['abdal', 'abd'], ['abdu', 'abd'], ['ibn', 'bin'], ['ben', 'bin'], ['bn', 'bin'],
]);
const isArabicLetter = (character) => {
  const code = character.codePointAt(0);
  return (code >= 0x0620 && code <= 0x064a) || (code >= 0x066e && code <= 0x06d3);
};
const isDigit = (character) => /\p{N}/u.test(character);
/** Equal neighbours once, digits apart ("11" is not "1"). */
const collapsingRuns = (characters) => characters.filter((c, i) => i === 0 || c !== characters[i - 1] || isDigit(c));
const arabicConsonants = new Map();
for (const [latin, letters] of [
  ['', 'اويىیےحهةعءہھأإآؤئٱ'], ['b', 'بپ'], ['t', 'تثطٹ'], ['j', 'جغگژ'], ['k', 'خقكک'], ['d', 'دذضڈ'],
  ['r', 'رڑ'], ['z', 'زظ'], ['s', 'سشصچ'], ['f', 'فڤ'], ['l', 'ل'], ['m', 'م'], ['n', 'نں'],
]) for (const letter of letters) arabicConsonants.set(letter, latin);
const latinConsonants = { a: '', e: '', i: '', o: '', u: '', w: '', y: '', h: '', g: 'j', p: 'b', q: 'k', v: 'f', x: 'ks' };

function foldWord(word) {
  if (isArabicLetter(word)) {
    let letters = [...word];
    if (letters.length >= 4 && letters[0] === '\u0627' && letters[1] === '\u0644') letters = letters.slice(2);
    return collapsingRuns(letters);
  }
  const letters = [...word];
  const folded = [];
  for (let i = 0; i < letters.length; i++) {
    let letter = { o: 'u', e: 'i', q: 'k' }[letters[i]] ?? letters[i];
    if (letters[i] === 'p' && letters[i + 1] === 'h') { letter = 'f'; i++; }
    if (letter !== folded[folded.length - 1] || isDigit(letter)) folded.push(letter);
  }
  return folded;
}

/** Text/NameKey.swift's fold: the variant tier of name search (articles, Abu/Abou, Abd glued to
 *  its article, names glued to الله, Ibn/Bin, doubled letters, the vowels and consonants
 *  transliterations swap, initials written apart). "Abou Bakr el-Baghdadi" and "Abu Bakr al
 *  Baghdaddi" fold alike; so do "the Gaza Strip" and "Gaza Strip", نصرالله and نصر الله. */
function foldName(name, keepingArticles = false) {
  let text = name.normalize('NFKC').toLowerCase();
  if (!keepingArticles) text = text.replace(hyphenatedArticles, ' ');
  text = text.replace(/(?<![\p{L}\p{N}\p{Mn}])[\u0622\u0623\u0625](?=\u0644)/gu, '\u0627\u0627');
  const foldedWord = (word) => foldWord(word).join('');
  const tokens = [];
  for (let word of normalizeName(text).split(' ').filter(Boolean)) {
    if (!keepingArticles && ['al', 'el', 'ul', 'the'].includes(word)) continue;
    const glued = ['abdel', 'abdul', 'abdal', 'abdil'].find((prefix) => word.startsWith(prefix) && [...word].length >= prefix.length + 3);
    if (glued) { tokens.push('abd'); word = word.slice(glued.length); }
    if (word.startsWith('عبدال') && [...word].length >= 7) { tokens.push('عبد'); word = [...word].slice(3).join(''); }
    if (word.endsWith('الله') && [...word].length >= 6) {
      const before = [...word].slice(0, -4).join('');
      tokens.push(foldedWord(before === 'ابن' ? 'بن' : before));
      word = 'الله';
    }
    word = latinParticles.get(word) ?? (word === 'ابن' ? 'بن' : word);
    word = foldedWord(word);
    if (word) tokens.push(word);
  }
  // Runs of one-letter words are one word, folded as one (J R R is jr, as J.R.R. is).
  const isInitial = (token) => [...token].length === 1 && !isDigit(token);
  const joined = [];
  let run = [];
  const flush = () => {
    if (run.length === 1) joined.push(run[0]); else if (run.length > 1) joined.push(foldedWord(run.join('')));
    run = [];
  };
  for (const token of tokens) {
    if (isInitial(token)) run.push(token); else { flush(); joined.push(token); }
  }
  flush();
  const folded = joined.join(' ');
  if (folded !== '' || keepingArticles) return folded;
  // Only articles: found by them; no letter at all (🚀): by what it is written with.
  const articles = foldName(name, true);
  return articles !== '' ? articles : name.normalize('NFKC').toLowerCase().split(/\s+/u).filter(Boolean).join(' ');
}

/** A word's consonants as Latin letters, before doubled letters are made one, with \0 where a
 *  letter was left out (so that the letters on either side are not taken for one doubled). */
function consonantLetters(letters) {
  const result = [];
  letters.forEach((letter, i) => {
    const next = letters[i + 1];
    const latin = arabicConsonants.has(letter) ? arabicConsonants.get(letter)
      : letter === 'c' ? (next === 'h' ? 's' : 'k')
        : letter === 'd' && next === 'j' ? null
          : latinConsonants[letter] ?? letter;
    if (latin === '') result.push('\0'); else if (latin !== null) result.push(...latin);
  });
  return result;
}

/** NameKey.consonantKeys(ofTyped:): the key, then the words read as transliterations write
 *  them and Arabic does not (Jabhat for جبهة and the other way round, dh for ظ, g for ق), eight
 *  keys at most. */
function consonantKeys(name, withOtherReadings = true) {
  // An alif bearing hamza or madda that begins a word before a lam is no article (إلهام): written
  // as two bare alifs, which the article's rule does not take and folding makes one again.
  const unhyphenated = name.normalize('NFKC').toLowerCase().replace(hyphenatedArticles, ' ')
    .replace(/(?<![\p{L}\p{N}\p{Mn}])[\u0622\u0623\u0625](?=\u0644)/gu, '\u0627\u0627');
  const tokens = [];
  for (const token of normalizeName(unhyphenated).split(' ').filter(Boolean)) {
    if (['al', 'el', 'ul', 'the'].includes(token)) continue;
    // Abd glued to its article and name (Abdelkader): two words, as in Abd el-Kader.
    const glued = ['abdel', 'abdul', 'abdal', 'abdil'].find((prefix) => token.startsWith(prefix) && [...token].length >= prefix.length + 3);
    if (glued) tokens.push('abd', token.slice(glued.length)); else tokens.push(token);
  }
  let keys = [[]];
  for (const token of tokens) {
    const folded = foldWord(latinParticles.get(token) ?? token);
    const letters = consonantLetters(folded);
    const forms = withOtherReadings ? [letters, ...otherReadings(folded, letters)] : [letters];
    keys = keys.flatMap((key) => forms.map((form) => [...key, ...form])).slice(0, 8);
  }
  const result = [];
  for (const key of keys) {
    const text = collapsingRuns(key).filter((letter) => letter !== '\0').join('');
    if (text && !result.includes(text)) result.push(text);
  }
  return result;
}

/** Text/ConsonantKey.swift's otherReadings: the construct state read the other way, z for dh,
 *  q for g; each different from `letters`. */
function otherReadings(folded, letters) {
  const readings = [];
  const last = folded[folded.length - 1];
  if (last === '\u0647' && folded.length >= 2) readings.push([...letters, 't']);
  if (last === 't' && 'aiu'.includes(folded[folded.length - 2]) && letters[letters.length - 1] === 't') readings.push(letters.slice(0, -1));
  for (const [written, read] of [['d', 'z'], ['g', 'q']]) {
    if (!folded.includes(written)) continue;
    const respelled = [];
    for (let i = 0; i < folded.length; i++) {
      const next = folded[i + 1];
      if (folded[i] === written && (written === 'g' || next === 'h')) {
        respelled.push(read);
        if (written === 'd') i++;
      } else respelled.push(folded[i]);
    }
    const reading = consonantLetters(respelled);
    if (reading.join('') !== letters.join('')) readings.push(reading);
  }
  return readings;
}

const consonantKey = (name) => consonantKeys(name, false)[0] ?? null;

/** Text/CloseSpelling.swift's transcriptionKey: a folded name in Latin letters with what French
 *  and English transliterations write differently made one (dj j, ch sh, y i, w u, ay before a
 *  consonant i, ai after a word's first vowel i, a before a u read as w), then doubled letters
 *  once: Iyad Ag Ghaly and Iyad ag Ghali, Abou Houzeifa and Abu Huzaifa meet; Said and Sid do
 *  not. A name with Arabic letters is returned as it is. */
function transcriptionKey(folded) {
  const letters = [...folded];
  if (letters.some(isArabicLetter)) return folded;
  const isVowel = (letter) => letter !== undefined && 'aiuy'.includes(letter);
  const respelled = [];
  letters.forEach((letter, i) => {
    const next = letters[i + 1];
    if (letter === 'd' && next === 'j') return;
    if (letter === 'a' && next === 'y' && !isVowel(letters[i + 2])) return;
    respelled.push(letter === 'c' && next === 'h' ? 's' : letter === 'y' ? 'i' : letter === 'w' ? 'u' : letter);
  });
  let isAfterVowelOfWord = false;
  const kept = respelled.filter((letter, i) => {
    const dropped = letter === 'a' && ((respelled[i + 1] === 'i' && isAfterVowelOfWord)
      || (respelled[i + 1] === 'u' && 'aiu'.includes(respelled[i + 2] ?? '-')));
    isAfterVowelOfWord = letter !== ' ' && (isAfterVowelOfWord || isVowel(letter));
    return !dropped;
  });
  return collapsingRuns(kept).join('');
}

/** Suggestion.editDistance: the edits (a swap of two letters one) from a to b, or null when more
 *  than `limit`. */
function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return null;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length) <= limit ? Math.max(a.length, b.length) : null;
  let beforePrevious = new Array(b.length + 1).fill(0);
  let previous = [...Array(b.length + 1).keys()];
  let current = new Array(b.length + 1).fill(0);
  let previousRowMinimum = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2] + 1);
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit && previousRowMinimum > limit) return null;
    previousRowMinimum = rowMinimum;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] <= limit ? previous[b.length] : null;
}

/** NameSearch.isCloseSpelling, on transcription keys: the text typed (`wordCount` words) at most
 *  `range` edits from the name, from its start, or from as many of its words as were typed, or
 *  their start (Droukdal, Abdelmalek Droukdel; Tinbouctou, Tombouctou). */
function isCloseSpelling(typed, wordCount, key, range) {
  const name = [...key];
  const near = (text) => editDistance(typed, text, range) !== null || editDistance(typed, text.slice(0, typed.length), range) !== null;
  if (near(name)) return true;
  const words = key.split(' ').map((word) => [...word]);
  if (wordCount < 1 || words.length <= wordCount) return false;
  for (let start = 0; start + wordCount <= words.length; start++) {
    if (near(words.slice(start, start + wordCount).flatMap((word, i) => i === 0 ? word : [' ', ...word]))) return true;
  }
  return false;
}

// ---- Data ------------------------------------------------------------------------------------

const byId = (id) => document.getElementById(id);

/** Stored text with the characters the command line escapes (Text.needsEscapeForTerminal) shown
 *  as escapes, `\u{202E}`, line breaks and tabs aside: the bidirectional embeddings, overrides
 *  and isolates (an override reverses what follows it, so a title stored as `Channel
 *  \u{202E}gnp.exe` would read "Channel exe.png"; an unclosed isolate takes the page's own
 *  isolate around a name for its own, and the words after it turn around), the C1 controls and
 *  DEL (which show nothing: `x\u{9B}y` would read as "xy"), and the line and paragraph
 *  separators. Text the export wrote (dates, titles, labels) holds isolates of its own, around
 *  each piece of stored text, whose own it keeps paired (ExportStyle.isolated): there the
 *  isolates stay. Every string of the data is passed through once, as it is read; the file's
 *  data keeps the text as stored. */
const storedControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;
const writtenControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2028\u2029]/g;
function shown(value, controls = writtenControls) {
  if (typeof value === 'string') {
    // Each escape in a left-to-right isolate (U+2066 … U+2069) of its own: inside right-to-left
    // text, the bidi algorithm would otherwise move its backslash and braces, `u{202E}\\`.
    return value.replace(controls, (control) => `\u2066\\u{${control.codePointAt(0).toString(16).toUpperCase()}}\u2069`);
  }
  if (Array.isArray(value)) return value.map((item) => shown(item, controls));
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) value[key] = shown(value[key], controls);
  }
  return value;
}
/** A claim as read: its notes and its citations' quotes, translations and locators are stored
 *  text; its dates, evidence and the rest were written by the export. */
function shownClaim(claim) {
  // The stored text first, as the sources' (below).
  if (claim.notes) claim.notes = shown(claim.notes, storedControls);
  for (const citation of claim.citations) {
    for (const key of ['quote', 'quoteEn', 'locator']) if (citation[key]) citation[key] = shown(citation[key], storedControls);
  }
  return shown(claim);
}

const readLines = (id) => byId(id).textContent.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
const storedEntities = readLines('isnad-entities');
// Search reads the names as stored, as `isnad search` does: taken before they are made shown.
const storedNames = new Map(storedEntities.map((entity) => [entity.id, [entity.name, ...entity.aliases.map((alias) => alias.name)]]));
// An entity's every string is stored text (ids are slugs); a source's title and author are.
const entities = storedEntities.map((entity) => shown(entity, storedControls));
const claims = readLines('isnad-claims').map(shownClaim);
// The sources' stored text first: the isolates around the escapes made then are the page's
// own, which the pass over the text the export wrote leaves as they are.
const context = JSON.parse(byId('isnad-context').textContent);
for (const source of Object.values(context.sources)) shown(source, storedControls);
shown(context);
const entityById = new Map(entities.map((entity) => [entity.id, entity]));
const typeById = new Map(context.types.map((type) => [type.id, type]));
const statusById = new Map(context.statuses.map((status) => [status.id, status]));
const familyColor = new Map(context.families.map((family) => [family.id, family.color]));
const svgNS = 'http://www.w3.org/2000/svg';
const withClaims = new Set(claims.flatMap((claim) => [claim.subject, claim.object]));

const words = {
  en: {
    view: 'View', language: 'Language', search: 'Search a name (Arabic or Latin)', edges: 'Edges',
    everyClaim: 'every claim', onePerPair: 'one edge per pair', fit: 'Fit', evidence: 'Evidence',
    minReliability: 'Sources graded at least', minCredibility: 'Credibility at least', time: 'Time',
    asOf: 'Held as of', knownBy: 'Known by (YYYY, YYYY-MM or YYYY-MM-DD)', families: 'Predicate families',
    any: 'any', anyTime: 'any time', notADate: 'not a date: YYYY, YYYY-MM or YYYY-MM-DD',
    // The command line's words (Text.hijriNote).
    calendarYear: ({ calendar, year, start }) => `not a date: the year ${year} reads as a ${calendar === 'hijri' ? 'Hijri' : 'Persian solar'} year (${year} ${calendar === 'hijri' ? 'AH' : 'SH'} is ${start}–${start + 1}); dates are Gregorian, written with the digits 0-9`,
    drawn: (e, c) => `${e} ${e === 1 ? 'entity' : 'entities'} · ${c} ${c === 1 ? 'claim' : 'claims'} drawn`, found: (n) => (n ? `${n} found` : 'no entity found'),
    enterGoesTo: 'Enter goes to each in turn', more: (n) => `and ${n} more`,
    disputedBy: 'by',
    deniedBy: (n, both) => `denied by ${n} ${n === 1 ? 'source' : 'sources'}`
      + (both === 0 ? '' : both === n ? (n === 1 ? ' (a source that also supports it)' : ' (sources that also support it)')
        : ` (${both} of them also ${both === 1 ? 'supports' : 'support'} it)`),
    hiddenByFilters: 'The claims chosen are hidden by the filters: widen them to see the claims again.',
    aliases: 'also', claimsOf: (n) => `${n} ${n === 1 ? 'claim' : 'claims'}`, via: 'via', source: 'source', sources: 'sources', best: 'best',
    channel: 'channel', channels: 'channels', allThrough: 'all through', comma: ',',
    note: 'note', publicSince: 'public since', oneDocument: 'every citation read in',
    hint: 'Click an entity or an edge for its claims, who makes them and the quotes.',
    canvas: 'Graph: arrow keys pan, + and − zoom, 0 fits; Tab moves through the entities, Enter opens one and Enter again goes to its claims; Escape clears. On a narrow screen, Ctrl and the wheel zoom.',
    legendShapes: 'Shapes: entity types', legendLines: 'Lines: status from the citations',
    legendColours: 'Colours: predicate families', legendGrades:
      'Grades: source reliability A (completely reliable) to F (cannot be judged); credibility 1 (confirmed) to 6 (cannot be judged). Asserted: an A–C source asserts it with credibility 1–3; alleged: only weaker sources, or sources that report it; disputed: some source denies it. No arrowhead: the predicate reads the same both ways.',
    caveat: 'Claims as their sources state them, not established facts',
    stances: { asserts: 'asserts', reports: 'reports', denies: 'denies' },
    ofEntity: (predicate, name) => ['(of ', name, ')'],
    legendOverview: 'Zoomed out (as the page opens, fitted), each entity is a dot in its type’s colour, larger when it is in more claims; zoom in for the shapes.',
    legendWidths: 'Width: independent channels',
    legendDisputed: 'Any denial makes a line dotted, whoever denies it: a dotted line may still be strongly supported. Its width says by how many channels; the panel gives the denial’s grade.',
    widths: ['1 channel, however many citations', '2 channels', '3 or more channels'],
    legendAlike: 'Colours may look alike: untick the other families (Predicate families, with the filters) to see one alone.',
    filters: 'Filters', details: 'Details', legend: 'Legend', zoomIn: 'Zoom in', zoomOut: 'Zoom out',
    listClaims: 'List the claims drawn', claimsDrawn: (n) => `Claims drawn: ${n}`,
    // ExportStyle.descriptionLabel, as a DOT tooltip labels it.
    description: 'Description (the store’s note, not a weighed claim):',
    publisher: 'publisher', author: 'author',
  },
  ar: {
    view: 'العرض', language: 'اللغة', search: 'ابحث عن اسم (بالعربية أو اللاتينية)', edges: 'الروابط',
    everyClaim: 'كل ادعاء', onePerPair: 'رابط واحد لكل زوج', fit: 'ملاءمة', evidence: 'الأدلة',
    minReliability: 'تقييم المصدر على الأقل', minCredibility: 'المصداقية على الأقل', time: 'الزمن',
    asOf: 'قائم في', knownBy: 'معروف بحلول (YYYY أو YYYY-MM أو YYYY-MM-DD)', families: 'عائلات المحمولات',
    any: 'أيّ', anyTime: 'أيّ وقت', notADate: 'ليس تاريخًا: YYYY أو YYYY-MM أو YYYY-MM-DD',
    calendarYear: ({ calendar, year, start }) => `ليس تاريخًا: السنة ${year} تُقرأ سنةً ${calendar === 'hijri' ? 'هجرية' : 'هجرية شمسية'} (${year} ${calendar === 'hijri' ? 'هـ' : 'هـ.ش'} هي ${start}–${start + 1})؛ التواريخ ميلادية، تُكتب بالأرقام 0-9`,
    drawn: (e, c) => `الكيانات: ${e} · الادعاءات: ${c}`, found: (n) => (n ? `النتائج: ${n}` : 'لا نتيجة'),
    enterGoesTo: 'اضغط Enter للانتقال إليها تباعًا', more: (n) => `و${n} غيرها`,
    disputedBy: 'وأقوى نفي',
    deniedBy: (n, both) => `مصادر النفي: ${n}` + (both === 0 ? '' : both === n ? ' (تؤيده أيضًا)' : ` (${both} منها تؤيده أيضًا)`),
    hiddenByFilters: 'الادعاءات المختارة محجوبة بالمرشحات: وسّعها لتظهر من جديد.',
    aliases: 'أسماء أخرى', claimsOf: (n) => `الادعاءات: ${n}`, via: 'عبر', source: 'مصدر', sources: 'المصادر',
    channel: 'قناة', channels: 'قنوات', allThrough: 'كلها عبر', comma: '،',
    best: 'أقوى تقييم', note: 'ملاحظة', publicSince: 'علني منذ', oneDocument: 'كل الاستشهادات مقروءة في',
    hint: 'انقر على كيان أو رابط لترى ادعاءاته ومن يقولها والاقتباسات.',
    canvas: 'الشبكة: الأسهم تحرّكها، و+ و− للتكبير والتصغير، و0 لملاءمتها؛ Tab ينتقل بين الكيانات، وEnter يفتح الكيان وEnter ثانيةً ينتقل إلى ادعاءاته؛ Escape يلغي التحديد. على شاشة ضيقة: Ctrl مع عجلة الفأرة للتكبير.',
    legendShapes: 'الأشكال: أنواع الكيانات', legendLines: 'الخطوط: الحالة بحسب الاستشهادات',
    legendColours: 'الألوان: عائلات المحمولات', legendGrades:
      'التقييم: موثوقية المصدر من A (موثوق تمامًا) إلى F (لا يمكن الحكم)، والمصداقية من 1 (مؤكد) إلى 6 (لا يمكن الحكم). مؤيَّد: مصدر A–C يؤكده بمصداقية 1–3؛ مزعوم: مصادر أضعف فقط أو مصادر تنقله؛ متنازع عليه: مصدر ما ينفيه. بلا رأس سهم: المحمول متماثل.',
    caveat: 'ادعاءات كما تنقلها مصادرها، لا حقائق ثابتة',
    stances: { asserts: 'يؤكد', reports: 'ينقل', denies: 'ينفي' },
    ofEntity: (predicate, name) => ['(', predicate, ' ', name, ')'],
    legendOverview: 'عند التصغير (كما تُفتح الصفحة، ملاءمةً) يظهر كل كيان نقطةً بلون نوعه، أكبر كلما كثرت ادعاءاته؛ كبّر لترى الأشكال.',
    legendWidths: 'العرض: القنوات المستقلة',
    legendDisputed: 'أي نفي يجعل الخط منقَّطًا، أيًّا كان النافي: وقد يكون الخط المنقَّط مدعومًا بقوة. عرضه يقول كم قناة تدعمه، واللوحة تعطي تقييم النفي.',
    widths: ['قناة واحدة، مهما كثرت الاستشهادات', 'قناتان', '3 قنوات أو أكثر'],
    legendAlike: 'قد تتشابه الألوان: ألغِ تحديد العائلات الأخرى (عائلات المحمولات، مع المرشحات) لترى عائلة وحدها.',
    filters: 'المرشحات', details: 'التفاصيل', legend: 'مفتاح الرموز', zoomIn: 'تكبير', zoomOut: 'تصغير',
    listClaims: 'اعرض الادعاءات المرسومة', claimsDrawn: (n) => `الادعاءات المرسومة: ${n}`,
    description: 'الوصف (ملاحظة قاعدة البيانات، لا ادعاء موزون):',
    publisher: 'الناشر', author: 'المؤلف',
  },
};

// ---- State and filtering (GraphFilter's three steps, in order) ---------------------------------

const state = {
  language: document.documentElement.lang === 'ar' ? 'ar' : 'en',
  mode: 'claims', statuses: new Set(context.statuses.map((status) => status.id)),
  families: new Set(context.families.map((family) => family.id)),
  minReliability: null, minCredibility: null, asOf: null, knownBy: null, search: '', selected: null,
};
let visible = []; // [{claim, citations, status, best, sources}]

function applyFilters() {
  visible = [];
  for (const claim of claims) {
    const predicate = context.predicates[claim.predicate] || {};
    if (!state.families.has(predicate.family)) continue;
    if (state.asOf && !heldAsOf(claim, predicate.temporal, state.asOf)) continue;
    const citations = claim.citations.filter((citation) =>
      (state.minReliability === null || citation.reliability <= state.minReliability) &&
      (state.minCredibility === null || citation.credibility <= state.minCredibility) &&
      (state.knownBy === null || knownBy(citation, state.knownBy)));
    if (citations.length === 0) continue;
    const weighed = weigh(citations);
    if (!state.statuses.has(weighed.status)) continue;
    visible.push({ claim, citations, ...weighed });
  }
}

// ---- Drawing -------------------------------------------------------------------------------

const svg = byId('graph');
const viewport = byId('viewport');
let view = { x: 0, y: 0, scale: 1 };

function element(name, attributes, parent) {
  const node = document.createElementNS(svgNS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function label(entity, language) {
  // name_ar, name_en: ExportStyle.arabicName and englishName, the names every export labels with.
  const named = language === 'ar' ? entity.name_ar : entity.name_en;
  return named || entity.name;
}

/** The label drawn on the graph: a name past 80 characters cut there with `…` (the panel and the
 *  screen reader's label have it whole). An SVG text is one line, so the whole name is cut,
 *  where ExportStyle.drawnLabel cuts each line of a name Graphviz draws on several. */
const graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : null;
// Kept once made: every edge's summary names its two ends, and cutting a long name into
// characters takes a segmenter's pass over it.
const drawnLabels = new Map();
function drawnLabel(entity, language) {
  const name = label(entity, language);
  if (name.length <= 80) return name;
  const key = `${language} ${entity.id}`;
  if (!drawnLabels.has(key)) {
    const characters = graphemes ? [...graphemes.segment(name)].map((piece) => piece.segment) : [...name];
    let cut = characters.slice(0, 79).join('');
    // An escape's isolate cut open would take the one around the name, in a line, for its own.
    if (cut.split('\u2066').length > cut.split('\u2069').length) cut += '\u2069';
    drawnLabels.set(key, characters.length <= 80 ? name : cut + '…');
  }
  return drawnLabels.get(key);
}

function shapeOf(entity, group) {
  const [x, y, w, h] = entity.box;
  const fill = typeById.get(entity.type).fill;
  const shape = typeById.get(entity.type).shape;
  const l = x - w / 2, t = y - h / 2;
  if (shape === 'ellipse') return element('ellipse', { class: 'shape', cx: x, cy: y, rx: w / 2, ry: h / 2, fill }, group);
  if (shape === 'box') return element('rect', { class: 'shape', x: l, y: t, width: w, height: h, rx: boxCorner, fill }, group);
  return element('polygon', { class: 'shape', points: corners(entity).map((p) => p.join(',')).join(' '), fill }, group);
}

/** The radius of a box's rounded corners. */
const boxCorner = 6;

/** The corners of an octagon's or a house's outline, clockwise from the top. */
function corners(entity) {
  const [x, y, w, h] = entity.box;
  const l = x - w / 2, r = x + w / 2, t = y - h / 2, b = y + h / 2;
  return typeById.get(entity.type).shape === 'octagon'
    ? [[l + w * 0.2, t], [r - w * 0.2, t], [r, t + h * 0.3], [r, b - h * 0.3], [r - w * 0.2, b], [l + w * 0.2, b], [l, b - h * 0.3], [l, t + h * 0.3]]
    : [[x, t], [r, t + h * 0.35], [r, b], [l, b], [l, t + h * 0.35]];
}

// Zoomed out below this scale, node labels (11px at scale 1) are too small to read and the
// shapes too small to see: the view draws an overview instead (see setView).
const overviewScale = 0.7;
// The overview labels at most this many entities, those in the most claims first (placeLabels).
const overviewLabels = 40;
let isOverview = false;
// The entities that may be labelled in the overview, in the most claims first: [{entity, radius}].
let labelCandidates = [];
// Every entity's overview label: {entity, radius} by id.
let labelOf = new Map();

// Each entity's element, by id.
const nodeGroups = new Map();

function drawNodes() {
  const layer = byId('nodes');
  const degree = new Map();
  for (const claim of claims) {
    for (const end of new Set([claim.subject, claim.object])) degree.set(end, (degree.get(end) ?? 0) + 1);
  }
  for (const entity of entities) {
    const group = element('g', { class: 'node', 'data-entity': entity.id, tabindex: '0', role: 'button', 'aria-pressed': 'false' }, layer);
    nodeGroups.set(entity.id, group);
    shapeOf(entity, group);
    // The overview's mark: a dot whose size on screen grows with the entity's claims.
    const radius = Math.min(10, 3 + 1.5 * Math.log2(1 + (degree.get(entity.id) ?? 0)));
    element('circle', { class: 'dot', cx: entity.box[0], cy: entity.box[1], r: radius, style: `--dot: ${radius.toFixed(1)}`,
      fill: typeById.get(entity.type).fill }, group);
    element('text', { x: entity.box[0], y: entity.box[1] }, group);
    labelOf.set(entity.id, { entity, radius });
  }
  labelCandidates = [...entities]
    .sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || order(a.id, b.id))
    // Ten for each label shown is room enough for labels that do not fit; placing them is
    // redone at every zoom, so a page of thousands of entities does not try each one.
    .slice(0, 10 * overviewLabels).map((entity) => labelOf.get(entity.id));
  relabel();
}

/** Puts the entities' elements in reading order, so that Tab moves across the graph as the eye
 *  does, not in the order of the ids: row by row from the top (an entity joins a row when its
 *  middle is within half a box of the row's first), each row left to right, or right to left in
 *  Arabic. Done again when the language changes. */
function inReadingOrder() {
  const byHeight = [...entities].sort((a, b) => a.box[1] - b.box[1] || order(a.id, b.id));
  const rows = [];
  for (const entity of byHeight) {
    const row = rows[rows.length - 1];
    if (row && entity.box[1] - row[0].box[1] <= Math.max(row[0].box[3], entity.box[3]) / 2) row.push(entity); else rows.push([entity]);
  }
  const direction = state.language === 'ar' ? -1 : 1;
  const layer = byId('nodes');
  for (const row of rows) {
    row.sort((a, b) => direction * (a.box[0] - b.box[0]) || order(a.id, b.id));
    for (const entity of row) layer.append(nodeGroups.get(entity.id));
  }
}

// The width of each overview label on screen, as view.css draws it (11px, weight 600), measured
// once: a guess by its characters left room unused for Latin names and was short for wide ones.
const labelWidths = new Map();
let labelMeasure = null;
function labelWidth(text) {
  if (!labelWidths.has(text)) {
    if (!labelMeasure) {
      labelMeasure = document.createElement('canvas').getContext('2d');
      labelMeasure.font = `600 11px ${getComputedStyle(svg).fontFamily}`;
    }
    labelWidths.set(text, labelMeasure ? labelMeasure.measureText(text).width : text.length * 7);
  }
  return labelWidths.get(text);
}

/** In the overview, labels the entity selected, then those found, then those in the most
 *  claims drawn, as long as a label fits on the canvas without covering one placed before:
 *  above its dot, else below it, else beside it (after it in the page's direction, then before);
 *  one place taken above would otherwise leave a well-linked entity unnamed. */
function placeLabels() {
  const box = svg.getBoundingClientRect();
  // A layer of their own, above every node: a label drawn with its node would be covered by
  // the nodes drawn after it.
  const layer = byId('labels');
  layer.replaceChildren();
  const placed = [];
  const sides = state.language === 'ar' ? [-1, 1] : [1, -1];
  const place = ({ entity, radius }, isSelected, isFound) => {
    const x = view.x + entity.box[0] * view.scale, y = view.y + entity.box[1] * view.scale;
    if (x < 0 || x > box.width) return;
    const name = drawnLabel(entity, state.language);
    // The sizes of view.css's overview labels: 11px bold text, 18px a line with Arabic's marks,
    // its middle 9px past the dot's edge above or below, or its end 4px from the dot beside it.
    const half = labelWidth(name) / 2 + 2;
    const offsets = [[0, -(radius + 9)], [0, radius + 9], ...sides.map((side) => [side * (radius + 4 + half), 0])];
    for (const [dx, dy] of offsets) {
      // Near the canvas's side, a label above or below slides inward rather than be cut.
      const shift = dx !== 0 ? 0 : Math.max(0, half - x) + Math.min(0, box.width - half - x);
      const middle = x + dx + shift;
      const rect = [middle - half, y + dy - 9, middle + half, y + dy + 9];
      const fits = isSelected || (placed.length < overviewLabels && rect[0] >= 0 && rect[2] <= box.width && rect[1] >= 0 &&
        rect[3] <= box.height && !placed.some((other) => rect[0] < other[2] && other[0] < rect[2] && rect[1] < other[3] && other[1] < rect[3]));
      if (!fits) continue;
      placed.push(rect);
      const text = element('text', { x: entity.box[0], y: entity.box[1], 'data-of': entity.id,
        style: `--dx: ${(dx + shift).toFixed(1)}; --dy: ${dy.toFixed(1)}` }, layer);
      text.textContent = name;
      if (isSelected || isFound) text.classList.add('marked');
      return;
    }
  };
  const selected = state.selected?.entity;
  if (selected) place(labelOf.get(selected), true, false);
  const found = new Set(searchHits.map((entity) => entity.id));
  for (const entity of searchHits) if (entity.id !== selected) place(labelOf.get(entity.id), false, true);
  // Entities whose claims the filters all leave out (idle) give their room to the others.
  const live = new Set(visible.flatMap((item) => [item.claim.subject, item.claim.object]));
  for (const candidate of labelCandidates) {
    const id = candidate.entity.id;
    const isIdle = withClaims.has(id) && !live.has(id);
    if (id !== selected && !found.has(id) && !isIdle) place(candidate, false, false);
  }
}

function relabel() {
  for (const group of byId('nodes').children) {
    const entity = entityById.get(group.dataset.entity);
    group.querySelector('text').textContent = drawnLabel(entity, state.language);
    group.setAttribute('aria-label', `${drawnLabel(entity, state.language)}, ${typeById.get(entity.type)[state.language]}`);
  }
  if (isOverview) placeLabels();
}

function markerId(kind, color) { return `${kind}-${color.replace('#', '')}`; }

function drawMarkers() {
  const defs = byId('markers');
  for (const color of new Set([...familyColor.values(), '#000000'])) {
    const arrow = element('marker', { id: markerId('arrow', color), viewBox: '0 0 10 10', refX: '9', refY: '5',
      markerWidth: '9', markerHeight: '9', markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, defs);
    element('path', { d: 'M0,0 L10,5 L0,10 z', fill: color }, arrow);
    // The bar a little before the line's end: on it, half of it was under the shape, and all but
    // a speck at a box's corner.
    const tee = element('marker', { id: markerId('tee', color), viewBox: '0 0 10 10', refX: '10', refY: '5',
      markerWidth: '9', markerHeight: '9', markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, defs);
    element('path', { d: 'M6,0 L6,10', stroke: color, 'stroke-width': '2.5' }, tee);
  }
}

/** Where the line from a box's centre towards (tx, ty) leaves the entity's shape as drawn
 *  (shapeOf): an octagon's or a house's sides, a box's rounded corners. Taken as the box around
 *  them, a head pointed at a corner of the box, off the shape. */
function boundary(entity, tx, ty) {
  const [x, y, w, h] = entity.box;
  const dx = tx - x, dy = ty - y;
  if (dx === 0 && dy === 0) return [x, y];
  const shape = typeById.get(entity.type).shape;
  let scale;
  if (shape === 'ellipse') {
    scale = 1 / Math.sqrt((dx / (w / 2)) ** 2 + (dy / (h / 2)) ** 2);
  } else if (shape === 'box') {
    scale = Math.min(Math.abs(w / 2 / dx) || Infinity, Math.abs(h / 2 / dy) || Infinity);
    // In a rounded corner: where the line meets the corner's circle.
    const rx = w / 2 - boxCorner, ry = h / 2 - boxCorner;
    if (rx > 0 && ry > 0 && Math.abs(dx * scale) > rx && Math.abs(dy * scale) > ry) {
      const ox = Math.sign(dx) * rx, oy = Math.sign(dy) * ry;
      const a = dx * dx + dy * dy, half = dx * ox + dy * oy, c = ox * ox + oy * oy - boxCorner * boxCorner;
      scale = (half + Math.sqrt(Math.max(0, half * half - a * c))) / a;
    }
  } else {
    // The nearest side the line crosses.
    const points = corners(entity);
    scale = Infinity;
    points.forEach(([ax, ay], index) => {
      const [bx, by] = points[(index + 1) % points.length];
      const ex = bx - ax, ey = by - ay, denominator = dx * ey - dy * ex;
      if (denominator === 0) return;
      const along = ((ax - x) * ey - (ay - y) * ex) / denominator;
      const at = ((ax - x) * dy - (ay - y) * dx) / denominator;
      if (along > 0 && at >= 0 && at <= 1) scale = Math.min(scale, along);
    });
    if (scale === Infinity) scale = Math.min(Math.abs(w / 2 / dx) || Infinity, Math.abs(h / 2 / dy) || Infinity);
  }
  return [x + dx * scale, y + dy * scale];
}

/** The edges to draw: one per visible claim, or one per pair of entities and direction. */
function edgeItems() {
  if (state.mode === 'claims') return visible.map((item) => ({ key: item.claim.id, from: item.claim.subject, to: item.claim.object, items: [item] }));
  const pairs = new Map();
  for (const item of visible) {
    const { key, from, to } = pairOf(item);
    if (!pairs.has(key)) pairs.set(key, { key, from, to, items: [] });
    pairs.get(key).items.push(item);
  }
  return [...pairs.values()];
}

/** The pair of entities a claim's edge joins in "one edge per pair": one per direction, and the
 *  symmetric claims between the two apart, their ends in id order (they have no direction), as
 *  `export dot --pairs` folds them (DOTWriter+Pairs.swift). */
function pairOf(item) {
  let [from, to] = [item.claim.subject, item.claim.object];
  const symmetric = context.predicates[item.claim.predicate]?.symmetric;
  if (symmetric && to < from) [from, to] = [to, from];
  return { key: symmetric ? `${from}—${to}` : `${from}>${to}`, from, to };
}

const statusRank = { asserted: 0, alleged: 1, disputed: 2 };
const gradeSum = (grade) => reliabilities.indexOf(grade[0]) + Number(grade.slice(1));
// Status first, then more channels, then grade (Evidence/SupportStrength.swift; the grade as
// Query/ClaimStrength.swift: the sum, then reliability, then credibility), then id, as the DOT
// export ranks a pair's claims.
const strongest = (items) => items.slice().sort((a, b) =>
  statusRank[a.status] - statusRank[b.status] || b.channels - a.channels || gradeSum(a.best) - gradeSum(b.best) ||
  order(a.best, b.best) || order(a.claim.id, b.claim.id))[0];
function order(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

/** Each drawn edge's target for the details panel, and its edge item for summaries. */
let drawnEdges = new Map();

function drawEdges() {
  const layer = byId('edges');
  layer.replaceChildren();
  byId('heads').replaceChildren();
  drawnEdges = new Map();
  const items = edgeItems();
  const bundles = new Map();
  for (const item of items) {
    const key = [item.from, item.to].sort().join('|');
    if (!bundles.has(key)) bundles.set(key, []);
    bundles.get(key).push(item);
  }
  const placed = [...bundles.values()].flatMap((bundle) =>
    bundle.map((item, index) => ({ item, offset: (index - (bundle.length - 1) / 2) * 16 })));
  placeEnds(placed);
  for (const { item, offset } of placed) drawEdge(item, offset, layer);
  const live = new Set(visible.flatMap((item) => [item.claim.subject, item.claim.object]));
  for (const group of byId('nodes').children) {
    group.classList.toggle('idle', withClaims.has(group.dataset.entity) && !live.has(group.dataset.entity));
  }
  byId('counts').textContent = words[state.language].drawn(entities.length, visible.length);
}

/** Where each line drawn ends on the shapes it joins (placeEnds), by edge key and end. */
let endPoints = new Map();
const endKey = (item, side) => `${side}|${item.key}`;

/** How far apart, in the layout's units, a head's tip and another line's end must be: the
 *  markers' size (drawMarkers), so that no head sits on another line's end. */
const headClearance = 10;
/** The most heads at one entity that placeEnds moves other lines' ends clear of. */
const headsCleared = 200;

/** Where the lines end on the shapes, outside the overview: each where the line from the
 *  entity's centre towards its curve's control point leaves the shape, but no line's end under
 *  another's head (an arrow, or a bar). Two lines that leave an entity the same way, from the
 *  fans of two neighbours (Hamas–Islamic State and Hamas–Wilayat Sinai), met at one point, and
 *  the arrowhead of the one, directed, seemed to end the other, symmetric: it looked directed
 *  too. So an end within `headClearance` of a head is moved along the shape, away from it, to
 *  where it clears every head there; the ends that carry heads keep their places, on the edge of
 *  the entity they point to. */
function placeEnds(placed) {
  endPoints = new Map();
  const atEntity = new Map();
  for (const { item, offset } of placed) {
    if (item.from === item.to) continue;
    const [cx, cy] = controlPoint(item, offset);
    const { ends } = headsOf(item);
    for (const side of ['from', 'to']) {
      const entity = entityById.get(item[side]);
      const [x, y] = entity.box;
      const end = { key: endKey(item, side), angle: Math.atan2(cy - y, cx - x), point: boundary(entity, cx, cy), isHead: ends.includes(item[side]) };
      if (!atEntity.has(entity.id)) atEntity.set(entity.id, []);
      atEntity.get(entity.id).push(end);
    }
  }
  for (const [id, ends] of atEntity) {
    const entity = entityById.get(id);
    const heads = ends.filter((end) => end.isHead);
    // A hub pointed at by hundreds of lines has no room to clear them all, and trying would
    // take seconds at every filter: its ends stay where their lines meet the shape.
    if (heads.length > headsCleared) {
      for (const end of ends) endPoints.set(end.key, end.point);
      continue;
    }
    const clears = (point) => heads.every((head) => Math.hypot(point[0] - head.point[0], point[1] - head.point[1]) >= headClearance);
    const pointAt = (angle) => boundary(entity, entity.box[0] + Math.cos(angle) * 1000, entity.box[1] + Math.sin(angle) * 1000);
    for (const end of ends) {
      if (!end.isHead && !clears(end.point)) {
        // Away from the nearest head first, a degree at a time, a quarter turn at most each way.
        const nearest = heads.reduce((a, b) => (Math.hypot(end.point[0] - a.point[0], end.point[1] - a.point[1])
          <= Math.hypot(end.point[0] - b.point[0], end.point[1] - b.point[1]) ? a : b));
        const away = Math.sin(end.angle - nearest.angle) < 0 ? -1 : 1;
        const step = Math.PI / 180;
        for (let turn = 1; turn <= 90; turn += 1) {
          const found = [away, -away].map((sign) => pointAt(end.angle + sign * turn * step)).find(clears);
          if (found) { end.point = found; break; }
        }
      }
      endPoints.set(end.key, end.point);
    }
  }
}

function edgePath(item, offset) {
  const from = entityById.get(item.from), to = entityById.get(item.to);
  const [ax, ay] = from.box, [bx, by] = to.box;
  if (item.from === item.to) {
    const top = ay - from.box[3] / 2;
    return `M${ax - 8},${top} C${ax - 30},${top - 40 - offset} ${ax + 30},${top - 40 - offset} ${ax + 8},${top}`;
  }
  const [cx, cy] = controlPoint(item, offset);
  const shapeEnd = (side, entity) => endPoints.get(endKey(item, side)) ?? boundary(entity, cx, cy);
  const [sx, sy] = isOverview ? from.box : shapeEnd('from', from), [tx, ty] = isOverview ? to.box : shapeEnd('to', to);
  const round = (value) => Math.round(value * 10) / 10;
  return `M${round(sx)},${round(sy)} Q${round(cx)},${round(cy)} ${round(tx)},${round(ty)}`;
}

/** The control point of the curve of an edge between two entities, `offset` off the straight line. */
function controlPoint(item, offset) {
  const from = entityById.get(item.from), to = entityById.get(item.to);
  const [ax, ay] = from.box, [bx, by] = to.box;
  // The bend is measured from the pair in id order, so both directions share one fan.
  const [p, q] = item.from < item.to ? [from.box, to.box] : [to.box, from.box];
  const length = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
  return [(ax + bx) / 2 + (-(q[1] - p[1]) / length) * offset * 2, (ay + by) / 2 + ((q[0] - p[0]) / length) * offset * 2];
}

/** The overview's heads of an edge: the markers, sized in the layout's units, are a few pixels
 *  there and their tips under the dots, so each head is drawn at the dot's edge instead, sized
 *  on screen as the dots are (view.css, .head: placed at the dot's centre, turned along the
 *  curve's end, scaled by --inverse, then moved out by the dot's radius, in pixels). */
function drawHeads(item, offset, color, kind, ends, layer) {
  if (item.from === item.to) return;
  const [cx, cy] = controlPoint(item, offset);
  for (const id of ends) {
    const entity = entityById.get(id);
    const [x, y] = entity.box;
    const angle = (Math.atan2(y - cy, x - cx) * 180) / Math.PI;
    const radius = labelOf.get(id).radius;
    const round = (value) => Math.round(value * 10) / 10;
    const d = kind === 'tee' ? 'M-2,-5 L-2,5' : 'M0,0 L-10,-4.5 L-10,4.5 z';
    element('path', {
      class: `head ${kind}`, d, ...(kind === 'tee' ? { stroke: color } : { fill: color }), 'data-at': id,
      style: `transform: translate(${round(x)}px, ${round(y)}px) rotate(${round(angle)}deg) scale(var(--inverse, 1)) translateX(-${(radius + 1).toFixed(1)}px)`,
    }, layer);
  }
}

/** The width of a line of that many independent channels: the DOT export's (context.widths:
 *  0.6, 1.8, 3.2 for one, two, three or more), drawn at least 1 wide, since a thinner line fades
 *  on a screen. */
function lineWidth(channels) {
  const widths = context.widths;
  return Math.max(1, Number(widths[Math.min(Math.max(channels, 1), widths.length) - 1]));
}

/** An edge's heads, from the claim it is drawn for: `kind`, an arrow, or a bar for a disputed
 *  claim; `ends`, the entities they point to: the object for a directed claim; none for a
 *  symmetric one, or bars at both ends when disputed, as DOTWriter.style draws them. */
function headsOf(item) {
  const lead = strongest(item.items);
  const line = lead.status === lead.claim.status ? lead.claim.line : statusById.get(lead.status).line;
  const symmetric = context.predicates[lead.claim.predicate]?.symmetric;
  const kind = line.arrowhead === 'tee' ? 'tee' : 'arrow';
  return { lead, line, kind, ends: !symmetric ? [item.to] : kind === 'tee' ? [item.to, item.from] : [] };
}

function drawEdge(item, offset, layer) {
  const { lead, line, kind: head, ends } = headsOf(item);
  const claim = lead.claim;
  const color = claim.color;
  const d = edgePath(item, offset);
  const attributes = state.mode === 'claims' ? { 'data-claim': claim.id } : { 'data-pair': item.key };
  // Out of the Tab order (thousands of them came before the first entity): an entity's panel
  // lists every claim of its edges, and Enter on an entity, then again, goes there.
  const group = element('g', { class: 'edge', tabindex: '-1', role: 'button', ...attributes }, layer);
  // Every claim of the edge with its strength, as the tooltip gives it: never the bare relation.
  group.setAttribute('aria-label', edgeSummary(item).replace(/\n/g, '. '));
  element('path', { class: 'hitarea', d }, group);
  // The width by the independent channels of the claim drawn, weighed again from the citations
  // the filters leave (DOTWriter.penWidth's widths, at least 1).
  const width = lineWidth(lead.channels);
  const path = element('path', { class: 'line', d, stroke: color, 'stroke-width': String(width) }, group);
  // The overview's width: view.css.
  if (width !== 1) path.style.setProperty('--pen', String(width));
  if (line.style === 'dashed') { path.setAttribute('stroke-dasharray', '7 4'); path.classList.add('dashed'); }
  if (line.style === 'dotted') {
    path.setAttribute('stroke-dasharray', '0.5 4');
    path.setAttribute('stroke-linecap', 'round');
    path.classList.add('dotted');
  }
  if (ends.includes(item.to)) path.setAttribute('marker-end', `url(#${markerId(head, color)})`);
  if (ends.includes(item.from)) path.setAttribute('marker-start', `url(#${markerId(head, color)})`);
  drawHeads(item, offset, color, head, ends, byId('heads'));
  if (state.mode === 'pairs') {
    for (const member of item.items) element('path', { class: 'member', d, 'data-claim': member.claim.id }, group);
  }
  drawnEdges.set(group, state.mode === 'claims' ? { claim: claim.id, item, offset } : { pair: item, item, offset });
}

// ---- Text: summaries and the details panel ---------------------------------------------------

const t = () => words[state.language];
const predicateLabel = (id) => context.predicates[id]?.[state.language] ?? id;
const statusWord = (status) => (state.language === 'ar' ? statusById.get(status).ar : status.toUpperCase());
const nameOf = (id) => (entityById.has(id) ? label(entityById.get(id), state.language) : id);
// A name as a tooltip, an edge's label for a screen reader and a summary give it: cut as the
// graph's label is (the panel has it whole).
const shortNameOf = (id) => (entityById.has(id) ? drawnLabel(entityById.get(id), state.language) : id);
// Channels and the common link of the citations the filters leave, weighed again (weigh).
const channelsLine = (item) =>
  ` · ${item.channels} ${item.channels === 1 ? t().channel : t().channels}${item.commonLink ? `${t().comma} ${t().allThrough} ${apart(item.commonLink)}` : ''}`;
// In Arabic the grade and the common link are isolated: "E3 · 1" would otherwise run left to right
// as one piece, and the line read "best grade 1 · E3 channel". (In English they run with the text.)
const apart = (text) => (state.language === 'ar' ? isolated(text) : text);
// A disputed status with its strongest denial's grade, as EvidenceText.status words it: DISPUTED by E5.
const statusOf = (item) => `${statusWord(item.status)}${item.denial ? ` ${t().disputedBy} ${apart(item.denial)}` : ''}`;
const evidenceLine = (item) => `${statusOf(item)} · ${item.sources.length} ${item.sources.length === 1 ? t().source : t().sources} · ${t().best} ${apart(item.best)}${channelsLine(item)}${item.deniers.length ? ` · ${t().deniedBy(item.deniers.length, item.deniers.filter((source) => item.sources.includes(source)).length)}` : ''}`;
const datesOf = (claim) => (state.language === 'ar' ? claim.datesAr : claim.dates);

function entitySummary(entity) {
  const count = visible.filter((item) => item.claim.subject === entity.id || item.claim.object === entity.id).length;
  return `${isolated(drawnLabel(entity, state.language))} · ${typeById.get(entity.type)[state.language]}\n${t().claimsOf(count)}`;
}

// From subject to object, as the text runs: right to left in Arabic.
const forwardArrow = () => (state.language === 'ar' ? '←' : '→');
// A name set apart (U+2068 … U+2069) in plain text, where no <bdi> can be: a name that overrides
// the direction, or runs the other way, leaves the text around it as it is.
const isolated = (text) => `\u2068${text}\u2069`;

function edgeSummary(edge) {
  return edge.items.map((item) => {
    const arrow = context.predicates[item.claim.predicate]?.symmetric ? '—' : forwardArrow();
    return `${isolated(shortNameOf(item.claim.subject))} — ${predicateLabel(item.claim.predicate)} ${arrow} ${isolated(shortNameOf(item.claim.object))}\n${datesOf(item.claim)} · ${evidenceLine(item)}`;
  }).join('\n');
}

function html(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** The language of a piece of stored text by its first letter, as `dir="auto"` takes its
 *  direction from it: Arabic script `{lang: 'ar', dir: 'rtl'}`, Latin `{lang: 'en', dir:
 *  'ltr'}`, any other nothing. A screen reader picks its voice by `lang`: an Arabic name left
 *  under the English page's `lang` is spelled out or skipped, and an English one on the Arabic page
 *  is read with Arabic sounds. */
function languageOf(text) {
  const letter = /\p{L}/u.exec(text)?.[0];
  if (letter === undefined) return {};
  if (/\p{Script=Arabic}/u.test(letter)) return { lang: 'ar', dir: 'rtl' };
  if (/\p{Script=Latin}/u.test(letter)) return { lang: 'en', dir: 'ltr' };
  return {};
}

/** Stored text (a name, an alias, a title, a description, a note) in its language (languageOf),
 *  each run of words in the other script (Arabic in English text, Latin in Arabic) tagged with
 *  its own: a title `The "foundation" (المؤسسة) that …`. A <bdi> unless `tag` says otherwise:
 *  isolated from the text around it. */
function inItsLanguage(text, tag = 'bdi') {
  const own = languageOf(text);
  const node = html(tag, tag === 'bdi' ? own : { dir: 'auto', ...own });
  const script = own.lang === 'ar' ? 'Latin' : own.lang === 'en' ? 'Arabic' : null;
  if (!script) { node.append(text); return node; }
  // A run: letters of the other script, with the marks, digits, spaces and punctuation between them.
  const letter = `\\p{Script=${script}}`;
  const run = new RegExp(`${letter}(?:[${letter}\\p{M}\\p{N}\\s'’.-]*${letter})?\\p{M}*`, 'gu');
  let last = 0;
  for (const match of text.matchAll(run)) {
    node.append(text.slice(last, match.index), html('bdi', languageOf(match[0]), match[0]));
    last = match.index + match[0].length;
  }
  node.append(text.slice(last));
  return node;
}

/** Text with isolates of its own (U+2068 … U+2069, `isolated`) as nodes, each isolated piece a
 *  <bdi> tagged with its language: in the Arabic evidence line, the grade and the common link's id. */
const isolatesTagged = (text) => text.split(/\u2068([^\u2069]*)\u2069/).map((piece, index) => (index % 2 ? inItsLanguage(piece) : piece));

/** An id in its brackets, `[claim-id]` or `(source-id)`, set apart left to right and kept on one
 *  line (view.css, `.id`): in the Arabic view the brackets would otherwise turn round and the id
 *  break at its hyphens, `hamas-isis-]` on one line and `[agreement-july-2017` on the next. */
// A quote between the marks the page frames quotes in, unless it carries its own (a French
// quote copied with « »): the library's QuoteFrame, which the terminal and DOT follow.
function framed(text, open, close) {
  // QuoteFrame.isFramed: the first mark closed only at the end (« A » dit-il, « B » is framed again).
  const closes = { '«': '»', '“': '”', '„': '“”', '"': '"' }[text[0]];
  const isFramed = text.length >= 2 && closes !== undefined && closes.includes(text[text.length - 1])
    && ![...text.slice(1, -1)].some((mark) => closes.includes(mark));
  return isFramed ? text : `${open}${text}${close}`;
}

function bracketedId(open, id, close) {
  return html('bdi', { class: 'id', ...languageOf(id), dir: 'ltr' }, `${open}${id}${close}`);
}

/** A url as a link only when it is http or https: a `javascript:` or `data:` url stored as a
 *  source's must never run from the page. Written whole otherwise, as text. */
function webAddress(url) {
  let parsed = null;
  // Checked as typed (no space, control or isolate: the URL parser would trim or drop them) and
  // as the browser reads it.
  if (/^https?:\/\/[^\s\u0000-\u001F\u007F-\u009F\u2066-\u2069]+$/i.test(url)) {
    try { parsed = new URL(url); } catch { parsed = null; }
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return inItsLanguage(url);
  return html('a', { href: parsed.href, rel: 'noopener noreferrer', target: '_blank', dir: 'ltr' }, url);
}

/** Where a cited source can be found: its publisher, author and url, those it has, after its
 *  `(id)` when `isNamed` (a citation read via another source has a line for each); null when it
 *  has none. A reader of a published page needs them to reach the document. */
function sourceReference(id, isNamed) {
  const source = context.sources[id];
  if (!source || !(source.publisher || source.author || source.url)) return null;
  const pieces = [];
  if (source.publisher) pieces.push([`${t().publisher}: `, inItsLanguage(source.publisher)]);
  if (source.author) pieces.push([`${t().author}: `, inItsLanguage(source.author)]);
  if (source.url) pieces.push([webAddress(source.url)]);
  return html('div', { class: 'muted source-reference' }, ...(isNamed ? [bracketedId('(', id, ')'), ' '] : []),
    ...pieces.flatMap((piece, index) => (index ? [' · ', ...piece] : piece)));
}

function citationBlock(citation) {
  const source = context.sources[citation.source];
  const via = citation.via ? context.sources[citation.via] : null;
  const who = html('div', {},
    html('span', { class: 'status' }, `${t().stances[citation.stance]} ${citation.reliability}${citation.credibility}`), ' ',
    // Each piece of text isolated (<bdi>): in the Arabic view an English title, an id and a
    // locator ("line 4") would otherwise run into each other and read out of order.
    inItsLanguage(source ? source.title : citation.source), ' ', html('span', { class: 'muted' }, bracketedId('(', citation.source, ')')),
    // The via as the claimant: its title alone would not tell two sources of one title apart.
    ...(citation.via ? [` · ${t().via} `, inItsLanguage(via ? via.title : citation.via), ' ',
      html('span', { class: 'muted' }, bracketedId('(', citation.via, ')'))] : []),
    citation.locator ? html('span', { class: 'muted' }, ' · ', inItsLanguage(citation.locator)) : null);
  return html('div', { class: `citation ${citation.stance}` }, who,
    sourceReference(citation.source, Boolean(citation.via)), citation.via ? sourceReference(citation.via, true) : null,
    // A quote runs the way its own words do (most are Arabic; not all), in the language of the
    // source it stands in: the relaying one (via) when there is one.
    html('blockquote', { dir: 'auto', ...((via ?? source)?.lang ? { lang: (via ?? source).lang } : {}) }, framed(citation.quote, '«', '»')),
    citation.quoteEn ? html('blockquote', { lang: 'en', dir: 'ltr' }, framed(citation.quoteEn, '"', '"')) : null,
    citation.publicSince ? html('div', { class: 'muted' }, `${t().publicSince} `, html('bdi', {}, citation.publicSince)) : null);
}

function claimBlock(item, from) {
  const claim = item.claim;
  const symmetric = context.predicates[claim.predicate]?.symmetric;
  let head;
  if (from) {
    const other = claim.subject === from ? claim.object : claim.subject;
    const arrow = symmetric ? '↔' : claim.subject === from ? (state.language === 'ar' ? '←' : '→') : (state.language === 'ar' ? '→' : '←');
    // Named with the claim, not only the other entity: tabbing through a panel, seven buttons
    // read "Islamic State" alike. The visible name first, as a voice command says it.
    const claimLine = html('span', { class: 'visually-hidden' }, ' (', ...claimWords(claim), `, ${datesOf(claim)})`);
    head = html('div', {}, `${arrow} `, html('button', { type: 'button', class: 'entity', 'data-go': other }, inItsLanguage(nameOf(other)), claimLine), ' ',
      bracketedId('(', other, ')'), '  ');
  } else {
    head = html('div', {}, ...claimWords(claim), '  ');
  }
  head.append(html('span', { class: 'muted' }, `${datesOf(claim)} · `), html('span', { class: `status ${item.status}` }, ...isolatesTagged(evidenceLine(item))),
    html('span', { class: 'muted' }, ' ', bracketedId('[', claim.id, ']')));
  const reads = new Set(item.citations.map((citation) => citation.via || citation.source));
  const through = reads.size === 1 && item.citations.length > 1
    ? html('div', { class: 'muted' }, `${t().oneDocument}: `, inItsLanguage(context.sources[[...reads][0]]?.title ?? [...reads][0])) : null;
  return html('div', { class: 'claim', 'data-claim-ref': claim.id }, head, through,
    claim.notes ? html('div', { class: 'muted' }, `${t().note}: `, inItsLanguage(claim.notes)) : null, ...item.citations.map(citationBlock));
}

/** A claim as words, its names each in its language: `Hamas — arrested → Islamic State`. */
function claimWords(claim) {
  const symmetric = context.predicates[claim.predicate]?.symmetric;
  return [inItsLanguage(nameOf(claim.subject)), ` — ${predicateLabel(claim.predicate)} ${symmetric ? '—' : forwardArrow()} `,
    inItsLanguage(nameOf(claim.object))];
}

/** A predicate's heading, `arrested · اعتقل`, each half in its language. */
function predicateHeading(id) {
  const info = context.predicates[id];
  if (!info) return [inItsLanguage(id)];
  return [html('span', languageOf(info.en), info.en), ' · ', inItsLanguage(info.ar)];
}

/** An entity's claims grouped as `isnad show` groups them (ShowCommand, and the order of
 *  GraphStore.forEachClaimByPredicate): first those of which it is the subject, then those of
 *  which it is the object (a symmetric claim by the way it was recorded), each side by predicate
 *  id; in a group, by the other end's id, then the start date (undated first), then the claim's
 *  id. Returns [{isOutgoing, predicate, items}]. */
function claimGroups(items, entityId) {
  const key = (item) => {
    const isOutgoing = item.claim.subject === entityId;
    return [isOutgoing ? 0 : 1, item.claim.predicate, isOutgoing ? item.claim.object : item.claim.subject];
  };
  const sorted = [...items].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || order(ka[1], kb[1]) || order(ka[2], kb[2])
      || (b.claim.start == null) - (a.claim.start == null) || order(a.claim.start ?? '', b.claim.start ?? '') || order(a.claim.id, b.claim.id);
  });
  const groups = [];
  for (const item of sorted) {
    const [side, predicate] = key(item);
    const last = groups[groups.length - 1];
    if (last && last.isOutgoing === (side === 0) && last.predicate === predicate) last.items.push(item);
    else groups.push({ isOutgoing: side === 0, predicate, items: [item] });
  }
  return groups;
}

function renderDetails() {
  const panel = byId('details');
  panel.replaceChildren();
  // One line for a screen reader: the whole panel, read out at each selection, would be far too long.
  const announce = byId('announce');
  announce.textContent = '';
  const selected = state.selected;
  for (const node of document.querySelectorAll('.selected')) {
    node.classList.remove('selected');
    if (node.classList.contains('node')) node.setAttribute('aria-pressed', 'false');
  }
  if (!selected) { panel.append(html('p', { class: 'muted' }, t().hint)); return; }
  if (selected.list) { renderClaimList(panel, announce); return; }
  if (selected.entity) {
    const entity = entityById.get(selected.entity);
    announce.textContent = entitySummary(entity).replace(/\n/g, '. ');
    const group = document.querySelector(`[data-entity="${CSS.escape(entity.id)}"]`);
    group?.classList.add('selected');
    group?.setAttribute('aria-pressed', 'true');
    // Focusable from the graph (Enter on the entity selected), not a Tab stop of its own.
    panel.append(html('h2', { tabindex: '-1' }, inItsLanguage(label(entity, state.language))),
      html('div', { class: 'muted' }, inItsLanguage(entity.id), ` · ${typeById.get(entity.type)[state.language]}`));
    const names = [entity.name, ...entity.aliases.map((alias) => alias.name)].filter((name) => name !== label(entity, state.language));
    if (names.length) panel.append(html('div', {}, `${t().aliases}: `, ...names.flatMap((name, i) => [i ? ' · ' : '', inItsLanguage(name)])));
    // Labelled: the description is the store's own text, weighed by no source, and above the
    // claims it would read as fact (ExportStyle.descriptionLabel).
    if (entity.description) {
      panel.append(html('p', { class: 'description' }, html('span', { class: 'muted' }, t().description), ' ', inItsLanguage(entity.description)));
    }
    const mine = visible.filter((item) => item.claim.subject === entity.id || item.claim.object === entity.id);
    panel.append(html('div', { class: 'muted' }, t().claimsOf(mine.length)));
    for (const group of claimGroups(mine, entity.id)) {
      const info = context.predicates[group.predicate];
      // As `isnad show` heads the claims of which the entity is the object: "funded · موّل (of Hamas)".
      const of = group.isOutgoing || info?.symmetric ? null
        : html('bdi', {}, ...t().ofEntity(info?.ar ?? group.predicate, inItsLanguage(label(entity, state.language))));
      panel.append(html('h3', {}, ...predicateHeading(group.predicate), of ? ' ' : null, of),
        ...group.items.map((item) => claimBlock(item, entity.id)));
    }
    return;
  }
  // The claims the filters leave now, not those drawn when the edge was chosen.
  const items = visible.filter((item) => (selected.claim ? item.claim.id === selected.claim : pairOf(item).key === selected.pair.key));
  if (items.length === 0) { panel.append(html('p', { class: 'muted' }, t().hiddenByFilters)); return; }
  announce.textContent = edgeSummary({ items }).replace(/\n/g, '. ');
  if (selected.claim) document.querySelector(`.edge[data-claim="${CSS.escape(selected.claim)}"]`)?.classList.add('selected');
  panel.append(...items.map((item) => claimBlock(item, null)));
}

/** Every claim the filters leave (those drawn) as text, for a reader who cannot see the graph
 *  (its edges are no Tab stops, and a screen reader does not browse inside role=application):
 *  grouped by predicate as an entity's panel groups them, each claim with both ends, its dates,
 *  status and grades, and its citations (who says it, the quotes). */
function renderClaimList(panel, announce) {
  announce.textContent = t().claimsDrawn(visible.length);
  panel.append(html('h2', { tabindex: '-1' }, t().claimsDrawn(visible.length)));
  const sorted = [...visible].sort((a, b) => order(a.claim.predicate, b.claim.predicate) || order(a.claim.subject, b.claim.subject)
    || order(a.claim.object, b.claim.object) || order(a.claim.start ?? '', b.claim.start ?? '') || order(a.claim.id, b.claim.id));
  let predicate = null;
  for (const item of sorted) {
    if (item.claim.predicate !== predicate) {
      predicate = item.claim.predicate;
      panel.append(html('h3', {}, ...predicateHeading(predicate)));
    }
    panel.append(claimBlock(item, null));
  }
}

/** A sample of an edge's line, drawn as drawEdge draws one: `style` solid, dashed or dotted, at
 *  `width` (lineWidth). */
function lineSample(style, width) {
  const sample = document.createElementNS(svgNS, 'svg');
  sample.setAttribute('width', '34'); sample.setAttribute('height', '12'); sample.setAttribute('aria-hidden', 'true');
  sample.classList.add('line-sample');
  const line = element('path', { d: 'M2,6.5 L32,6.5', stroke: '#333', 'stroke-width': String(width) }, sample);
  if (style === 'dashed') line.setAttribute('stroke-dasharray', '7 4');
  if (style === 'dotted') { line.setAttribute('stroke-dasharray', '0.5 4'); line.setAttribute('stroke-linecap', 'round'); }
  return sample;
}

function renderLegend() {
  const legend = byId('legend');
  const language = state.language;
  legend.replaceChildren(html('h3', {}, t().legendShapes));
  const shapes = html('ul');
  for (const type of context.types) {
    const sample = document.createElementNS(svgNS, 'svg');
    sample.setAttribute('width', '34'); sample.setAttribute('height', '20'); sample.setAttribute('aria-hidden', 'true');
    shapeOf({ type: type.id, box: [17, 10, 30, 16] }, sample).setAttribute('stroke', '#4d4d4d');
    // The overview's mark for the type, as drawNodes draws it.
    const dot = document.createElementNS(svgNS, 'svg');
    dot.setAttribute('width', '14'); dot.setAttribute('height', '20'); dot.setAttribute('aria-hidden', 'true');
    dot.classList.add('dot-sample');
    element('circle', { cx: 7, cy: 10, r: 5, fill: type.fill, stroke: '#4d4d4d', 'stroke-width': 1 }, dot);
    shapes.append(html('li', {}, sample, dot, ` ${type[language]}`));
  }
  legend.append(shapes, html('p', { class: 'legend-note' }, t().legendOverview), html('h3', {}, t().legendLines));
  // Each status's line at the width of one channel (as most edges are), the widths solid: a
  // thin solid edge looks like both of its samples, and no width reads as a style.
  const lines = html('ul');
  for (const status of context.statuses) {
    lines.append(html('li', { 'data-status': status.id }, lineSample(status.line.style, lineWidth(1)), ` ${language === 'ar' ? status.ar : status.en}`));
  }
  // Dotted is the style a reader takes for the weakest; the accused's own E5 denial makes it too.
  legend.append(lines, html('p', { class: 'legend-note' }, t().legendDisputed), html('h3', {}, t().legendWidths));
  const widths = html('ul');
  for (const [index, words] of t().widths.entries()) {
    widths.append(html('li', { 'data-channels': String(index + 1) }, lineSample('solid', lineWidth(index + 1)), ` ${words}`));
  }
  legend.append(widths, html('h3', {}, t().legendColours));
  const colours = html('ul');
  for (const family of context.families) colours.append(html('li', {}, html('span', { class: 'swatch', style: `color:${family.color}` }), family[language]));
  // Some families' colours look alike to a colour-blind reader or in greyscale: the filters tell them apart.
  legend.append(colours, html('p', { class: 'legend-note' }, t().legendAlike), html('p', {}, t().legendGrades));
}

// ---- Interaction ---------------------------------------------------------------------------

function select(target) {
  state.selected = target;
  renderDetails();
  if (isOverview) placeLabels();
}

/** The entity or edge an event happened on, as a target for the panel and a summary. */
function targetOf(node) {
  const group = node && node.closest && node.closest('.node, .edge');
  if (!group) return null;
  if (group.dataset.entity) {
    const entity = entityById.get(group.dataset.entity);
    return { group, target: { entity: entity.id }, summary: () => entitySummary(entity) };
  }
  const drawn = drawnEdges.get(group);
  return drawn ? { group, target: drawn.pair ? { pair: drawn.pair } : { claim: drawn.claim }, summary: () => edgeSummary(drawn.item) } : null;
}

// One listener for every entity and edge (thousands of them), not one each.
const tooltip = byId('tooltip');
function showTooltip(text, x, y) {
  tooltip.textContent = text;
  tooltip.hidden = false;
  const box = byId('canvas').getBoundingClientRect();
  tooltip.style.left = `${Math.min(x - box.left + 12, box.width - 200)}px`;
  tooltip.style.top = `${y - box.top + 12}px`;
}

// Whether the pointer moved the view since it went down: the click that ends a pan keeps the selection.
let panned = false;

function bindTargets() {
  svg.addEventListener('click', (event) => {
    const found = targetOf(event.target);
    if (!found && panned) return;
    select(found ? found.target : null);
  });
  svg.addEventListener('dblclick', (event) => {
    const found = targetOf(event.target);
    if (found && found.target.entity) goTo(entityById.get(found.target.entity));
  });
  svg.addEventListener('keydown', (event) => {
    const found = targetOf(event.target);
    if (found && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      event.stopPropagation();
      // Enter on the entity already open goes to its claims in the panel.
      if (found.target.entity && state.selected?.entity === found.target.entity) { byId('details').querySelector('h2')?.focus(); return; }
      select(found.target);
    }
  });
  svg.addEventListener('mousemove', (event) => {
    const found = targetOf(event.target);
    if (found) showTooltip(found.summary(), event.clientX, event.clientY); else tooltip.hidden = true;
  });
  svg.addEventListener('mouseleave', () => { tooltip.hidden = true; });
  svg.addEventListener('focusin', (event) => {
    const found = targetOf(event.target);
    if (!found) return;
    // Only the keyboard's focus: a click focuses what it clicked, which is in view already, and
    // a pan under the pointer would take the second click of a double click somewhere else.
    if (found.group.matches(':focus-visible')) reveal(found.group);
    const r = found.group.getBoundingClientRect();
    showTooltip(found.summary(), r.right, r.top);
  });
  // The other entity of a claim in the panel: selected, brought into view and focused, so that
  // the keyboard walks the graph from claim to claim.
  byId('details').addEventListener('click', (event) => {
    const button = event.target.closest('button.entity');
    const entity = button && entityById.get(button.dataset.go);
    if (!entity) return;
    select({ entity: entity.id });
    goTo(entity);
    document.querySelector(`[data-entity="${CSS.escape(entity.id)}"]`)?.focus();
  });
  svg.addEventListener('focusout', () => { tooltip.hidden = true; });
  byId('list-claims').addEventListener('click', () => {
    select({ list: true });
    byId('details').querySelector('h2')?.focus();
  });
  // Escape in the panel clears the selection, as it does on the graph, and takes the focus back
  // where the reader came from (the entity, or the button of the list), not to the page's start.
  byId('panel').addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !state.selected) return;
    const back = state.selected.entity ? nodeGroups.get(state.selected.entity) : state.selected.list ? byId('list-claims') : byId('canvas');
    select(null);
    (back ?? byId('canvas')).focus();
  });
}

/** Shows the graph at `next` (translation and scale). `isMoving`: a drag in progress, after
 *  which the labels are placed again (labels placed at every step would pop in and out). */
let inverseScaleSet = false;
function setView(next, isMoving = false) {
  const isZoom = next.scale !== view.scale;
  view = next;
  viewport.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.scale})`);
  if ((view.scale < overviewScale) !== isOverview) {
    isOverview = !isOverview;
    svg.classList.toggle('overview', isOverview);
    // The overview's lines run to the dots' centres, not to the shapes' edges.
    for (const [group, drawn] of drawnEdges) {
      const d = edgePath(drawn.item, drawn.offset);
      for (const path of group.querySelectorAll('path')) path.setAttribute('d', d);
    }
  }
  if (!isOverview) return;
  // The overview keeps dots and labels at their size on screen (view.css): set only there, and
  // only on their layers, since a change restyles every element below the one that holds it.
  if (isZoom || !inverseScaleSet) {
    inverseScaleSet = true;
    for (const layer of [byId('nodes'), byId('heads'), byId('labels')]) layer.style.setProperty('--inverse', String(1 / view.scale));
    // The lines', a doubling at a time: a change restyles every line.
    const lineInverse = String(2 ** Math.round(Math.log2(1 / view.scale)));
    const edges = byId('edges');
    if (edges.style.getPropertyValue('--line-inverse') !== lineInverse) edges.style.setProperty('--line-inverse', lineInverse);
  }
  if (!isMoving) placeLabelsSoon();
}

// Labels are placed at once, then at most every 100 ms while the view keeps changing (a wheel
// turned fast): placing them restyles the layer and reads the canvas's size.
let labelsPlacedAt = 0, labelsPending = null;
function placeLabelsSoon() {
  const wait = labelsPlacedAt + 100 - performance.now();
  if (labelsPending) return;
  if (wait <= 0) { labelsPlacedAt = performance.now(); placeLabels(); return; }
  labelsPending = setTimeout(() => { labelsPending = null; labelsPlacedAt = performance.now(); if (isOverview) placeLabels(); }, wait);
}

let fittedScale = 1;
function fit() {
  const box = svg.getBoundingClientRect();
  const width = context.layout.width || 1, height = context.layout.height || 1;
  // A margin on screen, not in the layout's units: zoomed far out, the overview's labels (centred
  // on entities at the layout's edge) would be cut by the canvas.
  const margin = 60;
  const scale = Math.min(Math.max(1, box.width - 2 * margin) / width, Math.max(1, box.height - 2 * margin) / height);
  fittedScale = scale;
  setView({ scale, x: (box.width - width * scale) / 2, y: (box.height - height * scale) / 2 });
}

// Node labels are 11px at scale 1: below it they cannot be read, and a large graph fitted to a
// small screen is far below it. Going to an entity brings the view at least to this scale.
const readableScale = 1;

/** Pans the view, at its scale, so that an entity or edge focused by the keyboard is on the
 *  canvas: zoomed in, Tab would otherwise move to one out of sight. */
function reveal(group) {
  const canvas = svg.getBoundingClientRect();
  const r = group.getBoundingClientRect();
  const margin = 20;
  const inside = r.left >= canvas.left + margin && r.right <= canvas.right - margin && r.top >= canvas.top + margin && r.bottom <= canvas.bottom - margin;
  if (inside || canvas.width === 0) return;
  const dx = canvas.left + canvas.width / 2 - (r.left + r.width / 2);
  const dy = canvas.top + canvas.height / 2 - (r.top + r.height / 2);
  setView({ ...view, x: view.x + dx, y: view.y + dy });
}

/** Centres the entity in the canvas, zoomed in to where its label can be read. */
function goTo(entity) {
  const box = svg.getBoundingClientRect();
  const scale = Math.max(view.scale, readableScale);
  setView({ scale, x: box.width / 2 - entity.box[0] * scale, y: box.height / 2 - entity.box[1] * scale });
}

function zoom(factor, cx, cy) {
  const box = svg.getBoundingClientRect();
  const x = cx ?? box.width / 2, y = cy ?? box.height / 2;
  // Out to half the whole graph's fitted scale (a large graph fits far below 0.05), in to 8.
  const scale = Math.max(Math.min(0.05, fittedScale / 2), Math.min(Math.max(8, fittedScale), view.scale * factor));
  setView({ scale, x: x - ((x - view.x) * scale) / view.scale, y: y - ((y - view.y) * scale) / view.scale });
}

// The narrow layout of view.css, the three parts stacked and the page scrolled.
const stacked = window.matchMedia('(max-width: 900px)');

function bindPanZoom() {
  svg.addEventListener('wheel', (event) => {
    // Stacked on a narrow screen (or zoomed in 200%), the canvas is most of the page: the wheel
    // scrolls the page to the panel below, and zooms the graph only with Ctrl.
    if (stacked.matches && !event.ctrlKey) return;
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (event) => {
    if (event.target.closest('.node, .edge')) return;
    drag = { x: event.clientX, y: event.clientY, view };
    panned = false;
    svg.classList.add('dragging');
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3) panned = true;
    setView({ ...drag.view, x: drag.view.x + event.clientX - drag.x, y: drag.view.y + event.clientY - drag.y }, true);
  });
  svg.addEventListener('pointerup', () => {
    if (drag && isOverview) placeLabelsSoon();
    drag = null;
    svg.classList.remove('dragging');
  });
  byId('canvas').addEventListener('keydown', (event) => {
    const step = 60;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) { setView({ ...view, x: view.x + moves[event.key][0], y: view.y + moves[event.key][1] }); event.preventDefault(); }
    else if (event.key === '+' || event.key === '=') zoom(1.25);
    else if (event.key === '-') zoom(1 / 1.25);
    else if (event.key === '0') fit();
    else if (event.key === 'Escape') select(null);
  });
  byId('fit').addEventListener('click', fit);
  byId('zoom-in').addEventListener('click', () => zoom(1.25));
  byId('zoom-out').addEventListener('click', () => zoom(1 / 1.25));
}

// The entities the search found, the best match first, and the one Enter went to last.
let searchHits = [];
let searchCursor = -1;

// Each entity's names, normalized, and their consonant keys with whether they are in Arabic letters.
const searchKeys = new Map();
function searchKeysOf(entity) {
  if (!searchKeys.has(entity.id)) {
    const names = storedNames.get(entity.id);
    searchKeys.set(entity.id, {
      normalized: names.map(normalizeName),
      folded: names.map((name) => foldName(name)),
      transcribed: names.map((name) => transcriptionKey(foldName(name))),
      consonants: names.map((name) => ({ inArabic: [...name].some(isArabicLetter), key: consonantKey(name) })),
    });
  }
  return searchKeys.get(entity.id);
}

/** Entities a name contains what was typed (as typed, folded, or from a word's start as French
 *  and English transliterations write it alike); when none does, as `isnad
 *  search` does, those with a name in the other script that has the same consonants (Saraya
 *  al-Quds, سرايا القدس), then those with a close spelling of it, French and English
 *  transliterations written alike (Droukdal, Droukdel; Ag Ghali, Ag Ghaly). */
function runSearch() {
  const query = normalizeName(state.search);
  const foldedQuery = query === '' ? '' : foldName(state.search);
  const transcribedQuery = transcriptionKey(foldedQuery);
  searchCursor = -1;
  const drawn = [...byId('nodes').children].map((group) => [group, entityById.get(group.dataset.entity)]);
  // As typed, or folded as `isnad search` folds spelling variants (Abou, the, glued الله, initials);
  // or as French and English transliterations write it alike, from the start of a word and three
  // letters typed at least, as the command line's words: inside a word, or shorter, it is in too
  // many names (Said in Presidential Guard, prisidintial; Ly in every li).
  const startsWords = [...transcribedQuery].length >= 3;
  let found = new Set(query === '' ? [] : drawn.filter(([, entity]) =>
    searchKeysOf(entity).normalized.some((key) => key.includes(query))
    || (foldedQuery !== '' && searchKeysOf(entity).folded.some((key) => key.includes(foldedQuery)))
    || (startsWords && searchKeysOf(entity).transcribed.some((key) => ` ${key}`.includes(` ${transcribedQuery}`)))).map(([, entity]) => entity.id));
  const typedInArabic = [...query].some(isArabicLetter);
  for (const typedKey of found.size === 0 ? consonantKeys(state.search) : []) {
    if (typedKey.length < 2) continue;
    found = new Set(drawn.filter(([, entity]) => searchKeysOf(entity).consonants.some(
      (name) => name.inArabic !== typedInArabic && name.key === typedKey)).map(([, entity]) => entity.id));
    if (found.size > 0) break;
  }
  // A few edits away, as the command line's close spellings: a third of the letters typed, three
  // at least (fewer find every short name), French and English spellings not counted (Okasha,
  // Okacha), on whole names and words, never inside one (Said is not in Presidential Guard,
  // prisidintial).
  if (found.size === 0 && [...transcribedQuery].length >= 3) {
    const typed = [...transcribedQuery];
    const range = Math.max(1, Math.floor([...foldedQuery].length / 3));
    const wordCount = foldedQuery.split(' ').length;
    found = new Set(drawn.filter(([, entity]) => searchKeysOf(entity).transcribed.some(
      (key) => isCloseSpelling(typed, wordCount, key, range))).map(([, entity]) => entity.id));
  }
  const hits = [];
  for (const [group, entity] of drawn) {
    const isHit = found.has(entity.id);
    group.classList.toggle('hit', isHit);
    if (isHit) { group.setAttribute('aria-describedby', 'search-result'); hits.push(entity); } else group.removeAttribute('aria-describedby');
  }
  // The best match first, as `isnad search` ranks them: a name that is what was typed, then one
  // that begins with it, then the rest, each in reading order.
  const rank = (entity) => {
    const { normalized, folded } = searchKeysOf(entity);
    return normalized.includes(query) || folded.includes(foldedQuery) ? 0
      : normalized.some((key) => key.startsWith(query)) || folded.some((key) => key.startsWith(foldedQuery)) ? 1 : 2;
  };
  const ranks = new Map(hits.map((entity) => [entity.id, rank(entity)]));
  hits.sort((a, b) => ranks.get(a.id) - ranks.get(b.id));
  searchHits = hits;
  if (isOverview) placeLabels();
  // Each name isolated: one with a bidi override of its own must not reverse the names after it,
  // nor the words of the line. Ten named at most, so the controls stay in view.
  const named = hits.slice(0, 10).map((e) => isolated(drawnLabel(e, state.language)));
  if (hits.length > named.length) named.push(t().more(hits.length - named.length));
  byId('search-result').textContent = query ? `${t().found(hits.length)}${hits.length ? ': ' + named.join(' · ') + ' · ' + t().enterGoesTo : ''}` : '';
}

/** Enter in the search field: the next entity found is selected and the view goes to it. */
function goToNextHit() {
  if (searchHits.length === 0) return;
  searchCursor = (searchCursor + 1) % searchHits.length;
  const entity = searchHits[searchCursor];
  select({ entity: entity.id });
  goTo(entity);
  // Stacked, the graph may be a screen below the search field: brought into view.
  if (stacked.matches) byId('canvas').scrollIntoView({ block: 'nearest' });
}

const years = (() => {
  // From the earliest date of a claim to the latest date of a claim or a citation.
  const all = claims.flatMap((claim) => [claim.start, claim.end, ...claim.citations.map((citation) => citation.publicSince)])
    .filter(Boolean).map((date) => Number(date.slice(0, 4)));
  if (all.length === 0) return [];
  const list = [];
  for (let year = Math.min(...all); year <= Math.max(...all); year++) list.push(year);
  return list;
})();

function fillControls() {
  const statuses = byId('statuses');
  statuses.replaceChildren();
  for (const status of context.statuses) {
    const box = html('input', { type: 'checkbox', value: status.id });
    box.checked = state.statuses.has(status.id);
    box.addEventListener('change', () => { box.checked ? state.statuses.add(status.id) : state.statuses.delete(status.id); update(); });
    statuses.append(html('label', {}, box, ` ${state.language === 'ar' ? status.ar : status.en}`));
  }
  const families = byId('families');
  families.replaceChildren();
  for (const family of context.families) {
    const box = html('input', { type: 'checkbox', value: family.id });
    box.checked = state.families.has(family.id);
    box.addEventListener('change', () => { box.checked ? state.families.add(family.id) : state.families.delete(family.id); update(); });
    families.append(html('label', {}, box, ' ', html('span', { class: 'swatch', style: `color:${family.color}` }), family[state.language]));
  }
  const fillSelect = (id, values, current) => {
    const select = byId(id);
    select.replaceChildren(html('option', { value: '' }, t().any), ...values.map((value) => html('option', { value: String(value) }, String(value))));
    select.value = current === null ? '' : String(current);
  };
  fillSelect('min-reliability', reliabilities, state.minReliability);
  fillSelect('min-credibility', [1, 2, 3, 4, 5, 6], state.minCredibility);
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t()[node.dataset.text];
  for (const node of document.querySelectorAll('[data-label]')) node.setAttribute('aria-label', t()[node.dataset.label]);
  byId('canvas').setAttribute('aria-label', t().canvas);
  // An example from the data's own years, not the seed's.
  byId('known-by').placeholder = years.length ? String(years[years.length - 1]) : 'YYYY';
  const slider = byId('as-of');
  slider.max = String(years.length);
  showAsOf();
}

function showAsOf() {
  const slider = byId('as-of');
  const text = state.asOf ? String(state.asOf.year) : t().anyTime;
  byId('as-of-value').textContent = text;
  slider.setAttribute('aria-valuetext', text);
}

function setLanguage(language) {
  state.language = language;
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
  const title = language === 'ar' && context.titleAr.length ? context.titleAr : context.title;
  byId('title').textContent = title[0] || '';
  document.title = title[0] || 'Isnad';
  byId('subtitle').textContent = title.slice(1).join(' · ') || t().caveat;
  fillControls();
  relabel();
  inReadingOrder();
  renderLegend();
  update();
}

function update() {
  applyFilters();
  drawEdges();
  renderDetails();
  runSearch();
}

function bindControls() {
  byId('language').addEventListener('change', (event) => setLanguage(event.target.value));
  byId('search').addEventListener('input', (event) => { state.search = event.target.value; runSearch(); });
  byId('search').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); goToNextHit(); }
  });
  for (const radio of document.querySelectorAll('input[name=mode]')) {
    radio.addEventListener('change', () => { state.mode = radio.value; state.selected = state.selected?.list ? state.selected : null; update(); });
  }
  byId('min-reliability').addEventListener('change', (event) => { state.minReliability = event.target.value || null; update(); });
  byId('min-credibility').addEventListener('change', (event) => { state.minCredibility = event.target.value ? Number(event.target.value) : null; update(); });
  byId('as-of').addEventListener('input', (event) => {
    const index = Number(event.target.value);
    state.asOf = index === 0 ? null : parseDate(String(years[index - 1]).padStart(4, '0'));
    showAsOf();
    update();
  });
  byId('known-by').addEventListener('input', (event) => {
    const typed = event.target.value.trim();
    // A year that reads as a Hijri or Persian one is refused, as on the command line, not taken
    // for a Gregorian year that leaves nothing known; like any text that is no date, it sets no
    // date, and the graph stays as it is without one.
    const refusal = dateRefusal(typed);
    event.target.setAttribute('aria-invalid', String(refusal !== null));
    byId('known-by-error').textContent = refusal ?? '';
    state.knownBy = refusal === null && typed !== '' ? parseDate(withWesternDigits(typed)) : null;
    update();
  });
}

// Tests call these rules directly.
window.isnad = { parseDate, dateRefusal, firstDay, lastDay, heldAsOf, knownBy, evidence, weigh, normalizeName, foldName, consonantKey, consonantKeys, transcriptionKey, pairOf, visible: () => visible };

drawMarkers();
drawNodes();
bindPanZoom();
bindTargets();
bindControls();
byId('language').value = state.language;
setLanguage(state.language);
fit();
window.addEventListener('resize', fit);
