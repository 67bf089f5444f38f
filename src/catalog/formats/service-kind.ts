// Guesses which kind of service a ChatonsInfos or LibreHosters entry offers. Neither format has a
// "kind": we look at the software first (Sympa is a mailing list, whatever the service is called),
// then at the service's name and description. A guess from free text is flagged not confident so
// the importer warns and a steward can check it.
import { serviceKindSchema, type ServiceKind } from "../model";

export interface KindGuess {
  kind: ServiceKind;
  /** True when an explicit kind or a known software name decided; false for keyword or no match. */
  confident: boolean;
  /** Why, in a few words, for the import warnings. */
  reason: string;
}

export interface KindClues {
  /** `chatiere.service.kind` or the LibreHosters `serviceType`: always wins when well formed. */
  explicit?: string | null;
  software?: string | null;
  name?: string | null;
  description?: string | null;
}

interface Rule {
  kind: ServiceKind;
  words: string[];
  /** Words too common in prose (Element, Matrix, Bind…): trusted only as the software's name. */
  softwareOnly?: string[];
}

// A software name decides by rule order (first rule wins); prose keywords by position, see below.
const SOFTWARE: Rule[] = [
  { kind: "mailing_list", words: ["sympa", "mailman", "mlmmj", "schleuder"] },
  {
    kind: "mailbox",
    words: ["postfix", "dovecot", "roundcube", "sogo", "rainloop", "snappymail", "mailcow", "iredmail", "modoboa", "stalwart", "cyrus imap", "exim"],
  },
  { kind: "cloud_storage", words: ["nextcloud", "owncloud", "seafile", "pydio"] },
  { kind: "dns_hosting", words: ["powerdns", "pdns", "bind9", "knot dns", "knot-dns", "nsd"], softwareOnly: ["bind", "knot"] },
  { kind: "domain_registration", words: ["gandi", "registrar"] },
  { kind: "collaborative_editing", words: ["etherpad", "hedgedoc", "codimd", "cryptpad", "onlyoffice", "collabora"] },
  { kind: "video_conferencing", words: ["jitsi", "bigbluebutton", "galene", "galène"] },
  {
    kind: "chat",
    words: ["mattermost", "xmpp", "prosody", "ejabberd", "rocket.chat", "rocketchat", "zulip", "movim", "synapse", "dendrite"],
    softwareOnly: ["matrix", "element", "conduit"],
  },
  {
    kind: "web_hosting",
    words: ["nginx", "lighttpd", "caddy", "spip", "wordpress", "drupal", "joomla", "ispconfig", "alternc", "froxlor", "hestiacp", "apache httpd"],
    softwareOnly: ["apache", "grav"],
  },
];

// French first (CHATONS files are in French), then English and Dutch; accents are ignored.
const KEYWORDS: Rule[] = [
  {
    kind: "mailing_list",
    words: ["liste de diffusion", "listes de diffusion", "liste de discussion", "listes de discussion", "mailing list", "mailing lists"]
      .concat(["mailinglist", "mailinglijst", "mailinglijsten"]),
  },
  {
    kind: "mail_alias",
    words: ["alias", "aliases", "redirection", "redirections", "redirection de courriel", "mail forwarding", "forwarding", "doorsturen"],
  },
  { kind: "chat", words: ["messagerie instantanee", "tchat", "chat", "instant messaging"] },
  {
    kind: "video_conferencing",
    words: ["visioconference", "visio", "videoconference", "video conference", "videoconferentie", "webinaire"],
  },
  {
    kind: "collaborative_editing",
    words: ["pad", "pads", "edition collaborative", "collaborative editing", "traitement de texte collaboratif"],
  },
  { kind: "domain_registration", words: ["nom de domaine", "noms de domaine", "domain name", "domain names", "domeinnaam", "domeinnamen"] },
  { kind: "dns_hosting", words: ["dns", "zone dns", "serveur dns"] },
  {
    kind: "web_hosting",
    words: ["hebergement web", "hebergement de site", "hebergement de sites", "hebergement mutualise", "web hosting", "webhosting"]
      .concat(["webhebergement", "site web", "sites web", "website hosting"]),
  },
  { kind: "cloud_storage", words: ["stockage", "partage de fichiers", "file sharing", "cloud", "drive", "opslag"] },
  {
    kind: "mailbox",
    words: ["courriel", "courriels", "e-mail", "email", "webmail", "messagerie", "boite mail", "boites mail", "boite aux lettres"]
      .concat(["mailbox", "mailboxes", "mail"]),
  },
];

/** Lowercase, accents removed, so "Hébergement" and "hebergement" match alike. */
export function normalizeText(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** Where `word` first occurs in `text` as a whole word, or -1. */
function indexOfWord(text: string, word: string): number {
  const w = normalizeText(word).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.search(new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, "u"));
}

interface Hit {
  kind: ServiceKind;
  word: string;
  at: number;
}

/** The rule order decides between software names (one software is one kind). */
function firstSoftware(text: string, asSoftware: boolean): Hit | null {
  for (const rule of SOFTWARE) {
    const words = asSoftware ? [...rule.words, ...(rule.softwareOnly ?? [])] : rule.words;
    for (const word of words) {
      const at = indexOfWord(text, word);
      if (at >= 0) return { kind: rule.kind, word, at };
    }
  }
  return null;
}

/** In prose the word said first names the service ("Boîte mail avec alias" is a mailbox);
 *  on a tie the longer phrase wins ("messagerie instantanée" over "messagerie"). */
function earliestKeyword(text: string): Hit | null {
  let best: Hit | null = null;
  for (const rule of [...KEYWORDS, ...SOFTWARE]) {
    for (const word of rule.words) {
      const at = indexOfWord(text, word);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && word.length > best.word.length)) best = { kind: rule.kind, word, at };
    }
  }
  return best;
}

export function inferServiceKind(clues: KindClues): KindGuess {
  const explicit = clues.explicit?.trim().toLowerCase();
  if (explicit && serviceKindSchema.safeParse(explicit).success) {
    return { kind: explicit, confident: true, reason: "declared explicitly" };
  }
  const software = normalizeText(clues.software ?? "");
  const name = normalizeText(clues.name ?? "");
  const description = normalizeText(clues.description ?? "");

  const bySoftware = software && firstSoftware(software, true);
  if (bySoftware) return { kind: bySoftware.kind, confident: true, reason: `software "${clues.software?.trim()}"` };
  // A known software named in the service's name ("Pad Etherpad", "Nextcloud") is as good a sign.
  const byNamedSoftware = name && firstSoftware(name, false);
  if (byNamedSoftware) return { kind: byNamedSoftware.kind, confident: true, reason: `"${byNamedSoftware.word}" in the service name` };

  for (const [text, where] of [
    [name, "service name"],
    [description, "description"],
  ] as const) {
    const hit = text && earliestKeyword(text);
    if (hit) return { kind: hit.kind, confident: false, reason: `keyword "${hit.word}" in the ${where}` };
  }
  return { kind: "other", confident: false, reason: "no known software or keyword" };
}
