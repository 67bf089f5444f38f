// Whether a licence string names a free software licence. Catalogue data is free text ("GPLv3",
// "AGPL-3.0-or-later", "Apache 2.0", "MIT/X11"), so this recognises licence families rather than
// exact SPDX ids; anything unknown or empty counts as not free, since the constraint must hold.

/** Source-available or proprietary markers that win over any free family named beside them. */
const NOT_FREE = /PROPRIETARY|PROPRI[EÉ]TAIRE|SSPL|BUSL|BUSINESS SOURCE|COMMONS CLAUSE|ELASTIC|NON[- ]?COMMERCIAL|\bNC\b|SHAREWARE|FREEWARE|CLOSED/;

/** Families of licences approved by the FSF or the OSI (the ones seen on CHATONS and LibreHosters). */
const FREE = /\b(A?GPL|LGPL|GNU|MPL|MOZILLA|EUPL|APACHE|MIT|X11|EXPAT|BSD|0BSD|ISC|CECILL|ARTISTIC|ZLIB|UNLICENSE|CC0|WTFPL|PUBLIC DOMAIN|EPL|ECLIPSE|OSL|AFL|PHP|PYTHON|PSF|BSL-1\.0|BOOST|ZPL|ZOPE|MS-PL|NCSA|POSTGRESQL|OPENSSL|RUBY|LPPL|ODBL|CC-BY(?!-NC)|CC BY(?! NC)|OFL|HPND|UPL|VIM|FREE SOFTWARE|LOGICIEL LIBRE|LIBRE)/;

function classify(license: string): boolean {
  const l = license.toUpperCase();
  if (NOT_FREE.test(l)) return false;
  return FREE.test(l);
}

// A catalogue names a few dozen licences over hundreds of offers, and matching asks for each offer:
// remember the answers (bounded, in case of a catalogue of free-text oddities).
const known = new Map<string, boolean>();
const KNOWN_MAX = 1024;

export function isFreeLicense(license: string | null | undefined): boolean {
  if (!license) return false;
  let free = known.get(license);
  if (free === undefined) {
    free = classify(license);
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(license, free);
  }
  return free;
}
